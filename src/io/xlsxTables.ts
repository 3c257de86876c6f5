import { columnLetters, type CellValue } from '../core/grid.js';
import { sourceOf, type OutputTable, type RowCursor, type RowKind, type TableSource } from '../core/output/tables.js';
import { ownOutputCustomXml } from './ownOutputName.js';

/**
 * Writes output tables (汇总, 明细, 校验结果) as an .xlsx, one Excel table per sheet, streaming each
 * sheet's XML row by row — as bytes, from a row cursor, without an object per cell — into a deflating
 * zip, and handing the compressed bytes on as they come (the command line writes them to the file as it
 * goes). exceljs held a whole workbook as objects and ran out of memory on a city-year's 834,000-row 明细.
 * No node:* or DOM imports: the browser page uses it too. Fixed timestamps make re-runs byte-identical.
 */

const enc = new TextEncoder();

// Characters XML 1.0 forbids (control characters other than tab, newline, return).
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const NEEDS_ESCAPE = /[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
function esc(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Style indices: the number formats used by the tables × plain / sub-total / total rows. */
class Styles {
  private readonly fmts = new Map<string, number>([['', 0]]);
  // Style 0 — General, regular font, no fill, no border — is also the plain body cell's style: such cells
  // carry no `s`, and an empty one is not written at all (style 0 is what every untouched cell has).
  private readonly xfs = new Map<string, number>([['0|return', 0]]);
  private readonly list: { fmtId: number; kind: RowKind }[] = [{ fmtId: 0, kind: 'return' }];

  index(numFmt: string | undefined, kind: RowKind): number {
    const f = numFmt ?? '';
    let fmtId = this.fmts.get(f);
    if (fmtId === undefined) this.fmts.set(f, (fmtId = 164 + this.fmts.size - 1));
    const key = `${fmtId}|${kind}`;
    let i = this.xfs.get(key);
    if (i === undefined) {
      i = this.list.length;
      this.list.push({ fmtId, kind });
      this.xfs.set(key, i);
    }
    return i;
  }

  xml(): string {
    const fmts = [...this.fmts].filter(([f]) => f !== '');
    const font = (kind: RowKind): number => (kind === 'header' || kind === 'subtotal' || kind === 'total' ? 1 : 0);
    const fill = (kind: RowKind): number => (kind === 'subtotal' ? 2 : kind === 'total' ? 3 : 0);
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      (fmts.length ? `<numFmts count="${fmts.length}">${fmts.map(([f, id]) => `<numFmt numFmtId="${id}" formatCode="${esc(f)}"/>`).join('')}</numFmts>` : '') +
      '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
      '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
      '<fills count="4"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
      '<fill><patternFill patternType="solid"><fgColor rgb="FFF2F2F2"/><bgColor indexed="64"/></patternFill></fill>' +
      '<fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills>' +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.list.length}">` +
      this.list
        .map(({ fmtId, kind }) => {
          const attrs = `numFmtId="${fmtId}" fontId="${font(kind)}" fillId="${fill(kind)}" borderId="0" xfId="0"`;
          const applied = `${fmtId ? ' applyNumberFormat="1"' : ''}${font(kind) ? ' applyFont="1"' : ''}${fill(kind) ? ' applyFill="1"' : ''}`;
          return `<xf ${attrs}${applied}/>`;
        })
        .join('') +
      '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '</styleSheet>'
    );
  }
}

/** The shared string table: repeated names (community, street, file) are stored once. */
class SharedStrings {
  private readonly index = new Map<string, number>();
  count = 0;
  id(s: string): number {
    this.count++;
    let i = this.index.get(s);
    if (i === undefined) this.index.set(s, (i = this.index.size));
    return i;
  }
  *xml(): Generator<string> {
    yield '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${this.count}" uniqueCount="${this.index.size}">`;
    let chunk = '';
    for (const s of this.index.keys()) {
      chunk += /^\s|\s$/.test(s) ? `<si><t xml:space="preserve">${esc(s)}</t></si>` : `<si><t>${esc(s)}</t></si>`;
      if (chunk.length > 1 << 16) {
        yield chunk;
        chunk = '';
      }
    }
    yield chunk + '</sst>';
  }
}

/** Unique, non-empty header names: an Excel table refuses duplicates. */
function headerNames(t: { columns: readonly { header: string }[] }): string[] {
  const seen = new Set<string>();
  return t.columns.map((c, i) => {
    let name = c.header.trim() || `列${i + 1}`;
    for (let k = 2; seen.has(name); k++) name = `${c.header}${k}`;
    seen.add(name);
    return name;
  });
}

/** One sheet of the workbook: a table, or one stretch of a table longer than a sheet holds. */
interface SheetPart {
  sheet: string;
  tableName: string;
  columns: TableSource['columns'];
  /** Data rows on this sheet. */
  rows: number;
  /** The table's cursor, shared by its parts (each takes the next `rows` rows). */
  cursor: () => RowCursor;
  runs: TableSource['runs'];
}

/** Excel's limit is 1,048,576 rows per sheet; the header takes one. */
export const EXCEL_MAX_DATA_ROWS = 1_048_575;

/**
 * Tables longer than a sheet holds continue on further sheets — 明细, 明细(2), 明细(3) … — each with its own
 * header row and Excel table (CR_Details, CR_Details_2 …), so Excel opens the workbook and nothing is lost.
 */
