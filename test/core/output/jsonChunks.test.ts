import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonChunks } from '../../../src/core/output/jsonChunks.js';

describe('jsonChunks', () => {
  const cases: [string, unknown][] = [
    ['empty containers', { a: [], b: {}, c: [[]], d: [{}] }],
    ['undefined members are left out, array holes are null', { a: undefined, b: [undefined, 1], c: null }],
    ['nested data below the walked depth', { findings: [{ code: 'x', args: { text: '3-4\n"q"' }, cell: null }], totals: { a: 1.5 } }],
    ['a bare value', 'text'],
    ['a top-level array', [1, { a: [1, 2] }, 'x']],
  ];
  it.each(cases)('%s: equals JSON.stringify, compact and pretty', (_, v) => {
    expect([...jsonChunks(v)].join('')).toBe(JSON.stringify(v));
    expect([...jsonChunks(v, true)].join('')).toBe(JSON.stringify(v, null, 2));
  });

  it('equals JSON.stringify on any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect([...jsonChunks(v)].join('')).toBe(JSON.stringify(v));
        expect([...jsonChunks(v, true)].join('')).toBe(JSON.stringify(v, null, 2));
      }),
    );
  });

  it('hands a large result over in many bounded chunks', () => {
    const big = { rows: Array.from({ length: 50_000 }, (_, i) => ({ i, name: `社区${i}` })) };
    const chunks = [...jsonChunks(big)];
    expect(chunks.length).toBeGreaterThan(10);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(1 << 17);
    expect(chunks.join('')).toBe(JSON.stringify(big));
  });
});
