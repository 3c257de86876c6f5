import { describe, expect, it } from 'vitest';
import { communityChart, COLORS, monthsChart } from '../../src/core/charts/index.js';
import { createExcelAdapter, CHART_SHEET, type ExcelHost } from '../../src/excel/excelAdapter.js';
import { createActions } from '../../src/taskpane/actions.js';
import { chartableIndicators, specFor } from '../../src/ui/chartView.js';
import { nativeChartOf } from '../../src/taskpane/nativeChart.js';
import { standardTemplateGrids } from '../../src/ui/standardTemplate.js';
import { FakeExcel, sheetFrom, type FakeSheet } from '../excel/fakeExcel.js';

function returnSheet(name: string, surveyed: number, aware: number, period = '2026年10月'): FakeSheet {
  return sheetFrom(name, [
    ['社区创卫工作月报表'],
    ['社区名称', name, null, '所属街道', name.startsWith('东') ? '东城街道' : '西湖街道'],
    ['报告期', period],
    ['序号', '指标', '单位', '本月数', '备注'],
    [1, '健康知识调查人数', '人', surveyed, null],
    [2, '健康知识知晓人数', '人', aware, null],
    [3, '健康知识知晓率', '%', Math.round((aware / surveyed) * 1000) / 10, null],
    [4, '投放鼠药', '公斤', 20, null],
  ]);
}

function setup(sheets: FakeSheet[]) {
  const fake = new FakeExcel({ name: '十月.xlsx', sheets, active: sheets[0]!.name, selection: null });
  const host = { run: (cb: never) => fake.run(cb), isSetSupported: (n: string, v: string) => fake.isSetSupported(n, v) } as unknown as ExcelHost;
  return { fake, actions: createActions(createExcelAdapter(host), { lang: 'zh-CN', standardTemplate: standardTemplateGrids }) };
}

const SHEETS = () => [returnSheet('东关社区', 200, 180), returnSheet('东门社区', 100, 60), returnSheet('西湖社区', 300, 270)];

describe('charts in the task pane', () => {
  it('specFor picks the core builder for each kind; chartable indicators are those with data', async () => {
    const { actions } = setup(SHEETS());
    const src = await actions.chartSource();
    expect(chartableIndicators(src).map((i) => i.code)).toEqual(expect.arrayContaining(['surveyed', 'aware', 'awareness_rate', 'rodent_bait_kg']));
    expect(chartableIndicators(src).map((i) => i.code)).not.toContain('leaflets');
    expect(specFor(src, { kind: 'communities', indicator: 'awareness_rate', period: '2026-10' })!.id).toBe('awareness_rate-communities-2026-10');
    expect(specFor(src, { kind: 'streets', indicator: 'rodent_bait_kg', period: '2026-10' })!.kind).toBe('streets');
    expect(specFor(src, { kind: 'months', indicator: 'rodent_bait_kg', period: '2026-10', by: 'street' })!.kind).toBe('months');
    expect(specFor(src, { kind: 'communities', indicator: 'leaflets', period: '2026-10' })).toBeNull();
  });

  it('nativeChartOf keeps the plotted numbers, titles, the target as a line and colours below-target points', async () => {
    const { actions } = setup(SHEETS());
    const src = await actions.chartSource();
    const native = nativeChartOf(communityChart(src, 'awareness_rate', '2026-10')!);
    expect(native.type).toBe('column');
    expect(native.categories).toEqual(['东关社区', '西湖社区', '东门社区']); // highest first, ties by name
    expect(native.series.map((s) => [s.name, s.line])).toEqual([['健康知识知晓率（%）', false], ['目标 80%', true]]);
    expect(native.series[0]!.values).toEqual([90, 90, 60]);
    expect(native.pointColors).toEqual([null, null, COLORS.below]);
    expect(native.categoryTitle).toBe('社区');
    expect(native.valueTitle).toBe('健康知识知晓率（%）');
    expect(nativeChartOf(monthsChart(src, 'rodent_bait_kg')!).pointColors).toEqual([]);
  });

  it('插入图表: a native chart on 图表 bound to its data block, in at most 3 syncs; the 图表 sheet is never read as a return', async () => {
    const { fake, actions } = setup(SHEETS());
    const spec = communityChart(await actions.chartSource(), 'awareness_rate', '2026-10')!;
    fake.resetCounters();
    expect(await actions.insertChart(spec)).toBe(CHART_SHEET);
    expect(fake.syncs.length).toBeLessThanOrEqual(3);
    const sheet = fake.state.sheets.find((s) => s.name === CHART_SHEET)!;
    const chart = sheet.charts![0]!;
    expect(chart).toMatchObject({ type: 'ColumnClustered', seriesBy: 'Columns', source: 'A2:C5', categoryTitle: '社区', seriesTypes: { 1: 'Line' }, pointColors: { '0,2': COLORS.below } });
    expect(chart.title).toBe(spec.title);
    expect(sheet.cells['1,1']!.value).toBe('健康知识知晓率（%）');
    expect(sheet.cells['2,0']!.value).toBe('东关社区');
    expect(sheet.cells['4,1']!.value).toBe(60);
    fake.resetCounters();
    await actions.insertChart(spec);
    expect(fake.syncs.length).toBeLessThanOrEqual(3);
    const second = fake.state.sheets.find((s) => s.name === CHART_SHEET)!.charts![1]!;
    expect(Number(/\d+/.exec(second.source)![0])).toBeGreaterThan(Number(/\d+$/.exec(chart.position![1])![0]));
    const findings = await actions.validate('all');
    expect(findings.some((f) => f.sheet === CHART_SHEET)).toBe(false);
  });
});
