/// <reference types="office-js" />
/** Listing the user's sheets, selecting a cell, and inserting a blank return (a grid or a copy). */
import type { SheetGrid } from '../core/grid.js';
import { boxAddress } from './addresses.js';
import { isOwn, MARKS_SHEET, ownSheets, queueMarkersLoad } from './ownSheets.js';
import { loadNames } from './read.js';
import { learnAdded, type Session } from './session.js';
import { TEXT_FORMAT } from './textFormats.js';
import type { NewReturnSheet } from './types.js';

/** Visible sheet names in tab order, without the add-in's own; one sync. */
export async function visibleSheets(context: Excel.RequestContext, session: Session): Promise<string[]> {
  const sheets = context.workbook.worksheets;
  sheets.load('items/name,items/visibility');
  const markers = queueMarkersLoad(context);
  await context.sync();
  const names = sheets.items.map((s) => s.name);
  const own = ownSheets(markers, names);
  session.known = { names, own, record: names.includes(MARKS_SHEET) ? (session.known?.record ?? undefined) : null };
  return sheets.items.filter((s) => s.visibility === 'Visible' && !isOwn(own, s.name)).map((s) => s.name);
}

export async function select(context: Excel.RequestContext, sheet: string, cell: string): Promise<void> {
  const ws = context.workbook.worksheets.getItem(sheet);
  ws.activate();
  ws.getRange(cell).select();
  await context.sync();
}

/** A name no sheet has (ignoring case): `填报表`, `填报表2`… within 31 characters. */
function uniqueName(base: string, names: readonly string[]): string {
  const taken = new Set(names.map((n) => n.toLowerCase()));
  const b = base.slice(0, 28);
  let unique = b;
  for (let n = 2; taken.has(unique.toLowerCase()); n++) unique = `${b.slice(0, 27)}${n}`;
  return unique;
}

/** Rows of the grid to write: formulas where there are, values otherwise; text cells formatted as text. */
export function cellsOf(grid: SheetGrid, width: number): { values: (string | number | boolean)[][]; formats: string[][] } {
  const values = grid.values.map((r, i) => Array.from({ length: width }, (_, j) => grid.formulas?.[i]?.[j] ?? r[j] ?? ''));
  const formats = values.map((r, i) =>
    r.map((v, j) => (grid.formulas?.[i]?.[j] ? 'General' : typeof v === 'string' && v !== '' ? TEXT_FORMAT : (grid.numberFormats?.[i]?.[j] ?? 'General'))),
  );
  return { values, formats };
}

export async function insertReturn(context: Excel.RequestContext, session: Session, input: NewReturnSheet, name?: string): Promise<string> {
  const sheets = context.workbook.worksheets;
  const k = await loadNames(context, session);
  const unique = uniqueName(name ?? (input.grid ? input.grid.name : input.copyOf), k.names);
  if (input.copyOf !== undefined) {
    const copy = sheets.getItem(input.copyOf).copy('End' as Excel.WorksheetPositionType);
    copy.name = unique;
    copy.activate();
    await context.sync();
    learnAdded(session, unique);
    return unique;
  }
  const grid = input.grid;
  const ws = sheets.add(unique);
  const width = Math.max(1, ...grid.values.map((r) => r.length));
  if (grid.values.length) {
    const { values, formats } = cellsOf(grid, width);
    const range = ws.getRange(boxAddress(0, 0, values.length - 1, width - 1));
    range.numberFormat = formats;
    range.values = values;
  }
  for (const m of grid.merges ?? []) ws.getRange(boxAddress(m.top, m.left, m.bottom, m.right)).merge();
  ws.getRange(boxAddress(0, 0, 0, 0)).format.font.bold = true;
  ws.activate();
  await context.sync();
  learnAdded(session, unique);
  return unique;
}
