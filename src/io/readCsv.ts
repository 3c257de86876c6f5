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
  const values: CellValue[][] = (splitPlain(text) ?? Papa.parse<string[]>(text, { delimitersToGuess: DELIMITERS, skipEmptyLines: false }).data) as CellValue[][];
  // The rows are ours (fresh arrays of fresh strings): empty fields become null in place.
  for (const row of values) for (let i = 0; i < row.length; i++) if (row[i] === '') row[i] = null;
  while (values.length > 0 && values[values.length - 1]!.every((v) => v === null)) values.pop();
  return { book: { file, sheets: [{ name: baseName(file), values }] }, encoding };
}

/**
 * papaparse's own result for text without a quote and with one kind of line ending (`\n` only, or `\r\n`
 * only), without its cost: for such text papaparse splits lines and fields (its "fast mode"), but first
 * splits the whole text four more times to guess the delimiter from the first ten lines. Here the same
 * guess (its algorithm, on the same ten lines) and one split. Anything else (a quote, a lone `\r`, mixed
 * endings, empty text): null, and papaparse reads it. test/io/readCsv.test.ts holds the two equal.
 */
export function splitPlain(text: string): string[][] | null {
  if (text === '' || text.includes('"')) return null;
  let newline: string;
  const cr = text.indexOf('\r');
  if (cr === -1) newline = '\n';
  else {
    // Every \r followed by \n and every \n preceded by \r; papaparse guesses from the first 1 MB, which
    // must then not end between the two.
    let crs = 0;
    let lfs = 0;
    for (let i = text.indexOf('\r'); i !== -1; i = text.indexOf('\r', i + 1)) {
      if (text.charCodeAt(i + 1) !== 10) return null;
      crs++;
    }
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lfs++;
    if (crs !== lfs || text.charCodeAt(1024 * 1024 - 1) === 13) return null;
    newline = '\r\n';
  }
  const lines = text.split(newline);
  const delimiter = guessDelimiter(lines.length > 10 ? lines.slice(0, 10) : lines) ?? Papa.DefaultDelimiter;
  const rows: string[][] = new Array(lines.length);
  for (let i = 0; i < lines.length; i++) rows[i] = lines[i]!.split(delimiter);
  return rows;
}

/** papaparse 5's guessDelimiter (skipEmptyLines off, no comments) over its preview of ten lines. */
function guessDelimiter(preview: string[]): string | undefined {
  let bestDelim: string | undefined;
  let bestDelta: number | undefined;
  let maxFieldCount = 0;
  for (const delim of DELIMITERS) {
    let delta = 0;
    let avgFieldCount = 0;
    let prev: number | undefined;
    for (const line of preview) {
      const fieldCount = line.split(delim).length;
      avgFieldCount += fieldCount;
      if (prev === undefined) prev = fieldCount;
      else if (fieldCount > 0) {
        delta += Math.abs(fieldCount - prev);
        prev = fieldCount;
      }
    }
    if (preview.length > 0) avgFieldCount /= preview.length;
    if (avgFieldCount > 1.99 && (bestDelta === undefined || delta < bestDelta || (delta === bestDelta && avgFieldCount > maxFieldCount))) {
      bestDelta = delta;
      bestDelim = delim;
      maxFieldCount = avgFieldCount;
    }
  }
  return bestDelim;
}

function baseName(file: string): string {
  const name = file.slice(file.replace(/\\/g, '/').lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}
