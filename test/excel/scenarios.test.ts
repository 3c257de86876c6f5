/**
 * What a statistician's real workbook does to the add-in, played on the strict fake: protection, sheets
 * of her own named like the outputs, last month's 汇总 kept, thousands of marks, a host with comments
 * only, rows inserted between 校验 and 清除标记, a batch failing half-way.
 */
import { describe, expect, it } from 'vitest';
import type { OutputTable } from '../../src/core/output/tables.js';
import { createExcelAdapter, ExcelRefusal, MARK_COLORS, MARKS_SHEET, NOTE_PREFIX, type CellMark } from '../../src/excel/excelAdapter.js';
import { MAX_REQUEST_BYTES, MAX_RESPONSE_BYTES, sheetFrom } from './fakeExcel.js';
import { hostOf, returnSheet, setup } from './helpers.js';

const marksOn = (sheet: string): CellMark[] => [
  { sheet, cell: 'D9', severity: 'warning', message: '知晓率填写为 0.9' },
  { sheet, cell: 'B1', severity: 'error', message: '错误一' },
];

function tables(months = false): OutputTable[] {
  const t: OutputTable[] = [
    {
      sheet: '汇总',
      tableName: 'CR_Summary',
      columns: [{ header: '报告期' }, { header: '社区' }, { header: '备注' }, { header: '发放宣传资料(份)', numFmt: '#,##0' }],
      rows: [['2026-10', '东关', '3-4', 4950], ['2026-10', '西关', '=不是公式', 12], ['2026-10', '合计', '4,950', 4962]],
      kinds: ['return', 'return', 'total'],
    },
    { sheet: '校验结果', tableName: 'CR_Findings', columns: [{ header: '说明' }], rows: [['+3%']], kinds: ['return'] },
  ];
  if (months) t.push({ sheet: '累计', tableName: 'CR_YTD', columns: [{ header: '月份' }], rows: [['2026-09']], kinds: ['return'] });
  return t;
}

describe('protection', () => {
  it('a protected return sheet: nothing is marked, the refusal names the sheet', async () => {
    const locked = returnSheet('西关', 2);
    locked.protected = true;
    const { fake, adapter } = setup([returnSheet('东关', 1), locked]);
    const before = structuredClone(fake.state);
    const err = await adapter.markFindings([...marksOn('东关'), ...marksOn('西关')]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExcelRefusal);
    expect(err).toMatchObject({ reason: 'sheet_protected', sheets: ['西关'] });
    expect(fake.state).toEqual(before);
    // Marks on the other sheets alone go through.
    expect((await adapter.markFindings(marksOn('东关'))).marked).toBe(2);
  });

  it('a protected workbook structure: marking (which adds CR_Marks) and 汇总 refuse before writing anything', async () => {
    const { fake, adapter } = setup([returnSheet('东关', 1)]);
    fake.state.structureProtected = true;
    const before = structuredClone(fake.state);
    await expect(adapter.markFindings(marksOn('东关'))).rejects.toMatchObject({ reason: 'workbook_protected' });
    await expect(adapter.writeOutputSheets(tables())).rejects.toMatchObject({ reason: 'workbook_protected' });
    expect(fake.state).toEqual(before);
  });

  it('marked before the structure was protected: re-marking and clearing still work (the record is rewritten in place)', async () => {
    const { fake, adapter } = setup([returnSheet('东关', 1)]);
    const before = structuredClone(fake.state);
    await adapter.markFindings(marksOn('东关'));
    fake.state.structureProtected = true;
    await adapter.markFindings([marksOn('东关')[0]!]);
    expect(await adapter.clearMarks()).toEqual({ restored: 1, lost: [] });
    const { sheets } = fake.state;
    expect(sheets[0]).toEqual(before.sheets[0]);
    expect(sheets.map((s) => s.name)).toEqual(['东关', MARKS_SHEET]);
  });
});

