import { describe, expect, it } from 'vitest';
import { communityChart, meetingCharts, monthsChart, streetChart, COLORS, excludedByFindings } from '../../../src/core/charts/index.js';
import type { ChartDataset } from '../../../src/core/charts/types.js';
import type { SummaryRow } from '../../../src/core/combine/types.js';
import { finding } from '../../../src/core/findings/codes.js';
import { standardTemplate } from '../../helpers/template.js';

const tpl = standardTemplate();
function row(community: string, street: string, period: string, values: Record<string, number | null>): SummaryRow {
  return { community, street, period, file: 'f.xlsx', sheet: 'S', values, sources: {}, approximate: [] };
}
const rate = (community: string, street: string, period: string, aware: number, surveyed = 100, extra: Record<string, number> = {}) =>
  row(community, street, period, { aware, surveyed, awareness_rate: (aware / surveyed) * 100, ...extra });

const rows = [
  rate('甲', '东城街道', '2026-10', 85, 100, { garbage_t: 10, rodent_bait_kg: 20 }),
  rate('乙', '东城街道', '2026-10', 70, 100, { garbage_t: 5, rodent_bait_kg: 10 }),
  rate('丙', '西湖街道', '2026-10', 95, 100, { garbage_t: 30, rodent_bait_kg: 5 }),
  rate('丁', '西湖街道', '2026-10', 60, 100, { garbage_t: 1 }),
  row('戊', '西湖街道', '2026-10', { garbage_t: 2 }),
  rate('甲', '东城街道', '2026-08', 80, 100, { garbage_t: 9, rodent_bait_kg: 18 }),
  rate('丙', '西湖街道', '2026-08', 90, 100, { garbage_t: 20, rodent_bait_kg: 6 }),
];
const src = { indicators: tpl.indicators, rows };
const bars = (ds: ChartDataset[]) => ds.filter((d) => d.type === 'bar');

describe('communityChart', () => {
  const spec = communityChart(src, 'awareness_rate')!;
  const { labels, datasets } = spec.config.data;

  it('sorts communities from highest to lowest and leaves out those without a value', () => {
    expect(labels).toEqual(['丙', '甲', '乙', '丁']);
    expect(spec.table.series[0]!.values).toEqual([95, 85, 70, 60]);
    expect(spec.config.options['plugins']).toMatchObject({ subtitle: { text: expect.stringContaining('无数据：戊') } });
  });

  it('draws the template target as a line across the plot', () => {
    const t = datasets.find((d) => d.type === 'line')!;
    expect(t.label).toBe('目标 80%');
    expect(t.data).toEqual([{ x: 0, y: 80 }, { x: 1, y: 80 }]);
    expect(t['xAxisID']).toBe('xTarget');
    expect(spec.config.options['scales']).toMatchObject({ xTarget: { type: 'linear', min: 0, max: 1, display: false } });
  });

  it('colours the communities below the target differently', () => {
    const [above, below] = bars(datasets);
    expect(above).toMatchObject({ label: '达到目标', backgroundColor: COLORS.bar, data: [95, 85, null, null] });
    expect(below).toMatchObject({ label: '低于目标', backgroundColor: COLORS.below, data: [null, null, 70, 60] });
    expect(COLORS.bar).not.toBe(COLORS.below);
  });

  it('titles with the period, unit and axis names in Chinese', () => {
    expect(spec.title).toBe('2026年10月 各社区健康知识知晓率');
    expect(spec.config.options['scales']).toMatchObject({ x: { title: { text: '社区' } }, y: { title: { text: '健康知识知晓率（%）' } } });
    expect(spec.id).toBe('awareness_rate-communities-2026-10');
    expect([spec.width, spec.height]).toEqual([1200, 675]);
  });

  it('a count has one colour, no target, and its unit on the axis', () => {
    const g = communityChart(src, 'garbage_t', '2026-10')!;
    expect(bars(g.config.data.datasets)).toHaveLength(1);
    expect(g.config.data.datasets.some((d) => d.type === 'line')).toBe(false);
    expect(g.config.data.labels).toEqual(['丙', '甲', '乙', '戊', '丁']);
    expect(g.config.options['scales']).toMatchObject({ y: { title: { text: '清运垃圾（吨）' } } });
  });

  it('turns horizontal and taller for many communities', () => {
    const many = Array.from({ length: 40 }, (_, i) => row(`社区${i}`, '东城街道', '2026-10', { garbage_t: i + 1 }));
    const s = communityChart({ indicators: tpl.indicators, rows: many }, 'garbage_t')!;
    expect(s.config.options['indexAxis']).toBe('y');
    expect(s.height).toBeGreaterThan(675);
  });

  it('leaves out values with errors and says so', () => {
    const excluded = excludedByFindings([
      finding('above_max', { value: 30, max: 20 }, { file: 'f', community: '丙', period: '2026-10', indicator: 'garbage_t' }),
      finding('rule_failed', { rule: 'R01', left: '', op: '<=', right: '', leftValue: 1, rightValue: 0, tolerance: 0, note: { zh: null, en: null } },
        { file: 'f', community: '甲', period: '2026-10', indicator: 'aware' }),
    ]);
    const g = communityChart({ ...src, excluded }, 'garbage_t')!;
    expect(g.config.data.labels).not.toContain('丙');
    // One number for one thing: the total beside the bars is 汇总's (丙's 30 included: 10+5+30+1+2 = 48),
    // and the reason the bars add up to less stands right beside it.
    const sub = (g.config.options['plugins'] as { subtitle: { text: string } }).subtitle.text;
    expect(sub).toContain('合计 48吨');
    expect(sub).toContain('有错误的数值未画出：丙（合计同汇总表，含这些数值）');
    // the street chart's bars are totals without 丙's value, and it says so beside its (汇总) total
    const st = (streetChart({ ...src, excluded }, 'garbage_t')!.config.options['plugins'] as { subtitle: { text: string } }).subtitle.text;
    expect(st).toContain('合计 48吨');
    expect(st).toContain('图中不含有错误的数值：丙');
    // an error on a rate's component takes the community out of that rate's chart too
    expect(communityChart({ ...src, excluded }, 'awareness_rate')!.config.data.labels).toEqual(['丙', '乙', '丁']);
  });
});

