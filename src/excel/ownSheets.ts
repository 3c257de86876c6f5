/// <reference types="office-js" />
/**
 * The add-in's own sheets are recognised by a marker it controls, never by their name: a workbook-scoped
 * defined name `CR_OUT_<key>` referring to the sheet's A1, with the sheet's name as it was written in the
 * name's comment. Excel keeps the reference pointing at the sheet when it is renamed, so a sheet whose
 * name no longer matches the comment was renamed by the user (kept, e.g. last month's 汇总) and is the
 * user's from then on; a sheet the marker does not point at (a user's own 汇总) is never touched.
 */
import { qualify } from './addresses.js';

export const MARKER_PREFIX = 'CR_OUT_';
/** Hidden sheet that remembers what marking changed, so 清除标记 can undo exactly that. */
export const MARKS_SHEET = 'CR_Marks';
/** The key of the native charts' sheet among the markers. */
export const CHARTS_KEY = 'Charts';

export interface OwnSheets {
  /** Sheet name → marker key (an output table's name, or `Charts`). */
  byName: Map<string, string>;
  /** Marker key → the sheet it marks. */
  byKey: Map<string, string>;
  /** Markers that no longer mark a sheet of the add-in (sheet deleted or renamed by the user). */
  stale: string[];
}

export function queueMarkersLoad(context: Excel.RequestContext): Excel.NamedItemCollection {
  const names = context.workbook.names;
  names.load('items/name,items/formula,items/comment');
  return names;
}

/** The sheet a marker's formula points at now (`='汇总'!$A$1` → 汇总); null when deleted (#REF!). */
function sheetOf(formula: string): string | null {
  const m = /^=(?:'((?:[^']|'')+)'|([^'!#]+))!/.exec(formula);
  return m ? (m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]!) : null;
}

export function ownSheets(names: Excel.NamedItemCollection, sheets: readonly string[]): OwnSheets {
  const own: OwnSheets = { byName: new Map(), byKey: new Map(), stale: [] };
  const exists = new Set(sheets);
  for (const item of names.items) {
    if (!item.name.startsWith(MARKER_PREFIX)) continue;
    const key = item.name.slice(MARKER_PREFIX.length);
    const sheet = sheetOf(String(item.formula ?? ''));
    if (sheet !== null && sheet === item.comment && exists.has(sheet)) {
      own.byName.set(sheet, key);
      own.byKey.set(key, sheet);
    } else own.stale.push(key);
  }
  return own;
}

/** Marks `sheet` as the add-in's sheet for `key` (the old marker, if any, must be deleted first). */
export function queueMarker(context: Excel.RequestContext, key: string, sheet: string): void {
  context.workbook.names.add(`${MARKER_PREFIX}${key}`, `=${qualify(sheet, '$A$1')}`, sheet);
}

export function queueUnmark(context: Excel.RequestContext, key: string): void {
  context.workbook.names.getItem(`${MARKER_PREFIX}${key}`).delete();
}

/** Sheets the add-in never reads as returns: its marked sheets and its hidden record. */
export const isOwn = (own: OwnSheets | undefined, name: string): boolean => name === MARKS_SHEET || !!own?.byName.has(name);

/** `汇总`, else `汇总(2)`, `汇总(3)`… — the first name no sheet has (ignoring case), within 31 characters. */
export function freeSheetName(wanted: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map((n) => n.toLowerCase()));
  if (!used.has(wanted.toLowerCase())) return wanted;
  for (let n = 2; ; n++) {
    const suffix = `(${n})`;
    const name = `${wanted.slice(0, 31 - suffix.length)}${suffix}`;
    if (!used.has(name.toLowerCase())) return name;
  }
}

/** `CR_Summary`, else `CR_Summary_2`… — the first name no table or defined name has (one namespace in Excel). */
export function freeTableName(wanted: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map((n) => n.toLowerCase()));
  if (!used.has(wanted.toLowerCase())) return wanted;
  for (let n = 2; ; n++) if (!used.has(`${wanted}_${n}`.toLowerCase())) return `${wanted}_${n}`;
}
