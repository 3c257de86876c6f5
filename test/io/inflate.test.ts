import { deflateSync } from 'fflate';
import fc from 'fast-check';
import { constants, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { InflateError, inflateRaw } from '../../src/io/inflate.js';

const text = (n: number, seed: number): Uint8Array => {
  const words = ['<c r="A1" t="s">', '<v>', '</v></c>', '社区', '健康教育讲座', '0.5', '\n', 'row'];
  let s = '';
  for (let i = 0, x = seed; s.length < n; i++) s += words[(x = (x * 1103515245 + 12345) >>> 0) % words.length];
  return new TextEncoder().encode(s.slice(0, n));
};

describe('inflateRaw', () => {
  it('gives back what node zlib and fflate deflated: stored, fixed and dynamic blocks, every level', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 70_000 }), fc.nat(200_000).chain((n) => fc.nat().map((seed) => text(n, seed)))), (raw) => {
        const streams = [
          ...[0, 1, 6, 9].map((level) => deflateRawSync(raw, { level })),
          deflateRawSync(raw, { strategy: constants.Z_FIXED }),
          deflateRawSync(raw, { strategy: constants.Z_HUFFMAN_ONLY }),
          deflateRawSync(raw, { strategy: constants.Z_RLE }),
          deflateSync(raw, { level: 9 }),
        ];
        for (const s of streams) expect(Buffer.from(inflateRaw(s, 1e9, raw.length)).equals(Buffer.from(raw))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('stops at the limit, not after: a 10 MB run of zeros under a 1 MB limit', () => {
    const bomb = deflateRawSync(new Uint8Array(10 * 1024 * 1024));
    expect(() => inflateRaw(bomb, 1024 * 1024)).toThrow(new InflateError('limit'));
    expect(inflateRaw(bomb, 10 * 1024 * 1024)).toHaveLength(10 * 1024 * 1024);
  });

  it('refuses cut or damaged streams with a corrupt error, never anything else and never endlessly', () => {
    const whole = deflateRawSync(text(20_000, 7));
    fc.assert(
      fc.property(fc.nat(whole.length - 1), fc.nat(whole.length - 1), fc.nat(7), (cut, at, bit) => {
        for (const bad of [whole.subarray(0, cut), Uint8Array.from(whole, (b, i) => (i === at ? b ^ (1 << bit) : b))]) {
          try {
            inflateRaw(bad, 1e6);
          } catch (e) {
            expect(e).toBeInstanceOf(InflateError);
          }
        }
      }),
      { numRuns: 300 },
    );
    expect(() => inflateRaw(whole.subarray(0, whole.length >> 1), 1e6)).toThrow(new InflateError('corrupt'));
    expect(() => inflateRaw(new Uint8Array([0xff, 0xff]), 1e6)).toThrow(InflateError); // block type 3
  });
});
