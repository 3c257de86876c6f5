import type { CellValue, WorkbookGrids } from '../core/grid.js';
import { decodeText, type TextEncoding } from './decodeText.js';
import { lenientCsv } from './lenientCsv.js';
import { guessNewline, scanCsv, type Newline } from './scanCsv.js';
import { TextPool } from './textPool.js';

/** The delimiters a spreadsheet program writes: comma (CSV), tab ("Unicode 文本", .txt), semicolon, bar. */
const DELIMITERS = [',', '\t', ';', '|'];
/** Distinct texts kept for sharing (bounded: a file of all-different texts gains nothing from it). */
const SEEN_MAX = 1 << 17;

/**
 * A CSV or tab-separated text file → one grid named after the file (base name, no extension). Every
 * cell stays a string, exactly as written (a CSV has no types; the core parses `4,950` and `500余`);
 * an empty field is null. Ragged rows keep their own length; trailing blank lines are dropped.
 * Never throws: malformed quoting is read as papaparse reads it.
 *
 * The grid is the one papaparse gives (`delimitersToGuess` as above), read by `scanCsv` in one pass over the
 * text; a file whose quoting papaparse reads leniently (a quote left open, text after a closing quote) is
 * read by `lenientCsv`, papaparse's own parser. A text seen before is kept once (`TextPool`): a city's
 * table repeats a few thousand numbers and names across 835,000 cells.
 */
export function readCsv(bytes: Uint8Array, file: string): { book: WorkbookGrids; encoding: TextEncoding } {
  const { text: decoded, encoding } = decodeText(bytes);
  // papaparse drops one leading BOM from the text it is given (decodeText leaves one where the decoder did
  // not take it, as in GB18030): the text papaparse would read.
  const text = decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded;
  const newline = guessNewline(text);
  const delimiter = guessDelimiter(text, newline);
  // A field has a character and a delimiter: a small file has no room for SEEN_MAX texts.
  const pool = new TextPool(Math.min(SEEN_MAX, (text.length >> 1) + 1));
  const values = scanCsv(text, delimiter.charCodeAt(0), newline, Infinity, pool) ?? lenientRows(text, delimiter, newline, pool);
  while (values.length > 0 && values[values.length - 1]!.every((v) => v === null)) values.pop();
  return { book: { file, sheets: [{ name: baseName(file), values }] }, encoding };
}

/**
 * papaparse's `guessDelimiter`: of the delimiters whose first 10 rows average more than 1.99 fields, the one
 * whose field count changes least from row to row, the most fields breaking a tie; a comma when none does.
 */
function guessDelimiter(text: string, newline: Newline): string {
  let best = ',';
  let bestDelta = Infinity;
  let bestAverage = 0;
  const none = new TextPool(0); // a preview: nothing worth sharing
  for (const delimiter of DELIMITERS) {
    const rows: unknown[][] = scanCsv(text, delimiter.charCodeAt(0), newline, 10, none) ?? lenientCsv(text, delimiter, newline, 10);
    let delta = 0;
    let fields = 0;
    for (let r = 0; r < rows.length; r++) {
      fields += rows[r]!.length;
      if (r > 0) delta += Math.abs(rows[r]!.length - rows[r - 1]!.length);
    }
    const average = rows.length > 0 ? fields / rows.length : 0;
    if (average > 1.99 && (delta < bestDelta || (delta === bestDelta && average > bestAverage))) {
      best = delimiter;
      bestDelta = delta;
      bestAverage = average;
    }
  }
  return best;
}

/** `lenientCsv`'s rows, empty fields made null and texts shared as `scanCsv` does. */
function lenientRows(text: string, delimiter: string, newline: Newline, pool: TextPool): CellValue[][] {
  const rows: CellValue[][] = lenientCsv(text, delimiter, newline, Infinity);
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) row[i] = row[i] === '' ? null : pool.share(row[i] as string);
  }
  return rows;
}

function baseName(file: string): string {
  const name = file.slice(file.replace(/\\/g, '/').lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}
