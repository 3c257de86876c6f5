import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SummaryRow } from '../../../src/core/combine/types.js';
import { runJob } from '../../../src/core/job.js';
import { acrossMonths } from '../../../src/core/months/acrossMonths.js';
import { checkHistory, isHistoryOutlier, type HistoryRecord } from '../../../src/core/months/historyOutliers.js';
import { changeOf, monthOnMonth } from '../../../src/core/months/monthOnMonth.js';
import { addMonths, previousPeriod, yearStart } from '../../../src/core/months/periods.js';
import { byText, latest, uniqueRows } from '../../../src/core/months/rows.js';
import { RowTotals, totalOf } from '../../../src/core/combine/totals.js';
import { groupBy } from '../../../src/core/groupBy.js';
import { communityPeriodKey } from '../../../src/core/key.js';
import { momSource, momTable, ytdSource, ytdTable } from '../../../src/core/months/tables.js';
import { yearToDate } from '../../../src/core/months/yearToDate.js';
import { checkHistoryReference } from './historyReference.js';
import type { ParsedReturn } from '../../../src/core/read/types.js';
import { csvGrid, standardTemplate } from '../../helpers/template.js';

const tpl = standardTemplate();
const ind = (code: string) => tpl.indicators.find((i) => i.code === code)!;

function row(community: string, street: string, period: string, values: Record<string, number | null>): SummaryRow {
  return { community, street, period, file: `${period}/${community}.xlsx`, sheet: 'S', values, sources: {}, approximate: [] };
}

function ret(community: string, period: string, values: Record<string, number | null>): ParsedReturn {
  const vals: ParsedReturn['values'] = {};
  for (const [code, value] of Object.entries(values)) vals[code] = { value, raw: value, cell: 'D9', approximate: false, remark: null };
  return { file: `${period}/${community}.xlsx`, sheet: 'S', form: 'sheet', row: null, community, communityCell: 'B3', street: '东城街道', period, reporter: null, phone: null, values: vals };
}

describe('periods', () => {
  it.each([
    ['2026-10', -1, '2026-09'],
    ['2026-01', -1, '2025-12'],
    ['2025-12', 1, '2026-01'],
    ['2026-04', -12, '2025-04'],
  ])('%s %+d → %s', (p, n, expected) => expect(addMonths(p, n)).toBe(expected));
  it('previous month crosses the year', () => expect(previousPeriod('2026-01')).toBe('2025-12'));
});

describe('yearToDate', () => {
  const rows = [
    row('甲', '东城街道', '2026-08', { surveyed: 100, aware: 90, awareness_rate: 90, leaflets: 10 }),
    row('甲', '东城街道', '2026-09', { surveyed: 1000, aware: 500, awareness_rate: 50, leaflets: null }),
    row('甲', '东城街道', '2026-10', { surveyed: 100, aware: 80, awareness_rate: 80, leaflets: 5 }),
    row('乙', '西湖街道', '2026-10', { surveyed: 50, aware: 40, awareness_rate: 80, leaflets: 7 }),
    row('乙', '西湖街道', '2025-12', { surveyed: 999, aware: 1, awareness_rate: 0.1, leaflets: 999 }), // last year: not in
    row('乙', '西湖街道', '2026-11', { surveyed: 999, aware: 1, awareness_rate: 0.1, leaflets: 999 }), // after: not in
  ];
  const ytd = yearToDate(rows, tpl.indicators, '2026-10');

  it('recomputes the YTD rate from cumulative numerator and denominator, never averaging months', () => {
    const a = ytd.communities.find((c) => c.community === '甲')!;
    // (90 + 500 + 80) / (100 + 1000 + 100) = 55.83 %, not (90 + 50 + 80) / 3 = 73.3
    expect(a.values['awareness_rate']).toBe(55.83);
    expect(a.months).toEqual(['2026-08', '2026-09', '2026-10']);
    expect(ytd.total.values['awareness_rate']).toBe(Math.round((710 / 1250) * 10000) / 100);
  });

  it('sums counts over the months that reported them, within January..period of the same year', () => {
    expect(ytd.communities.find((c) => c.community === '甲')!.values['leaflets']).toBe(15);
    expect(ytd.communities.find((c) => c.community === '乙')!.values['leaflets']).toBe(7);
    expect(ytd.total.values['leaflets']).toBe(22);
    expect(ytd.months).toEqual(['2026-08', '2026-09', '2026-10']);
    expect(ytd.streets.map((s) => [s.street, s.values['leaflets']])).toEqual([['东城街道', 15], ['西湖街道', 7]]);
  });
});

