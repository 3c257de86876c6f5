import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fnvOf, TextPool } from '../../src/io/textPool.js';

/** `pool.slice` as scanCsv calls it, with the stretch's hash. */
const slice = (pool: TextPool, text: string, start: number, end: number) => pool.slice(text, start, end, fnvOf(text.slice(start, end)));

describe('TextPool', () => {
  it('gives the text of the stretch asked for, kept or not, however many texts it holds', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'b', '1', '社', '区', ','), maxLength: 80 }),
        fc.array(fc.tuple(fc.nat(80), fc.nat(6)), { maxLength: 200 }),
        fc.integer({ min: 0, max: 3000 }),
        (text, stretches, max) => {
          const pool = new TextPool(max);
          for (const [from, len] of stretches) {
            const start = Math.min(from, text.length);
            const end = Math.min(start + len, text.length);
            expect(slice(pool, text, start, end)).toBe(text.slice(start, end));
            expect(pool.share(text.slice(end, start + 2 * len))).toBe(text.slice(end, start + 2 * len));
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('tells apart two texts of the same hash', () => {
    const [a, b] = ['40189', '797186'];
    expect(fnvOf(a)).toBe(fnvOf(b));
    const pool = new TextPool(10);
    expect(pool.share(a)).toBe(a);
    expect(slice(pool, `x,${b},y`, 2, 8)).toBe(b);
    expect(pool.share(b)).toBe(b);
    expect(slice(pool, `${a};`, 0, 5)).toBe(a);
  });

  it('finds every one of as many texts as it may keep', () => {
    const pool = new TextPool(5000);
    const texts = Array.from({ length: 5000 }, (_, i) => `t${i}`);
    for (const t of texts) pool.share(t);
    const line = texts.join(',');
    let at = 0;
    for (const t of texts) {
      expect(slice(pool, line, at, at + t.length)).toBe(t);
      at += t.length + 1;
    }
  });
});
