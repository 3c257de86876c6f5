import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lastMiddles, log1pN, median, medianN, robustScale, robustScaleN } from '../../../src/core/check/robust.js';

// The buffer versions serve the outlier checks' hot loops; they must agree with the plain ones bit for bit
// (Object.is: even −0 against 0), or the findings would change.
const value = fc.oneof(
  fc.constantFrom(0, -0, 1, 2, 10, 100, 0.5),
  fc.double({ noNaN: true, min: -1e6, max: 1e6 }),
  fc.integer({ min: 0, max: 5000 }),
);

describe('medianN / robustScaleN', () => {
  it('equal median / robustScale on any list, short (insertion sort) or long (typed sort)', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 80 }), fc.integer({ min: 0, max: 5 }), (xs, extra) => {
        const buf = new Float64Array(xs.length + extra);
        buf.set(xs);
        expect(Object.is(medianN(buf, xs.length), median(xs))).toBe(true);
        expect(Object.is(medianN(xs, xs.length), median(xs))).toBe(true);
        const c = median(xs);
        expect(Object.is(robustScaleN(buf, xs.length, c), robustScale(xs, c))).toBe(true);
        const ts = xs.map((x) => Math.log1p(Math.max(0, x)));
        const t = log1pN(xs, xs.length);
        expect(Array.from(t.subarray(0, xs.length))).toEqual(ts);
        expect(buf.subarray(0, xs.length)).toEqual(Float64Array.from(xs)); // the input is left alone
      }),
      { numRuns: 500 },
    );
  });

  it('equal median on long lists with many ties (selection, not sorting)', () => {
    const tied = fc.oneof(fc.constantFrom(0, 1, 2, 50, 87.5, 100), fc.integer({ min: 0, max: 30 }), fc.double({ noNaN: true, noDefaultInfinity: true, min: 0, max: 1e4 }));
    fc.assert(
      fc.property(fc.array(tied, { minLength: 33, maxLength: 600 }), (xs) => {
        expect(Object.is(medianN(xs, xs.length), median(xs))).toBe(true);
        const c = median(xs);
        expect(Object.is(robustScaleN(xs, xs.length, c), robustScale(xs, c))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('equal median on long lists of small whole numbers (counted, not selected), up to and past 4,096', () => {
    const whole = fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 300 }), fc.constantFrom(0, 4095, 4096, 4097));
    fc.assert(
      fc.property(fc.array(whole, { minLength: 33, maxLength: 3000 }), (xs) => {
        expect(Object.is(medianN(xs, xs.length), median(xs))).toBe(true);
        const c = median(xs);
        expect(Object.is(robustScaleN(xs, xs.length, c), robustScale(xs, c))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('keep −0 and 0 in input order, as a stable sort does', () => {
    for (const xs of [[0, -0], [-0, 0], [0, -0, 0], [-0, 0, -0], Array.from({ length: 41 }, (_, i) => (i % 2 ? 0 : -0))]) {
      expect(Object.is(medianN(xs, xs.length), median(xs))).toBe(true);
    }
  });

  it('leave the middle values of the sorted list in lastMiddles', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 80 }), (xs) => {
        medianN(xs, xs.length);
        const sorted = [...xs].sort((a, b) => a - b);
        const mid = xs.length >> 1;
        expect(Object.is(lastMiddles[1], sorted[mid])).toBe(true);
        if (xs.length % 2 === 0) expect(lastMiddles[0]).toBe(sorted[mid - 1]); // (−0 and 0 alike: both log to 0)
      }),
      { numRuns: 500 },
    );
  });
});

describe('log1pN', () => {
  it('reads small integers from a table with the same bits as Math.log1p, −0 as 0', () => {
    const xs = [...Array.from({ length: 1100 }, (_, i) => i), -0, -1, 0.5, 1023.5, 2 ** 31 + 5, NaN];
    const t = log1pN(xs, xs.length);
    xs.forEach((x, i) => expect(Object.is(t[i], Math.log1p(Math.max(0, x)))).toBe(true));
  });
});
