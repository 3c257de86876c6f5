import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonChunks } from '../../src/core/output/jsonChunks.js';

// The compact text is jsonChunks(v, false) (compactChunks inside it).
const compactChunks = (v: unknown): Generator<string> => jsonChunks(v, false);

// `--format json` streams the compact JSON through compactChunks: its bytes must be JSON.stringify's
// (and jsonChunks', which --pretty still uses), chunk boundaries wherever they fall.
describe('compactChunks', () => {
  it('joins to JSON.stringify of any plain value', () => {
    const big = fc.array(fc.record({ a: fc.string(), b: fc.option(fc.double({ noNaN: true })), c: fc.array(fc.integer()) }), { maxLength: 3000 });
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.dictionary(fc.string(), fc.oneof(fc.jsonValue(), big, fc.constant(undefined)))), (v) => {
        const text = [...compactChunks(v)].join('');
        expect(text).toBe(JSON.stringify(v) ?? 'null');
        expect(text).toBe([...jsonChunks(v, false)].join(''));
      }),
      { numRuns: 300 },
    );
  });

  it('cuts a large array into chunks of about 64 KB', () => {
    const v = { rows: Array.from({ length: 20_000 }, (_, i) => ({ i, name: `社区${i}` })) };
    const chunks = [...compactChunks(v)];
    expect(chunks.length).toBeGreaterThan(5);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(70_000);
    expect(chunks.join('')).toBe(JSON.stringify(v));
  });
});
