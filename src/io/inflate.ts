/**
 * Raw DEFLATE (RFC 1951) decoding for the zip reader: stored, fixed-Huffman and dynamic-Huffman blocks.
 *
 * Why our own rather than fflate's `inflateSync`: the parts of a return are small (a few KB), and for
 * small parts the cost is not the data but the setup — fflate builds a full 2^maxbits lookup table per
 * Huffman code (up to 64 KB) for every block of every call, and those short-lived typed arrays are what
 * the garbage collector spent most of its time on when 2,400 returns were read. Here the tables and the
 * output buffer are allocated once and reused: a 2^10 first-level table per code (filled in ~1,000
 * steps), with codes longer than 10 bits decoded canonically, bit by bit (they are rare: a long code is
 * an unlikely symbol).
 *
 * Work is bounded: every output byte is counted against `limit` before it is written, and each block
 * consumes input, so a stream costs at most ~`limit` bytes of work plus its own length.
 */

/** Why inflating stopped: the output would pass the limit, or the data is not valid DEFLATE. */
export class InflateError extends Error {
  constructor(readonly reason: 'limit' | 'corrupt') {
    super(reason);
  }
}

const FAST = 10;
const FAST_SIZE = 1 << FAST;

const LEN_BASE = new Uint16Array([3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]);
const LEN_EXTRA = new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]);
const DIST_BASE = new Uint16Array([
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
]);
const DIST_EXTRA = new Uint8Array([0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]);
const CL_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/** A canonical Huffman code: a first-level table for codes ≤ FAST bits, counts and sorted symbols for the rest. */
interface Code {
  /** Indexed by the next FAST input bits: `symbol << 4 | length`, or 0 when the code is longer than FAST. */
  fast: Uint16Array;
  /** Number of codes of each length 1..15 (index 0 unused). */
  counts: Uint16Array;
  /** Symbols in canonical order (by length, then by symbol). */
  symbols: Uint16Array;
}

function newCode(): Code {
  return { fast: new Uint16Array(FAST_SIZE), counts: new Uint16Array(16), symbols: new Uint16Array(320) };
}

const litCode = newCode();
const distCode = newCode();
const clCode = newCode();
const fixedLit = newCode();
const fixedDist = newCode();
const lengths = new Uint8Array(320);
const offsets = new Uint16Array(16);
const nextCode = new Uint16Array(16);

/** Each FAST-bit number with its bits reversed (DEFLATE packs Huffman codes from their most significant bit). */
const REVERSED = new Uint16Array(FAST_SIZE);
for (let x = 0; x < FAST_SIZE; x++) {
  let r = 0;
  for (let i = 0, v = x; i < FAST; i++, v >>>= 1) r = (r << 1) | (v & 1);
  REVERSED[x] = r;
}

/**
 * Builds `code` from code lengths `lens[from..from+n)`. Over-subscribed lengths are corrupt; an
 * incomplete code is allowed (a stream with a single distance code is legal), and reading one of its
 * unused bit patterns is corrupt when it happens.
 */
function build(code: Code, lens: Uint8Array, from: number, n: number): void {
  const { fast, counts, symbols } = code;
  counts.fill(0);
  for (let s = 0; s < n; s++) counts[lens[from + s]!]!++;
  counts[0] = 0;
  let left = 1;
  for (let len = 1; len < 16; len++) {
    left = (left << 1) - counts[len]!;
    if (left < 0) throw new InflateError('corrupt');
  }
  offsets[1] = 0;
  for (let len = 1; len < 15; len++) offsets[len + 1] = offsets[len]! + counts[len]!;
  for (let s = 0; s < n; s++) {
    const l = lens[from + s]!;
    if (l !== 0) symbols[offsets[l]!++] = s;
  }
  fast.fill(0);
  let c = 0;
  nextCode[0] = 0;
  for (let len = 1; len < 16; len++) {
    c = (c + counts[len - 1]!) << 1;
    nextCode[len] = c;
  }
  counts[0] = 0;
  for (let s = 0; s < n; s++) {
    const l = lens[from + s]!;
    if (l === 0 || l > FAST) continue;
    const entry = (s << 4) | l;
    for (let j = REVERSED[nextCode[l]!++]! >>> (FAST - l); j < FAST_SIZE; j += 1 << l) fast[j] = entry;
  }
}

{
  for (let i = 0; i < 288; i++) lengths[i] = i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8;
  build(fixedLit, lengths, 0, 288);
  lengths.fill(5, 0, 30);
  build(fixedDist, lengths, 0, 30);
}

/** The output buffer, reused across calls and grown as needed (never past a call's limit). */
let out: Uint8Array = new Uint8Array(64 * 1024);
const KEEP_BYTES = 4 * 1024 * 1024;

