/** FNV-1a over UTF-16 code units: a text's hash starts at `HASH_START`, and each unit `c` makes it `fnv(h, c)`. */
export const HASH_START = 0x811c9dc5;
export const HASH_FACTOR = 0x01000193;

/**
 * Keeps one copy of each distinct text read from a file, looked up by a stretch of the file's text so that a
 * text seen before costs no new string at all. A city's table repeats a few thousand numbers and names
 * across 835,000 cells: each repeat then reuses the first copy instead of making a string that the garbage
 * collector must sweep (or, had it been kept, copy as long as the grid lives).
 *
 * Open addressing with linear probing over a power-of-two table; it holds at most `max` texts (a file of
 * all-different texts gains nothing from it), after which new texts are made but not kept.
 */
export class TextPool {
  private texts: (string | undefined)[];
  private hashes: Int32Array;
  private mask: number;
  private size = 0;

  constructor(private readonly max: number) {
    this.texts = emptySlots(1024);
    this.hashes = new Int32Array(1024);
    this.mask = 1023;
  }

  /**
   * `text.slice(start, end)`, or the kept copy when the same characters were seen before. `fnv` is the
   * stretch's FNV-1a hash (`HASH_START`, `HASH_FACTOR`), which the caller works out as it reads the text.
   */
  slice(text: string, start: number, end: number, fnv: number): string {
    const hash = mix(fnv);
    const len = end - start;
    const texts = this.texts;
    for (let i = hash & this.mask; ; i = (i + 1) & this.mask) {
      const t = texts[i];
      if (t === undefined) break;
      if (this.hashes[i] === hash && t.length === len && sameChars(t, text, start)) return t;
    }
    const made = text.slice(start, end);
    this.keep(made, hash);
    return made;
  }

  /** `s` itself or the kept copy of the same text. */
  share(s: string): string {
    const hash = mix(fnvOf(s));
    const texts = this.texts;
    for (let i = hash & this.mask; ; i = (i + 1) & this.mask) {
      const t = texts[i];
      if (t === undefined) break;
      if (this.hashes[i] === hash && t === s) return t;
    }
    this.keep(s, hash);
    return s;
  }

  private keep(s: string, hash: number): void {
    if (this.size >= this.max) return;
    if (++this.size * 2 > this.texts.length) this.grow();
    const texts = this.texts;
    let i = hash & this.mask;
    while (texts[i] !== undefined) i = (i + 1) & this.mask;
    texts[i] = s;
    this.hashes[i] = hash;
  }

  private grow(): void {
    const oldTexts = this.texts;
    const oldHashes = this.hashes;
    const cap = oldTexts.length * 2;
    this.texts = emptySlots(cap);
    this.hashes = new Int32Array(cap);
    this.mask = cap - 1;
    for (let j = 0; j < oldTexts.length; j++) {
      const s = oldTexts[j];
      if (s === undefined) continue;
      let i = oldHashes[j]! & this.mask;
      while (this.texts[i] !== undefined) i = (i + 1) & this.mask;
      this.texts[i] = s;
      this.hashes[i] = oldHashes[j]!;
    }
  }
}

/**
 * An array of `cap` empty slots, made by pushing: `new Array(cap)` past 100,000 or so elements makes
 * optimised code (which may inline this into the reading loop) bail out to the interpreter.
 */
function emptySlots(cap: number): (string | undefined)[] {
  const slots: (string | undefined)[] = [];
  for (let i = 0; i < cap; i++) slots.push(undefined);
  return slots;
}

/** The FNV-1a hash of a whole text. */
export function fnvOf(s: string): number {
  let h = HASH_START;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), HASH_FACTOR);
  return h;
}

/** FNV-1a's low bits (the table index) vary little between short texts; this spreads the high bits down. */
function mix(h: number): number {
  h ^= h >>> 15;
  return Math.imul(h, 0x2c1b3c6d) ^ (h >>> 12);
}

function sameChars(t: string, text: string, start: number): boolean {
  for (let k = 0; k < t.length; k++) if (t.charCodeAt(k) !== text.charCodeAt(start + k)) return false;
  return true;
}