describe("the user's own sheets are never touched", () => {
  it('sheets of hers named 汇总 and 累计: written beside (汇总(2)), said so, and hers stay as they were', async () => {
    const mine = sheetFrom('汇总', [['我自己的汇总表'], [1, 2, 3]]);
    const ytd = sheetFrom('累计', [['我自己的累计']]);
    const { fake, adapter } = setup([returnSheet('东关', 1), mine, ytd]);
    const before = structuredClone(fake.state.sheets);
    const written = await adapter.writeOutputSheets(tables());
    expect(written).toEqual([{ wanted: '汇总', sheet: '汇总(2)' }, { wanted: '校验结果', sheet: '校验结果' }]);
    expect(fake.state.sheets.slice(0, 3)).toEqual(before);
    // Again, with the month sheets this time and then without: hers stay; the add-in's are replaced.
    expect(await adapter.writeOutputSheets(tables(true))).toContainEqual({ wanted: '累计', sheet: '累计(2)' });
    await adapter.writeOutputSheets(tables());
    expect(fake.state.sheets.slice(0, 3)).toEqual(before);
    expect(fake.state.sheets.map((s) => s.name)).toEqual(['东关', '汇总', '累计', '汇总(2)', '校验结果']);
    // A fresh pane reads hers as sheets of the workbook, and not the add-in's.
    const book = await createExcelAdapter(hostOf(fake)).readAllSheets();
    expect(book.sheets.map((s) => s.name)).toEqual(['东关', '汇总', '累计']);
  });

  it("last month's 汇总 renamed and kept: never touched again, its table keeps CR_Summary, the next 汇总 works", async () => {
    const { fake, adapter } = setup([returnSheet('东关', 1)]);
    await adapter.writeOutputSheets(tables());
    fake.renameSheet('汇总', '汇总9月');
    const kept = structuredClone(fake.state.sheets.find((s) => s.name === '汇总9月')!);
    expect(kept.tables[0]!.name).toBe('CR_Summary');
    for (let i = 0; i < 2; i++) {
      expect(await adapter.writeOutputSheets(tables())).toEqual([{ wanted: '汇总', sheet: '汇总' }, { wanted: '校验结果', sheet: '校验结果' }]);
      expect(fake.state.sheets.find((s) => s.name === '汇总9月')).toEqual(kept);
      expect(fake.state.sheets.find((s) => s.name === '汇总')!.tables[0]!.name).toBe('CR_Summary_2');
    }
    expect(fake.state.sheets.map((s) => s.name)).toEqual(['东关', '汇总9月', '汇总', '校验结果']);
  });

  it('text is written as text: 2026-10, 3-4, 4,950, =… and +3% come back exactly as written', async () => {
    const { fake, adapter } = setup([returnSheet('东关', 1)]);
    await adapter.writeOutputSheets(tables());
    const cells = fake.state.sheets.find((s) => s.name === '汇总')!.cells;
    expect([cells['1,0'], cells['1,2'], cells['2,2'], cells['3,2']]).toEqual([
      { value: '2026-10', numberFormat: '@' },
      { value: '3-4', numberFormat: '@' },
      { value: '=不是公式', numberFormat: '@' },
      { value: '4,950', numberFormat: '@', bold: true },
    ]);
    expect(cells['1,3']).toEqual({ value: 4950, numberFormat: '#,##0' });
    expect(fake.state.sheets.find((s) => s.name === '校验结果')!.cells['1,0']).toEqual({ value: '+3%', numberFormat: '@' });
  });
});

describe('charts', () => {
  it("a user's own 图表 sheet is left alone: charts go to 图表(2), its data cells text as text", async () => {
    const mine = sheetFrom('图表', [['我自己的图表页']]);
    const { fake, adapter } = setup([returnSheet('东关', 1), mine]);
    const before = structuredClone(mine);
    const chart = { title: '2026-10 发放宣传资料', categoryTitle: '社区', valueTitle: '份', type: 'column' as const, categories: ['3-4', '2026-10'], series: [{ name: '本月', values: [1, null] }] };
    expect(await adapter.insertChart(chart)).toBe('图表(2)');
    expect(await createExcelAdapter(hostOf(fake)).insertChart(chart)).toBe('图表(2)');
    expect(fake.state.sheets.find((s) => s.name === '图表')).toEqual(before);
    const ours = fake.state.sheets.find((s) => s.name === '图表(2)')!;
    expect(ours.charts!.length).toBe(2);
    expect([ours.cells['0,0'], ours.cells['2,0'], ours.cells['3,0']]).toEqual([
      { value: '2026-10 发放宣传资料', numberFormat: '@', bold: true },
      { value: '3-4', numberFormat: '@' },
      { value: '2026-10', numberFormat: '@' },
    ]);
  });
});

