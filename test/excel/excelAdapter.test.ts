import { describe, expect, it } from 'vitest';
import type { OutputTable } from '../../src/core/output/tables.js';
import { createExcelAdapter, MARK_COLORS, MARKS_SHEET, NOTE_PREFIX, type ExcelHost } from '../../src/excel/excelAdapter.js';
import { FakeExcel, MAX_REQUEST_BYTES, emptySheet, sheetFrom, type FakeSheet, type FakeWorkbookState } from './fakeExcel.js';

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

function workbook(sheets: FakeSheet[]): FakeWorkbookState {
  return { name: '2026年10月报表.xlsx', sheets, active: sheets[0]!.name, selection: null };
}

function setup(sheets: FakeSheet[], excelApi = 1.18): { fake: FakeExcel; adapter: ReturnType<typeof createExcelAdapter> } {
  const fake = new FakeExcel(workbook(sheets));
  fake.supported = { ExcelApi: excelApi };
  const host = { run: (cb: never) => fake.run(cb), isSetSupported: (n: string, v: string) => fake.isSetSupported(n, v) } as unknown as ExcelHost;
  return { fake, adapter: createExcelAdapter(host) };
}

describe('the fake Excel can fail like Excel', () => {
  it('throws PropertyNotLoaded before load + sync, and after load without sync', async () => {
    const fake = new FakeExcel(workbook([returnSheet('东关社区', 1)]));
    await fake.run(async (context) => {
      const r = context.workbook.worksheets.getItem('东关社区').getRange('A1:B2');
      expect(() => r.values).toThrow(/PropertyNotLoaded/);
      r.load('values');
      expect(() => r.values).toThrow(/PropertyNotLoaded/);
      await context.sync();
      expect(r.values[1]).toEqual(['社区名称', '东关社区']);
      expect(() => r.numberFormat).toThrow(/PropertyNotLoaded/);
    });
  });

  it('applies writes only at sync and counts syncs', async () => {
    const fake = new FakeExcel(workbook([emptySheet('S')]));
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem('S').getRange('A1').values = [[42]];
      expect(fake.state.sheets[0]!.cells['0,0']).toBeUndefined();
      await context.sync();
      expect(fake.state.sheets[0]!.cells['0,0']).toEqual({ value: 42 });
    });
    expect(fake.syncs.length).toBe(1);
  });

  it('rejects a batch that names a missing sheet, a wrong-sized write, and a request over 5 MB', async () => {
    const fake = new FakeExcel(workbook([emptySheet('S')]));
    await expect(
      fake.run(async (context) => {
        context.workbook.worksheets.getItem('nope').getRange('A1').load('values');
        await context.sync();
      }),
    ).rejects.toThrow(/ItemNotFound/);
    await expect(
      fake.run(async (context) => {
        context.workbook.worksheets.getItem('S').getRange('A1:B1').values = [[1]];
        await context.sync();
      }),
    ).rejects.toThrow(/InvalidArgument/);
    await expect(
      fake.run(async (context) => {
        context.workbook.worksheets.getItem('S').getRange('A1').values = [['x'.repeat(MAX_REQUEST_BYTES)]];
        await context.sync();
      }),
    ).rejects.toThrow(/RequestPayloadSizeLimitExceeded/);
  });

  it('reports no fill as #FFFFFF with pattern None, and a mixed range as null', async () => {
    const fake = new FakeExcel(workbook([sheetFrom('S', [[1, 2]], { A1: { fill: '#FF0000' } })]));
    await fake.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('S');
      const a = ws.getRange('B1').format.fill.load('color,pattern');
      const mixed = ws.getRange('A1:B1').format.fill.load('color');
      await context.sync();
      expect([a.color, a.pattern, mixed.color]).toEqual(['#FFFFFF', 'None', null]);
    });
  });
});

