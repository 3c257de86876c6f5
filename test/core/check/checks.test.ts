import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDuplicates, checkRoster, returnKey } from '../../../src/core/check/panelChecks.js';
import { isOutlier, peerOutliers } from '../../../src/core/check/outliers.js';
import { checkReturn, evaluateRule } from '../../../src/core/check/returnChecks.js';
import type { ParsedReturn } from '../../../src/core/read/types.js';
import { standardTemplate } from '../../helpers/template.js';
import { peerOutliersReference } from './peerReference.js';

const tpl = standardTemplate();
const ind = (code: string) => tpl.indicators.find((i) => i.code === code)!;
const rule = (id: string) => tpl.rules.find((r) => r.id === id)!;

function ret(values: Record<string, number | null>, over: Partial<ParsedReturn> = {}): ParsedReturn {
  const vals: ParsedReturn['values'] = {};
  let row = 6;
  for (const [code, value] of Object.entries(values)) vals[code] = { value, raw: value, cell: `D${row++}`, approximate: false, remark: null };
  return { file: 'f.xlsx', sheet: 'S', form: 'sheet', row: null, community: '阳光社区', communityCell: 'B3', street: '东城街道', period: '2026-10', reporter: null, phone: null, values: vals, ...over };
}

describe('rules', () => {
  it.each([
    ['R01', { aware: 120, surveyed: 100 }, [120, 100]],
    ['R01', { aware: 100, surveyed: 100 }, null],
    ['R01', { aware: 100, surveyed: null }, null], // missing: skip
    ['R03', { awareness_rate: 88, aware: 176, surveyed: 200 }, null],
    ['R03', { awareness_rate: 88.4, aware: 176, surveyed: 200 }, null], // within 0.5 points
    ['R03', { awareness_rate: 88.6, aware: 176, surveyed: 200 }, [88.6, 88]],
    ['R03', { awareness_rate: 50, aware: 0, surveyed: 0 }, null], // when: surveyed > 0
    ['R05', { lecture_attendance: 5, lectures: 6 }, [5, 6]],
    ['R05', { lecture_attendance: 0, lectures: 0 }, null], // when: lectures > 0
  ] as const)('%s on %j', (id, values, expected) => {
    const f = evaluateRule(rule(id), ret(values as Record<string, number | null>), tpl);
    if (expected === null) expect(f).toBeNull();
    else expect(f).toMatchObject({ code: 'rule_failed', severity: 'error', args: { leftValue: expected[0], rightValue: expected[1] } });
  });

  it('anchors a failed rule on its left-hand cell and names indicators in Chinese', () => {
    const f = evaluateRule(rule('R01'), ret({ surveyed: 100, aware: 120 }), tpl)!;
    expect(f).toMatchObject({ cell: 'D7', indicator: 'aware', args: { left: '健康知识知晓人数', right: '健康知识调查人数' } });
  });

  it('requires a remark when poisonings > 0, and reports required indicators absent', () => {
    const r = ret({ poisonings: 1 });
    const codes = checkReturn(r, tpl).map((f) => f.code);
    expect(codes.filter((c) => c === 'remark_missing')).toHaveLength(1);
    expect(codes.filter((c) => c === 'required_missing')).toHaveLength(tpl.indicators.filter((i) => i.required).length - 1);
    r.values['poisonings']!.remark = '误食鼠药，已送医';
    expect(checkReturn(r, tpl).map((f) => f.code)).not.toContain('remark_missing');
  });
});

describe('peer outliers', () => {
  const garbage = ind('garbage_t');
  const rate = ind('awareness_rate');
  it.each([
    ['a value 1000× the others', garbage, 17360, [12, 8, 15, 10, 9, 14, 17360], true],
    ['too few peers to judge', garbage, 17360, [12, 8, 15, 17360], false],
    ['a tight panel does not flag a small difference', garbage, 11, [10, 10, 10, 10, 11], false],
    ['zero-heavy panel: a zero is never an outlier', garbage, 0, [0, 0, 0, 5, 6, 0, 0], false],
    ['zero-heavy panel: a small positive value is not flagged', garbage, 2, [0, 0, 0, 0, 0, 0, 2], false],
    ['big and small communities differ 2-3 fold, not flagged', garbage, 30, [10, 12, 20, 25, 30, 8, 15], false],
    ['a very low value', garbage, 0.1, [12, 8, 15, 10, 9, 14, 0.1], true],
    ['a rate 40 points below', rate, 45, [86, 88, 90, 85, 87, 89, 45], true],
    ['a rate 3 points below', rate, 83, [86, 88, 90, 85, 87, 89, 83], false],
    ['a rate written as a fraction is left to rate_fraction', rate, 0.879, [86, 88, 90, 85, 87, 89, 0.879], false],
  ] as const)('%s', (_name, indicator, value, values, expected) => {
    expect(isOutlier(indicator, value, values) !== null).toBe(expected);
  });

  it('compares within one period only', () => {
    const rets = [5, 6, 7, 8, 9].map((v, i) => ret({ garbage_t: v }, { community: `c${i}` }));
    rets.push(ret({ garbage_t: 900 }, { community: 'x', period: '2026-09' }));
    expect(peerOutliers({ returns: rets, template: tpl, roster: null })).toEqual([]);
    rets.push(ret({ garbage_t: 900 }, { community: 'y' }));
    expect(peerOutliers({ returns: rets, template: tpl, roster: null }).map((f) => [f.code, f.community])).toEqual([['outlier_peer', 'y']]);
  });

  it('counts a community reported twice once in the panel, and still judges both copies', () => {
    const rets = [5, 6, 7, 8, 9, 10].map((v, i) => ret({ garbage_t: v }, { community: `c${i}` }));
    rets.push(ret({ garbage_t: 900 }, { community: 'y', file: 'y.xlsx' }), ret({ garbage_t: 900 }, { community: 'y', file: 'y（更正）.xlsx' }));
    const fs = peerOutliers({ returns: rets, template: tpl, roster: null });
    expect(fs.map((f) => f.file)).toEqual(['y.xlsx', 'y（更正）.xlsx']);
    // Seven communities, not eight returns: the duplicate neither counts as a peer nor moves the median.
    expect(fs.map((f) => (f.args as { peers: number; median: number }).peers)).toEqual([7, 7]);
    expect((fs[0]!.args as { median: number }).median).toBe(8);
  });
});