export function splitForExcel(tables: readonly OutputTable[], maxRows = EXCEL_MAX_DATA_ROWS): OutputTable[] {
  const out: OutputTable[] = [];
  for (const t of tables) {
    if (t.rows.length <= maxRows) {
      out.push(t);
      continue;
    }
    for (let from = 0, part = 1; from < t.rows.length; from += maxRows, part++) {
      const to = from + maxRows;
      out.push({
        ...t,
        sheet: part === 1 ? t.sheet : `${t.sheet}(${part})`,
        tableName: part === 1 ? t.tableName : `${t.tableName}_${part}`,
        rows: t.rows.slice(from, to),
        kinds: t.kinds.slice(from, to),
        ...(t.links ? { links: t.links.slice(from, to) } : {}),
      });
    }
  }
  return out;
}

/** The sheets of `splitForExcel`, for tables or row sources, without copying any row. */
function sheetParts(tables: readonly (OutputTable | TableSource)[], maxRows: number): SheetPart[] {
  const out: SheetPart[] = [];
  for (const t of tables) {
    const src = 'cursor' in t ? t : sourceOf(t);
    let cur: RowCursor | null = null;
    const cursor = (): RowCursor => (cur ??= src.cursor());
    const n = src.rowCount;
    for (let from = 0, part = 1; from < n || part === 1; from += maxRows, part++) {
      out.push({
        sheet: part === 1 ? src.sheet : `${src.sheet}(${part})`,
        tableName: part === 1 ? src.tableName : `${src.tableName}_${part}`,
        columns: src.columns,
        rows: Math.min(maxRows, n - from),
        cursor,
        runs: src.runs,
      });
    }
  }
  return out;
}

