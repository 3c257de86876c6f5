import { LazyArray } from '../core/output/lazyArray.js';

/**
 * JSON as UTF-8 bytes in chunks, for results too large to hold as one string (a city-year's JSON is tens of
 * MB). The bytes are those of `JSON.stringify(value, null, pretty ? 2 : undefined)` in UTF-8 (no replacer;
 * toJSON methods and boxed primitives as JSON.stringify treats them). A LazyArray in the walked levels has its
 * elements made a run at a time, as they are written.
 *
 * The top two levels are walked here; below them the elements of an array are stringified a run at a time
 * (JSON.stringify is native and needs no warming up, which a hand-written serialiser run once per process
 * does: measured slower twice, the second time one writing UTF-8 straight into the buffer, keys and repeated
 * texts encoded once — ~1.7× the CPU in a fresh process) and encoded straight into a large byte buffer. Joining the pieces into 64 KB
 * string chunks first and converting each to bytes cost more than making the text. A chunk — a fresh buffer,
 * never reused unless `reuse` says so, so a caller may keep it or write it later — is handed over when about
 * `chunkSize` bytes are full, between runs.
 *
 * `reuse`: the caller is done with a chunk's bytes when it asks for the next chunk (it has written them), so
 * the buffer may be filled again. Fresh memory is expensive to touch the first time: on our 2-CPU VMs the
 * city-year's 23 fresh megabytes cost ~80 ms of CPU in page faults alone, two reused buffers next to nothing.
 */
export function* jsonBytes(value: unknown, pretty = false, chunkSize = 1 << 20, reuse = false): Generator<Uint8Array> {
  const w = new ByteChunks(chunkSize, reuse);
  const v = resolve(value, '');
  if (skipped(v)) return; // JSON.stringify gives undefined: no text at all
  yield* walk(w, v, pretty, 0);
  w.end();
  yield* w.handOver();
}

// Levels walked here (one generator step per chunk handed over); below them an element is stringified whole.
const WALK_DEPTH = 2;

const skipped = (v: unknown): boolean => v === undefined || typeof v === 'function' || typeof v === 'symbol';

const COMMA = 44;
const COLON = 58;

/** An array, or one whose elements are made as they are written (see LazyArray). */
type Elements = readonly unknown[] | LazyArray<unknown>;

function* walk(w: ByteChunks, v: unknown, pretty: boolean, level: number): Generator<Uint8Array> {
  if (v === null || typeof v !== 'object') {
    w.text(primitive(v));
    return;
  }
  if (Array.isArray(v) || v instanceof LazyArray) {
    const a = v as Elements;
    if (a.length === 0) {
      w.text('[]');
      return;
    }
    if (level + 1 >= WALK_DEPTH) return yield* leafArray(w, a, pretty, level);
    w.text('[');
    for (let i = 0; i < a.length; i++) {
      if (i) w.byte(COMMA);
      if (pretty) w.newline(level + 1);
      const el = resolve(a instanceof LazyArray ? a.at(i) : a[i], i);
      yield* walk(w, skipped(el) ? null : el, pretty, level + 1);
      if (w.full.length) yield* w.handOver();
    }
    if (pretty) w.newline(level);
    w.text(']');
    return;
  }
  let first = true;
  for (const k of Object.keys(v)) {
    const x = (v as Record<string, unknown>)[k];
    let el: unknown;
    let text: string | undefined;
    if (level + 1 < WALK_DEPTH) {
      el = resolve(x, k);
      if (skipped(el)) continue;
    } else {
      text = leaf(x, k, pretty, level + 1);
      if (text === undefined) continue;
    }
    w.byte(first ? 123 : COMMA);
    first = false;
    if (pretty) w.newline(level + 1);
    w.text(JSON.stringify(k));
    w.byte(COLON);
    if (pretty) w.byte(32);
    if (text === undefined) yield* walk(w, el, pretty, level + 1);
    else w.text(text);
    if (w.full.length) yield* w.handOver();
  }
  if (first) {
    w.text('{}');
    return;
  }
  if (pretty) w.newline(level);
  w.text('}');
}