describe('readAllSheets', () => {
  it('reads 300 sheets in at most 3 syncs', async () => {
    const { fake, adapter } = setup(Array.from({ length: 300 }, (_, i) => returnSheet(`社区${i + 1}`, i)));
    const book = await adapter.readAllSheets();
    expect(fake.syncs.length).toBeLessThanOrEqual(3);
    expect(fake.runs).toBe(1);
    expect(book.sheets.length).toBe(300);
    expect(book.file).toBe('2026年10月报表.xlsx');
    expect(book.activeSheet).toBe('社区1');
  });

  it('gives grids shaped like range.values: nulls for empty cells, origin, formulas, formats, merges', async () => {
    const s = sheetFrom('S', [[null, null, null], [null, '标题', null], [null, 1, null]], { C3: { value: 2, formula: '=B3*2', numberFormat: '0.0%' } });
    s.merges.push('B2:C2');
    const { adapter } = setup([s]);
    const [g] = (await adapter.readAllSheets()).sheets;
    expect(g!.origin).toEqual({ row: 1, col: 1 });
    expect(g!.values).toEqual([['标题', null], [1, 2]]);
    expect(g!.formulas).toEqual([[null, null], [null, '=B3*2']]);
    expect(g!.numberFormats).toEqual([[null, null], [null, '0.0%']]);
    expect(g!.merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 1 }]);
  });

  it('skips its own sheets, keeps empty sheets as empty grids, and splits huge workbooks under the response limit', async () => {
    const big = Array.from({ length: 20 }, (_, i) =>
      sheetFrom(`大表${i}`, Array.from({ length: 400 }, (_, r) => Array.from({ length: 20 }, (_, c) => `第${r}行第${c}列的文字`))),
    );
    const { fake, adapter } = setup([...big, emptySheet('空白'), emptySheet('汇总'), emptySheet(MARKS_SHEET)]);
    const book = await adapter.readAllSheets();
    expect(book.sheets.map((s) => s.name)).toEqual([...big.map((s) => s.name), '空白']);
    expect(book.sheets.at(-1)!.values).toEqual([]);
    for (const s of fake.syncs) expect(s.responseBytes).toBeLessThan(MAX_REQUEST_BYTES);
  });

  it('leaves the workbook exactly as it was', async () => {
    const { fake, adapter } = setup([returnSheet('A', 1), returnSheet('B', 2)]);
    const before = structuredClone(fake.state);
    await adapter.readAllSheets();
    expect(fake.state).toEqual(before);
  });
});