function tableXml(t: SheetPart, id: number): string {
  const names = headerNames(t);
  const ref = `A1:${columnLetters(t.columns.length)}${Math.max(t.rows, 1) + 1}`;
  return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="${id}" name="${esc(t.tableName)}" displayName="${esc(t.tableName)}" ref="${ref}" totalsRowShown="0">` +
    `<autoFilter ref="${ref}"/>` +
    `<tableColumns count="${names.length}">${names.map((n, i) => `<tableColumn id="${i + 1}" name="${esc(n)}"/>`).join('')}</tableColumns>` +
    '<tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>';
}

// ── sheet XML as bytes ────────────────────────────────────────────────────────────────────────────
// A cell carries its `r` address only where it is not the column after the row's previous cell: the first
// cell of a row, and the first after a gap (ECMA-376 §18.3.1.4 makes `r` optional; a cell without it is the
// next column). exceljs needs both: it reads a row's first cell only by its address, and takes a bare `<c/>`
// for a merged cell that does not count, so gaps are not filled with empty cells. Every row keeps
// `<row r="…">` (exceljs reads the row number from nothing else). The per-cell addresses were 45 % of the
// sheet XML and, changing on every row, defeated the compression: a city-year's 明细 went from 420 to ~260 MB
// of XML and its deflate from ~1.2 to ~0.6 s CPU. Empty cells of style 0 are left out. Text goes to the shared
// string table when its column repeats itself (names, streets, units), inline otherwise (as-written values,
// messages): a city-year's table held 915,815 strings that occur once. The XML is written straight into
// byte buffers (no string per cell, no rope to flatten and encode), text escaped and UTF-8-encoded in one pass.

const CHUNK = 1 << 18;
const ascii = (s: string): Uint8Array => enc.encode(s);
const B = {
  vClose: ascii('</v></c>'), empty: ascii('/>'), inlineClose: ascii('</t></is></c>'),
  rowOpen: ascii('<row r="'), rowClose: ascii('</row>'),
  amp: ascii('&amp;'), lt: ascii('&lt;'), gt: ascii('&gt;'), quot: ascii('&quot;'),
};
const SPACE = /^\s|\s$/;

/**
 * Buffers of at least CHUNK bytes, handed back by the deflater once it has read them. Without reuse, ten
 * times a city-year allocated ~4.9 GB of buffers; V8 counts new buffer memory towards full collections,
 * each of which walks the job's ~3 GB heap (garbage collection was 30 % of that run's profile; with reuse
 * the run went from 147 to 125 s CPU on a loaded machine — a likely cause, not a measured one).
 */
class BufferPool {
  private readonly free: ArrayBuffer[] = [];
  get(): Uint8Array {
    const b = this.free.pop();
    return b ? new Uint8Array(b) : new Uint8Array(CHUNK + 1024);
  }
  release(chunk: Uint8Array): void {
    if (chunk.byteOffset === 0 && chunk.buffer.byteLength >= CHUNK + 1024 && this.free.length < 16) this.free.push(chunk.buffer as ArrayBuffer);
  }
}

/**
 * `src` from byte `from` on, copied into `buf` at `p`; returns the end. A shared text's whole cell
 * (`<c t="s"><v>79</v></c>`, 22 bytes and more) by one native copy: 12 % less CPU making a city-year's sheet
 * XML than byte by byte; shorter pieces (`<c t="s"><v>`, `</row>`) are cheaper looped.
 */
function copyIn(buf: Uint8Array, p: number, src: Uint8Array, from: number): number {
  const n = src.length;
  if (from === 0 && n > 16) {
    buf.set(src, p);
    return p + n;
  }
  for (let i = from; i < n; i++) buf[p++] = src[i]!;
  return p;
}

// The digits of 0–9999, four to a number, zero-padded (7 → `0007`): an integer is written from these, four
// digits at a time, rather than by a division per digit.
const DIGITS4 = new Uint8Array(40000);
for (let n = 0; n < 10000; n++) {
  DIGITS4[4 * n] = 48 + ((n / 1000) | 0);
  DIGITS4[4 * n + 1] = 48 + (((n / 100) | 0) % 10);
  DIGITS4[4 * n + 2] = 48 + (((n / 10) | 0) % 10);
  DIGITS4[4 * n + 3] = 48 + (n % 10);
}

/** An integer 0–9999 at `p`, without leading zeros; returns the end. */
function smallIn(buf: Uint8Array, p: number, n: number): number {
  const o = 4 * n;
  if (n >= 1000) {
    buf[p] = DIGITS4[o]!;
    buf[p + 1] = DIGITS4[o + 1]!;
    buf[p + 2] = DIGITS4[o + 2]!;
    buf[p + 3] = DIGITS4[o + 3]!;
    return p + 4;
  }
  if (n >= 100) {
    buf[p] = DIGITS4[o + 1]!;
    buf[p + 1] = DIGITS4[o + 2]!;
    buf[p + 2] = DIGITS4[o + 3]!;
    return p + 3;
  }
  if (n >= 10) {
    buf[p] = DIGITS4[o + 2]!;
    buf[p + 1] = DIGITS4[o + 3]!;
    return p + 2;
  }
  buf[p] = 48 + n;
  return p + 1;
}

/** An integer 0–9999 at `p` as four digits, zero-padded; returns the end. */
function pad4In(buf: Uint8Array, p: number, n: number): number {
  const o = 4 * n;
  buf[p] = DIGITS4[o]!;
  buf[p + 1] = DIGITS4[o + 1]!;
  buf[p + 2] = DIGITS4[o + 2]!;
  buf[p + 3] = DIGITS4[o + 3]!;
  return p + 4;
}

/** A non-negative integer at `p`, as String(n) writes it; returns the end. */
function uintIn(buf: Uint8Array, p: number, n: number): number {
  if (n < 10000) return smallIn(buf, p, n);
  if (n < 1e8) {
    const hi = (n / 10000) | 0;
    return pad4In(buf, smallIn(buf, p, hi), n - hi * 10000);
  }
  if (n >= 1e15) return asciiIn(buf, p, String(n));
  // hi below 10^7, lo below 10^8: floor of the divisions exact (the quotient's fraction stays well clear of 1).
  const hi = Math.floor(n / 1e8);
  const lo = n - hi * 1e8;
  const mid = Math.floor(lo / 10000);
  return pad4In(buf, pad4In(buf, uintIn(buf, p, hi), mid), lo - mid * 10000);
}

/** `<c r="J7"` at `p` — a cell's opening with its address: ` r="J` from `ref`, the row's `nd` digits; returns the end. */
function refIn(buf: Uint8Array, p: number, ref: Uint8Array, digits: Uint8Array, nd: number): number {
  buf[p++] = 0x3c; // <
  buf[p++] = 0x63; // c
  p = copyIn(buf, p, ref, 0);
  for (let i = 0; i < nd; i++) buf[p++] = digits[i]!;
  buf[p++] = 0x22; // "
  return p;
}

function asciiIn(buf: Uint8Array, p: number, s: string): number {
  for (let i = 0; i < s.length; i++) buf[p++] = s.charCodeAt(i);
  return p;
}

/**
 * A finite number as JavaScript writes it (String(v)): integers and numbers of one or two decimals (rates,
 * tonnes) digit by digit, others through String. A number `a` with a = k/10 (checked by dividing back) is
 * written `k/10` `.` `k%10`: that decimal is the shortest that reads back as `a` — no integer does, and any
 * other one-decimal number is 0.1 away — so it is the one String(a) picks; likewise k/100 where k%10 ≠ 0 (were
 * k a multiple of 10, a would have a one-decimal form, which String would prefer).
 */
function numIn(buf: Uint8Array, p: number, v: number): number {
  if (Number.isInteger(v) && v > -1e15 && v < 1e15) {
    if (v < 0) {
      buf[p] = 45; // -
      return uintIn(buf, p + 1, -v);
    }
    return uintIn(buf, p, v === 0 ? 0 : v);
  }
  const a = v < 0 ? -v : v;
  if (a >= 0.01 && a < 1e9) {
    const k10 = a * 10;
    if (Number.isInteger(k10) && k10 / 10 === a) {
      if (v < 0) buf[p++] = 45;
      const d = k10 % 10;
      p = uintIn(buf, p, (k10 - d) / 10);
      buf[p] = 46; // .
      buf[p + 1] = 48 + d;
      return p + 2;
    }
    const k100 = a * 100;
    if (Number.isInteger(k100) && k100 / 100 === a && k100 % 10 !== 0) {
      if (v < 0) buf[p++] = 45;
      const d = k100 % 100;
      p = uintIn(buf, p, (k100 - d) / 100);
      buf[p] = 46; // .
      buf[p + 1] = DIGITS4[4 * d + 2]!;
      buf[p + 2] = DIGITS4[4 * d + 3]!;
      return p + 3;
    }
  }
  return asciiIn(buf, p, String(v));
}

/** Bytes written into fixed-size buffers, handed on when full. */
class ByteOut {
  buf: Uint8Array;
  pos = 0;
  constructor(private readonly pool: BufferPool) {
    this.buf = pool.get();
  }
  /** Room for `n` more bytes (a long text may need more than a chunk). */
  room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }
  take(): Uint8Array {
    const out = this.buf.subarray(0, this.pos);
    this.buf = this.pool.get();
    this.pos = 0;
    return out;
  }
  /**
   * Text escaped for XML and encoded as UTF-8 in one pass: & < > " escaped, the control characters XML 1.0
   * forbids left out, a lone surrogate written as U+FFFD (as TextEncoder does). Call `room` first.
   */
  text(s: string): void {
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < s.length; i++) {
      let c = s.charCodeAt(i);
      if (c < 0x80) {
        if (c >= 0x3f || (c >= 0x20 && c !== 0x26 && c !== 0x3c && c !== 0x3e && c !== 0x22)) buf[p++] = c;
        else if (c === 0x26) for (const b of B.amp) buf[p++] = b;
        else if (c === 0x3c) for (const b of B.lt) buf[p++] = b;
        else if (c === 0x3e) for (const b of B.gt) buf[p++] = b;
        else if (c === 0x22) for (const b of B.quot) buf[p++] = b;
        else if (c === 0x09 || c === 0x0a || c === 0x0d) buf[p++] = c;
        // other control characters: left out
      } else if (c < 0x800) {
        buf[p++] = 0xc0 | (c >> 6);
        buf[p++] = 0x80 | (c & 0x3f);
      } else if (c >= 0xd800 && c <= 0xdfff) {
        const d = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          i++;
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          buf[p++] = 0xf0 | (c >> 18);
          buf[p++] = 0x80 | ((c >> 12) & 0x3f);
          buf[p++] = 0x80 | ((c >> 6) & 0x3f);
          buf[p++] = 0x80 | (c & 0x3f);
        } else {
          buf[p++] = 0xef;
          buf[p++] = 0xbf;
          buf[p++] = 0xbd;
        }
      } else if (c === 0xfffe || c === 0xffff) {
        // not a character XML allows: left out
      } else {
        buf[p++] = 0xe0 | (c >> 12);
        buf[p++] = 0x80 | ((c >> 6) & 0x3f);
        buf[p++] = 0x80 | (c & 0x3f);
      }
    }
    this.pos = p;
  }
}