// Elements stringified together, about this many characters at a time: one call per element costs more
// (city-year JSON: ~250 ms → ~200 ms), and so do much longer runs (~80 K characters: ~450 ms; V8 keeps
// strings over 128 KB apart, in its large-object space).
const BATCH_CHARS = 16_384;

const hasToJSON = (x: unknown): boolean =>
  ((typeof x === 'object' && x !== null) || typeof x === 'bigint') && typeof (x as { toJSON?: unknown }).toJSON === 'function';

/**
 * A non-empty array at `level` whose elements are below the walked levels. A run of elements is stringified
 * as one array, `JSON.stringify(a.slice(i, j))` (of a LazyArray: its elements i … j − 1, made now); its text, re-indented for `level`, is the array's own text
 * for those elements — its `[` becomes the `,` after the previous run, and its closing bracket is dropped but
 * for the last run. A run holding an element with a toJSON method is written element by element instead
 * (toJSON is called with the element's index, which a slice would renumber).
 */
function* leafArray(w: ByteChunks, a: Elements, pretty: boolean, level: number): Generator<Uint8Array> {
  const close = pretty ? 2 * level + 2 : 1; // "\n" + indent + "]", or "]"
  // Pretty: the run is stringified inside `level` arrays, which indents it as it stands here, and their
  // openings ("[\n  ", "[\n    ", …) and closings ("\n]", "\n  ]", …) are cut off again.
  let opening = 0;
  for (let k = 1; k <= level; k++) opening += 2 + 2 * k;
  const closing = opening - 2 * level;
  let n = 8;
  for (let i = 0; i < a.length; ) {
    const end = Math.min(a.length, i + n);
    const run = a instanceof LazyArray ? made(a, i, end) : a.slice(i, end);
    let plain = true;
    for (let j = 0; j < run.length && plain; j++) plain = !hasToJSON(run[j]);
    if (plain) {
      let held: unknown = run;
      if (pretty) for (let k = 0; k < level; k++) held = [held];
      const s = pretty ? JSON.stringify(held, null, 2) : JSON.stringify(held);
      const at = w.text(s);
      if (pretty && level) {
        w.cut(at, opening);
        w.unwrite(closing);
      }
      if (i) w.patch(at, COMMA);
      if (end < a.length) w.unwrite(close);
      n = Math.max(1, Math.min(1024, Math.floor((BATCH_CHARS * (end - i)) / s.length)));
    } else {
      for (let j = i; j < end; j++) {
        w.byte(j ? COMMA : 91);
        if (pretty) w.newline(level + 1);
        w.text(leaf(run[j - i], j, pretty, level + 1) ?? 'null');
      }
      if (end === a.length) {
        if (pretty) w.newline(level);
        w.byte(93);
      }
    }
    i = end;
    if (w.full.length) yield* w.handOver();
  }
}

/** Elements i … end − 1 of a LazyArray, made now. */
function made(a: LazyArray<unknown>, i: number, end: number): unknown[] {
  const run: unknown[] = [];
  for (let j = i; j < end; j++) run.push(a.at(j));
  return run;
}

/** A value below the walked levels, as JSON.stringify writes it as member `key` at `level` (undefined: left out). */
function leaf(v: unknown, key: string | number, pretty: boolean, level: number): string | undefined {
  let s: string | undefined;
  let base = 0; // the indent the text's inner lines already have
  if ((typeof v === 'object' && v !== null) || typeof v === 'bigint') {
    if (typeof (v as { toJSON?: unknown }).toJSON === 'function') {
      // toJSON is called with the member's key: stringify the member in a holder and cut the holder off.
      const k = JSON.stringify(String(key));
      const held = JSON.stringify({ [String(key)]: v }, null, pretty ? 2 : undefined);
      if (held === '{}') return undefined;
      s = pretty ? held.slice(k.length + 6, -2) : held.slice(k.length + 2, -1);
      base = pretty ? 2 : 0;
    }
  }
  if (s === undefined) {
    if (typeof v === 'number') return numberText(v); // most leaves are numbers: no call into JSON.stringify
    s = JSON.stringify(v, null, pretty ? 2 : undefined) as string | undefined;
    if (s === undefined) return undefined;
  }
  return pretty && 2 * level !== base && s.includes('\n') ? s.replace(/\n/g, '\n' + ' '.repeat(2 * level - base)) : s;
}

