import ExcelJS from 'exceljs';
import type { CellRange, CellValue, SheetGrid, WorkbookGrids } from '../core/grid.js';
import { isOwnOutput } from './ownOutput.js';

/** Thrown (as a rejection) when the bytes are not a workbook; `readInputs` turns it into a problem. */
export class UnreadableFileError extends Error {
  override name = 'UnreadableFileError';
}

const MS_PER_DAY = 86_400_000;
/** 1899-12-30, day 0 of Excel's 1900 date system (after its 1900-02-29 bug). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** JS Date → Excel serial number in the 1900 system (what `range.values` gives for a date cell). */
export function excelSerial(d: Date): number {
  return (d.getTime() - EXCEL_EPOCH_MS) / MS_PER_DAY;
}

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

/**
 * Reads an .xlsx/.xlsm into grids shaped like Excel's `range.values` from A1: a merged area's value is
 * in its top-left cell only, a formula gives its cached result, a date gives its serial number, an
 * error gives its text (`#DIV/0!`). Hidden sheets are included, because a statistician may hide a sheet
 * to tidy the workbook without meaning it is not a return; chart sheets hold no cells and are skipped
 * (exceljs does not load them at all).
 *
 * Rejects with {@link UnreadableFileError} when the bytes are not a readable workbook.
 */
export async function readXlsx(bytes: Uint8Array, file: string): Promise<WorkbookGrids> {
  if (OLE_MAGIC.every((b, i) => bytes[i] === b)) {
    throw new UnreadableFileError('这是旧版 .xls 或加密的工作簿，请在 Excel 中另存为 .xlsx（old .xls or password-protected workbook）');
  }
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new UnreadableFileError('不是有效的 xlsx 文件（not a zip/xlsx file）');
  }
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs is typed for Buffer but hands the bytes to JSZip, which takes any Uint8Array.
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw new UnreadableFileError(`xlsx 文件已损坏，无法打开（${e instanceof Error ? e.message : String(e)}）`);
  }
  const book: WorkbookGrids = { file, sheets: wb.worksheets.map(readSheet) };
  if (isOwnOutput(bytes)) book.ownOutput = true;
  return book;
}

function readSheet(ws: ExcelJS.Worksheet): SheetGrid {
  const values: CellValue[][] = [];
  let formulas: (string | null)[][] | undefined;
  const numberFormats: (string | null)[][] = [];

  // One pass over the stored cells only; every getter is read once per cell.
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const r = rowNumber - 1;
    const vals: CellValue[] = [];
    const fmts: (string | null)[] = [];
    let rowFormulas: (string | null)[] | undefined;
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      const c = colNumber - 1;
      const type = cell.type;
      if (type === ExcelJS.ValueType.Merge) return; // only a merge's top-left cell holds the value
      let numFmt: string | null = cell.numFmt || null;
      let v: CellValue;
      if (type === ExcelJS.ValueType.Formula) {
        const f = cell.formula;
        if (f) {
          rowFormulas ??= [];
          rowFormulas[c] = '=' + f;
        }
        v = convert(cell.result);
      } else {
        v = convert(cell.value);
      }
      if (v === null) {
        if (rowFormulas?.[c] === undefined) return;
      } else if (typeof v === 'number' && !numFmt && isDateValue(type, cell)) {
        numFmt = 'yyyy-mm-dd';
      }
      vals[c] = v;
      fmts[c] = numFmt;
    });
    if (vals.length === 0 && !rowFormulas) return;
    values[r] = densify(vals, vals.length);
    numberFormats[r] = densify(fmts, vals.length);
    if (rowFormulas) {
      formulas ??= [];
      formulas[r] = densify(rowFormulas, rowFormulas.length);
    }
  });

  const height = values.length;
  const grid: SheetGrid = { name: ws.name, values: densifyRows(values, height) };
  if (formulas) grid.formulas = densifyRows(formulas, height);
  grid.numberFormats = densifyRows(numberFormats, height);
  const merges = readMerges(ws);
  if (merges.length > 0) grid.merges = merges;
  return grid;
}

function isDateValue(type: ExcelJS.ValueType, cell: ExcelJS.Cell): boolean {
  return type === ExcelJS.ValueType.Date || (type === ExcelJS.ValueType.Formula && cell.result instanceof Date);
}

/** An exceljs cell value (or formula result) → what Excel's `range.values` would give. */
function convert(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return excelSerial(v);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o['error'] === 'string') return o['error'];
    if (Array.isArray(o['richText'])) return richText(o['richText']);
    if ('text' in o) {
      // hyperlink: its text may itself be rich text
      const t = o['text'];
      if (typeof t === 'string') return t;
      if (t && typeof t === 'object' && Array.isArray((t as Record<string, unknown>)['richText'])) {
        return richText((t as Record<string, unknown>)['richText'] as unknown[]);
      }
      return t === null || t === undefined ? null : String(t);
    }
    // a formula value met outside a Formula cell (should not happen): its result
    if ('result' in o) return convert(o['result']);
  }
  return null;
}

function richText(runs: unknown[]): string {
  let s = '';
  for (const run of runs) {
    const t = (run as { text?: unknown }).text;
    if (typeof t === 'string') s += t;
  }
  return s;
}

/** Sparse array → dense array of `length` with null holes. */
function densify<T>(a: (T | null)[], length: number): (T | null)[] {
  const out = new Array<T | null>(length);
  for (let i = 0; i < length; i++) out[i] = a[i] ?? null;
  return out;
}

function densifyRows<T>(rows: T[][], height: number): T[][] {
  const out = new Array<T[]>(height);
  for (let i = 0; i < height; i++) out[i] = rows[i] ?? [];
  return out;
}

/** Merged areas, 0-based inclusive. exceljs keeps them (1-based) keyed by the master's address. */
function readMerges(ws: ExcelJS.Worksheet): CellRange[] {
  const raw = (ws as unknown as { _merges?: Record<string, { top: number; left: number; bottom: number; right: number }> })
    ._merges;
  const out: CellRange[] = [];
  if (!raw) return out;
  for (const m of Object.values(raw)) {
    if (!m) continue;
    out.push({ top: m.top - 1, left: m.left - 1, bottom: m.bottom - 1, right: m.right - 1 });
  }
  out.sort((a, b) => a.top - b.top || a.left - b.left);
  return out;
}