// A column whose first SAMPLE texts are mostly distinct is written inline.
const SAMPLE = 1000;
function repeats(rows: readonly (readonly CellValue[])[], c: number): boolean {
  const seen = new Set<string>();
  let n = 0;
  for (let r = 0; r < rows.length && n < SAMPLE; r++) {
    const v = rows[r]![c];
    if (typeof v !== 'string' || v === '') continue;
    n++;
    seen.add(v);
  }
  return n === 0 || seen.size <= n / 2;
}

const KINDS: readonly RowKind[] = ['header', 'return', 'subtotal', 'total'];

/**
 * The XML of a source's run of cells (see TableSource.runs) as written for one key and row kind, kept to be
 * copied when the key comes round again: ` t="s"><v>79</v></c><c t="s"><v>34</v></c>…`, all but the first
 * cell's `<c` or `<c r="A7"` (which the row decides), and how many shared-string cells it holds. Only runs whose every cell was written are kept (no gap inside).
 */
interface RunXml {
  key: number;
  kind: RowKind;
  bytes: Uint8Array;
  shared: number;
}

/** Whole numbers 0 ≤ n < this have their cells kept, per style, once written (see Tags.ints). */
const INT_CELLS = 10000;

/** Slots per run, by key modulo this: a return's key is the same for its lines, an indicator's comes round. */
const RUN_SLOTS = 64;

/** A shared text's cell as written in one column and row kind, and the text that followed it there last time. */
interface KnownCell {
  readonly text: string;
  readonly tail: Uint8Array;
  next: KnownCell | null;
}

/** How each type of cell begins in one column and row kind (see SheetRows). */
interface Tags {
  style: number;
  attr: string;
  num: Uint8Array;
  /** Whole cells of the whole numbers below INT_CELLS, `<c s="4"><v>2210</v></c>`, made as they are met (shared by a style's tags). */
  ints: (Uint8Array | undefined)[];
  empty: Uint8Array;
  bool: Uint8Array;
  shared: Uint8Array;
  inline: Uint8Array;
  inlineSpace: Uint8Array;
}

/** An empty slot of the kept runs. */
const NO_RUN: RunXml = { key: -1, kind: 'header', bytes: new Uint8Array(0), shared: 0 };

/**
 * One sheet's rows as XML bytes into `out`. A class made once per sheet, with the row writer a method: the
 * generator that drives it stays small (V8 compiles it, and recompiles it for each sheet, in the background).
 */
