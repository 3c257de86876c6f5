/// <reference types="office-js" />
/**
 * Inserting the returns of picked files as sheets of the open workbook, never touching a sheet that is
 * there. An xlsx keeps its formatting where the host can (`workbook.insertWorksheetsFromBase64`, ExcelApi
 * 1.13, one file a sync, its base64 counted against the request budget); otherwise — a CSV, an older host,
 * a file too big for one request, or a sheet whose own name is taken (what Excel does then is not
 * documented, so it is never relied on) — its values are written through the grid, in blocks within the
 * budget. Every new sheet is named after its file (`阳光社区`, or `阳光社区·Sheet2` for a workbook of
 * several sheets), cleaned of []:*?/\ and made unique within 31 characters.
 */
import type { SheetGrid } from '../core/grid.js';
import { boxAddress } from './addresses.js';
import { Batch, jsonBytes, requestBytes, REQUEST_BUDGET } from './budget.js';
import { freeSheetName } from './ownSheets.js';
import { loadNames } from './read.js';
import { cellsOf } from './returnSheets.js';
import { learnAdded, type Session } from './session.js';
import { ExcelRefusal, type FileSheets, type InsertedSheet } from './types.js';

/** A sheet name from a file path and a sheet: the file's base name, without the characters Excel refuses. */
export function sheetNameFor(file: string, sheet: string, sheetsInFile: number): string {
  const base = file.slice(file.lastIndexOf('/') + 1).replace(/ \(\d+\)$/, '').replace(/\.[^.]+$/, '');
  const raw = sheetsInFile > 1 ? `${base}·${sheet}` : base;
  const clean = raw.replace(/[[\]:*?/\\]/g, '_').replace(/^'+|'+$/g, '').trim();
  return (clean || 'Sheet').slice(0, 31);
}

/** Base64 of bytes, in chunks (a spread of a big array would overflow the call stack). */
function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** Bytes of one block of rows written by value at a time. */
const BLOCK_BYTES = 1024 * 1024;

async function writeValues(batch: Batch, sheets: Excel.WorksheetCollection, name: string, grid: SheetGrid): Promise<void> {
  await batch.add(requestBytes(1, name), () => void sheets.add(name));
  const width = Math.max(1, ...grid.values.map((r) => r.length));
  const { values, formats } = cellsOf(grid, width);
  const r0 = grid.origin?.row ?? 0;
  const c0 = grid.origin?.col ?? 0;
  for (let start = 0; start < values.length; ) {
    let end = start;
    let bytes = 0;
    while (end < values.length && (end === start || bytes < BLOCK_BYTES)) bytes += jsonBytes(values[end]) + jsonBytes(formats[end++]);
    const at = boxAddress(r0 + start, c0, r0 + end - 1, c0 + width - 1);
    const v = values.slice(start, end);
    const f = formats.slice(start, end);
    await batch.add(requestBytes(3) + bytes, () => {
      const range = sheets.getItem(name).getRange(at);
      range.numberFormat = f;
      range.values = v;
    });
    start = end;
  }
  for (const m of grid.merges ?? []) {
    await batch.add(requestBytes(2), () => void sheets.getItem(name).getRange(boxAddress(m.top + r0, m.left + c0, m.bottom + r0, m.right + c0)).merge());
  }
}

export async function insertFiles(context: Excel.RequestContext, session: Session, files: readonly FileSheets[]): Promise<InsertedSheet[]> {
  const wb = context.workbook;
  const structure = session.host.isSetSupported('ExcelApi', '1.7') ? wb.protection.load('protected') : null;
  const k = await loadNames(context, session);
  if (structure?.protected) throw new ExcelRefusal('workbook_protected');
  const canInsert = session.host.isSetSupported('ExcelApi', '1.13');
  const taken = [...k.names];
  const isTaken = (n: string): boolean => taken.some((t) => t.toLowerCase() === n.toLowerCase());
  const out: InsertedSheet[] = [];
  const sheets = wb.worksheets;
  for (const f of files) {
    const base64 = canInsert && f.xlsx ? toBase64(f.bytes) : null;
    // The formatted insert carries the whole file: only when it fits one request on its own.
    const fits = base64 !== null && requestBytes(1 + 2 * f.sheets.length, base64) <= REQUEST_BUDGET;
    // Each inserted sheet arrives under its own name first, then is renamed: that name must be free.
    const sourceNames = f.sheets.map((g) => g.name);
    const formatted = fits ? f.sheets.filter((g) => !isTaken(g.name)) : [];
    const targets = f.sheets.map((g) => {
      const name = freeSheetName(sheetNameFor(f.file, g.name, f.sheets.length), [...taken, ...sourceNames.filter((s) => s !== g.name)]);
      taken.push(name);
      return name;
    });
    if (formatted.length) {
      // One request for this file: the insert, then each new sheet renamed to its target name.
      wb.insertWorksheetsFromBase64(base64!, { sheetNamesToInsert: formatted.map((g) => g.name), positionType: 'End' });
      for (const g of formatted) {
        const target = targets[f.sheets.indexOf(g)]!;
        if (target !== g.name) sheets.getItem(g.name).name = target;
      }
      await context.sync();
    }
    const batch = new Batch(context);
    for (const [i, g] of f.sheets.entries()) {
      const done = formatted.includes(g);
      if (!done) await writeValues(batch, sheets, targets[i]!, g);
      out.push({ file: f.file, sheet: g.name, name: targets[i]!, formatted: done });
    }
    await batch.flush();
    for (const t of targets) learnAdded(session, t);
  }
  return out;
}
