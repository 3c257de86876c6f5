import { describe, expect, it } from 'vitest';
import { toLang } from '../../src/core/findings/wording.js';
import { createExcelAdapter, MARKS_SHEET, type ExcelHost } from '../../src/excel/excelAdapter.js';
import { createActions } from '../../src/taskpane/actions.js';
import { groupFindings } from '../../src/ui/findingsView.js';
import { parseCsv, standardTemplateGrids } from '../../src/ui/standardTemplate.js';
import { FakeExcel, sheetFrom, type FakeSheet } from '../excel/fakeExcel.js';

function returnSheet(name: string, leaflets: string | number, street = '城关街道'): FakeSheet {
  return sheetFrom(name, [
    ['社区创卫工作月报表'],
    ['社区名称', name, null, '所属街道', street],
    ['报告期', '2026年10月'],
    ['序号', '指标', '单位', '本月数', '备注'],
    [1, '发放宣传资料', '份', leaflets, null],
    [2, '健康知识调查人数', '人', 200, null],
    [3, '健康知识知晓人数', '人', 250, null],
  ]);
}

function setup(sheets: FakeSheet[]) {
  const fake = new FakeExcel({ name: '十月.xlsx', sheets, active: sheets[0]!.name, selection: null });
  const host = { run: (cb: never) => fake.run(cb), isSetSupported: (n: string, v: string) => fake.isSetSupported(n, v) } as unknown as ExcelHost;
  const actions = createActions(createExcelAdapter(host), { lang: 'zh-CN', standardTemplate: standardTemplateGrids });
  return { fake, actions };
}

describe('task pane actions against the fake Excel', () => {
  it('validate marks the problem cells; clear restores the workbook exactly', async () => {
    const { fake, actions } = setup([returnSheet('东关社区', '3—4'), returnSheet('西关社区', 500)]);
    const before = structuredClone(fake.state);
    fake.resetCounters();
    const findings = await actions.validate('all');
    const codes = findings.map((f) => `${f.sheet}:${f.cell}:${f.code}`);
    expect(codes).toContain('东关社区:D5:range_value');
    expect(codes.some((c) => c.endsWith('rule_failed'))).toBe(true);
    expect(fake.runs).toBe(2);
    // A fresh pane reads the sheet names first: one sync more than later clicks (see README).
    expect(fake.syncs.length).toBeLessThanOrEqual(4);
    expect(fake.state.sheets.find((s) => s.name === '东关社区')!.cells['4,3']!.fill).toBeTruthy();
    await actions.clearMarks();
    expect(fake.state).toEqual(before);
  });

  it('validate on the active sheet shows and marks only that sheet', async () => {
    const { fake, actions } = setup([returnSheet('东关社区', '3—4'), returnSheet('西关社区', 'xx')]);
    const findings = await actions.validate('active');
    expect(new Set(findings.map((f) => f.sheet))).toEqual(new Set(['东关社区']));
    expect(fake.state.sheets.find((s) => s.name === '西关社区')!.notes).toEqual([]);
  });

  it('combine over two months adds 累计 and 环比; a later one-month run removes them again', async () => {
    const sep = returnSheet('东关社区9月', 80);
    sep.cells['1,1']!.value = '东关社区';
    sep.cells['2,1']!.value = '2026年9月';
    const { fake, actions } = setup([returnSheet('东关社区', 100), returnSheet('西关社区', 500), sep]);
    await actions.combine();
    expect(fake.state.sheets.map((s) => s.name)).toEqual(['东关社区', '西关社区', '东关社区9月', '汇总', '明细', '校验结果', '累计', '环比']);
    const ytd = fake.state.sheets.find((s) => s.name === '累计')!;
    expect(Object.values(ytd.cells).some((c) => c.value === 180)).toBe(true); // 东关社区 leaflets, September + October
    fake.state.sheets.splice(2, 1); // the September sheet is removed from the workbook
    await actions.combine();
    expect(fake.state.sheets.map((s) => s.name)).toEqual(['东关社区', '西关社区', '汇总', '明细', '校验结果']);
  });

  it('combine writes 汇总/明细/校验结果, re-running replaces them, sources stay untouched', async () => {
    const { fake, actions } = setup([returnSheet('东关社区', 100), returnSheet('西关社区', 500)]);
    const sources = structuredClone(fake.state.sheets);
    const r = await actions.combine();
    expect(r.returns).toBe(2);
    await actions.combine();
    expect(fake.state.sheets.map((s) => s.name)).toEqual(['东关社区', '西关社区', '汇总', '明细', '校验结果']);
    expect(fake.state.sheets.slice(0, 2)).toEqual(sources);
    const sum = fake.state.sheets[2]!;
    const col = Object.entries(sum.cells).find(([k, c]) => k.startsWith('0,') && String(c.value).startsWith('发放宣传资料'))![0].split(',')[1];
    const total = Object.entries(sum.cells).filter(([k]) => k.endsWith(`,${col}`)).map(([, c]) => c.value);
    expect(total).toContain(600);
    expect(fake.state.sheets.some((s) => s.name === MARKS_SHEET)).toBe(false);
  });

  it('insert adds the standard blank return, which the core reads back by its labels', async () => {
    const { fake, actions } = setup([returnSheet('东关社区', 100)]);
    const name = await actions.insertReturnSheet();
    expect(name).toBe('填报表');
    const s = fake.state.sheets.find((x) => x.name === name)!;
    expect(s.cells['1,0']!.value).toBe('社区名称');
    expect(Object.values(s.cells).some((c) => c.value === '投放鼠药')).toBe(true);
    const findings = await actions.validate('active');
    expect(findings.some((f) => f.code === 'community_not_found' || f.code === 'required_empty')).toBe(true);
  });

  it('insert copies the workbook’s own blank form when it has one', async () => {
    const form = sheetFrom('填报表模板', [['我们街道自己的表']]);
    const { fake, actions } = setup([returnSheet('东关社区', 100), form]);
    const name = await actions.insertReturnSheet();
    expect(fake.state.sheets.find((x) => x.name === name)!.cells['0,0']!.value).toBe('我们街道自己的表');
  });
});

describe('findings list and helpers', () => {
  it('groups by sheet, errors before warnings, with the wording in the UI language', async () => {
    const { actions } = setup([returnSheet('东关社区', '约100'), returnSheet('西关社区', 'xx')]);
    const findings = await actions.validate('all');
    const groups = groupFindings(findings, 'zh-CN');
    expect(groups.map((g) => g.sheet)).toEqual(expect.arrayContaining(['东关社区', '西关社区']));
    for (const g of groups) {
      const sev = g.bySeverity.map((s) => s.severity);
      expect(sev).toEqual([...sev].sort((a, b) => ['error', 'warning', 'info'].indexOf(a) - ['error', 'warning', 'info'].indexOf(b)));
    }
    expect(groupFindings(findings, 'en-US')[0]!.bySeverity[0]!.items[0]!.message).toMatch(/[a-z]/);
  });

  it.each([
    ['en-US', 'en-US'], ['en', 'en-US'], ['zh-CN', 'zh-CN'], ['zh-TW', 'zh-CN'], [undefined, 'zh-CN'],
  ])('display language %s → %s', (tag, lang) => {
    expect(toLang(tag)).toBe(lang);
  });

  it('parses CSV with quotes, doubled quotes, CRLF and a BOM', () => {
    expect(parseCsv('\uFEFFa,"b,c","d""e"\r\n1,,3\n')).toEqual([['a', 'b,c', 'd"e'], ['1', '', '3']]);
  });
});
