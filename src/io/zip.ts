import { InflateError, inflateRaw } from './inflate.js';
import { mb } from './limits.js';
import { ReadFailure } from './readFailure.js';

/** One file inside a zip, as its central directory lists it. */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  /** As declared; may lie, so inflating counts the bytes it actually produces. */
  size: number;
  localOffset: number;
  encrypted: boolean;
  crc: number;
}

/**
 * Small parts that many files share byte for byte (the styles, workbook and relationships of returns made
 * from one template), inflated once: keyed by CRC and sizes, and used only when the compressed bytes are
 * identical, so a hit is exact; kept as text, decoded once too.
 */
const shared = new Map<string, { compressed: Uint8Array; text: string }>();
const utf8 = new TextDecoder('utf-8');
const SHARED_MAX_BYTES = 64 * 1024;
const SHARED_MAX_ENTRIES = 64;
/** Keys of small parts met once, so that only a part met again is kept. */
const seen = new Set<string>();
const SEEN_MAX_ENTRIES = 10_000;

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * A zip archive's table of contents, read from its central directory (zip64 included), with entries
 * inflated one at a time on demand. Nothing is inflated that the reader does not ask for, and every
 * entry inflates under a byte budget shared by the whole archive, so a zip bomb stops at the budget
 * instead of filling memory.
 */