const value = fc.option(fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.constantFrom(0.1, 0.2, 84.4)), { nil: null });
const aRow = fc.record({
  community: fc.constantFrom('甲', '乙', '丙', '丁'),
  street: fc.constantFrom('东城街道', '西湖街道', '南山街道'),
  period: fc.constantFrom('2025-12', '2026-01', '2026-02', '2026-03', '2026-07', '2027-01'),
  leaflets: value, surveyed: value, aware: value, awareness_rate: value,
});
const rowsOf = (specs: { community: string; street: string; period: string; [code: string]: number | null | string }[]): SummaryRow[] =>
  uniqueRows(specs.map(({ community, street, period: p, ...values }) => row(community, street, p, values as Record<string, number | null>)));

describe('uniqueRows', () => {
  const r = (community: string, period: string | null, file: string): SummaryRow => ({ ...row(community, '东城街道', '', {}), period, file });
  it.each([
    ['the current run wins over history', [r('甲', '2026-01', 'now')], [r('甲', '2026-01', 'then')], ['now']],
    ['the first wins within a list', [r('甲', '2026-01', 'a'), r('甲', '2026-01', 'b')], [r('乙', '2026-01', 'c'), r('乙', '2026-01', 'd')], ['a', 'c']],
    ['rows without community or period are left out', [r('', '2026-01', 'a'), r('甲', null, 'b')], [r('甲', '2026-02', 'c')], ['c']],
    ['other periods and communities are kept, in order', [r('甲', '2026-02', 'a'), r('甲', '2026-01', 'b')], [r('乙', '2026-01', 'c'), r('甲', '2025-12', 'd')], ['a', 'b', 'c', 'd']],
  ])('%s', (_, primary, extra, files) => expect(uniqueRows(primary, extra).map((x) => x.file)).toEqual(files));

  it('keeps the rows a set of communityPeriodKey texts keeps', () => {
    const reference = (primary: readonly SummaryRow[], extra: readonly SummaryRow[]): SummaryRow[] => {
      const seen = new Set<string>();
      return [...primary, ...extra].filter((x) => {
        const key = communityPeriodKey(x.community, x.period);
        if (key === null || seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    };
    const aSummaryRow = fc
      .record({ community: fc.constantFrom('', '甲', '乙', '丙'), period: fc.constantFrom(null, '', '2026-01', '2026-02'), file: fc.string() })
      .map(({ community, period, file }) => r(community, period, file));
    fc.assert(
      fc.property(fc.array(aSummaryRow, { maxLength: 20 }), fc.array(aSummaryRow, { maxLength: 20 }), (primary, extra) => {
        const got = uniqueRows(primary, extra);
        const want = reference(primary, extra);
        expect(got.length).toBe(want.length);
        got.forEach((x, i) => expect(x).toBe(want[i]));
      }),
      { numRuns: 300 },
    );
  });
});

describe('byText', () => {
  it('orders periods (compared without the collator) as the collator does', () => {
    const collator = new Intl.Collator('zh-CN');
    const aPeriod = fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 })).map(([y, m]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`);
    const aText = fc.oneof(aPeriod, fc.constantFrom('2026-1', '2026年10月', '东城街道', '2026-10 ', 'abc'));
    fc.assert(
      fc.property(aText, aText, (a, b) => {
        expect(Math.sign(byText(a, b))).toBe(a === b ? 0 : Math.sign(collator.compare(a, b) || (a < b ? -1 : 1)));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('yearToDate against the rule as first written (rows grouped, each group summed by totalOf)', () => {
  const reference = (rows: readonly SummaryRow[], period: string) => {
    const inRange = rows.filter((r) => r.period !== null && r.period >= yearStart(period) && r.period <= period);
    const monthsOf = (rs: readonly SummaryRow[]) => [...new Set(rs.map((r) => r.period!))].sort();
    const communities = [...groupBy(inRange, (r) => r.community)]
      .map(([name, own]) => ({ ...totalOf(own, tpl.indicators, latest(own).street), community: name, months: monthsOf(own) }))
      .sort((a, b) => byText(a.street, b.street) || byText(a.community, b.community));
    const streets = [...groupBy(inRange, (r) => r.street)]
      .sort(([a], [b]) => byText(a, b))
      .map(([street, own]) => ({ ...totalOf(own, tpl.indicators, street), community: null, months: monthsOf(own) }));
    const total = { ...totalOf(inRange, tpl.indicators, null), community: null, months: monthsOf(inRange) };
    return { period, months: monthsOf(inRange), communities, streets, total };
  };
  it('gives the same totals, months, order and keys, with and without the caller’s RowTotals', () => {
    fc.assert(
      fc.property(fc.array(aRow, { maxLength: 30 }), fc.constantFrom('2026-01', '2026-03', '2026-12'), (specs, period) => {
        const rows = rowsOf(specs);
        const want = reference(rows, period);
        expect(yearToDate(rows, tpl.indicators, period)).toEqual(want);
        expect(yearToDate(rows, tpl.indicators, period, new RowTotals(rows, tpl.indicators))).toEqual(want);
      }),
      { numRuns: 200 },
    );
  });
});

describe('monthOnMonth against the rule as first written (rows grouped, streets and total summed by totalOf)', () => {
  const reference = (rows: readonly SummaryRow[], period: string) => {
    const previous = previousPeriod(period);
    const cur = rows.filter((r) => r.period === period);
    const prev = rows.filter((r) => r.period === previous);
    const rowOf = (community: string | null, street: string | null, a: readonly SummaryRow[], b: readonly SummaryRow[]) => {
      const valuesOf = (rs: readonly SummaryRow[]) => (community !== null ? (rs[0]?.values ?? {}) : totalOf(rs, tpl.indicators, street).values);
      const [ta, tb] = [valuesOf(a), valuesOf(b)];
      const changes = Object.fromEntries(tpl.indicators.map((i) => [i.code, changeOf(i, ta[i.code] ?? null, b.length ? (tb[i.code] ?? null) : null)]));
      return { community, street, previousReported: b.length > 0, returns: { current: a.length, previous: b.length }, changes };
    };
    const prevOf = groupBy(prev, (p) => p.community);
    const communities = cur
      .map((r) => rowOf(r.community, r.street, [r], prevOf.get(r.community) ?? []))
      .sort((a, b) => byText(a.street, b.street) || byText(a.community, b.community));
    const prevByStreet = groupBy(prev, (r) => r.street);
    const streets = [...groupBy(cur, (r) => r.street)]
      .sort(([a], [b]) => byText(a, b))
      .map(([street, rs]) => rowOf(null, street, rs, prevByStreet.get(street) ?? []));
    return { period, previous, previousPresent: prev.length > 0, communities, streets, total: rowOf(null, null, cur, prev) };
  };

  it('gives the same changes, order and keys, with and without the caller’s RowTotals', () => {
    fc.assert(
      fc.property(fc.array(aRow, { maxLength: 30 }), fc.constantFrom('2026-01', '2026-02', '2026-03'), (specs, period) => {
        const rows = rowsOf(specs);
        const want = reference(rows, period);
        expect(monthOnMonth(rows, tpl.indicators, period)).toEqual(want);
        expect(monthOnMonth(rows, tpl.indicators, period, new RowTotals(rows, tpl.indicators))).toEqual(want);
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    [0.3, 0.1, 0.2, 200],
    [120, 100, 20, 20],
    [1, 3, -2, -66.7],
    [5, 0, 5, null],
    [100.0000004, 100, 0, 0],
    [84.4, 84.5, -0.1, -0.1],
  ])('changeOf(%s, %s): change %s, %s %%', (current, previous, change, changePct) => {
    expect(changeOf(ind('leaflets'), current, previous)).toEqual({ current, previous, change, changePct });
  });
});

describe('monthOnMonth', () => {
  const rows = [
    row('甲', '东城街道', '2026-08', { leaflets: 100, awareness_rate: 80, surveyed: 100, aware: 80 }),
    row('甲', '东城街道', '2026-10', { leaflets: 120, awareness_rate: 85, surveyed: 100, aware: 85 }),
    row('乙', '东城街道', '2026-09', { leaflets: 50, awareness_rate: 70, surveyed: 100, aware: 70 }),
    row('乙', '东城街道', '2026-10', { leaflets: 60, awareness_rate: 80, surveyed: 100, aware: 80 }),
    row('丙', '东城街道', '2026-09', { leaflets: 0, awareness_rate: 90, surveyed: 10, aware: 9 }),
    row('丙', '东城街道', '2026-10', { leaflets: 5, awareness_rate: null, surveyed: 10, aware: 9 }),
  ];
  const mom = monthOnMonth(rows, tpl.indicators, '2026-10');
  const of = (c: string) => mom.communities.find((x) => x.community === c)!;

  it('says "missing" when last month is missing, instead of comparing with an older month', () => {
    expect(of('甲').previousReported).toBe(false);
    expect(of('甲').changes['leaflets']).toEqual({ current: 120, previous: null, change: null, changePct: null });
  });

  it('gives absolute and % change; points and no % for a rate; no % from a zero', () => {
    expect(of('乙').changes['leaflets']).toEqual({ current: 60, previous: 50, change: 10, changePct: 20 });
    expect(of('乙').changes['awareness_rate']).toEqual({ current: 80, previous: 70, change: 10, changePct: null });
    expect(of('丙').changes['leaflets']).toEqual({ current: 5, previous: 0, change: 5, changePct: null });
    expect(of('丙').changes['awareness_rate']!.change).toBeNull();
  });

  it('street and total figures are recomputed per month, with the number of returns each month', () => {
    expect(mom.total.returns).toEqual({ current: 3, previous: 2 });
    expect(mom.total.changes['leaflets']).toEqual({ current: 185, previous: 50, change: 135, changePct: 270 });
    // rate of sums: (85 + 80 + 9) / 210 = 82.86 against (70 + 9) / 110 = 71.82
    expect(mom.total.changes['awareness_rate']).toMatchObject({ current: 82.86, previous: 71.82, change: 11.04 });
  });

  it('makes 累计 and 环比 tables', () => {
    const a = acrossMonths({ indicators: tpl.indicators, periods: ['2026-10'], rows, streets: [], totals: [], details: [], missing: [] })!;
    expect(a.periods).toEqual(['2026-08', '2026-09', '2026-10']);
    const y = ytdTable(a);
    expect(y.sheet).toBe('累计');
    expect(y.kinds.at(-1)).toBe('total');
    const m = momTable(a);
    const jia = m.rows.find((r) => r[1] === '甲' && r[2] === '发放宣传资料')!;
    expect(jia.slice(4)).toEqual([120, null, null, null, '上月未报']);
  });

  it('makes 累计 and 环比 as row sources: counted rows, the table rows in order, a fresh cursor each time', () => {
    const a = acrossMonths({ indicators: tpl.indicators, periods: ['2026-10'], rows, streets: [], totals: [], details: [], missing: [] })!;
    for (const [src, table] of [[ytdSource(a), ytdTable(a)], [momSource(a), momTable(a)]] as const) {
      const rowsOf = (): unknown[][] => {
        const out: unknown[][] = [];
        const cur = src.cursor();
        for (let k = cur.next(); k !== null; k = cur.next()) out.push([k, ...cur.row]);
        return out;
      };
      const first = rowsOf();
      expect(first).toHaveLength(src.rowCount);
      expect(first).toEqual(table.rows.map((r, i) => [table.kinds[i], ...r]));
      expect(rowsOf()).toEqual(first);
      expect(first.at(-1)![0]).toBe('total');
    }
  });
});

describe('isHistoryOutlier', () => {
  const bait = ind('rodent_bait_kg');
  const series = (start: string, values: number[]) => values.map((value, i) => ({ period: addMonths(start, i), value }));

  it('flags a genuine 5× jump with few months (朝阳社区 12, 14 → 65)', () => {
    expect(isHistoryOutlier(bait, '2026-10', 65, series('2026-08', [12, 14]))).toMatchObject({ reference: 13, ratio: 5, months: 2, method: 'jump' });
  });

  it('flags a 5× jump against a longer, noisy history (robust)', () => {
    const past = series('2025-10', [20, 24, 18, 22, 25, 19, 21, 23, 20, 22, 24, 21]);
    expect(isHistoryOutlier(bait, '2026-10', 110, past)).toMatchObject({ method: 'robust', months: 12 });
  });

  it('does not flag a seasonal rise into summer, nor the spring campaign a year later', () => {
    const seasonal = series('2025-10', [30, 22, 15, 12, 10, 14, 25, 40, 60, 80, 75, 55]);
    expect(isHistoryOutlier(bait, '2026-10', 38, seasonal)).toBeNull();
    // April's campaign: 8 kg most months, 60 kg last April; 65 kg this April is the season, not a jump
    const spring = series('2025-03', [8, 60, 9, 8, 7, 8, 9, 8, 8, 7, 8, 9, 8]);
    expect(isHistoryOutlier(bait, '2026-04', 65, spring)).toBeNull();
    // …but without last April it would have been asked about
    expect(isHistoryOutlier(bait, '2026-04', 65, spring.filter((p) => p.period !== '2025-04'))).not.toBeNull();
  });

  it('does not cry wolf on a zero-heavy series; only a clearly large value', () => {
    const p = ind('poisonings');
    const zeros = series('2026-01', [0, 0, 0, 1, 0, 0, 0, 0, 0]);
    expect(isHistoryOutlier(p, '2026-10', 1, zeros)).toBeNull();
    expect(isHistoryOutlier(p, '2026-10', 3, zeros)).toBeNull();
    const rare = series('2026-01', [0, 0, 5, 0, 0, 0, 0, 0, 0]);
    expect(isHistoryOutlier(bait, '2026-10', 12, rare)).toBeNull();
    expect(isHistoryOutlier(bait, '2026-10', 40, rare)).toMatchObject({ basis: 'max', reference: 5, ratio: 8 });
  });

  it('ignores small counts, zeros, tight series and small moves', () => {
    const meetings = ind('meetings');
    expect(isHistoryOutlier(meetings, '2026-10', 4, series('2026-08', [1, 1]))).toBeNull(); // 4× but only +3
    expect(isHistoryOutlier(bait, '2026-10', 0, series('2026-08', [40, 50]))).toBeNull();
    expect(isHistoryOutlier(bait, '2026-10', 12, series('2026-04', [10, 10, 11, 10, 10, 10]))).toBeNull();
    expect(isHistoryOutlier(bait, '2026-10', 30, series('2026-08', [12, 14]))).toBeNull(); // 2.2×
    expect(isHistoryOutlier(bait, '2026-10', 5, series('2026-08', [70, 76]))).toMatchObject({ ratio: 0.1 }); // a drop
  });

  it('compares rates in points', () => {
    const r = ind('awareness_rate');
    expect(isHistoryOutlier(r, '2026-10', 80, series('2026-06', [85, 86, 85, 87]))).toBeNull();
    expect(isHistoryOutlier(r, '2026-10', 40, series('2026-06', [85, 86, 85, 87]))).toMatchObject({ ratio: null, reference: 85.5 });
    expect(isHistoryOutlier(r, '2026-10', 0.879, series('2026-08', [85, 86]))).toBeNull(); // rate_fraction's business
  });

  it('uses only the twelve months before the period', () => {
    expect(isHistoryOutlier(bait, '2026-10', 65, [{ period: '2025-01', value: 12 }, { period: '2026-11', value: 12 }])).toBeNull();
  });
});

describe('checkHistory', () => {
  it('finds the jump in a run over several months and carries last month and the cell', () => {
    const rets = [ret('朝阳社区', '2026-08', { rodent_bait_kg: 12 }), ret('朝阳社区', '2026-09', { rodent_bait_kg: 14 }), ret('朝阳社区', '2026-10', { rodent_bait_kg: 65 })];
    const f = checkHistory(rets, tpl);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ code: 'outlier_history', severity: 'warning', period: '2026-10', cell: 'D9', indicator: 'rodent_bait_kg' });
    expect(f[0]!.args).toEqual({ value: 65, reference: 13, basis: 'median', months: 2, ratio: 5, previousPeriod: '2026-09', previous: 14 });
  });

  it('takes history records from elsewhere, and says nothing about them', () => {
    const past: HistoryRecord[] = [
      { community: '朝阳社区', period: '2026-07', values: { rodent_bait_kg: 12 } },
      { community: '朝阳社区', period: '2026-08', values: { rodent_bait_kg: 900 } }, // wild, but history: not reported
      { community: '朝阳社区', period: '2026-09', values: { rodent_bait_kg: 14 } },
      { community: '朝阳社区', period: '2026-10', values: { rodent_bait_kg: 1 } }, // the current return wins over this
    ];
    expect(checkHistory([ret('朝阳社区', '2026-10', { rodent_bait_kg: 13 })], tpl, past)).toEqual([]);
    const f = checkHistory([ret('朝阳社区', '2026-10', { rodent_bait_kg: 65 })], tpl, past);
    expect(f.map((x) => [x.period, x.code === 'outlier_history' && x.args.reference, x.code === 'outlier_history' && x.args.previous])).toEqual([['2026-10', 14, 14]]);
  });

  it('judges each value as isHistoryOutlier does on the community’s earlier records, duplicates and history included', () => {
    const codes = ['rodent_bait_kg', 'awareness_rate', 'meetings'];
    const periods = ['2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-06', '2026-09', '2026-10'];
    const value = fc.constantFrom(null, 0, 0.5, 1, 2, 3, 10, 12, 14, 40, 65, 80, 85, 86, 300, 1000);
    const record = fc.tuple(fc.constantFrom('甲社区', '乙社区'), fc.constantFrom(...periods), fc.tuple(value, value, value));
    fc.assert(
      fc.property(fc.array(record, { maxLength: 24 }), fc.array(record, { maxLength: 8 }), (current, earlier) => {
        const rets = current.map(([c, p, vs]) => ret(c, p, Object.fromEntries(codes.map((code, j) => [code, vs[j]!]))));
        const past: HistoryRecord[] = earlier.map(([c, p, vs]) => ({ community: c, period: p, values: Object.fromEntries(codes.map((code, j) => [code, vs[j]!])) }));
        // The general path: the first record of each community and period (returns, then history), in that order.
        const first = new Map<string, { community: string; period: string; values: Record<string, number | null> }>();
        for (const r of [...rets.map((x) => ({ community: x.community!, period: x.period!, values: Object.fromEntries(codes.map((c) => [c, x.values[c]!.value])) })), ...past]) {
          if (!first.has(`${r.community}\u0000${r.period}`)) first.set(`${r.community}\u0000${r.period}`, r);
        }
        const expected: unknown[] = [];
        for (const r of rets) {
          for (const indicator of tpl.indicators) {
            if (!codes.includes(indicator.code)) continue;
            const v = r.values[indicator.code]!.value;
            if (v === null) continue;
            const series = [...first.values()].filter((x) => x.community === r.community && x.values[indicator.code] !== null && x.period < r.period!);
            const o = isHistoryOutlier(indicator, r.period!, v, series.map((x) => ({ period: x.period, value: x.values[indicator.code]! })));
            if (!o) continue;
            const prev = series.find((x) => x.period === previousPeriod(r.period!));
            expected.push([r.community, r.period, indicator.code, v, o.reference, o.basis, o.months, o.ratio, prev ? prev.period : null, prev ? prev.values[indicator.code] : null]);
          }
        }
        const got = checkHistory(rets, tpl, past).map((f) => {
          const a = f.args as { value: number; reference: number; basis: string; months: number; ratio: number | null; previousPeriod: string | null; previous: number | null };
          return [f.community, f.period, f.indicator, a.value, a.reference, a.basis, a.months, a.ratio, a.previousPeriod, a.previous];
        });
        expect(got).toEqual(expected);
      }),
      { numRuns: 1500 },
    );
  });

  it('finds exactly what the return-by-return implementation found, in the same order', () => {
    // Odd periods too: not YYYY-MM, a month 13, a year apart, the same period twice (duplicates).
    const periods = ['2024-10', '2025-04', '2025-09', '2025-10', '2026-01', '2026-03', '2026-04', '2026-09', '2026-10', '2026-13', '2026-1', '十月', ''];
    const value = fc.oneof(
      fc.constantFrom(null, 0, -0, 0.5, 1, 2, 3, 10, 12, 14, 40, 65, 85, 86, 300, 1000),
      fc.integer({ min: -5, max: 2000 }),
      fc.double({ noNaN: true, min: -10, max: 1e5 }),
    );
    const codes = ['rodent_bait_kg', 'awareness_rate', 'meetings', 'leaflets'];
    const record = fc.tuple(fc.constantFrom('甲社区', '乙社区', '丙社区', ''), fc.constantFrom(...periods), fc.array(value, { minLength: 4, maxLength: 4 }));
    const values = (vs: (number | null)[]) => Object.fromEntries(codes.map((code, j) => [code, vs[j]!]));
    fc.assert(
      fc.property(fc.array(record, { maxLength: 40 }), fc.array(record, { maxLength: 12 }), (current, earlier) => {
        const rets = current.map(([c, p, vs]) => ret(c, p, values(vs)));
        const past: HistoryRecord[] = earlier.map(([c, p, vs]) => ({ community: c, period: p, values: values(vs) }));
        expect(checkHistory(rets, tpl, past)).toEqual(checkHistoryReference(rets, tpl, past));
        expect(checkHistory(rets, tpl)).toEqual(checkHistoryReference(rets, tpl));
      }),
      { numRuns: 1500 },
    );
  });

  it('runs as a panel check in runJob', () => {
    const head = '社区名称,所属街道,报告期,投放鼠药(公斤),发放宣传资料(份)';
    const grid = csvGrid([head, '朝阳社区,东城街道,2026-08,12,100', '朝阳社区,东城街道,2026-09,14,100', '朝阳社区,东城街道,2026-10,65,110'].join('\n'), '网上填报');
    const r = runJob({ books: [{ file: 'x.csv', sheets: [grid] }], template: tpl });
    const f = r.findings.filter((x) => x.code === 'outlier_history');
    expect(f.map((x) => [x.period, x.cell, x.indicator])).toEqual([['2026-10', 'D4', 'rodent_bait_kg']]);
  });
});