describe('chart words in English', () => {
  it('titles, axes, legends and subtitles follow the language; indicator names from the template', () => {
    const en = { ...src, lang: 'en-US' as const };
    const c = communityChart(en, 'awareness_rate', '2026-10')!;
    expect(c.title).toBe('Health knowledge awareness rate by community, Oct 2026');
    const o = c.config.options as { scales: { x: { title: { text: string } }; y: { title: { text: string } } }; plugins: { subtitle: { text: string } } };
    expect(o.scales.x.title.text).toBe('Community');
    expect(o.scales.y.title.text).toBe('Health knowledge awareness rate (%)');
    expect(o.plugins.subtitle.text).toMatch(/^4 communities {2}\| {2}Overall /);
    expect(c.config.data.datasets.map((d) => d.label)).toEqual(['Target met', 'Below target', 'Target 80%']);
    const m = monthsChart(en, 'rodent_bait_kg')!;
    expect(m.title).toBe('Rodent bait laid by month (total)  Aug–Oct 2026');
    expect(m.config.data.labels).toEqual(['Aug', 'Sep', 'Oct']);
    expect(streetChart(en, 'garbage_t')!.title).toBe('Garbage cleared by street, Oct 2026');
    // every word of a Chinese chart is Chinese and of an English one English (no stray Chinese)
    const words = JSON.stringify([c.title, o.plugins.subtitle.text, m.title, c.config.data.datasets.map((d) => d.label)]);
    expect(words).not.toMatch(/目标|合计|总体|社区|逐月|月份|年|月/);
  });
});

describe('monthsChart', () => {
  it('shows every month from the first to the last, a gap as an empty slot, totals per month', () => {
    const s = monthsChart(src, 'rodent_bait_kg')!;
    expect(s.config.data.labels).toEqual(['8月', '9月', '10月']);
    expect(s.config.data.datasets[0]!.data).toEqual([24, null, 35]);
    expect(s.title).toContain('2026年8月—10月');
    expect(s.config.type).toBe('bar');
  });

  it('a rate is a line of ratios of sums, with the target; per street one series each', () => {
    const r = monthsChart(src, 'awareness_rate', { by: 'street' })!;
    expect(r.config.type).toBe('line');
    expect(r.config.data.datasets.map((d) => d.label)).toEqual(['东城街道', '西湖街道', '目标 80%']);
    expect(r.config.data.datasets[0]!.data).toEqual([80, null, 77.5]); // (85 + 70) / 200
  });
});

describe('streetChart', () => {
  it('compares street totals, highest first, with last month beside when known', () => {
    const s = streetChart(src, 'garbage_t')!;
    expect(s.config.data.labels).toEqual(['西湖街道', '东城街道']);
    expect(s.config.data.datasets[0]!.data).toEqual([33, 15]);
    expect(s.config.data.datasets.length).toBe(1); // September is missing: nothing beside
    const withPrev = streetChart({ ...src, rows: rows.map((r) => (r.period === '2026-08' ? { ...r, period: '2026-09' } : r)) }, 'garbage_t')!;
    expect(withPrev.config.data.datasets.map((d) => d.label)).toEqual(['2026年10月', '2026年9月']);
  });

  it('the meeting set has the three standard charts', () => {
    expect(meetingCharts(src).map((s) => s.id)).toEqual([
      'awareness_rate-communities-2026-10', 'rodent_bait_kg-months-2026-10', 'garbage_t-streets-2026-10',
    ]);
  });
});