class SheetRows {
  readonly out: ByteOut;
  private readonly cols: number;
  /** Per column: ` r="A` (an address, where a cell needs one, is this, the row's digits and `"`). */
  private readonly refOpen: Uint8Array[];
  /**
   * Per row kind and column, how each type of cell begins: `<c s="11"><v>` for a number, `<c t="s"><v>` for
   * a shared string of style 0, `<c s="6"/>` for an empty styled cell … A cell with an address is written
   * `<c r="J7"` and the rest of these from their third byte.
   */
  private readonly tags: Record<RowKind, Tags[]> = { header: [], return: [], subtotal: [], total: [] };
  /** Per column: texts go to the shared string table (they repeat), or are written inline. */
  private readonly shared: boolean[];
  /**
   * A shared text's whole cell — `<c t="s"><v>79</v></c>` — per column and row kind, for the first 4,096
   * texts a column has. The column's previous cell is kept, and with each cell the one that followed it
   * last time: a text like the row above's (community, street, file) or like last time's successor (the
   * indicator codes, names and units, which come round in template order; the cells C5, C6 …) is found by
   * a string comparison (the same string object: one pointer), without hashing it into the map.
   */
  private readonly lastCell: Record<RowKind, (KnownCell | null)[]> = { header: [], return: [], subtotal: [], total: [] };
  private readonly cellsIn: Record<RowKind, Map<string, KnownCell>[]> = { header: [], return: [], subtotal: [], total: [] };
  /** Per column, the run (index into the source's runs) that starts there, or -1; each run's end. */
  private readonly runAt: Int32Array;
  private readonly runEnd: Int32Array;
  /** Kept runs: RUN_SLOTS per run, by key. */
  private readonly runXml: RunXml[];
  /**
   * The longest XML kept for each run, summed: room made for a row (and after a long text) includes it,
   * so a kept run is copied without a check of its own.
   */
  private runRoom = 0;
  private readonly runLongest: Int32Array;
  // The run being written out cell by cell, to be kept: its index (-1: none), key, where its first cell's
  // attributes begin (-1: not yet written), and the shared-string count before it.
  private recRun = -1;
  private recKey = 0;
  private recFrom = 0;
  private recCount = 0;
  /** The row number, as digits once per row, for the addresses of the row's cells. */
  private readonly digits = new Uint8Array(16);

  constructor(t: SheetPart, styles: Styles, private readonly sst: SharedStrings, pool: BufferPool, sample: readonly (readonly CellValue[])[]) {
    const cols = (this.cols = t.columns.length);
    this.out = new ByteOut(pool);
    this.refOpen = t.columns.map((_, c) => ascii(` r="${columnLetters(c + 1)}`));
    const header = styles.index(undefined, 'header');
    const intsOf = new Map<number, (Uint8Array | undefined)[]>();
    // Registered column by column, return / subtotal / total (the order fixes the style indices).
    for (const col of t.columns) {
      for (const kind of KINDS) {
        const style = kind === 'header' ? header : styles.index(col.numFmt, kind);
        const attr = style ? ` s="${style}"` : '';
        let ints = intsOf.get(style);
        if (!ints) intsOf.set(style, (ints = new Array<Uint8Array | undefined>(INT_CELLS)));
        this.tags[kind].push({
          style, attr, num: ascii(`<c${attr}><v>`), ints, empty: ascii(`<c${attr}/>`), bool: ascii(`<c${attr} t="b"><v>`), shared: ascii(`<c${attr} t="s"><v>`),
          inline: ascii(`<c${attr} t="inlineStr"><is><t>`), inlineSpace: ascii(`<c${attr} t="inlineStr"><is><t xml:space="preserve">`),
        });
      }
    }
    this.shared = t.columns.map((_, c) => repeats(sample, c));
    for (const kind of KINDS) {
      this.lastCell[kind] = t.columns.map(() => null);
      this.cellsIn[kind] = t.columns.map(() => new Map());
    }
    const runs = t.runs ?? [];
    this.runAt = new Int32Array(cols).fill(-1);
    runs.forEach(([from], j) => (this.runAt[from] = j));
    this.runEnd = Int32Array.from(runs, ([, to]) => to);
    this.runXml = new Array<RunXml>(runs.length * RUN_SLOTS).fill(NO_RUN);
    this.runLongest = new Int32Array(runs.length);
  }

  /** Keeps the run being recorded, whose XML ends at `p`. */
  private keep(buf: Uint8Array, p: number, kind: RowKind): void {
    const at = this.recRun * RUN_SLOTS + (this.recKey & (RUN_SLOTS - 1));
    const n = p - this.recFrom;
    let m = this.runXml[at]!;
    if (m === NO_RUN) m = this.runXml[at] = { key: 0, kind, bytes: new Uint8Array(n), shared: 0 };
    else if (m.bytes.length !== n) m.bytes = new Uint8Array(n);
    m.key = this.recKey;
    m.kind = kind;
    m.shared = this.sst.count - this.recCount;
    m.bytes.set(buf.subarray(this.recFrom, p));
    if (n > this.runLongest[this.recRun]!) {
      this.runRoom += n - this.runLongest[this.recRun]!;
      this.runLongest[this.recRun] = n;
    }
    this.recRun = -1;
  }

