import ExcelJS from 'exceljs';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import type { SheetGrid } from '../core/grid.js';
import type { OutputTable } from '../core/output/tables.js';

// A fixed timestamp for the workbook's properties and zip entries: re-running on the same input must
// give byte-identical files (exceljs stamps "now" into both).
const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));

const FILL = { subtotal: 'FFF2F2F2', total: 'FFDDEBF7' } as const;

/** Writes output tables as sheets, each an Excel table with number formats and a frozen header. */
export function addOutputTable(wb: ExcelJS.Workbook, t: OutputTable): void {
  const ws = wb.addWorksheet(t.sheet, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }],
    // Statisticians print the summary for the meeting: landscape, all columns on one page width.
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.pageSetup.printTitlesRow = '1:1';
  ws.addTable({
    name: t.tableName,
    ref: 'A1',
    headerRow: true,
    style: { theme: 'TableStyleMedium2', showRowStripes: true },
    columns: t.columns.map((c) => ({ name: c.header, filterButton: true })),
    rows: t.rows.length ? t.rows.map((r) => r.map((v) => (v === null ? '' : v))) : [t.columns.map(() => '')],
  });
  t.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    if (c.width) col.width = c.width;
    if (c.numFmt) col.numFmt = c.numFmt;
  });
  t.kinds.forEach((kind, i) => {
    if (kind !== 'subtotal' && kind !== 'total') return;
    const row = ws.getRow(i + 2);
    row.eachCell((cell) => {
      cell.font = { ...cell.font, name: cell.font?.name ?? 'Calibri', size: cell.font?.size ?? 11, bold: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL[kind] } };
    });
  });
}

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
  for (const name of Object.keys(files).sort()) out[name] = [files[name]!, { mtime: FIXED_DATE }];
  return zipSync(out, { level: 6 });
}

export async function outputWorkbook(tables: readonly OutputTable[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const t of tables) addOutputTable(wb, t);
  return workbookBytes(wb);
}