const numberText = (n: number): string => (Number.isFinite(n) ? String(n) : 'null');

/** A resolved value that is not an object, as JSON.stringify writes it. */
function primitive(v: unknown): string {
  if (typeof v === 'bigint') throw new TypeError('Do not know how to serialize a BigInt');
  if (typeof v === 'number') return numberText(v);
  return JSON.stringify(v) ?? 'null';
}

/**
 * SerializeJSONProperty's first steps: toJSON(key), then boxed numbers, strings and booleans unwrapped. A
 * LazyArray stays as it is: walked here element by element, it writes what its toJSON would make at once.
 */
function resolve(v: unknown, key: string | number): unknown {
  if (v instanceof LazyArray) return v;
  if ((typeof v === 'object' && v !== null) || typeof v === 'bigint') {
    const toJSON = (v as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') v = toJSON.call(v, String(key));
  }
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    if (v instanceof Number) return Number(v);
    if (v instanceof String) return String(v);
    if (v instanceof Boolean) return v.valueOf();
  }
  return v;
}

/** Text encoded as UTF-8 into large buffers, handed over full. */
class ByteChunks {
  private buf: Uint8Array;
  private pos = 0;
  /** Full chunks not yet handed over. */
  full: Uint8Array[] = [];
  /** Buffers handed over and done with (`reuse`), to fill again. */
  private readonly spare: Uint8Array[] = [];
  private readonly enc = new TextEncoder();

  constructor(
    private readonly chunkSize: number,
    private readonly reuse: boolean,
  ) {
    this.buf = new Uint8Array(chunkSize);
  }

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    if (this.pos) this.full.push(this.buf.subarray(0, this.pos));
    const spare = this.spare.pop();
    this.buf = spare && spare.length >= n ? spare : new Uint8Array(Math.max(this.chunkSize, n));
    this.pos = 0;
  }

  /** Hands the full chunks over one by one; with `reuse`, each buffer is spare once the caller asks for more. */
  *handOver(): Generator<Uint8Array> {
    for (let c = this.full.shift(); c; c = this.full.shift()) {
      yield c;
      if (this.reuse) this.spare.push(new Uint8Array(c.buffer, c.byteOffset));
    }
  }

  byte(b: number): void {
    this.room(1);
    this.buf[this.pos++] = b;
  }

  /** Pretty: a line break and the indent of `level`. */
  newline(level: number): void {
    const n = 2 * level;
    this.room(n + 1);
    this.buf[this.pos++] = 10;
    this.buf.fill(32, this.pos, this.pos + n);
    this.pos += n;
  }

  /**
   * Text from JSON.stringify — well-formed (lone surrogates are escaped), so UTF-8 takes ≤ 3 bytes a unit — all
   * in the current buffer; returns where it starts there.
   */
  text(s: string): number {
    this.room(3 * s.length);
    const at = this.pos;
    this.pos += this.enc.encodeInto(s, this.buf.subarray(at)).written;
    return at;
  }

  /** Overwrites the byte at `at` of the current buffer (written by the last `text`). */
  patch(at: number, b: number): void {
    this.buf[at] = b;
  }

  /** Cuts `n` bytes out at `at` (in the last `text`, which is all in the current buffer). */
  cut(at: number, n: number): void {
    this.buf.copyWithin(at, at + n, this.pos);
    this.pos -= n;
  }

  /** Takes back the last `n` bytes (of the last `text`, which are all in the current buffer). */
  unwrite(n: number): void {
    this.pos -= n;
  }

  /** The last chunk, if any, joins the full ones. */
  end(): void {
    if (this.pos) this.full.push(this.buf.subarray(0, this.pos));
    this.pos = 0;
  }
}
