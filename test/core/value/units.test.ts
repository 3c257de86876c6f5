import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convertUnit, normalizeUnit } from '../../../src/core/value/units.js';

describe('normalizeUnit', () => {
  it.each([
    ['公斤', '公斤'], ['千克', '公斤'], ['kg', '公斤'], ['KG', '公斤'], ['ｋｇ', '公斤'], ['㎏', '公斤'], ['（公斤）', '公斤'],
    ['(kg)', '公斤'], ['噸', '吨'], ['t', '吨'], ['g', '克'], ['平米', '平方米'], ['㎡', '平方米'], ['m2', '平方米'],
    ['m²', '平方米'], ['平方', '平方米'], ['m', '米'], ['km', '公里'], ['千米', '公里'], ['％', '%'], ['場', '场'],
    ['處', '处'], ['名', '人'], ['人次', '人次'], ['人/次', '人次'], [' 份 ', '份'],
  ])('%s → %s', (written, folded) => {
    expect(normalizeUnit(written)).toBe(folded);
  });
});

describe('convertUnit', () => {
  it.each([
    [0.25, '吨', '公斤', 250, 1000],
    [250, '公斤', '吨', 0.25, 0.001],
    [180, '斤', '公斤', 90, 0.5],
    [90, '公斤', '斤', 180, 2],
    [1, '斤', '吨', 0.0005, 0.0005],
    [500, '克', '公斤', 0.5, 0.001],
    [500, 'g', '公斤', 0.5, 0.001],
    [0.98, '万元', '元', 9800, 10000],
    [9800, '元', '万元', 0.98, 0.0001],
    [1.5, '亿元', '元', 150_000_000, 100_000_000],
    [1.2, '公里', '米', 1200, 1000],
    [1.2, 'km', 'm', 1200, 1000],
    [0.3, '公顷', '平方米', 3000, 10000],
    [7, '千克', '公斤', 7, 1],
    [7, '平米', '平方米', 7, 1],
    [7, '场', '期', 7, 1, ['次', '场']],
    [7, '人', '人次', 7, 1, ['人']],
  ] as [number, string, string, number, number, string[]?][])(
    '%d %s → %s = %d (×%d)',
    (value, from, to, expected, factor, aliases) => {
      expect(convertUnit(value, from, to, aliases)).toEqual({ value: expected, factor });
    },
  );

  it.each([
    ['张', '处'],
    ['平方米', '处'],
    ['人', '人次'],
    ['人次', '人'],
    ['公斤', '平方米'],
    ['元', '公斤'],
    ['%', '次'],
    ['场', '期'],
  ])('%s cannot become %s', (from, to) => {
    expect(convertUnit(3, from, to)).toBeNull();
  });

  const groups = [
    ['克', '斤', '公斤', '吨'],
    ['元', '千元', '万元', '亿元'],
    ['平方米', '公顷', '平方公里'],
    ['米', '公里'],
  ];
  const pairs = groups.flatMap((g) => g.flatMap((a) => g.map((b) => [a, b] as const)));
  it('round-trips exactly for every listed factor', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...pairs),
        fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
        fc.constantFrom(1, 10, 100, 1000),
        ([a, b], n, div) => {
          const v = n / div;
          const there = convertUnit(v, a, b);
          expect(there).not.toBeNull();
          expect(convertUnit(there!.value, b, a)!.value).toBe(v === 0 ? 0 : v);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