export class ZipArchive {
  readonly entries = new Map<string, ZipEntry>();
  /** Names by their lower case, made when a name is first not found as spelt. */
  private lower: Map<string, string> | null = null;
  private inflated_ = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly budget: number,
  ) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const eocd = findEocd(bytes, view);
    if (eocd < 0) throw new ReadFailure('corrupt', 'no zip directory');
    let count = view.getUint16(eocd + 10, true);
    let cdOffset = view.getUint32(eocd + 16, true);
    if (count === 0xffff || cdOffset === 0xffffffff) {
      const loc = eocd - 20;
      if (loc < 0 || view.getUint32(loc, true) !== 0x07064b50) throw new ReadFailure('corrupt', 'zip64 locator');
      const z64 = num64(view, loc + 8);
      if (z64 + 56 > bytes.length || view.getUint32(z64, true) !== 0x06064b50) throw new ReadFailure('corrupt', 'zip64 directory');
      count = num64(view, z64 + 32);
      cdOffset = num64(view, z64 + 48);
    }
    let p = cdOffset;
    for (let i = 0; i < count; i++) {
      if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) throw new ReadFailure('corrupt', 'zip directory entry');
      const flags = view.getUint16(p + 8, true);
      const method = view.getUint16(p + 10, true);
      let compressedSize = view.getUint32(p + 20, true);
      let size = view.getUint32(p + 24, true);
      const nameLen = view.getUint16(p + 28, true);
      const extraLen = view.getUint16(p + 30, true);
      const commentLen = view.getUint16(p + 32, true);
      let localOffset = view.getUint32(p + 42, true);
      const name = entryName(bytes, p + 46, p + 46 + nameLen);
      // zip64: the real sizes and offset sit in extra field 0x0001, in this order, for those that overflowed.
      for (let e = p + 46 + nameLen, end = e + extraLen; e + 4 <= end; ) {
        const id = view.getUint16(e, true);
        const len = view.getUint16(e + 2, true);
        if (id === 1) {
          let q = e + 4;
          if (size === 0xffffffff) (size = num64(view, q)), (q += 8);
          if (compressedSize === 0xffffffff) (compressedSize = num64(view, q)), (q += 8);
          if (localOffset === 0xffffffff) localOffset = num64(view, q);
        }
        e += 4 + len;
      }
      const crc = view.getUint32(p + 16, true);
      const entry: ZipEntry = { name, method, compressedSize, size, localOffset, encrypted: (flags & 1) === 1, crc };
      this.entries.set(name, entry);
      p += 46 + nameLen + extraLen + commentLen;
    }
  }

  /** The entry named `name` (a leading `/` ignored; exact case first, then any case, as Excel is lenient). */
  find(name: string): ZipEntry | undefined {
    const n = name.charCodeAt(0) === 47 ? name.replace(/^\/+/, '') : name;
    const exact = this.entries.get(n);
    if (exact) return exact;
    if (!this.lower) {
      this.lower = new Map();
      for (const k of this.entries.keys()) this.lower.set(k.toLowerCase(), k);
    }
    return this.entries.get(this.lower.get(n.toLowerCase()) ?? '');
  }

  /** The entry's bytes (a copy of its own), or null when there is no such entry. Throws a {@link ReadFailure} past the budget. */
  read(name: string): Uint8Array | null {
    const b = this.inflated(name);
    return b === null ? null : b.slice();
  }

  /** The entry as text (UTF-8, BOM dropped), or null when absent. Throws a {@link ReadFailure} past the budget. */
  text(name: string): string | null {
    const e = this.find(name);
    if (!e) return null;
    const key = e.method === 8 && e.size <= SHARED_MAX_BYTES ? `${e.crc}:${e.compressedSize}:${e.size}` : null;
    if (key !== null) {
      const data = this.data(e);
      const hit = shared.get(key);
      if (hit && sameBytes(hit.compressed, data)) {
        this.charge(e.size);
        return hit.text;
      }
      const text = utf8.decode(this.inflate(e, data));
      // Kept from its second sighting on: a part seen once (a return's own sheet) is not held.
      if (seen.has(key)) {
        if (shared.size >= SHARED_MAX_ENTRIES) shared.delete(shared.keys().next().value!);
        shared.set(key, { compressed: data.slice(), text });
      } else {
        if (seen.size >= SEEN_MAX_ENTRIES) seen.clear();
        seen.add(key);
      }
      return text;
    }
    const b = this.inflated(name);
    return b === null ? null : utf8.decode(b);
  }

  /**
   * The entry's bytes, or null when there is no such entry: a view of the inflater's reused buffer, valid
   * until the next entry is inflated.
   */
  private inflated(name: string): Uint8Array | null {
    const e = this.find(name);
    if (!e) return null;
    return this.inflate(e, this.data(e));
  }

  /** The entry's stored (compressed) bytes. */
  private data(e: ZipEntry): Uint8Array {
    if (e.encrypted) throw new ReadFailure('encrypted', 'zip');
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    const lh = e.localOffset;
    if (lh + 30 > this.bytes.length || view.getUint32(lh, true) !== 0x04034b50) throw new ReadFailure('corrupt', e.name);
    const start = lh + 30 + view.getUint16(lh + 26, true) + view.getUint16(lh + 28, true);
    const end = start + e.compressedSize;
    if (end > this.bytes.length) throw new ReadFailure('corrupt', e.name);
    return this.bytes.subarray(start, end);
  }

  /**
   * Inflates under what is left of the budget, so an entry whose header lies about its size costs at
   * most ~budget bytes of work before it is stopped; an honest header over the budget is refused
   * without inflating anything.
   */
  private inflate(e: ZipEntry, data: Uint8Array): Uint8Array {
    if (e.method === 0) return this.charge(data.length) && data;
    if (e.method !== 8) throw new ReadFailure('corrupt', `${e.name}: compression ${e.method}`);
    const left = this.budget - this.inflated_;
    if (e.size > left) throw new ReadFailure('expands_too_large', `> ${mb(this.budget)}`);
    let out: Uint8Array;
    try {
      out = inflateRaw(data, left, e.size);
    } catch (err) {
      if (err instanceof InflateError && err.reason === 'limit') throw new ReadFailure('expands_too_large', `> ${mb(this.budget)}`);
      throw new ReadFailure('corrupt', e.name);
    }
    // A header that understates its entry's size is not a zip we trust.
    if (out.length > e.size) throw new ReadFailure('corrupt', `${e.name}: size`);
    return this.charge(out.length) && out;
  }

  private charge(n: number): true {
    this.inflated_ += n;
    if (this.inflated_ > this.budget) throw new ReadFailure('expands_too_large', `> ${mb(this.budget)}`);
    return true;
  }
}

/** An entry name: UTF-8, nearly always ASCII, which needs no decoder. */
function entryName(bytes: Uint8Array, from: number, to: number): string {
  let ascii = to - from <= 256;
  for (let i = from; ascii && i < to; i++) if (bytes[i]! >= 0x80) ascii = false;
  if (!ascii) return utf8.decode(bytes.subarray(from, to));
  let s = "";
  for (let i = from; i < to; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

function num64(view: DataView, at: number): number {
  return view.getUint32(at, true) + view.getUint32(at + 4, true) * 2 ** 32;
}

/** The end-of-central-directory record: the last 22+ bytes, possibly followed by a comment of up to 64 KB. */
function findEocd(bytes: Uint8Array, view: DataView): number {
  const min = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= min; i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && view.getUint32(i, true) === 0x06054b50) return i;
  }
  return -1;
}
