import type { CellValue } from '../core/grid.js';
import { HASH_FACTOR, HASH_START, type TextPool } from './textPool.js';

/** The line endings papaparse tells apart. */
export type Newline = '\n' | '\r\n' | '\r';

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/**
 * The rows of a delimited text, exactly as papaparse's parser (quote `"`, no comments) reads them, or null
 * when the text quotes a field in a way papaparse reads leniently — a quoted field not closed, or its closing
 * quote followed by anything but the delimiter, the line ending or the end (papaparse then skips spaces, or
 * keeps the quote in the text) — for the caller to hand that file to papaparse itself.
 *
 * What papaparse does, and so this: a field that starts with `"` runs to the next lone `"` and `""` inside
 * it is one `"`; any other field runs to the next delimiter or `newline` (quotes inside it are text; a
 * different line ending is text too). Each line ending ends a row, so a text ending in one has a last row of
 * one empty field; an empty text has no rows. Empty fields are null, texts come from `pool`.
 * Stops after `maxRows` rows (papaparse's `preview`).
 */
export function scanCsv(text: string, delimiter: number, newline: Newline, maxRows: number, pool: TextPool): CellValue[][] | null {
  const n = text.length;
  const rows: CellValue[][] = [];
  if (n === 0) return rows;
  const nl = newline.charCodeAt(0);
  const crlf = newline.length === 2;
  // One row's fields (the first `count`), copied out at the row's end: the grid's rows are then exactly as
  // long as they need be, and this array is reused.
  const fields: CellValue[] = [];
  let count = 0;
  let i = 0;
  for (;;) {
    let end = i;
    if (i < n && text.charCodeAt(i) === QUOTE) {
      end = quotedEnd(text, i, delimiter, nl, crlf);
      if (end < 0) return null;
      fields[count++] = quotedValue(text, i, end, pool);
    } else {
      let fnv = HASH_START;
      for (; end < n; end++) {
        const c = text.charCodeAt(end);
        if (c === delimiter || (c === nl && (!crlf || (end + 1 < n && text.charCodeAt(end + 1) === LF)))) break;
        fnv = Math.imul(fnv ^ c, HASH_FACTOR);
      }
      fields[count++] = end === i ? null : pool.slice(text, i, end, fnv);
    }
    if (end >= n) break;
    if (text.charCodeAt(end) === delimiter) {
      i = end + 1;
      continue;
    }
    rows.push(fields.slice(0, count));
    count = 0;
    if (rows.length >= maxRows) return rows;
    i = end + (crlf ? 2 : 1);
  }
  rows.push(fields.slice(0, count));
  return rows;
}

/**
 * Where the quoted field opening at `open` ends (just after its closing quote), or -1 when papaparse would
 * read it leniently: no closing quote, or one followed by anything but the delimiter, the line ending or the
 * end of the text.
 */
function quotedEnd(text: string, open: number, delimiter: number, nl: number, crlf: boolean): number {
  const n = text.length;
  let q = text.indexOf('"', open + 1);
  while (q >= 0 && q + 1 < n && text.charCodeAt(q + 1) === QUOTE) q = text.indexOf('"', q + 2);
  if (q < 0) return -1;
  const end = q + 1;
  if (end === n) return end;
  const c = text.charCodeAt(end);
  if (c === delimiter || (c === nl && (!crlf || (end + 1 < n && text.charCodeAt(end + 1) === LF)))) return end;
  return -1;
}

/** The text between the quotes at `open` and `end - 1`, `""` read as `"`; null when empty. */
function quotedValue(text: string, open: number, end: number, pool: TextPool): CellValue {
  const raw = text.slice(open + 1, end - 1);
  if (raw === '') return null;
  return pool.share(raw.indexOf('""') < 0 ? raw : raw.replaceAll('""', '"'));
}

/**
 * papaparse's guess of a text's line ending (`guessLineEndings`), without its regular expression and
 * splits: over the first 1,048,576 characters with each quoted stretch (a quote to the next quote) left out,
 * `\n` when there is no `\r` or a `\n` comes first; else `\r\n` when at least half of the pieces between
 * `\r`s start with `\n`; else `\r`.
 */
export function guessNewline(text: string): Newline {
  const n = Math.min(text.length, 1 << 20);
  let firstCr = -1;
  let firstLf = -1;
  let crs = 0;
  let crlfs = 0;
  let afterCr = false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const close = text.indexOf('"', i + 1);
      if (close >= 0 && close < n) {
        i = close; // the stretch is left out: a `\r` before it and a `\n` after it meet
        continue;
      }
    }
    if (c === CR) {
      if (firstCr < 0) firstCr = i;
      crs++;
      afterCr = true;
      continue;
    }
    if (c === LF) {
      if (firstLf < 0) firstLf = i;
      if (afterCr) crlfs++;
    }
    afterCr = false;
  }
  if (crs === 0 || (firstLf >= 0 && firstLf < firstCr)) return '\n';
  return crlfs >= (crs + 1) / 2 ? '\r\n' : '\r';
}
