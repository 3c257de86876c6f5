/**
 * FNV-1a over UTF-16 code units: a hash starts at `HASH_START`, and each unit `c` turns it, `h`, into
 * `Math.imul(h ^ c, HASH_FACTOR)`.
 */
export const HASH_START = 0x811c9dc5;
export const HASH_FACTOR = 0x01000193;

/**
 * Keeps one copy of each distinct text read from a file, looked up by a stretch of the file's text so that a
 * text seen before costs no new string at all. A city's table repeats a few thousand numbers and names
 * across 835,000 cells: each repeat then reuses the first copy instead of making a string that the garbage
 * collector must sweep (or, had it been kept, copy as long as the grid lives).
 *
 * Open addressing with linear probing over a power-of-two table at most half full; it holds at most `max`
 * texts (a file of all-different texts gains nothing from it), after which new texts are made but not kept.
 * The table starts small and doubles as texts are kept (in `keep`, outside the lookup's loop): a city's
 * table has ~5,000 distinct texts, and a table made at its full size (262,144 slots, 3 MB) was memory
 * written once and never used — on a VM whose fresh pages cost ~20 µs each to fault in.
 */
export class TextPool {
  private texts: (string | undefined)[];
  private hashes: Int32Array;
  private mask: number;
  private size = 0;
  /** The table's size once it holds `max` texts: twice as many slots, so probes stay short. */
  private readonly fullCap: number;

  /** `max`: how many texts to keep at most. */
  constructor(private readonly max: number) {
    let cap = 16;
    while (cap < 2 * max) cap *= 2;
    this.fullCap = cap;
    this.texts = [];
    this.hashes = new Int32Array(0);
    this.mask = 0;
    this.resize(Math.min(cap, INITIAL_CAP));
  }

  /**
   * `text.slice(start, end)`, or the kept copy when the same characters were seen before. `fnv` is the
   * stretch's FNV-1a hash (`HASH_START`, `HASH_FACTOR`), which the caller works out as it reads the text.
   */
  slice(text: string, start: number, end: number, fnv: number): string {
    const hash = mix(fnv);
    const len = end - start;
    const { texts, hashes, mask } = this;
    // Probes from the slot after `hash`, so that every lookup takes the step to the next slot (V8 then
    // never meets it for the first time in optimised code).
    let i = hash;
    for (;;) {
      i = (i + 1) & mask;
      const t = texts[i];
      if (t === undefined) break;
      if (hashes[i] === hash && t.length === len && sameChars(t, text, start)) return t;
    }
    const made = text.slice(start, end);
    this.keep(made, hash, i);
    return made;
  }

  /** The kept copy of `s`, or `s` itself (kept now if there is room). */
  share(s: string): string {
    return this.slice(s, 0, s.length, fnvOf(s));
  }

  /** Keeps `s` in the free slot `i` where its probe ended, unless the pool is full. */
  private keep(s: string, hash: number, i: number): void {
    if (this.size >= this.max) return;
    this.size++;
    this.texts[i] = s;
    this.hashes[i] = hash;
    if (2 * this.size > this.texts.length && this.texts.length < this.fullCap) this.resize(2 * this.texts.length);
  }

  /** A table of `cap` slots holding the texts kept so far, each where a lookup probes for it. */
  private resize(cap: number): void {
    const { texts, hashes } = this;
    this.texts = new Array<string | undefined>(cap).fill(undefined);
    this.hashes = new Int32Array(cap);
    this.mask = cap - 1;
    for (let j = 0; j < texts.length; j++) {
      const t = texts[j];
      if (t === undefined) continue;
      let i = hashes[j]!;
      do i = (i + 1) & this.mask;
      while (this.texts[i] !== undefined);
      this.texts[i] = t;
      this.hashes[i] = hashes[j]!;
    }
  }
}

/** The table's first size (slots): a small file's texts fit, a large one's double it a few times. */
const INITIAL_CAP = 1024;

/** The FNV-1a hash of a whole text. */
export function fnvOf(s: string): number {
  let h = HASH_START;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), HASH_FACTOR);
  return h;
}

/**
 * FNV-1a's low bits (the table index) vary little between short texts; this spreads the high bits down, to
 * 30 bits (a small integer to V8, never a heap number).
 */
function mix(h: number): number {
  h ^= h >>> 15;
  return (Math.imul(h, 0x2c1b3c6d) ^ (h >>> 12)) & 0x3fffffff;
}

function sameChars(t: string, text: string, start: number): boolean {
  for (let k = 0; k < t.length; k++) if (t.charCodeAt(k) !== text.charCodeAt(start + k)) return false;
  return true;
}
