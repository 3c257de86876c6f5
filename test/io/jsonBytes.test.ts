import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LazyArray } from '../../src/core/output/lazyArray.js';
import { jsonBytes } from '../../src/io/jsonBytes.js';

const joined = (chunks: Iterable<Uint8Array>): Buffer => Buffer.concat([...chunks]);
/** Each chunk copied as it is handed over: what a caller that writes it before asking for the next one sees. */
const copied = (chunks: Iterable<Uint8Array>): Buffer => {
  const out: Buffer[] = [];
  for (const c of chunks) out.push(Buffer.from(c));
  return Buffer.concat(out);
};

/** jsonBytes' bytes must be JSON.stringify's text in UTF-8, compact and pretty, wherever the chunks are cut. */
function expectStringifyBytes(v: unknown, chunkSize?: number): void {
  const compact = JSON.stringify(v);
  const pretty = JSON.stringify(v, null, 2);
  expect(joined(jsonBytes(v, false, chunkSize)).equals(Buffer.from(compact ?? ''))).toBe(true);
  expect(joined(jsonBytes(v, true, chunkSize)).equals(Buffer.from(pretty ?? ''))).toBe(true);
  expect(copied(jsonBytes(v, false, chunkSize, true)).equals(Buffer.from(compact ?? ''))).toBe(true);
  expect(copied(jsonBytes(v, true, chunkSize, true)).equals(Buffer.from(pretty ?? ''))).toBe(true);
}

// Any UTF-16 code units: lone and swapped surrogates, controls, quotes, backslashes, U+2028/2029, emoji.
const units = fc.array(
  fc.oneof(
    fc.integer({ min: 0, max: 0xffff }),
    fc.constantFrom(0, 8, 9, 10, 12, 13, 0x1f, 0x22, 0x5c, 0x7f, 0x2028, 0x2029, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xfeff, 0x4e2d),
  ),
  { maxLength: 12 },
);
const awkwardString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  units.map((u) => String.fromCharCode(...u)),
  fc.constantFrom('阳光社区', '😀', '\ud83d', '\ude00', '\ude00\ud83d', 'a"b\\c', '\u2028\u2029', '\x00\x1f\x7f', '</script>'),
);
const awkwardNumber = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(-0, 0, 1e21, 1e-7, 5e-7, 0.1 + 0.2, NaN, Infinity, -Infinity, 2 ** 31, -(2 ** 31), 2 ** 53 + 2, Number.MAX_VALUE, Number.MIN_VALUE, 123456789012345680000),
);
const codes = ['meetings', 'leaflets', 'awareness_rate', 'garbage_t', '__proto__', '0', '10', 'a b'];
const aReturn = fc.record({
  community: awkwardString,
  street: awkwardString,
  period: fc.constantFrom('2026-01', '2026-10'),
  file: awkwardString,
  sheet: awkwardString,
  values: fc.dictionary(fc.constantFrom(...codes), fc.option(awkwardNumber)),
  approximate: fc.array(fc.constantFrom(...codes)),
});
const aFinding = fc.record({
  code: fc.constantFrom('rule_failed', 'approximate', 'unit_converted'),
  severity: fc.constantFrom('error', 'warning', 'info'),
  file: awkwardString,
  sheet: fc.option(awkwardString),
  cell: fc.option(fc.constantFrom('A1', 'X10')),
  community: fc.option(awkwardString),
  message: awkwardString,
  args: fc.dictionary(fc.string(), fc.oneof(awkwardString, awkwardNumber, fc.constant(undefined), fc.array(awkwardNumber))),
});
const aResult = fc.record({
  returns: fc.array(aReturn, { maxLength: 60 }),
  totals: fc.dictionary(fc.constantFrom(...codes), fc.option(awkwardNumber)),
  findings: fc.array(aFinding, { maxLength: 60 }),
  missing: fc.array(awkwardString),
});

