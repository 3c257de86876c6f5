import type { CellValue } from '../core/grid.js';
import { HASH_FACTOR, HASH_START, TextPool } from './textPool.js';

/** The line endings papaparse tells apart. */
export type Newline = '\n' | '\r\n' | '\r';

const QUOTE = 0x22;
const LF = 0x0a;

/**
 * The rows of a delimited text, exactly as papaparse's parser (quote `"`, no comments) reads them, or null
 * when the text quotes a field in a way papaparse reads leniently — a quoted field not closed, or its closing
 * quote followed by anything but the delimiter, the line ending or the end (papaparse then skips spaces, or
 * keeps the quote in the text) — for the caller to hand that file to `lenientCsv`.
 *
 * What papaparse does, and so this: a field that starts with `"` runs to the next lone `"` and `""` inside
 * it is one `"`; any other field runs to the next delimiter or `newline` (quotes inside it are text; a
 * different line ending is text too). Each line ending ends a row, so a text ending in one has a last row of
 * one empty field; an empty text has no rows. Empty fields are null, texts come from `pool`.
 * Stops after `maxRows` rows (papaparse's `preview`).
 */
export function scanCsv(text: string, delimiter: number, newline: Newline, maxRows: number, pool: TextPool): CellValue[][] | null {
  const rows: CellValue[][] = [];
  if (text.length === 0) return rows;
  const scanner = new RowScanner(text, delimiter, newline, pool);
  while (rows.length < maxRows && scanner.at <= text.length) {
    const row = scanner.row();
    if (row === null) return null;
    rows.push(row);
  }
  return rows;
}

/**
 * Reads a text row by row: one small method that V8 optimises after a few rows (see `warmUp`), rather than
 * one loop over the whole file, which V8 can only swap for optimised code in mid-run (on-stack replacement),
 * compiling everything it calls into it.
 */
class RowScanner {
  /** Where the next row starts; past the end of the text once the last row is read. */
  at = 0;
  private readonly nl: number;
  private readonly crlf: boolean;
  /** One row's fields, copied out at the row's end: the grid's rows are then exactly as long as they need be. */
  private readonly fields: CellValue[] = [];

  constructor(
    private readonly text: string,
    private readonly delimiter: number,
    newline: Newline,
    private readonly pool: TextPool,
  ) {
    this.nl = newline.charCodeAt(0);
    this.crlf = newline.length === 2;
  }

  /** The row at `at`, or null when its quoting is one papaparse reads leniently. */
  row(): CellValue[] | null {
    const { text, delimiter, nl, crlf, pool, fields } = this;
    const n = text.length;
    let count = 0;
    let i = this.at;
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
      if (end < n && text.charCodeAt(end) === delimiter) {
        i = end + 1;
        continue;
      }
      this.at = end + (end < n && crlf ? 2 : 1); // past the end after the last row
      return fields.slice(0, count);
    }
  }
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
 * `\r`s start with `\n`; else `\r`. Jumps from one `\r` to the next with indexOf.
 */
export function guessNewline(text: string): Newline {
  const n = Math.min(text.length, 1 << 20);
  const stretches = new QuotedStretches(text, n);
  const firstCr = stretches.next('\r', 0);
  if (firstCr < 0) return '\n';
  const firstLf = new QuotedStretches(text, n).next('\n', 0);
  if (firstLf >= 0 && firstLf < firstCr) return '\n';
  let crs = 0;
  let crlfs = 0;
  for (let cr = firstCr; cr >= 0; ) {
    crs++;
    const after = stretches.skip(cr + 1); // a stretch between a `\r` and a `\n` is left out: they meet
    if (after < n && text.charCodeAt(after) === LF) crlfs++;
    cr = stretches.next('\r', after);
  }
  return crlfs >= (crs + 1) / 2 ? '\r\n' : '\r';
}

/**
 * The quoted stretches of `text[0, n)` as papaparse's `/"([^]*?)"/g` finds them — each quote to the next,
 * a last quote with none after it being text — walked forward: positions asked about never go back.
 */
class QuotedStretches {
  private open: number;
  private close: number;

  constructor(
    private readonly text: string,
    private readonly n: number,
  ) {
    this.open = this.find('"', 0);
    this.close = this.open < 0 ? -1 : this.find('"', this.open + 1);
  }

  /** The first position at or after `p` in no stretch. */
  skip(p: number): number {
    while (this.close >= 0 && this.close < p) this.passStretch();
    while (this.close >= 0 && this.open <= p) {
      p = this.close + 1;
      this.passStretch();
    }
    return p;
  }

  /** The first `ch` at or after `from` in no stretch, or -1. */
  next(ch: string, from: number): number {
    for (let p = this.find(ch, from); p >= 0; p = this.find(ch, from)) {
      from = this.skip(p);
      if (from === p) return p;
    }
    return -1;
  }

  private passStretch(): void {
    this.open = this.find('"', this.close + 1);
    this.close = this.open < 0 ? -1 : this.find('"', this.open + 1);
  }

  private find(ch: string, from: number): number {
    const p = this.text.indexOf(ch, from);
    return p < this.n ? p : -1;
  }
}
