/**
 * An array whose elements are made when read, one by one: `length` of them, element i being `make(i)` (a
 * pure function: the same element each time). JSON.stringify sees the whole array (toJSON makes it); the JSON
 * writer (io/jsonBytes) makes each element just before it writes it. Why: the JSON of a city-year has 28,771
 * returns and 9,516 findings, each an object made only to be written. Made all at once, they outlived a few
 * garbage collections and were copied twice (into the survivor space, then into the old generation, which
 * grew for them); made as written, they die young.
 */
export class LazyArray<T> {
  constructor(
    readonly length: number,
    private readonly make: (i: number) => T,
  ) {}

  /** Element `i` (0 ≤ i < length), made now. */
  at(i: number): T {
    return this.make(i);
  }

  toJSON(): T[] {
    return Array.from({ length: this.length }, (_, i) => this.make(i));
  }
}