/** `v` with every array of odd length (at any depth) made a LazyArray of the same elements. */
function lazify(v: unknown): unknown {
  if (Array.isArray(v)) {
    const a = v.map(lazify);
    return a.length % 2 ? new LazyArray(a.length, (i) => a[i]) : a;
  }
  if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, lazify(x)]));
  return v;
}

describe('jsonBytes', () => {
  const cases: [string, unknown][] = [
    ['empty containers', { a: [], b: {}, c: [[]], d: [{}] }],
    ['undefined members are left out, array holes are null', { a: undefined, b: [undefined, 1], c: null }],
    ['functions and symbols as members and elements', { f: () => 1, s: Symbol('s'), a: [() => 1, Symbol('t'), undefined], d: { g: () => 1, a: [undefined] } }],
    ['a sparse array', { a: [1, , 3], b: [[, 2]] }],
    ['nested data below the walked depth', { findings: [{ code: 'x', args: { text: '3-4\n"q"' }, cell: null }], totals: { a: 1.5 } }],
    ['a bare value', 'text'],
    ['bare numbers', [-0, NaN, Infinity, 1e21, 5e-7]],
    ['a bare -0', -0],
    ['a bare NaN', NaN],
    ['a bare true', true],
    ['a bare null', null],
    ['nothing at all', undefined],
    ['a top-level array', [1, { a: [1, 2] }, 'x']],
    ['deep nesting', { a: [[[{ b: [[{ c: 'd' }]] }]]] }],
    ['boxed primitives at every level', [Object(1), { a: Object('s'), b: [Object(false), Object(-0)], c: { d: Object(2) } }]],
    ['integer-like keys come first, as in Object.keys', { b: 1, 2: 'two', a: { 10: 1, 1: 2, z: 3 }, 1: [] }],
    ['a key needing escapes', { 'a"\n\u2028\ud800': { 'k\\': 1 } }],
    ['long strings', { a: ['x'.repeat(70_000), '中'.repeat(70_000)], b: '😀'.repeat(40_000) }],
  ];
  it.each(cases)('%s: the bytes of JSON.stringify, compact and pretty, in any chunk size', (_, v) => {
    expectStringifyBytes(v);
    expectStringifyBytes(v, 1);
    expectStringifyBytes(v, 7);
  });

  it('calls toJSON with the key or index it has there, at every level, once', () => {
    const keyed = (tag: string) => ({ toJSON: (k: string) => `${tag}@${k}` });
    const once = { toJSON: () => ({ toJSON: () => 'twice' }) };
    const gone = { toJSON: () => undefined };
    const v = {
      top: keyed('t'),
      arr: [keyed('a0'), 1, keyed('a2'), gone, once, new Date(0)],
      rows: Array.from({ length: 40 }, (_, i) => (i % 7 === 3 ? keyed(`r${i}`) : { i, d: keyed('in') })),
      obj: { m: keyed('m'), gone, once, date: new Date(86_400_000), n: { deep: keyed('deep') } },
      gone,
      once,
    };
    expectStringifyBytes(v);
    expectStringifyBytes([keyed('x'), [keyed('y'), gone], { z: keyed('z') }]);
    expectStringifyBytes(keyed('bare'));
    expectStringifyBytes(gone);
    expectStringifyBytes(once);
  });

  it('throws on a BigInt as JSON.stringify does, and writes one that has a toJSON', () => {
    expect(() => [...jsonBytes({ a: 1n })]).toThrow(TypeError);
    expect(() => [...jsonBytes({ a: [{ b: 1n }] })]).toThrow(TypeError);
    expect(() => [...jsonBytes(1n)]).toThrow(TypeError);
    const proto = BigInt.prototype as unknown as { toJSON?: (this: bigint) => string };
    proto.toJSON = function () {
      return `${this.toString()}n`;
    };
    try {
      expectStringifyBytes({ a: 1n, b: [2n, { c: 3n }], d: { e: 4n } });
      expectStringifyBytes(5n);
    } finally {
      delete proto.toJSON;
    }
  });

  it('equals JSON.stringify on any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => expectStringifyBytes(v)));
  });

  it('equals JSON.stringify on results with awkward strings and numbers, however the chunks fall', () => {
    fc.assert(
      fc.property(aResult, fc.constantFrom(undefined, 1, 64, 4096), (v, chunkSize) => expectStringifyBytes(v, chunkSize)),
      { numRuns: 300 },
    );
  });

  it('equals JSON.stringify on any plain value with large arrays in it', () => {
    const big = fc.array(fc.record({ a: fc.string(), b: fc.option(fc.double({ noNaN: true })), c: fc.array(fc.integer()) }), { maxLength: 3000 });
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.dictionary(fc.string(), fc.oneof(fc.jsonValue(), big, fc.constant(undefined)))), (v) =>
        expectStringifyBytes(v),
      ),
      { numRuns: 100 },
    );
  });

  it('writes a LazyArray as JSON.stringify does (through its toJSON), at any depth', () => {
    const keyed = (tag: string) => ({ toJSON: (k: string) => `${tag}@${k}` });
    const rows = new LazyArray(3000, (i) => (i % 7 === 3 ? keyed(`r${i}`) : { i, name: `社区${i}`, a: new LazyArray(i % 3, (j) => j) }));
    const v = { rows, empty: new LazyArray(0, () => 1), nested: { deep: new LazyArray(2, (i) => (i ? new LazyArray(1, () => 'x') : undefined)) } };
    expectStringifyBytes(v);
    expectStringifyBytes(v, 7);
    expectStringifyBytes([rows, new LazyArray(1, () => rows)]);
    expectStringifyBytes(rows);
  });

  it('makes each element of a walked LazyArray once', () => {
    const made: number[] = [];
    const rows = new LazyArray(5000, (i) => {
      made.push(i);
      return { i };
    });
    for (const pretty of [false, true]) {
      const expected = Buffer.from(JSON.stringify({ rows }, null, pretty ? 2 : undefined));
      made.length = 0;
      expect(joined(jsonBytes({ rows }, pretty, 256)).equals(expected)).toBe(true);
      expect(made).toEqual(Array.from({ length: 5000 }, (_, i) => i));
    }
  });

  it('equals JSON.stringify on results with LazyArrays in them', () => {
    fc.assert(
      fc.property(fc.oneof(aResult, fc.jsonValue()), fc.constantFrom(undefined, 1, 64), (v, chunkSize) => expectStringifyBytes(lazify(v), chunkSize)),
      { numRuns: 200 },
    );
  });

  it('hands a large result over in many bounded chunks, each a buffer of its own', () => {
    const big = { rows: Array.from({ length: 50_000 }, (_, i) => ({ i, name: `社区${i}` })) };
    const chunks = [...jsonBytes(big, false, 1 << 16)];
    expect(chunks.length).toBeGreaterThan(10);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThanOrEqual(1 << 16);
    expect(new Set(chunks.map((c) => c.buffer)).size).toBe(chunks.length);
    expect(joined(chunks).equals(Buffer.from(JSON.stringify(big)))).toBe(true);
  });

  it('with reuse, fills two buffers in turn: each chunk is whole until the next is asked for', () => {
    const big = { rows: Array.from({ length: 50_000 }, (_, i) => ({ i, name: `社区${i}` })), long: ['x'.repeat(200_000)] };
    const buffers = new Set<ArrayBufferLike>();
    const out: Buffer[] = [];
    let n = 0;
    for (const c of jsonBytes(big, false, 1 << 16, true)) {
      buffers.add(c.buffer);
      out.push(Buffer.from(c));
      n++;
    }
    expect(n).toBeGreaterThan(10);
    expect(buffers.size).toBeLessThanOrEqual(3); // two in turn, and one for the string longer than a chunk
    expect(Buffer.concat(out).equals(Buffer.from(JSON.stringify(big)))).toBe(true);
  });
});