describe('peer outliers on any panel', () => {
  // peerOutliers works the spread out only for panels where some value is far from the median, and tests
  // "far" before the z-score: the findings must be exactly isOutlier's, value by value, on the whole panel.
  const value = fc.oneof(
    fc.constantFrom(null, 0, -0, 0.5, 1, 1.5, 100, 101),
    fc.integer({ min: 0, max: 60 }),
    fc.double({ noNaN: true, noDefaultInfinity: true, min: 0, max: 5000 }),
    fc.integer({ min: 1, max: 20 }).map((x) => x * 100),
  );
  it('flags what isOutlier flags, with its median and ratio', () => {
    const codes = ['garbage_t', 'awareness_rate', 'poisonings', 'leaflets'];
    fc.assert(
      fc.property(fc.array(fc.tuple(value, value, value, value), { maxLength: 30 }), (rows) => {
        const rets = rows.map((vs, i) => ret(Object.fromEntries(codes.map((c, j) => [c, vs[j]!])), { community: `c${i}` }));
        const expected: [string, number, number, number | null][] = [];
        for (const ind of tpl.indicators) {
          const j = codes.indexOf(ind.code);
          if (j < 0) continue;
          const panel = rows.map((vs) => vs[j]!).filter((v): v is number => v !== null);
          rows.forEach((vs, i) => {
            const v = vs[j]!;
            const o = v === null ? null : isOutlier(ind, v, panel);
            if (o) expected.push([`c${i}`, v!, o.median, o.ratio]);
          });
        }
        const got = peerOutliers({ returns: rets, template: tpl, roster: null }).map((f) => {
          const a = f.args as { value: number; median: number; ratio: number | null };
          return [f.community!, a.value, a.median, a.ratio] as [string, number, number, number | null];
        });
        expect(got).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('peer outliers, panel by panel', () => {
  // Long panels (selection, not sorting, beyond 32 values) with many ties, zeros, −0, negatives, nulls,
  // communities reported twice and several periods: the findings and their order are the old implementation's.
  const value = fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 8, max: 14 }) },
    { weight: 2, arbitrary: fc.constantFrom(85, 87.5, 88, 90) },
    { weight: 2, arbitrary: fc.constantFrom(null, 0, -0, 0.5, 1, 2, 40, 100, 101) },
    { weight: 1, arbitrary: fc.integer({ min: -3, max: 60 }) },
    { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true, min: -1, max: 5000 }) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 20 }).map((x) => x * 100) },
  );
  const codes = ['garbage_t', 'awareness_rate', 'poisonings', 'leaflets'];
  const row = fc.tuple(fc.integer({ min: 0, max: 90 }), fc.constantFrom('2026-09', '2026-10', '十月'), fc.array(value, { minLength: 4, maxLength: 4 }));
  it('finds exactly what the old implementation found', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 160, size: 'max' }), fc.boolean(), (rows, zeroHeavy) => {
        const rets = rows.map(([c, period, vs], i) =>
          ret(Object.fromEntries(codes.map((code, j) => [code, zeroHeavy && i % 3 === 1 ? 0 : vs[j]!])), { community: c ? `c${c}` : null, period, file: `f${i}.xlsx` }),
        );
        const ctx = { returns: rets, template: tpl, roster: null };
        expect(peerOutliers(ctx)).toEqual(peerOutliersReference(ctx));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('duplicates and roster', () => {
  it('names both places of a return reported twice', () => {
    const a = ret({}, { file: 'a.xlsx' });
    const b = ret({}, { file: 'b.xlsx', communityCell: 'C2' });
    const returns = [a, b, ret({}, { community: '和平社区' }), ret({}, { community: null }), ret({}, { period: null })];
    const fs = checkDuplicates({ returns, template: tpl, roster: null });
    // The job hands over the keys it made once: the same findings.
    expect(checkDuplicates({ returns, template: tpl, roster: null, keys: returns.map(returnKey) })).toEqual(fs);
    expect(fs.map((f) => [f.code, f.file, (f.args as { otherFile: string }).otherFile])).toEqual([
      ['duplicate_return', 'b.xlsx', 'a.xlsx'],
      ['duplicate_return', 'a.xlsx', 'b.xlsx'],
    ]);
  });

  it('lists who has not reported, who is unexpected (with a suggestion), and street mismatches', () => {
    const roster = { file: 'roster.csv', entries: [
      { community: '阳光社区', street: '东城街道' }, { community: '和平社区', street: '东城街道' }, { community: '湖滨社区', street: '西湖街道' },
    ] };
    const rets = [ret({}), ret({}, { community: '和平社', street: '东城街道' }), ret({}, { community: '湖滨社区', street: '东城街道' })];
    const fs = checkRoster({ returns: rets, template: tpl, roster });
    expect(fs.map((f) => [f.code, f.community])).toEqual([
      ['missing_return', '和平社区'], ['unexpected_community', '和平社'], ['street_mismatch', '湖滨社区'],
    ]);
    expect(fs[1]!.args).toEqual({ suggestion: '和平社区' });
  });
});