describe('markFindings and clearMarks', () => {
  const marks = [
    { sheet: '东关', cell: 'D9', severity: 'warning' as const, message: '知晓率填写为 0.9' },
    { sheet: '东关', cell: 'B1', severity: 'error' as const, message: '错误一' },
    { sheet: '东关', cell: 'B1', severity: 'warning' as const, message: '警告二' },
    { sheet: '东关', cell: 'D10', severity: 'error' as const, message: '单位不符' },
    { sheet: '不在本工作簿', cell: 'A1', severity: 'error' as const, message: 'x' },
  ];

  it('colours cells by severity, attaches notes, and records the original fill', async () => {
    const { fake, adapter } = setup([returnSheet('东关', 1)]);
    const res = await adapter.markFindings(marks);
    expect(res).toEqual({ marked: 3, noteSkipped: 0, notes: 'note' });
    const s = fake.state.sheets.find((x) => x.name === '东关')!;
    expect(s.cells['0,1']!.fill).toBe(MARK_COLORS.error);
    expect(s.cells['8,3']!.fill).toBe(MARK_COLORS.warning);
    expect(s.notes.find((n) => n.cell === 'B1')!.content).toBe(`${NOTE_PREFIX}错误一\n警告二`);
    const rec = fake.state.sheets.find((x) => x.name === MARKS_SHEET)!;
    expect(rec.visibility).toBe('VeryHidden');
    expect(fake.syncs.length).toBeLessThanOrEqual(3);
  });

  it('clear restores the original formatting exactly and keeps the user’s own notes', async () => {
    const sheet = returnSheet('东关', 1);
    sheet.notes.push({ cell: 'D10', content: '用户自己的批注' });
    const { fake, adapter } = setup([sheet, returnSheet('西关', 2)]);
    const before = structuredClone(fake.state);
    const res = await adapter.markFindings(marks);
    expect(res.noteSkipped).toBe(1);
    expect(fake.state).not.toEqual(before);
    fake.resetCounters();
    expect(await adapter.clearMarks()).toEqual({ restored: 3 });
    expect(fake.syncs.length).toBeLessThanOrEqual(4);
    expect(fake.state).toEqual(before);
  });

  it('re-marking replaces the previous marks (a fixed cell loses its mark)', async () => {
    const { fake, adapter } = setup([returnSheet('东关', 1)]);
    const before = structuredClone(fake.state);
    await adapter.markFindings(marks);
    await adapter.markFindings([marks[0]!]);
    const s = fake.state.sheets.find((x) => x.name === '东关')!;
    expect(s.cells['0,1']!.fill).toBe('#FFFF00');
    expect(s.notes.map((n) => n.cell)).toEqual(['D9']);
    await adapter.clearMarks();
    expect(fake.state).toEqual(before);
  });

  it('leaves a fill the user changed after marking', async () => {
    const { fake, adapter } = setup([returnSheet('东关', 1)]);
    await adapter.markFindings([marks[0]!]);
    fake.state.sheets[0]!.cells['8,3']!.fill = '#00FF00';
    await adapter.clearMarks();
    expect(fake.state.sheets[0]!.cells['8,3']!.fill).toBe('#00FF00');
  });

  it('falls back to comments on ExcelApi 1.10 and to colour only below', async () => {
    for (const [api, kind] of [[1.12, 'comment'], [1.8, 'none']] as const) {
      const { fake, adapter } = setup([returnSheet('东关', 1)], api);
      const before = structuredClone(fake.state);
      const res = await adapter.markFindings(marks);
      expect(res.notes).toBe(kind);
      const s = fake.state.sheets[0]!;
      expect(s.comments.length).toBe(kind === 'comment' ? 3 : 0);
      expect(s.notes.length).toBe(0);
      await adapter.clearMarks();
      expect(fake.state).toEqual(before);
    }
  });

  it('clearing with nothing marked changes nothing', async () => {
    const { fake, adapter } = setup([returnSheet('东关', 1)]);
    const before = structuredClone(fake.state);
    expect(await adapter.clearMarks()).toEqual({ restored: 0 });
    expect(fake.state).toEqual(before);
  });
});

function output(rows: number): OutputTable[] {
  return [
    {
      sheet: '汇总',
      tableName: 'CR_Summary',
      columns: [{ header: '社区' }, { header: '发放宣传资料(份)', numFmt: '#,##0', width: 12 }],
      rows: [...Array.from({ length: rows }, (_, i) => [`社区${i}`, i * 10]), ['合计', 45]],
      kinds: [...Array.from({ length: rows }, () => 'return' as const), 'total'],
    },
    {
      sheet: '校验结果',
      tableName: 'CR_Findings',
      columns: [{ header: '严重程度' }, { header: '单元格' }, { header: '说明', width: 60 }],
      rows: [['错误', 'D10', '单位不符']],
      kinds: ['return'],
      links: [{ sheet: '东 关', cell: 'D10' }],
      linkColumn: 1,
    },
  ];
}

