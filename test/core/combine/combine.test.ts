import { describe, expect, it } from 'vitest';
import { combineReturns } from '../../../src/core/combine/combineReturns.js';
import type { ParsedReturn } from '../../../src/core/read/types.js';
import { standardTemplate } from '../../helpers/template.js';

const tpl = standardTemplate();
function ret(community: string, street: string | null, values: Record<string, number | null>): ParsedReturn {
  const vals: ParsedReturn['values'] = {};
  for (const [code, value] of Object.entries(values)) vals[code] = { value, raw: value, cell: 'D9', approximate: false, remark: null };
  return { file: `${community}.xlsx`, sheet: 'S', form: 'sheet', row: null, community, communityCell: 'B3', street, period: '2026-10', reporter: null, phone: null, values: vals };
}

describe('combineReturns', () => {
  const rets = [
    ret('甲', '东城街道', { surveyed: 10, aware: 9, awareness_rate: 90, garbage_t: 0.1, leaflets: 100 }),
    ret('乙', '东城街道', { surveyed: 1000, aware: 500, awareness_rate: 50, garbage_t: 0.2, leaflets: null }),
    ret('丙', '西湖街道', { surveyed: 100, aware: 80, awareness_rate: 80, garbage_t: 3, leaflets: 50 }),
    ret('丁', '西湖街道', { surveyed: null, aware: 40, awareness_rate: 95 }),
  ];
  const c = combineReturns(rets, tpl);

  it('recomputes a total rate from summed components, never the average of rates', () => {
    const east = c.streets.find((s) => s.street === '东城街道')!;
    expect(east.values['awareness_rate']).toBe(50.4); // 509 / 1010, not (90 + 50) / 2 = 70
    // 丁 has no surveyed: its rate cannot enter the ratio of sums
    expect(c.totals[0]!.values['awareness_rate']).toBe(Math.round((589 / 1110) * 10000) / 100);
    expect(c.totals[0]!.reported['awareness_rate']).toBe(3);
  });

  it('sums what was reported, keeps empty as empty, and tidies float noise', () => {
    expect(c.totals[0]!.values['leaflets']).toBe(150);
    expect(c.totals[0]!.reported['leaflets']).toBe(2);
    expect(c.streets[0]!.values['garbage_t']).toBe(0.3); // not 0.30000000000000004
    expect(c.totals[0]!.values['poisonings']).toBeNull();
    expect(c.rows.find((r) => r.community === '乙')!.values['leaflets']).toBeNull();
  });

  it('keeps provenance for every value and sorts rows by street and community in pinyin order', () => {
    expect(c.rows.map((r) => r.community)).toEqual(['甲', '乙', '丙', '丁']); // 东城 (jia, yi), then 西湖 (bing, ding)
    expect(c.rows[1]!.sources['surveyed']).toEqual({ file: '乙.xlsx', sheet: 'S', cell: 'D9' });
    expect(c.details.filter((d) => d.community === '甲')).toHaveLength(5);
  });
});
