import Papa from 'papaparse';
import type { CellValue, WorkbookGrids } from '../core/grid.js';
import { decodeText, type TextEncoding } from './decodeText.js';

/** The delimiters a spreadsheet program writes: comma (CSV), tab ("Unicode 文本", .txt), semicolon, bar. */
const DELIMITERS = [',', '\t', ';', '|'];
/** Distinct texts kept for sharing (bounded: a file of all-different texts gains nothing from it). */
const SEEN_MAX = 1 << 17;

/**
 * A CSV or tab-separated text file → one grid named after the file (base name, no extension). Every
 * cell stays a string, exactly as written (a CSV has no types; the core parses `4,950` and `500余`);
 * an empty field is null. Ragged rows keep their own length; trailing blank lines are dropped.
 * Never throws: papaparse reports malformed quoting as errors and still returns the rows it read.
 */
export function readCsv(bytes: Uint8Array, file: string): { book: WorkbookGrids; encoding: TextEncoding } {
  const { text, encoding } = decodeText(bytes);
  const values: CellValue[][] = [];
  // Row by row as papaparse reads them (the same parse: `step` only hands each row over as it is made), so
  // that a text seen before is kept once: a city's table repeats a few thousand numbers and names across
  // 835,000 cells, and a cell's own copy then dies at once instead of living (and being copied by the
  // garbage collector) as long as the grid. Empty fields become null, in papaparse's fresh row arrays.
  const seen = new Map<string, string>();
  Papa.parse<string[]>(text, {
    delimitersToGuess: DELIMITERS,
    skipEmptyLines: false,
    step: (res) => {
      const row: CellValue[] = res.data;
      for (let i = 0; i < row.length; i++) {
        const v = row[i] as string;
        if (v === '') row[i] = null;
        else {
          const s = seen.get(v);
          if (s !== undefined) row[i] = s;
          else if (seen.size < SEEN_MAX) seen.set(v, v);
        }
      }
      values.push(row);
    },
  });
  while (values.length > 0 && values[values.length - 1]!.every((v) => v === null)) values.pop();
  return { book: { file, sheets: [{ name: baseName(file), values }] }, encoding };
}

function baseName(file: string): string {
  const name = file.slice(file.replace(/\\/g, '/').lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}
