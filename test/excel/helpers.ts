/** Shared set-up of the Excel tests: a sheet-form return, a workbook, an adapter over the fake. */
import { createExcelAdapter, type ExcelHost } from '../../src/excel/excelAdapter.js';
import { FakeExcel, sheetFrom, type FakeSheet, type FakeWorkbookState } from './fakeExcel.js';

/** A sheet-form return as communities fill it in (title merged over A1:E1, header block, table). */
export function returnSheet(name: string, n: number): FakeSheet {
  return sheetFrom(
    name,
    [
      ['社区创卫工作月报表', null, null, null, null],
      ['社区名称', `${name}`, null, '所属街道', '城关街道'],
      ['报告期', '2026年10月', null, '填报人', '张三'],
      ['序号', '指标', '单位', '本月数', '备注'],
      [1, '召开创卫工作会议', '次', n % 5, null],
      [2, '发放宣传资料', '份', 500 + n, null],
      [3, '健康知识调查人数', '人', 200, null],
      [4, '健康知识知晓人数', '人', 180, null],
      [5, '健康知识知晓率', '%', 0.9, null],
      [6, '投放鼠药', '公斤', '0.25吨', '含毒饵'],
    ],
    { E9: { numberFormat: '0.0%' }, D9: { numberFormat: '0.0%' }, B1: { fill: '#FFFF00' } },
  );
}

export function workbook(sheets: FakeSheet[]): FakeWorkbookState {
  return { name: '2026年10月报表.xlsx', sheets, active: sheets[0]!.name, selection: null };
}

export function hostOf(fake: FakeExcel): ExcelHost {
  return { run: (cb: never) => fake.run(cb), isSetSupported: (n: string, v: string) => fake.isSetSupported(n, v) } as unknown as ExcelHost;
}

export function setup(sheets: FakeSheet[], excelApi = 1.18): { fake: FakeExcel; adapter: ReturnType<typeof createExcelAdapter> } {
  const fake = new FakeExcel(workbook(sheets));
  fake.supported = { ExcelApi: excelApi };
  return { fake, adapter: createExcelAdapter(hostOf(fake)) };
}