describe('marks', () => {
  it('4,000 marked cells: every request and response under 5 MB, and 清除标记 restores the workbook exactly', async () => {
    const sheets = Array.from({ length: 40 }, (_, i) => sheetFrom(`社区${i + 1}`, Array.from({ length: 100 }, (_, r) => [`指标${r}`, r])));
    const { fake, adapter } = setup(sheets);
    const before = structuredClone(fake.state);
    const marks = sheets.flatMap((s) => Array.from({ length: 100 }, (_, r) => ({ sheet: s.name, cell: `B${r + 1}`, severity: 'error' as const, message: `第${r + 1}行的数值超出范围，请核对` })));
    expect((await adapter.markFindings(marks)).marked).toBe(4000);
    for (const s of fake.syncs) {
      expect(s.bytes).toBeLessThan(MAX_REQUEST_BYTES);
      expect(s.responseBytes).toBeLessThan(MAX_RESPONSE_BYTES);
    }
    expect(fake.state.sheets[39]!.notes.length).toBe(100);
    fake.resetCounters();
    expect((await adapter.clearMarks()).restored).toBe(4000);
    for (const s of fake.syncs) expect(s.bytes).toBeLessThan(MAX_REQUEST_BYTES);
    expect(fake.state).toEqual(before);
  });

  it('a comments-only host (ExcelApi 1.10–1.17): comments added with sheet-qualified addresses, cleared exactly', async () => {
    const { fake, adapter } = setup([returnSheet('东 关', 1)], 1.12);
    const before = structuredClone(fake.state);
    expect(await adapter.markFindings(marksOn('东 关'))).toEqual({ marked: 2, noteSkipped: 0, notes: 'comment' });
    expect(fake.state.sheets[0]!.comments.map((c) => [c.cell, c.content.startsWith(NOTE_PREFIX)])).toEqual([['D9', true], ['B1', true]]);
    await adapter.clearMarks();
    expect(fake.state).toEqual(before);
  });

  it('rows inserted between 校验 and 清除标记: the marks are found where they are now; a deleted cell is reported', async () => {
    const { fake, adapter } = setup([returnSheet('东关', 1), returnSheet('西关', 2)]);
    const before = structuredClone(fake.state);
    await adapter.markFindings([...marksOn('东关'), { sheet: '西关', cell: 'D10', severity: 'error', message: '单位不符' }]);
    // The user inserts two rows above row 5 of 东关: D9 is D11 now, B1 stays.
    fake.insertRows('东关', 4, 2);
    const moved = structuredClone(fake.state.sheets[0]!);
    expect(moved.cells['10,3']!.fill).toBe(MARK_COLORS.warning);
    expect(await adapter.clearMarks()).toEqual({ restored: 3, lost: [] });
    // Exactly the workbook before, with the two rows inserted.
    const shifted = structuredClone(fake.state);
    fake.state = structuredClone(before);
    fake.insertRows('东关', 4, 2);
    expect(shifted).toEqual(fake.state);

    // A marked cell deleted (its sheet gone): the rest is restored, the lost one named.
    const again = setup([returnSheet('东关', 1), returnSheet('西关', 2)]);
    await again.adapter.markFindings([...marksOn('东关'), { sheet: '西关', cell: 'D10', severity: 'error', message: '单位不符' }]);
    await again.fake.run(async (context) => {
      context.workbook.worksheets.getItem('西关').delete();
      await context.sync();
    });
    const fresh = createExcelAdapter(hostOf(again.fake));
    expect(await fresh.clearMarks()).toEqual({ restored: 2, lost: [{ sheet: '西关', cell: 'D10' }] });
  });

  it('a batch failing half-way (at any operation) leaves marking recoverable: the record was written first', async () => {
    const marks = [...marksOn('东关'), ...marksOn('西关'), { sheet: '西关', cell: 'D10', severity: 'error' as const, message: '单位不符' }];
    for (const op of [0, 1, 2, 5, 9, 13]) {
      const { fake, adapter } = setup([returnSheet('东关', 1), returnSheet('西关', 2)]);
      const before = structuredClone(fake.state);
      await adapter.markFindings([marksOn('东关')[1]!, { sheet: '西关', cell: 'A1', severity: 'info', message: '上次的标记' }]);
      await adapter.readAllSheets();
      fake.resetCounters();
      // After a read, marking takes two syncs: the cells, then the writes. The writes fail part-way.
      fake.failAt = { sync: 1, op };
      await expect(adapter.markFindings(marks)).rejects.toMatchObject({ code: 'GeneralException' });
      fake.failAt = null;
      expect(fake.state, `op ${op}`).not.toEqual(before);
      const fresh = createExcelAdapter(hostOf(fake));
      await fresh.clearMarks();
      expect(fake.state, `op ${op}`).toEqual(before);
    }
  });

  it('patterned and theme fills come back as they were', async () => {
    const s = returnSheet('东关', 1);
    s.cells['8,3'] = { ...s.cells['8,3']!, fill: '#FFFF00', fillPattern: 'Gray50', patternColor: '#0000FF', tintAndShade: 0.4 };
    const { fake, adapter } = setup([s]);
    const before = structuredClone(fake.state);
    await adapter.markFindings(marksOn('东关'));
    expect(fake.state.sheets[0]!.cells['8,3']!.fillPattern).toBeUndefined();
    await adapter.clearMarks();
    expect(fake.state).toEqual(before);
  });
});
