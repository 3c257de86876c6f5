/**
 * The round-trip bound of issue 3 item 4, through the task pane's own actions: 校验 (read + mark) and
 * 汇总 (read + write) take at most 3 `context.sync` calls for 10 to 300 sheets (the first click of a
 * fresh pane one more: the sheet names), in every order a
 * statistician may click them, with every request and response under Excel on the web's 5 MB.
 */
import { describe, expect, it } from 'vitest';
import { createExcelAdapter, type ExcelHost } from '../../src/excel/excelAdapter.js';
import { createActions } from '../../src/taskpane/actions.js';
import { standardTemplateGrids } from '../../src/ui/standardTemplate.js';
import { FakeExcel, MAX_REQUEST_BYTES, MAX_RESPONSE_BYTES, sheetFrom, type FakeSheet } from './fakeExcel.js';

function returnSheet(name: string, n: number): FakeSheet {
  return sheetFrom(name, [
    ['社区创卫工作月报表'],
    ['社区名称', name, null, '所属街道', `第${n % 12}街道`],
    ['报告期', '2026年10月'],
    ['序号', '指标', '单位', '本月数', '备注'],
    [1, '发放宣传资料', '份', n % 17 === 1 ? '3—4' : 400 + n, null],
    [2, '健康知识调查人数', '人', 200, null],
    [3, '健康知识知晓人数', '人', n % 13 === 0 ? 250 : 180, null],
  ]);
}

function setup(n: number) {
  const sheets = Array.from({ length: n }, (_, i) => returnSheet(`社区${i + 1}`, i + 1));
  const fake = new FakeExcel({ name: '十月.xlsx', sheets, active: sheets[0]!.name, selection: null });
  const host = { run: (cb: never) => fake.run(cb), isSetSupported: (a: string, v: string) => fake.isSetSupported(a, v) } as unknown as ExcelHost;
  return { fake, actions: createActions(createExcelAdapter(host), { lang: 'zh-CN', standardTemplate: standardTemplateGrids }) };
}

describe('校验 and 汇总 round trips', () => {
  for (const n of [10, 100, 300]) {
    it(`${n} sheets: at most 3 syncs per click, all payloads under 5 MB`, async () => {
      const { fake, actions } = setup(n);
      const sources = structuredClone(fake.state.sheets);
      const clicks: [string, () => Promise<unknown>][] = [
        ['校验', () => actions.validate('all')],
        ['校验', () => actions.validate('active')],
        ['汇总', () => actions.combine()],
        ['校验', () => actions.validate('all')],
        ['汇总', () => actions.combine()],
        ['清除标记', () => actions.clearMarks()],
      ];
      const counts: string[] = [];
      for (const [what, click] of clicks) {
        fake.resetCounters();
        await click();
        counts.push(`${what} ${fake.syncs.length}`);
        // The first click of a fresh pane reads the sheet names first (one more sync).
        expect(fake.syncs.length, what).toBeLessThanOrEqual(counts.length === 1 ? 4 : 3);
        expect(fake.runs, what).toBe(what === '清除标记' ? 1 : 2);
        for (const s of fake.syncs) {
          expect(s.bytes).toBeLessThan(MAX_REQUEST_BYTES);
          expect(s.responseBytes).toBeLessThan(MAX_RESPONSE_BYTES);
          expect(s.failed).toBeUndefined();
        }
      }
      expect(counts).toEqual(['校验 4', '校验 3', '汇总 3', '校验 3', '汇总 3', '清除标记 2']);
      // Marks cleared, outputs written, returns as they were.
      expect(fake.state.sheets.slice(0, n)).toEqual(sources);
      expect(fake.state.sheets.map((s) => s.name).slice(n)).toEqual(['汇总', '明细', '校验结果']);
    });
  }
});
