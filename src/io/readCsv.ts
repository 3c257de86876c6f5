import Papa from 'papaparse';
import type { CellValue, WorkbookGrids } from '../core/grid.js';
import { decodeText, type TextEncoding } from './decodeText.js';

/** The delimiters a spreadsheet program writes: comma (CSV), tab ("Unicode 文本", .txt), semicolon, bar. */
const DELIMITERS = [',', '\t', ';', '|'];

/**
 * A CSV or tab-separated text file → one grid named after the file (base name, no extension). Every
 * cell stays a string, exactly as written (a CSV has no types; the core parses `4,950` and `500余`);
 * an empty field is null. Ragged rows keep their own length; trailing blank lines are dropped.
 * Never throws: papaparse reports malformed quoting as errors and still returns the rows it read.
 */
export function readCsv(bytes: Uint8Array, file: string): { book: WorkbookGrids; encoding: TextEncoding } {
  const { text, encoding } = decodeText(bytes);
  const values: CellValue[][] = Papa.parse<string[]>(text, { delimitersToGuess: DELIMITERS, skipEmptyLines: false }).data;
  // The rows are papaparse's fresh arrays: empty fields become null in place.
  for (const row of values) for (let i = 0; i < row.length; i++) if (row[i] === '') row[i] = null;
  while (values.length > 0 && values[values.length - 1]!.every((v) => v === null)) values.pop();
  return { book: { file, sheets: [{ name: baseName(file), values }] }, encoding };
}

function baseName(file: string): string {
  const name = file.slice(file.replace(/\\/g, '/').lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}
