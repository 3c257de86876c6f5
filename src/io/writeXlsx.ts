import ExcelJS from 'exceljs';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import type { SheetGrid } from '../core/grid.js';
import type { OutputTable, TableSource } from '../core/output/tables.js';
import { tablesToXlsx, xlsxChunks, type XlsxOptions } from './xlsxTables.js';

// A fixed timestamp for the workbook's properties and zip entries: re-running on the same input must
// give byte-identical files (exceljs stamps "now" into both).
const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));
// Zip entry times are DOS local date-time fields taken from the Date's local parts: built from local parts,
// they are the same in every time zone.
const ZIP_TIME = new Date(2000, 0, 1);

/** Writes plain grids (the blank return, the template's own sheets) with their merges. */
export function addGridSheet(wb: ExcelJS.Workbook, g: SheetGrid, widths: number[] = []): void {
  const ws = wb.addWorksheet(g.name);
  g.values.forEach((row, r) => {
    row.forEach((v, c) => {
      if (v === null) return;
      const cell = ws.getCell(r + 1, c + 1);
      cell.value = v;
      const fmt = g.numberFormats?.[r]?.[c];
      if (fmt) cell.numFmt = fmt;
    });
  });
  for (const m of g.merges ?? []) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
}

/** Serialises a workbook deterministically (fixed dates, fixed zip entry times). */
export async function workbookBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  wb.creator = 'Community Returns';
  wb.lastModifiedBy = 'Community Returns';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  const raw = new Uint8Array(await wb.xlsx.writeBuffer());
  const files = unzipSync(raw);
  const out: Zippable = {};
  for (const name of Object.keys(files).sort()) out[name] = [files[name]!, { mtime: ZIP_TIME }];
  return zipSync(out, { level: 6 });
}

/** summary.xlsx: streamed by xlsxTables.ts (exceljs runs out of memory on a city-year's 明细). */
export function outputWorkbook(tables: readonly (OutputTable | TableSource)[], opts: XlsxOptions = {}): Promise<Uint8Array> {
  return tablesToXlsx(tables, opts);
}

/** summary.xlsx as zip bytes that come as the sheets are written (the command line streams them to the file). */
export function outputWorkbookChunks(tables: readonly (OutputTable | TableSource)[], opts: XlsxOptions = {}): AsyncGenerator<Uint8Array> {
  return xlsxChunks(tables, opts);
}