/**
 * Inflates raw DEFLATE `src`, producing at most `limit` bytes. Returns a view of a buffer that the
 * next call reuses: decode or copy it before inflating again. `sizeHint` (the zip header's size) only
 * presizes the buffer, never past what `src` could expand to. Throws an {@link InflateError}.
 */
export function inflateRaw(src: Uint8Array, limit: number, sizeHint = 0): Uint8Array {
  // Deflate expands at most ~1032:1, so a header declaring more than that is not believed for the presize.
  const presize = Math.min(sizeHint, limit, src.length * 1032 + 1024);
  if (out.length < presize) out = new Uint8Array(presize);
  else if (out.length > KEEP_BYTES && presize <= KEEP_BYTES) out = new Uint8Array(64 * 1024); // left by a failed big part
  let buf: Uint8Array = out;
  const srcLen = src.length;
  let pos = 0; // next input byte
  let bits = 0; // bit buffer, least significant bit first
  let nbits = 0;
  let o = 0; // output length

  let cap = Math.min(buf.length, limit); // writes past cap grow the buffer, or stop at the limit

  let final = 0;
  while (!final) {
    while (nbits < 3) {
      if (pos >= srcLen) throw new InflateError('corrupt');
      bits |= src[pos++]! << nbits;
      nbits += 8;
    }
    final = bits & 1;
    const type = (bits >>> 1) & 3;
    bits >>>= 3;
    nbits -= 3;

    if (type === 0) {
      // Stored: skip to a byte boundary (whole bytes in the bit buffer go back), LEN and NLEN, then
      // LEN bytes as they are.
      pos -= nbits >> 3;
      bits = 0;
      nbits = 0;
      if (pos + 4 > srcLen) throw new InflateError('corrupt');
      const len = src[pos]! | (src[pos + 1]! << 8);
      const nlen = src[pos + 2]! | (src[pos + 3]! << 8);
      pos += 4;
      if ((len ^ 0xffff) !== nlen || pos + len > srcLen) throw new InflateError('corrupt');
      if (o + len > cap) cap = Math.min((buf = grow(buf, o, o + len, limit)).length, limit);
      buf.set(src.subarray(pos, pos + len), o);
      o += len;
      pos += len;
      continue;
    }

    let lit: Code;
    let dist: Code;
    if (type === 1) {
      lit = fixedLit;
      dist = fixedDist;
    } else if (type === 2) {
      while (nbits < 14) {
        if (pos >= srcLen) throw new InflateError('corrupt');
        bits |= src[pos++]! << nbits;
        nbits += 8;
      }
      const nlen = (bits & 31) + 257;
      const ndist = ((bits >>> 5) & 31) + 1;
      const ncode = ((bits >>> 10) & 15) + 4;
      bits >>>= 14;
      nbits -= 14;
      if (nlen > 286 || ndist > 30) throw new InflateError('corrupt');
      lengths.fill(0, 0, 19);
      for (let i = 0; i < ncode; i++) {
        if (nbits < 3) {
          if (pos >= srcLen) throw new InflateError('corrupt');
          bits |= src[pos++]! << nbits;
          nbits += 8;
        }
        lengths[CL_ORDER[i]!] = bits & 7;
        bits >>>= 3;
        nbits -= 3;
      }
      build(clCode, lengths, 0, 19);
      // Literal/length and distance code lengths, one run-length-coded sequence.
      const total = nlen + ndist;
      for (let i = 0; i < total; ) {
        while (nbits < 16 && pos < srcLen) {
          bits |= src[pos++]! << nbits;
          nbits += 8;
        }
        const e = clCode.fast[bits & (FAST_SIZE - 1)]!; // code-length codes are ≤ 7 bits: always in the table
        const l = e & 15;
        if (e === 0 || l > nbits) throw new InflateError('corrupt');
        bits >>>= l;
        nbits -= l;
        const sym = e >>> 4;
        if (sym < 16) {
          lengths[i++] = sym;
          continue;
        }
        let rep: number;
        let val = 0;
        if (sym === 16) {
          if (i === 0) throw new InflateError('corrupt');
          val = lengths[i - 1]!;
          rep = 3 + (bits & 3);
          bits >>>= 2;
          nbits -= 2;
        } else if (sym === 17) {
          rep = 3 + (bits & 7);
          bits >>>= 3;
          nbits -= 3;
        } else {
          rep = 11 + (bits & 127);
          bits >>>= 7;
          nbits -= 7;
        }
        if (nbits < 0 || i + rep > total) throw new InflateError('corrupt');
        lengths.fill(val, i, i + rep);
        i += rep;
      }
      if (lengths[256] === 0) throw new InflateError('corrupt'); // no end-of-block code
      build(litCode, lengths, 0, nlen);
      build(distCode, lengths, nlen, ndist);
      lit = litCode;
      dist = distCode;
    } else {
      throw new InflateError('corrupt');
    }

    // The block's symbols. The bit buffer is kept at ≥ 15 bits before each code while input lasts;
    // past the end it is padded with zeros, and reading into the padding is caught below.
    const litFast = lit.fast;
    const distFast = dist.fast;
    for (;;) {
      while (nbits < 24) {
        bits |= (pos < srcLen ? src[pos]! : 0) << nbits;
        pos++;
        nbits += 8;
      }
      if (pos > srcLen + 4) throw new InflateError('corrupt');
      let e = litFast[bits & (FAST_SIZE - 1)]!;
      let sym: number;
      if (e !== 0) {
        const l = e & 15;
        bits >>>= l;
        nbits -= l;
        sym = e >>> 4;
      } else {
        sym = slow(lit, bits, nbits);
        const l = slowLength;
        bits >>>= l;
        nbits -= l;
      }
      if (sym < 256) {
        if (o >= cap) cap = Math.min((buf = grow(buf, o, o + 1, limit)).length, limit);
        buf[o++] = sym;
        continue;
      }
      if (sym === 256) break;
      sym -= 257;
      if (sym >= 29) throw new InflateError('corrupt');
      let len = LEN_BASE[sym]!;
      const le = LEN_EXTRA[sym]!;
      if (le) {
        len += bits & ((1 << le) - 1);
        bits >>>= le;
        nbits -= le;
      }
      // The distance: up to 15 bits of code and 13 extra bits; refill first.
      while (nbits < 24) {
        bits |= (pos < srcLen ? src[pos]! : 0) << nbits;
        pos++;
        nbits += 8;
      }
      e = distFast[bits & (FAST_SIZE - 1)]!;
      let dsym: number;
      if (e !== 0) {
        const l = e & 15;
        bits >>>= l;
        nbits -= l;
        dsym = e >>> 4;
      } else {
        dsym = slow(dist, bits, nbits);
        const l = slowLength;
        bits >>>= l;
        nbits -= l;
      }
      if (dsym >= 30) throw new InflateError('corrupt');
      let d = DIST_BASE[dsym]!;
      const de = DIST_EXTRA[dsym]!;
      if (de) {
        while (nbits < de) {
          bits |= (pos < srcLen ? src[pos]! : 0) << nbits;
          pos++;
          nbits += 8;
        }
        d += bits & ((1 << de) - 1);
        bits >>>= de;
        nbits -= de;
      }
      if (d > o) throw new InflateError('corrupt');
      if (o + len > cap) cap = Math.min((buf = grow(buf, o, o + len, limit)).length, limit);
      // Most matches are short: a byte loop beats a call; a long one that does not overlap is copied at once.
      if (len >= 64 && d >= len) {
        buf.copyWithin(o, o - d, o - d + len);
        o += len;
      } else {
        for (const end = o + len; o < end; o++) buf[o] = buf[o - d]!;
      }
    }
  }
  // Bytes taken into the bit buffer but not used are returned; reading past the padding was corrupt.
  if (pos - (nbits >> 3) > srcLen) throw new InflateError('corrupt');
  // A big buffer is not kept for the next small part (the view returned still holds it).
  if (buf.length > KEEP_BYTES) out = new Uint8Array(64 * 1024);
  return buf.subarray(0, o);
}

/** A buffer of at least `need` bytes holding `buf`'s first `o`, kept as the reused buffer; never past `limit`. */
function grow(buf: Uint8Array, o: number, need: number, limit: number): Uint8Array {
  if (need > limit) throw new InflateError('limit');
  if (need <= buf.length) return buf;
  const bigger = new Uint8Array(Math.min(limit, Math.max(need, buf.length * 2)));
  bigger.set(buf.subarray(0, o));
  out = bigger;
  return bigger;
}

/** The length of the code decoded by the last {@link slow} call. */
let slowLength = 0;

/** Decodes a code longer than FAST bits canonically (puff's way), from the bits given. */
function slow(code: Code, bits: number, nbits: number): number {
  const { counts, symbols } = code;
  let c = 0;
  let first = 0;
  let index = 0;
  for (let len = 1; len < 16 && len <= nbits; len++) {
    c |= bits & 1;
    bits >>>= 1;
    const count = counts[len]!;
    if (c - first < count) {
      slowLength = len;
      return symbols[index + c - first]!;
    }
    index += count;
    first = (first + count) << 1;
    c <<= 1;
  }
  throw new InflateError('corrupt');
}