  /**
   * Row `r`. `allShared`: every text to the shared string table (the header). `keys`: the cursor's run keys
   * for this row, or null. Written with the buffer and position in locals and small helpers V8 inlines: the
   * city-year's 明细 is 10 million cells.
   */
  row(r: number, row: readonly CellValue[], kind: RowKind, allShared: boolean, keys: Int32Array | null): void {
    const { out, cols, refOpen, digits, sst, shared, runAt, runEnd, runXml } = this;
    out.room(64 + cols * 80 + this.runRoom);
    let buf = out.buf;
    let p = copyIn(buf, out.pos, B.rowOpen, 0);
    const d0 = p;
    p = uintIn(buf, p, r);
    const nd = p - d0;
    for (let i = 0; i < nd; i++) digits[i] = buf[d0 + i]!;
    buf[p++] = 0x22; // "
    buf[p++] = 0x3e; // >
    const tg = this.tags[kind];
    const lastC = this.lastCell[kind];
    const known = this.cellsIn[kind];
    // The column a cell without an address would be at; -1: the row's first cell has one.
    let next = -1;
    for (let c = 0; c < cols; c++) {
      if (this.recRun >= 0 && c === runEnd[this.recRun]) this.keep(buf, p, kind);
      const j = keys === null ? -1 : runAt[c]!;
      if (j >= 0 && keys![j]! >= 0) {
        const key = keys![j]!;
        const m = runXml[j * RUN_SLOTS + (key & (RUN_SLOTS - 1))]!;
        if (m.key === key && m.kind === kind) {
          // The run as written before.
          if (c !== next) p = refIn(buf, p, refOpen[c]!, digits, nd);
          else {
            buf[p++] = 0x3c; // <
            buf[p++] = 0x63; // c
          }
          p = copyIn(buf, p, m.bytes, 0);
          sst.count += m.shared;
          next = runEnd[j]!;
          c = next - 1;
          continue;
        }
        this.recRun = j;
        this.recKey = key;
        this.recCount = sst.count;
        this.recFrom = -1;
      }
      const v = row[c];
      const g = tg[c]!;
      const empty = v === null || v === undefined || v === '';
      if (empty && !g.style) {
        this.recRun = -1; // a gap: the run is not kept
        continue;
      }
      let from = 0;
      if (c !== next) {
        p = refIn(buf, p, refOpen[c]!, digits, nd);
        from = 2;
      }
      if (this.recFrom < 0) this.recFrom = from ? p : p + 2;
      next = c + 1;
      if (empty) {
        p = copyIn(buf, p, g.empty, from);
      } else if (typeof v === 'number' && from === 0 && v >= 0 && v < INT_CELLS && Number.isInteger(v)) {
        // A whole number of a few digits (most counts): its cell as written before, by one copy.
        const cell = g.ints[v] ?? (g.ints[v] = ascii(`<c${g.attr}><v>${v}</v></c>`));
        buf.set(cell, p);
        p += cell.length;
      } else if (typeof v === 'number' && Number.isFinite(v)) {
        p = copyIn(buf, p, g.num, from);
        p = numIn(buf, p, v);
        p = copyIn(buf, p, B.vClose, 0);
      } else if (typeof v === 'boolean') {
        p = copyIn(buf, p, g.bool, from);
        buf[p++] = v ? 0x31 : 0x30;
        p = copyIn(buf, p, B.vClose, 0);
      } else {
        const text = typeof v === 'string' ? v : String(v);
        if (allShared || shared[c]) {
          const prev = lastC[c] as KnownCell | null;
          let cell: KnownCell | undefined;
          if (prev !== null) {
            if (text === prev.text) cell = prev;
            else if (prev.next !== null && text === prev.next.text) cell = prev.next;
          }
          // Counted here when found, by sst.id when new: one place for the count of every text met again, so
          // that V8 has seen it run before it first meets a text found in the map.
          let found = true;
          if (cell === undefined) {
            cell = known[c]!.get(text);
            if (cell === undefined) {
              found = false;
              const id = sst.id(text);
              if (known[c]!.size >= 4096) {
                // A column of many texts (as-written values): written out, not kept.
                p = copyIn(buf, p, g.shared, from);
                p = uintIn(buf, p, id);
                p = copyIn(buf, p, B.vClose, 0);
                lastC[c] = null;
                continue;
              }
              cell = { text, tail: ascii(`<c${g.attr} t="s"><v>${id}</v></c>`), next: null };
              known[c]!.set(text, cell);
            }
            if (prev !== null) prev.next = cell;
          }
          if (found) sst.count++;
          lastC[c] = cell;
          p = copyIn(buf, p, cell.tail, from);
        } else {
          out.pos = p;
          out.room(3 * text.length + 128 + (cols - c) * 80 + this.runRoom);
          buf = out.buf;
          const first = text.charCodeAt(0);
          const end = text.charCodeAt(text.length - 1);
          const plain = first > 0x20 && first < 0x7f && end > 0x20 && end < 0x7f;
          out.pos = copyIn(buf, out.pos, plain || !SPACE.test(text) ? g.inline : g.inlineSpace, from);
          out.text(text);
          p = copyIn(buf, out.pos, B.inlineClose, 0);
        }
      }
    }
    if (this.recRun >= 0) this.keep(buf, p, kind);
    out.pos = copyIn(buf, p, B.rowClose, 0);
  }
}

