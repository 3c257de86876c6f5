import type { CellObject, WorkBook, WorkSheet } from '@e965/xlsx';
import type { CellRange, CellValue, SheetGrid, WorkbookGrids } from '../core/grid.js';
import { GridBuilder, type BookContext } from './gridBuilder.js';
import type { ReadLimits } from './limits.js';
import { cleanFormat } from './numberFormats.js';
import { ReadFailure } from './readFailure.js';

/** Excel's error codes (BIFF) → the text `range.values` gives. */
const ERRORS: Readonly<Record<number, string>> = {
  0x00: '#NULL!',
  0x07: '#DIV/0!',
  0x0f: '#VALUE!',
  0x17: '#REF!',
  0x1d: '#NAME?',
  0x24: '#NUM!',
  0x2a: '#N/A',
  0x2b: '#GETTING_DATA',
};

type SheetJs = typeof import('@e965/xlsx');

let loading: Promise<SheetJs> | null = null;

/**
 * SheetJS, loaded on first use only: it is large (~1 MB), and only the formats our own xlsx reader does
 * not handle need it. The code-page tables come with it, for old (BIFF5) workbooks in GBK.
 */
function sheetJs(): Promise<SheetJs> {
  loading ??= Promise.all([import('@e965/xlsx'), import('@e965/xlsx/dist/cpexcel.full.mjs')]).then(([x, cp]) => {
    x.set_cptable(cp);
    return x;
  });
  return loading;
}

/** True when an OLE (compound file) container holds an encrypted OOXML package or a password-protected .xls. */
export async function isEncryptedOle(bytes: Uint8Array): Promise<boolean> {
  const x = await sheetJs();
  try {
    const cfb = x.CFB.read(bytes, { type: 'array' });
    return !!(x.CFB.find(cfb, 'EncryptedPackage') || x.CFB.find(cfb, 'EncryptionInfo'));
  } catch {
    return false;
  }
}

/**
 * Reads an Excel 97–2003 .xls, a WPS .et (the same BIFF8 compound file), an .ods, or the HTML / XML
 * "xls" some systems export, through SheetJS, into the same grids as our xlsx reader: values as
 * `range.values` gives them, number formats, formula text, merges, errors as text. Throws a
 * {@link ReadFailure}: `encrypted` for a password, `unsupported_format` for a container that is not a
 * workbook, `corrupt` otherwise.
 */
export async function readWithSheetJs(bytes: Uint8Array, file: string, limits: ReadLimits): Promise<{ book: WorkbookGrids; ctx: BookContext }> {
  const x = await sheetJs();
  let wb: WorkBook;
  // SheetJS says some things about ODS number formats on console.error; they are not the user's concern.
  const quiet = console.error;
  console.error = () => {};
  try {
    wb = x.read(bytes, { type: 'array', dense: true, cellFormula: true, cellNF: true, cellDates: false, cellText: false, cellHTML: false, WTF: false });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/password|encrypt/i.test(msg)) throw new ReadFailure('encrypted');
    if (/unsupported|cannot find|not a spreadsheet|no.*workbook/i.test(msg)) throw new ReadFailure('unsupported_format');
    throw new ReadFailure('corrupt');
  } finally {
    console.error = quiet;
  }
  const ctx: BookContext = { file, limits, cells: 0, findings: [] };
  const sheets: SheetGrid[] = [];
  wb.SheetNames.forEach((name) => {
    const ws = wb.Sheets[name];
    if (!ws || ws['!type'] === 'chart') return;
    sheets.push(readSheet(ws, name, ctx));
  });
  return { book: { file, sheets }, ctx };
}

function readSheet(ws: WorkSheet, name: string, ctx: BookContext): SheetGrid {
  const grid = new GridBuilder(name, ctx);
  const data = (ws as { '!data'?: (CellObject | undefined)[][] })['!data'] ?? [];
  data.forEach((row, r) => {
    if (!row) return;
    row.forEach((cell, c) => {
      if (!cell) return;
      const formula = typeof cell.f === 'string' && cell.f !== '' ? '=' + cell.f : null;
      let value: CellValue;
      switch (cell.t) {
        case 'n':
          value = typeof cell.v === 'number' ? cell.v : null;
          break;
        case 's':
          value = typeof cell.v === 'string' ? grid.text(cell.v, r, c) : null;
          if (value === '' && formula === null) value = null;
          break;
        case 'b':
          value = typeof cell.v === 'boolean' ? cell.v : null;
          break;
        case 'e':
          value = typeof cell.v === 'number' ? ERRORS[cell.v] ?? '#N/A' : typeof cell.w === 'string' ? cell.w : '#N/A';
          break;
        case 'd':
          value = cell.v instanceof Date ? (cell.v.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000 : null;
          break;
        default:
          value = null;
      }
      const z = typeof cell.z === 'string' && !/^general$/i.test(cell.z) ? cleanFormat(cell.z) : null;
      grid.add(r, c, value, z ?? (cell.t === 'd' && value !== null ? 'yyyy-mm-dd' : null), formula);
    });
  });
  const merges: CellRange[] = (ws['!merges'] ?? []).map((m) => ({ top: m.s.r, left: m.s.c, bottom: m.e.r, right: m.e.c }));
  return grid.finish(merges);
}
