/*! @license
 * Ported from papaparse 5.7.1 (src: papaparse.js, `Parser`), under its licence:
 *
 * The MIT License (MIT)
 *
 * Copyright (c) 2015 Matthew Holt
 *
 * Permission is hereby granted, free of charge, to any person obtaining a copy of
 * this software and associated documentation files (the "Software"), to deal in
 * the Software without restriction, including without limitation the rights to
 * use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of
 * the Software, and to permit persons to whom the Software is furnished to do so,
 * subject to the following conditions:
 *
 * The above copyright notice and this permission notice shall be included in all
 * copies or substantial portions of the Software.
 *
 * THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
 * IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS
 * FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
 * COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER
 * IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN
 * CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
 */
import type { Newline } from './scanCsv.js';

const QUOTES = /""/g;

/**
 * The rows papaparse reads from a text whose quoting is malformed — the files `scanCsv` declines: its
 * parser (papaparse 5.7.1 `Parser.parse`, MIT licence, © Matthew Holt) for quote `"` and no comments, ported
 * so that reading a CSV never loads papaparse. How it reads what is malformed:
 *
 * - a quoted field ends at a lone `"` followed — after nothing but whitespace (`trim`'s), up to the next
 *   delimiter or line ending — by the delimiter or the line ending, or at a `"` that ends the text; any other
 *   `"` stays in the field, and `""` in it is read as `"`;
 * - a quoted field never closed runs, as written (`""` kept), to the end of the text;
 * - a field that does not start with `"` runs to the next delimiter or line ending, quotes and all.
 *
 * Empty fields are `''`. Stops after `maxRows` rows (papaparse's `preview`).
 */
export function lenientCsv(input: string, delimiter: string, newline: Newline, maxRows: number): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  if (input === '') return rows;
  const end = input.length;
  let cursor = 0;
  let nextDelimiter = input.indexOf(delimiter);
  let nextNewline = input.indexOf(newline);
  // Where papaparse's search for the closing quote stands (read by `spacesUpTo`).
  let quote = 0;
  /** How many characters between `quote` and `index` there are, when they are all whitespace. */
  const spacesUpTo = (index: number): number => {
    if (index === -1) return 0;
    const between = input.substring(quote + 1, index);
    return between !== '' && between.trim() === '' ? between.length : 0;
  };
  const saveRow = (next: number): void => {
    cursor = next;
    rows.push(row);
    row = [];
    nextNewline = input.indexOf(newline, cursor);
  };
  const finish = (last: string): string[][] => {
    row.push(last);
    rows.push(row);
    return rows;
  };

  for (;;) {
    if (input[cursor] === '"') {
      quote = cursor;
      cursor++;
      for (;;) {
        quote = input.indexOf('"', quote + 1);
        if (quote === -1) return finish(input.substring(cursor));
        if (quote === end - 1) return finish(input.substring(cursor, quote).replace(QUOTES, '"'));
        if (input[quote + 1] === '"') {
          quote++;
          continue;
        }
        if (nextDelimiter !== -1 && nextDelimiter < quote + 1) nextDelimiter = input.indexOf(delimiter, quote + 1);
        if (nextNewline !== -1 && nextNewline < quote + 1) nextNewline = input.indexOf(newline, quote + 1);
        const toDelimiter = spacesUpTo(nextNewline === -1 ? nextDelimiter : Math.min(nextDelimiter, nextNewline));
        if (input[quote + 1 + toDelimiter] === delimiter) {
          row.push(input.substring(cursor, quote).replace(QUOTES, '"'));
          cursor = quote + 1 + toDelimiter + 1;
          if (nextDelimiter !== -1 && nextDelimiter < cursor) nextDelimiter = input.indexOf(delimiter, cursor);
          if (nextNewline !== -1 && nextNewline < cursor) nextNewline = input.indexOf(newline, cursor);
          break;
        }
        const toNewline = spacesUpTo(nextNewline);
        if (input.startsWith(newline, quote + 1 + toNewline)) {
          row.push(input.substring(cursor, quote).replace(QUOTES, '"'));
          saveRow(quote + 1 + toNewline + newline.length);
          if (nextDelimiter !== -1 && nextDelimiter < cursor) nextDelimiter = input.indexOf(delimiter, cursor);
          if (rows.length >= maxRows) return rows;
          break;
        }
        quote++; // a quote inside the field: papaparse notes an InvalidQuotes error and reads on
      }
      continue;
    }
    if (nextDelimiter !== -1 && (nextDelimiter < nextNewline || nextNewline === -1)) {
      row.push(input.substring(cursor, nextDelimiter));
      cursor = nextDelimiter + 1;
      nextDelimiter = input.indexOf(delimiter, cursor);
      continue;
    }
    if (nextNewline === -1) return finish(input.substring(cursor));
    row.push(input.substring(cursor, nextNewline));
    saveRow(nextNewline + newline.length);
    if (rows.length >= maxRows) return rows;
  }
}