function* sheetXml(t: SheetPart, styles: Styles, sst: SharedStrings, tableRel: string, pool: BufferPool): Generator<Uint8Array> {
  yield enc.encode('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' +
    `<dimension ref="A1:${columnLetters(t.columns.length)}${Math.max(t.rows, 1) + 1}"/>` +
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
    '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>' +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    `<cols>${t.columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width ?? 12}" customWidth="1"/>`).join('')}</cols>` +
    '<sheetData>');
  // The header row, then the data rows; the first SAMPLE rows are copied to decide which columns repeat.
  const cur = t.rows > 0 ? t.cursor() : null;
  const sample: CellValue[][] = [];
  const sampleKinds: RowKind[] = [];
  while (cur && sample.length < Math.min(SAMPLE, t.rows)) {
    const k = cur.next();
    if (k === null) throw new Error(`${t.sheet}: fewer rows than counted`);
    sample.push(cur.row.slice());
    sampleKinds.push(k);
  }
  const w = new SheetRows(t, styles, sst, pool, sample);
  const out = w.out;
  w.row(1, headerNames(t), 'header', true, null);
  let r = 2;
  for (let i = 0; i < sample.length; i++, r++) {
    w.row(r, sample[i]!, sampleKinds[i]!, false, null);
    if (out.pos >= CHUNK) yield out.take();
  }
  const keys = cur?.runKeys && t.runs?.length ? cur.runKeys : null;
  for (let n = sample.length; cur && n < t.rows; n++, r++) {
    const k = cur.next();
    if (k === null) throw new Error(`${t.sheet}: fewer rows than counted`);
    w.row(r, cur.row, k, false, keys);
    if (out.pos >= CHUNK) yield out.take();
  }
  if (out.pos) yield out.take();
  yield enc.encode('</sheetData>' +
    '<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>' +
    '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>' +
    `<tableParts count="1"><tablePart r:id="${tableRel}"/></tableParts></worksheet>`);
}

// ── the zip ───────────────────────────────────────────────────────────────────────────────────────

/**
 * A raw-deflate stream for one zip entry. The browser uses fflate's (JavaScript); the command line passes
 * node's zlib (src/node/zlibDeflater.ts), which does the same level in about half the time. This module
 * never imports node:*, so the choice is made by the caller.
 */
export interface RawDeflater {
  /** Takes the next chunk (`final` on the last one); a returned promise asks the caller to wait for it. */
  push(chunk: Uint8Array, final: boolean): void | Promise<void>;
  /** Set by the writer: where compressed data goes (`final` once, after the last chunk). */
  ondata: (data: Uint8Array, final: boolean) => void;
  /** Set by the writer: called with each pushed chunk once the deflater no longer reads it (the buffer is reused). */
  release?: (chunk: Uint8Array) => void;
}

export interface XlsxOptions {
  /** Rows per sheet before a table continues on the next sheet (tests use a small number). */
  maxRows?: number;
  /** Makes a raw deflater per zip entry at the given level; fflate's when absent. */
  deflater?: (level: number) => RawDeflater;
  /** CRC-32 of `data` continuing from `crc` (node's zlib.crc32); a JavaScript one when absent. */
  crc32?: (data: Uint8Array, crc: number) => number;
}

/**
 * Deflate level 2. On a city-year's 明细 (420 MB of sheet XML) node's zlib took 1.1 s at level 1 (47.9 MB),
 * 1.1 s at level 2 (44.7 MB), 2.0 s at level 3 (41.7 MB) and 4.2 s at level 6 (37.5 MB): level 2 is as
 * cheap as 1 and 7 % smaller; 3 and 6 cost two and four times as much for 7 % and 16 % less.
 */
export const DEFLATE_LEVEL = 2;

/** fflate's deflater, loaded when asked for: the command line passes zlib's and so never loads fflate (~30 ms). */
async function fflateDeflater(): Promise<(level: number) => RawDeflater> {
  const { Deflate } = await import('fflate');
  return (level) => {
    const d: RawDeflater = {
      ondata: () => undefined,
      push: (chunk, final) => {
        z.push(chunk, final); // fflate copies what it keeps of the chunk into its own window
        d.release?.(chunk);
      },
    };
    const z = new Deflate({ level: level as 2 }, (data, final) => d.ondata(data, final));
    return d;
  };
}

let CRC_TABLE: Int32Array | null = null;
function jsCrc32(data: Uint8Array, crc: number): number {
  let t = CRC_TABLE;
  if (!t) {
    t = CRC_TABLE = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      t[n] = c;
    }
  }
  let c = ~crc;
  for (let i = 0; i < data.length; i++) c = t[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

// Entry times are a fixed DOS date-time, 2000-01-01 00:00, written as numbers: the same bytes in every
// time zone (no Date involved).
const DOS_TIME = 0;
const DOS_DATE = ((2000 - 1980) << 9) | (1 << 5) | 1;
const OUT_CHUNK = 1 << 20;

/** Little-endian header fields. */
function header(fields: readonly [number, 2 | 4][], name: Uint8Array): Uint8Array {
  const size = fields.reduce((n, [, w]) => n + w, 0);
  const b = new Uint8Array(size + name.length);
  const v = new DataView(b.buffer);
  let o = 0;
  for (const [x, w] of fields) {
    if (w === 2) v.setUint16(o, x, true);
    else v.setUint32(o, x >>> 0, true);
    o += w;
  }
  b.set(name, o);
  return b;
}

/**
 * A zip being written as a stream: entries deflated as their content comes, bytes handed on about a megabyte
 * at a time. Entries use a data descriptor (sizes and CRC after the data); no entry or offset may pass 4 GB
 * (zip64 is not written).
 */
class ZipStream {
  private readonly central: Uint8Array[] = [];
  private offset = 0;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;

  constructor(
    private readonly makeDeflater: (level: number) => RawDeflater,
    private readonly crc32: (data: Uint8Array, crc: number) => number,
    private readonly pool: BufferPool,
  ) {}

  private emit(b: Uint8Array): void {
    this.pending.push(b);
    this.pendingBytes += b.length;
    this.offset += b.length;
  }

  /** What is pending, handed on as it came (no copy into one buffer): node's zlib gives 256 KB pieces. */
  private flush(): Uint8Array[] {
    const out = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    return out;
  }

  async *file(nameText: string, chunks: Iterable<string | Uint8Array>): AsyncGenerator<Uint8Array> {
    const name = enc.encode(nameText);
    const start = this.offset;
    this.emit(header([[0x04034b50, 4], [20, 2], [0x0008, 2], [8, 2], [DOS_TIME, 2], [DOS_DATE, 2], [0, 4], [0, 4], [0, 4], [name.length, 2], [0, 2]], name));
    let crc = 0;
    let size = 0;
    let compressed = 0;
    const d = this.makeDeflater(DEFLATE_LEVEL);
    d.release = (chunk) => this.pool.release(chunk);
    d.ondata = (data) => {
      if (data.length === 0) return;
      compressed += data.length;
      this.emit(data);
    };
    for (const c of chunks) {
      const bytes = typeof c === 'string' ? enc.encode(c) : c;
      if (bytes.length === 0) continue;
      crc = this.crc32(bytes, crc);
      size += bytes.length;
      const wait = d.push(bytes, false);
      if (wait) await wait;
      if (this.pendingBytes >= OUT_CHUNK) yield* this.flush();
    }
    const wait = d.push(new Uint8Array(0), true);
    if (wait) await wait;
    tooBig(size);
    tooBig(this.offset);
    this.emit(header([[0x08074b50, 4], [crc, 4], [compressed, 4], [size, 4]], new Uint8Array(0)));
    this.central.push(header([[0x02014b50, 4], [20, 2], [20, 2], [0x0008, 2], [8, 2], [DOS_TIME, 2], [DOS_DATE, 2], [crc, 4], [compressed, 4], [size, 4],
      [name.length, 2], [0, 2], [0, 2], [0, 2], [0, 2], [0, 4], [start, 4]], name));
    if (this.pendingBytes >= OUT_CHUNK) yield* this.flush();
  }

  /** The central directory and its end record, and whatever is pending. */
  end(): Uint8Array[] {
    const cdStart = this.offset;
    for (const c of this.central) this.emit(c);
    const cdSize = this.offset - cdStart;
    const n = this.central.length;
    tooBig(this.offset);
    this.emit(header([[0x06054b50, 4], [0, 2], [0, 2], [n, 2], [n, 2], [cdSize, 4], [cdStart, 4], [0, 2]], new Uint8Array(0)));
    return this.flush();
  }
}

function tooBig(n: number): void {
  if (n > 0xffffffff) throw new Error('summary.xlsx: a part or the file passes 4 GB (zip64 is not written)');
}

/** A part of the workbook: its name in the zip, and its content, made when the part is written. */
type Part = readonly [name: string, content: () => Iterable<string | Uint8Array>];

/** The workbook's parts in zip order. */
function workbookParts(tables: readonly SheetPart[], pool: BufferPool): Part[] {
  const styles = new Styles();
  const sst = new SharedStrings();
  const n = tables.length;
  const sheetIds = tables.map((_, i) => i + 1);
  return [
    ['[Content_Types].xml', () => [
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
        sheetIds.map((i) => `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
          `<Override PartName="/xl/tables/table${i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"/>`).join('') +
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
        '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
        '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>',
    ]],
    ['_rels/.rels', () => [
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>' +
        '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>',
    ]],
    ['docProps/core.xml', () => [
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
        '<dc:creator>Community Returns</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">2000-01-01T00:00:00Z</dcterms:created></cp:coreProperties>',
    ]],
    ['docProps/app.xml', () => [
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Community Returns</Application></Properties>',
    ]],
    ['docProps/custom.xml', () => [ownOutputCustomXml('summary')]],
    ['xl/workbook.xml', () => [
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
        '<bookViews><workbookView/></bookViews><sheets>' +
        tables.map((t, i) => `<sheet name="${esc(t.sheet)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
        '</sheets><definedNames>' +
        tables.map((t, i) => `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">'${esc(t.sheet)}'!$1:$1</definedName>`).join('') +
        '</definedNames></workbook>',
    ]],
    ['xl/_rels/workbook.xml.rels', () => [
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        sheetIds.map((i) => `<Relationship Id="rId${i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i}.xml"/>`).join('') +
        `<Relationship Id="rId${n + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
        `<Relationship Id="rId${n + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    ]],
    ...tables.flatMap((t, i): Part[] => [
      [`xl/worksheets/sheet${i + 1}.xml`, () => sheetXml(t, styles, sst, 'rId1', pool)],
      [`xl/worksheets/_rels/sheet${i + 1}.xml.rels`, () => [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
          `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/table" Target="../tables/table${i + 1}.xml"/></Relationships>`,
      ]],
      [`xl/tables/table${i + 1}.xml`, () => [tableXml(t, i + 1)]],
    ]),
    // Styles and strings last: the sheets have registered every format, row kind and string by now.
    ['xl/styles.xml', () => [styles.xml()]],
    ['xl/sharedStrings.xml', () => sst.xml()],
  ];
}

/**
 * The workbook as a stream of zip bytes (about a megabyte at a time): sheets are written and compressed
 * as they are read from their sources, so memory holds a few buffers, not the file. (A small loop: every
 * chunk passes through it.)
 */
export async function* xlsxChunks(allTables: readonly (OutputTable | TableSource)[], opts: XlsxOptions = {}): AsyncGenerator<Uint8Array> {
  const pool = new BufferPool();
  const zip = new ZipStream(opts.deflater ?? (await fflateDeflater()), opts.crc32 ?? jsCrc32, pool);
  for (const [name, content] of workbookParts(sheetParts(allTables, opts.maxRows ?? EXCEL_MAX_DATA_ROWS), pool)) yield* zip.file(name, content());
  yield* zip.end();
}

/** Streams the tables into an .xlsx and returns its bytes (the page and the tests; the CLI streams to the file). */
export async function tablesToXlsx(tables: readonly (OutputTable | TableSource)[], opts: XlsxOptions = {}): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const p of xlsxChunks(tables, opts)) parts.push(p);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
