/// <reference types="office-js" />
/**
 * The record of a marking, kept on the very hidden sheet CR_Marks: per marked cell, the fill it had, the
 * colour written and whether a note or comment was added — and a formula referring to the cell, which
 * Excel keeps pointing at it when rows or columns are inserted or deleted (or the sheet renamed), so
 * 清除标记 finds the cell where it is now, or learns that it was deleted (#REF!).
 */
import { boxAddress, qualify, referenceOf } from './addresses.js';
import { MARKS_SHEET } from './ownSheets.js';
import type { NoteKind } from './types.js';

export interface MarkRecord {
  /** Where the cell was marked (for the account of what could not be restored). */
  sheet: string;
  cell: string;
  /** Fill before marking: '' for none, else `color|pattern|patternColor|tintAndShade` (see `encodeFill`). */
  fill: string;
  /** The colour the add-in wrote (restored only if the cell still has it). */
  mark: string;
  note: NoteKind;
  /** Where the cell is now, from the reference formula; null when it was deleted. */
  at: { sheet: string; cell: string } | null;
}

const HEADER = ['sheet', 'cell', 'fill', 'mark', 'note', 'ref'];
const WIDTH = HEADER.length;

/** Parses the record's `formulas` (text cells read as their text, the reference column as its formula). */
export function parseRecord(formulas: unknown[][]): MarkRecord[] {
  return formulas.slice(1).map((r) => {
    const sheet = String(r[0] ?? '');
    const cell = String(r[1] ?? '');
    const ref = String(r[5] ?? '');
    return {
      sheet,
      cell,
      fill: String(r[2] ?? ''),
      mark: String(r[3] ?? ''),
      note: String(r[4] || 'none') as NoteKind,
      // A record written before references were kept points at the cell as written.
      at: ref === '' ? { sheet, cell } : referenceOf(ref),
    };
  });
}

/** The record's used range, its formulas loaded. */
export function queueRecordLoad(context: Excel.RequestContext): Excel.Range {
  const used = context.workbook.worksheets.getItem(MARKS_SHEET).getUsedRangeOrNullObject(true);
  used.load('formulas');
  return used;
}

/**
 * Writes `records` on the record sheet (`ws`), replacing what it held (`previousRows` rows): text as text
 * ("@"), the reference column General so that its formulas stay formulas. The old rows are overwritten
 * in one operation and only the rows past the new end cleared after it, so a batch failing on the way
 * leaves a whole record, never none.
 */
export function queueRecordWrite(ws: Excel.Worksheet, records: readonly Omit<MarkRecord, 'at'>[], previousRows: number): void {
  const rows = [HEADER, ...records.map((r) => [r.sheet, r.cell, r.fill, r.mark, r.note, `=${qualify(r.sheet, absolute(r.cell))}`])];
  const range = ws.getRange(boxAddress(0, 0, rows.length - 1, WIDTH - 1));
  range.numberFormat = rows.map((_, i) => [...Array(WIDTH - 1).fill('@'), i === 0 ? '@' : 'General']);
  range.values = rows;
  if (previousRows > rows.length) ws.getRange(boxAddress(rows.length, 0, previousRows - 1, WIDTH - 1)).clear();
}

/** Request bytes of writing these records (arguments only; the caller adds the operations). */
export const recordBytes = (records: readonly Omit<MarkRecord, 'at'>[]): number =>
  records.reduce((n, r) => n + 3 * (r.sheet.length * 2 + r.cell.length + r.fill.length + 40) + 60, 200);

const absolute = (cell: string): string => cell.replace(/^([A-Z]+)(\d+)$/i, '$$$1$$$2');

/** A fill as recorded: '' for none; else the colour, and with ExcelApi 1.9 the pattern, its colour and the tint. */
export interface Fill {
  color: string;
  pattern?: string;
  patternColor?: string;
  tint?: number;
}

export function encodeFill(f: Fill | null): string {
  if (!f) return '';
  if (!f.pattern || (f.pattern === 'Solid' && !f.tint)) return f.color;
  return [f.color, f.pattern, f.patternColor ?? '', String(f.tint ?? 0)].join('|');
}

export function decodeFill(s: string): Fill | null {
  if (!s) return null;
  const [color, pattern, patternColor, tint] = s.split('|');
  return pattern ? { color: color!, pattern, patternColor: patternColor || undefined, tint: Number(tint) || 0 } : { color: color! };
}