describe('writeOutputSheets', () => {
  it('writes tables with formats, bold totals and hyperlinks, and leaves the sources untouched', async () => {
    const { fake, adapter } = setup([returnSheet('东 关', 1), returnSheet('西关', 2)]);
    const sources = structuredClone(fake.state.sheets);
    await adapter.writeOutputSheets(output(3));
    const names = fake.state.sheets.map((s) => s.name);
    expect(names).toEqual(['东 关', '西关', '汇总', '校验结果']);
    expect(fake.state.sheets.slice(0, 2)).toEqual(sources);
    const sum = fake.state.sheets[2]!;
    expect(sum.tables).toEqual([{ name: 'CR_Summary', address: 'A1:B5', hasHeaders: true, style: 'TableStyleLight9' }]);
    expect(sum.cells['2,1']).toEqual({ value: 10, numberFormat: '#,##0' });
    expect(sum.cells['4,0']!.bold).toBe(true);
    expect(sum.frozenRows).toBe(1);
    expect(fake.state.sheets[3]!.cells['1,1']!.hyperlink).toEqual({ documentReference: "'东 关'!D10", textToDisplay: 'D10' });
    expect(fake.state.active).toBe('汇总');
  });

  it('re-running replaces its own sheets and nothing else', async () => {
    const { fake, adapter } = setup([returnSheet('东关', 1)]);
    await adapter.writeOutputSheets(output(3));
    const sources = structuredClone(fake.state.sheets[0]);
    await adapter.writeOutputSheets(output(1));
    expect(fake.state.sheets.map((s) => s.name)).toEqual(['东关', '汇总', '校验结果']);
    expect(fake.state.sheets[0]).toEqual(sources);
    expect(fake.state.sheets[1]!.tables[0]!.address).toBe('A1:B3');
    expect(Object.keys(fake.state.sheets[1]!.cells).some((k) => k.startsWith('3,'))).toBe(false);
  });

  it('splits a large output so that no request exceeds 5 MB', async () => {
    const { fake, adapter } = setup([returnSheet('东关', 1)]);
    const big = output(0);
    big[0]!.rows = Array.from({ length: 60_000 }, (_, i) => [`某某街道某某社区居民委员会第${i}号`, i]);
    big[0]!.kinds = big[0]!.rows.map(() => 'return');
    await adapter.writeOutputSheets(big);
    expect(fake.syncs.length).toBeGreaterThan(2);
    for (const s of fake.syncs) expect(s.bytes).toBeLessThan(MAX_REQUEST_BYTES);
    expect(fake.state.sheets[1]!.cells['60000,1']!.value).toBe(59_999);
  });

  it('refuses to write a sheet that is not one of its outputs', async () => {
    const { adapter } = setup([returnSheet('东关', 1)]);
    const bad = output(1);
    bad[0]!.sheet = '东关';
    await expect(adapter.writeOutputSheets(bad)).rejects.toThrow(/not an output sheet/);
  });
});

describe('selectCell and insertReturnSheet', () => {
  it('selects a cell on its sheet in one sync', async () => {
    const { fake, adapter } = setup([returnSheet('东关', 1), returnSheet('西关', 2)]);
    await adapter.selectCell('西关', 'D7');
    expect(fake.state.selection).toEqual({ sheet: '西关', address: 'D7' });
    expect(fake.state.active).toBe('西关');
    expect(fake.syncs.length).toBe(1);
  });

  it('inserts a grid as a new sheet with a unique name, or copies a template sheet', async () => {
    const { fake, adapter } = setup([returnSheet('填报表', 1), returnSheet('模板', 0)]);
    const name = await adapter.insertReturnSheet({ grid: { name: '填报表', values: [['社区创卫工作月报表', null], ['社区名称', null]], merges: [{ top: 0, left: 0, bottom: 0, right: 1 }] } });
    expect(name).toBe('填报表2');
    const s = fake.state.sheets.find((x) => x.name === name)!;
    expect(s.cells['1,0']!.value).toBe('社区名称');
    expect(s.merges).toEqual(['A1:B1']);
    expect(fake.state.active).toBe(name);
    const copy = await adapter.insertReturnSheet({ copyOf: '模板' }, '新社区');
    expect(copy).toBe('新社区');
    expect(fake.state.sheets.find((x) => x.name === '新社区')!.cells).toEqual(fake.state.sheets[1]!.cells);
  });
});
