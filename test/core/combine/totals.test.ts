import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rankOrder } from '../../../src/core/combine/combineReturns.js';
import { RowTotals, totalOf, totalOfDense } from '../../../src/core/combine/totals.js';
import type { SummaryRow, TotalRow } from '../../../src/core/combine/types.js';
import { byText, latest } from '../../../src/core/months/rows.js';
import type { Indicator, IndicatorKind } from '../../../src/core/template/types.js';

// The totals' rule as first written (indicator by indicator, keys set one by one): totalOfDense, which
// gathers the sums row by row into records made ahead, must give the same numbers under the same keys
// in the same order.
function reference(dense: Float64Array, rows: readonly number[], indicators: readonly Indicator[], street: string | null): TotalRow {
  const k = indicators.length;
  const values: Record<string, number | null> = {};
  const reported: Record<string, number> = {};
  for (let i = 0; i < k; i++) {
    const ind = indicators[i]!;
    if (ind.kind === 'rate') continue;
    let sum = 0;
    let n = 0;
    for (const j of rows) {
      const v = dense[j * k + i]!;
      if (v !== v) continue;
      sum += v;
      n++;
    }
    values[ind.code] = n ? Math.round(sum * 1e6) / 1e6 : null;
    reported[ind.code] = n;
  }
  for (const ind of indicators) {
    if (ind.kind !== 'rate') continue;
    let [num, den, n] = [0, 0, 0];
    const ia = ind.numerator ? indicators.findIndex((x) => x.code === ind.numerator) : -1;
    const ib = ind.denominator ? indicators.findIndex((x) => x.code === ind.denominator) : -1;
    if (ind.numerator && ind.denominator && ia >= 0 && ib >= 0) {
      for (const j of rows) {
        const [a, b] = [dense[j * k + ia]!, dense[j * k + ib]!];
        if (a !== a || b !== b) continue;
        num += a;
        den += b;
        n++;
      }
    }
    values[ind.code] = n && den > 0 ? Math.round((num / den) * 100 * 100) / 100 : null;
    reported[ind.code] = n;
  }
  return { street, returns: rows.length, values, reported };
}

const codes = ['a', 'b', 'c', 'd', 'e', 'f', '__proto__', 'missing'];
const indicators: fc.Arbitrary<Indicator[]> = fc
  .uniqueArray(
    fc.record({
      code: fc.constantFrom(...codes.slice(0, 7)),
      kind: fc.constantFrom<IndicatorKind>('count', 'quantity', 'money', 'rate'),
      numerator: fc.option(fc.constantFrom(...codes), { nil: null }),
      denominator: fc.option(fc.constantFrom(...codes), { nil: null }),
    }),
    { selector: (i) => i.code, minLength: 1, maxLength: 7 },
  )
  .map((list) =>
    list.map((x) => ({
      ...x, name: x.code, unit: '', required: false, min: null, max: null, aliases: [], unitAliases: [], target: null, remarkAbove: null, group: '',
    })),
  );
const number = fc.oneof(fc.constant(NaN), fc.integer({ min: 0, max: 1000 }), fc.constantFrom(0.1, 0.2, 0.7, -0, 84.4), fc.double({ noNaN: true, min: -1e9, max: 1e9 }));

describe('totals', () => {
  it('totalOfDense gives what the rule as first written gives, key order included', () => {
    fc.assert(
      fc.property(indicators, fc.array(fc.array(number, { minLength: 7, maxLength: 7 }), { maxLength: 20 }), fc.array(fc.nat(), { maxLength: 30 }), (inds, data, picks) => {
        const k = inds.length;
        const dense = Float64Array.from(data.flatMap((r) => r.slice(0, k)));
        const rows = data.length ? picks.map((p) => p % data.length) : [];
        const [got, want] = [totalOfDense(dense, rows, inds, '东城街道'), reference(dense, rows, inds, '东城街道')];
        expect(got).toEqual(want);
        expect(Object.keys(got.values)).toEqual(Object.keys(want.values));
        expect(Object.keys(got.reported)).toEqual(Object.keys(want.reported));
        for (const code of Object.keys(want.values)) expect(Object.is(got.values[code], want.values[code])).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('RowTotals gives totalOf for any group of its rows, by position', () => {
    fc.assert(
      fc.property(indicators, fc.array(fc.array(fc.option(number, { nil: null }), { minLength: 7, maxLength: 7 }), { minLength: 1, maxLength: 12 }), fc.array(fc.nat(), { maxLength: 20 }), (inds, data, picks) => {
        const rows: SummaryRow[] = data.map((vs, j) => ({
          community: `c${j}`, street: null, period: '2026-01', file: 'f', sheet: 's', sources: {}, approximate: [],
          values: Object.fromEntries(inds.map((ind, i) => [ind.code, vs[i] !== null && Number.isNaN(vs[i]) ? null : vs[i]!])),
        }));
        const totals = new RowTotals(rows, inds);
        const group = picks.map((p) => rows[p % rows.length]!);
        expect(totals.totalAt(picks.map((p) => p % rows.length), 'x')).toEqual(totalOf(group, inds, 'x'));
      }),
      { numRuns: 300 },
    );
  });

  it('latest is the first row of a sort latest first', () => {
    const period = fc.constantFrom('2026-01', '2026-02', '2025-12', '2026-10', null);
    fc.assert(
      fc.property(fc.array(period, { minLength: 1, maxLength: 15 }), (periods) => {
        const rows = periods.map((p, j) => ({ period: p, community: `c${j}` }) as unknown as SummaryRow);
        expect(latest(rows)).toBe([...rows].sort((a, b) => byText(b.period, a.period))[0]);
      }),
    );
  });
});

describe('rankOrder', () => {
  it('orders as a stable sort comparing the ranks field by field, by numbers or by the comparator', () => {
    const rank = fc.oneof(fc.integer({ min: 0, max: 6 }), fc.constant(Infinity));
    fc.assert(
      fc.property(fc.array(fc.tuple(rank, rank, rank, rank), { maxLength: 40 }), fc.boolean(), (items, small) => {
        const n = items.length;
        const ranks = [0, 1, 2, 3].map((f) => Float64Array.from(items, (x) => x[f]!));
        const want = items
          .map((x, i) => ({ x, i }))
          .sort((a, b) => (a.x[0] - b.x[0] || 0) || (a.x[1] - b.x[1] || 0) || (a.x[2] - b.x[2] || 0) || (a.x[3] - b.x[3] || 0) || a.i - b.i)
          .map((k) => k.i);
        expect(Array.from(rankOrder(ranks, n, small ? 1 : undefined))).toEqual(want);
      }),
      { numRuns: 500 },
    );
  });
});
