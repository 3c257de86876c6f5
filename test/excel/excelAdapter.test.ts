import { describe, expect, it } from 'vitest';
import type { OutputTable } from '../../src/core/output/tables.js';
import { createExcelAdapter, MARK_COLORS, MARKS_SHEET, NOTE_PREFIX } from '../../src/excel/excelAdapter.js';
import { MAX_REQUEST_BYTES, MAX_RESPONSE_BYTES, emptySheet, sheetFrom } from './fakeExcel.js';
import { hostOf, returnSheet, setup } from './helpers.js';

describe('readAllSheets', () => {
  it('reads 300 sheets: a fresh pane takes the names then every sheet by name (2 syncs), later reads 1', async () => {
    const { fake, adapter } = setup(Array.from({ length: 300 }, (_, i) => returnSheet(`社区${i + 1}`, i)));
    const book = await adapter.readAllSheets();
    expect(fake.syncs.length).toBe(2);
    expect(fake.runs).toBe(1);
    for (const s of fake.syncs) {
      expect(s.bytes).toBeLessThan(MAX_REQUEST_BYTES);
      expect(s.responseBytes).toBeLessThan(MAX_RESPONSE_BYTES);
    }
    expect(book.sheets.length).toBe(300);
    expect(book.file).toBe('2026年10月报表.xlsx');
    expect(book.activeSheet).toBe('社区1');
    fake.resetCounters();
    expect(await adapter.readAllSheets()).toEqual(book);
    expect(fake.syncs.length).toBe(1);
  });

  it('reads exactly what the split read reads; a user sheet named 汇总 is read like any other', async () => {
    const sheets = () => {
      const s = sheetFrom('S', [[null, '标题'], [1, 2]], { B2: { value: 2, formula: '=A2*2', numberFormat: '0.0%' } });
      s.merges.push('A1:B1');
      const hidden = returnSheet('隐藏表', 3);
      hidden.visibility = 'Hidden';
      return [returnSheet('A', 1), s, emptySheet('空'), hidden, emptySheet(MARKS_SHEET), sheetFrom('汇总', [['用户自己的汇总']]), returnSheet('B', 2)];
    };
    const byName = setup(sheets());
    const a = await byName.adapter.readAllSheets();
    const again = await byName.adapter.readAllSheets();
    const split = setup(sheets());
    split.fake.limits.response = 3_000;
    const c = await split.adapter.readAllSheets({ cellsPerSync: 10 });
    expect(split.fake.syncs[1]!.failed).toBe('ResponsePayloadSizeLimitExceeded');
    expect(split.fake.syncs.length).toBeGreaterThan(4);
    expect(a.sheets.map((s) => s.name)).toEqual(['A', 'S', '空', '隐藏表', '汇总', 'B']);
    expect(again).toEqual(a);
    expect(c).toEqual(a);
  });

  it('falls back to the split read when the response would pass the limit, and never chains past the last sheet', async () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => returnSheet(`社区${i + 1}`, i));
    const reference = (await setup(many(40)).adapter.readAllSheets()).sheets;
    const small = setup(many(40));
    small.fake.limits.response = 16 * 1024;
    const book = await small.adapter.readAllSheets({ cellsPerSync: 200 });
    expect(book.sheets).toEqual(reference);
    // Names, the refused read by name; then names, sizes and blocks under the limit.
    expect(small.fake.syncs.map((s) => s.failed ?? 'ok').slice(0, 2)).toEqual(['ok', 'ResponsePayloadSizeLimitExceeded']);
    for (const s of small.fake.syncs.filter((x) => !x.failed)) expect(s.responseBytes).toBeLessThan(16 * 1024);
    // The fake refuses objects derived from null objects: the adapter never makes one.
    expect(small.fake.nullChaining).toBe('throw');

    const tiny = (n: number) => Array.from({ length: n }, (_, i) => sheetFrom(`S${i}`, [[i]]));
    const lots = setup(tiny(1200));
    expect((await lots.adapter.readAllSheets()).sheets.map((s) => s.values[0]![0])).toEqual(Array.from({ length: 1200 }, (_, i) => i));
    for (const s of lots.fake.syncs) expect(s.bytes).toBeLessThan(MAX_REQUEST_BYTES);
  });

  it('a fresh pane on a workbook with big output sheets of the add-in: they are never read', async () => {
    const returns = Array.from({ length: 10 }, (_, i) => returnSheet(`社区${i + 1}`, i));
    const reference = (await setup(structuredClone(returns)).adapter.readAllSheets()).sheets;
    const { fake, adapter } = setup(returns);
    const big = output(0);
    big[0]!.rows = Array.from({ length: 3000 }, (_, i) => [`某某街道某某社区居民委员会第${i}号`, i]);
    big[0]!.kinds = big[0]!.rows.map(() => 'return');
    await adapter.writeOutputSheets(big);
    const fresh = createExcelAdapter(hostOf(fake));
    fake.limits.response = 64 * 1024;
    fake.resetCounters();
    expect((await fresh.readAllSheets()).sheets).toEqual(reference);
    expect(fake.syncs.map((s) => s.failed ?? 'ok')).toEqual(['ok', 'ok']);
  });

  it('reads one big sheet in row blocks under the response limit (3,000 × 20 text cells)', async () => {
    const text = Array.from({ length: 3000 }, (_, r) => Array.from({ length: 20 }, (_, c) => `第${r}行第${c}列：某某街道某某社区居民委员会填报说明`));
    const { fake, adapter } = setup([returnSheet('东关', 1), sheetFrom('大表', text)]);
    const book = await adapter.readAllSheets();
    const g = book.sheets.find((s) => s.name === '大表')!;
    expect(g.values.length).toBe(3000);
    expect(g.values[2999]![19]).toBe(text[2999]![19]);
    expect(fake.syncs.some((s) => s.failed === 'ResponsePayloadSizeLimitExceeded')).toBe(true);
    for (const s of fake.syncs.filter((x) => !x.failed)) expect(s.responseBytes).toBeLessThan(MAX_RESPONSE_BYTES);
    // Known to be huge now: straight to the split read, nothing refused.
    fake.resetCounters();
    expect((await adapter.readAllSheets()).sheets).toEqual(book.sheets);
    expect(fake.syncs.every((x) => !x.failed)).toBe(true);
  });

  it('a used range past 5 million cells (values null) is read in blocks, not crashed on', async () => {
    // The fake's 5-million-cell threshold lowered to 10,000 so that the test stays small.
    const s = sheetFrom('东关', [['社区名称', '东关']], { CV501: { value: '尾' } });
    const { fake, adapter } = setup([s]);
    fake.limits.cellsWithValues = 10_000;
    const [g] = (await adapter.readAllSheets({ cellsPerSync: 5_000 })).sheets;
    expect(g!.values.length).toBe(501);
    expect(g!.values[0]![1]).toBe('东关');
    expect(g!.values[500]![99]).toBe('尾');
  });

  it('by name: does not read its own output sheets, picks up sheets added since, survives sheets renamed or deleted since', async () => {
    const { fake, adapter } = setup([returnSheet('A', 1), returnSheet('B', 2)]);
    await adapter.readAllSheets();
    const big = output(0);
    big[0]!.rows = Array.from({ length: 20_000 }, (_, i) => [`某某街道某某社区居民委员会第${i}号`, i]);
    big[0]!.kinds = big[0]!.rows.map(() => 'return');
    await adapter.writeOutputSheets(big);
    fake.resetCounters();
    const again = await adapter.readAllSheets();
    expect(again.sheets.map((s) => s.name)).toEqual(['A', 'B']);
    expect(fake.syncs.length).toBe(1);
    expect(fake.syncs[0]!.responseBytes).toBeLessThan(20_000);

    fake.state.sheets.push(returnSheet('C', 3));
    fake.resetCounters();
    expect((await adapter.readAllSheets()).sheets.map((s) => s.name)).toEqual(['A', 'B', 'C']);
    expect(fake.syncs.length).toBe(3);

    fake.state.sheets.find((s) => s.name === 'B')!.name = 'B2';
    fake.state.sheets.splice(fake.state.sheets.findIndex((s) => s.name === 'A'), 1);
    fake.state.active = 'C';
    fake.resetCounters();
    const after = await adapter.readAllSheets();
    expect(after.sheets.map((s) => s.name)).toEqual(['B2', 'C']);
    expect(after.activeSheet).toBe('C');
    // The by-name read fails (ItemNotFound), then the names and the sheets by name.
    expect(fake.syncs[0]!.failed).toBeUndefined();
    expect(fake.syncs.length).toBe(3);
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

  it('skips its record sheet, keeps empty sheets as empty grids, and splits huge workbooks under the response limit', async () => {
    const big = Array.from({ length: 20 }, (_, i) =>
      sheetFrom(`大表${i}`, Array.from({ length: 400 }, (_, r) => Array.from({ length: 20 }, (_, c) => `第${r}行第${c}列的文字`))),
    );
    const { fake, adapter } = setup([...big, emptySheet('空白'), emptySheet('汇总'), emptySheet(MARKS_SHEET)]);
    const book = await adapter.readAllSheets();
    expect(book.sheets.map((s) => s.name)).toEqual([...big.map((s) => s.name), '空白', '汇总']);
    expect(book.sheets.at(-1)!.values).toEqual([]);
    expect(book.sheets[3]!.values[399]![19]).toBe('第399行第19列的文字');
    // The names, then the read by name is refused (as Excel on the web refuses it); the split read stays under the limit.
    expect(fake.syncs.map((s) => s.failed ?? 'ok').slice(0, 2)).toEqual(['ok', 'ResponsePayloadSizeLimitExceeded']);
    for (const s of fake.syncs.filter((x) => !x.failed)) expect(s.responseBytes).toBeLessThan(MAX_RESPONSE_BYTES);
    expect(fake.syncs.length).toBeGreaterThan(5);
    // Known to be huge now: the next read goes straight to the split read, nothing refused.
    fake.resetCounters();
    expect((await adapter.readAllSheets()).sheets).toEqual(book.sheets);
    expect(fake.syncs.every((x) => !x.failed)).toBe(true);
    // Sizes, then blocks of at most 20,000 cells (two 400 × 20 sheets a sync).
    expect(fake.syncs.length).toBe(1 + 10);
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
    // Nothing known of the workbook yet: the names, then the cells, then the writes.
    expect(fake.syncs.length).toBe(3);
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
    expect(await adapter.clearMarks()).toEqual({ restored: 3, lost: [] });
    expect(fake.syncs.length).toBe(2);
    expect(fake.state).toEqual(before);
  });

  it('clears in at most 3 syncs with nothing known (a fresh task pane), 2 after a read', async () => {
    const sheet = returnSheet('东关', 1);
    sheet.notes.push({ cell: 'D10', content: '用户自己的批注' });
    const { fake, adapter } = setup([sheet, returnSheet('西关', 2)]);
    const before = structuredClone(fake.state);
    await adapter.markFindings(marks);
    const fresh = createExcelAdapter({ run: (cb) => fake.run(cb as never), isSetSupported: (n, v) => fake.isSetSupported(n, v) });
    fake.resetCounters();
    expect(await fresh.clearMarks()).toEqual({ restored: 3, lost: [] });
    expect(fake.syncs.length).toBe(3);
    expect(fake.state).toEqual(before);
    fake.resetCounters();
    expect(await fresh.clearMarks()).toEqual({ restored: 0, lost: [] });
    expect(fake.syncs.length).toBe(1);

    await adapter.markFindings(marks);
    const other = createExcelAdapter({ run: (cb) => fake.run(cb as never), isSetSupported: (n, v) => fake.isSetSupported(n, v) });
    await other.readAllSheets();
    fake.resetCounters();
    expect(await other.clearMarks()).toEqual({ restored: 3, lost: [] });
    expect(fake.syncs.length).toBe(2);
    expect(fake.state).toEqual(before);
    fake.resetCounters();
    expect(await fresh.clearMarks()).toEqual({ restored: 0, lost: [] });
    expect(fake.syncs.length).toBeLessThanOrEqual(3);
  });

  it('marks in 2 syncs after a read, re-marking included, and notices marks made meanwhile by another pane', async () => {
    const { fake, adapter } = setup([returnSheet('东关', 1), returnSheet('西关', 2)]);
    const before = structuredClone(fake.state);
    await adapter.readAllSheets();
    fake.resetCounters();
    await adapter.markFindings(marks);
    expect(fake.syncs.length).toBe(2);
    await adapter.readAllSheets();
    fake.resetCounters();
    await adapter.markFindings([marks[0]!, { sheet: '西关', cell: 'B2', severity: 'info', message: '提示' }]);
    expect(fake.syncs.length).toBe(2);
    expect(fake.state.sheets[0]!.cells['0,1']!.fill).toBe('#FFFF00');
    expect(fake.state.sheets[1]!.cells['1,1']!.fill).toBe(MARK_COLORS.info);

    // Another pane marks (its own record replaces ours); ours is now stale, and must not undo it wrongly.
    const other = createExcelAdapter({ run: (cb) => fake.run(cb as never), isSetSupported: (n, v) => fake.isSetSupported(n, v) });
    await other.markFindings([{ sheet: '东关', cell: 'A1', severity: 'error', message: '另一个窗格' }]);
    fake.resetCounters();
    await adapter.markFindings([marks[3]!]);
    // The first read of the cells sees the other record, and is done again for its cells.
    expect(fake.syncs.length).toBe(3);
    expect(fake.state.sheets[0]!.cells['0,0']!.fill).toBeUndefined();
    expect(fake.state.sheets[0]!.cells['9,3']!.fill).toBe(MARK_COLORS.error);
    await adapter.clearMarks();
    expect(fake.state).toEqual(before);

    // A sheet deleted since the read: the marks for it are dropped, the rest is marked.
    await adapter.readAllSheets();
    fake.state.sheets.splice(1, 1);
    fake.state.active = '东关';
    const res = await adapter.markFindings([marks[0]!, { sheet: '西关', cell: 'B2', severity: 'info', message: '提示' }]);
    expect(res.marked).toBe(1);
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
    expect(await adapter.clearMarks()).toEqual({ restored: 0, lost: [] });
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

describe('round trips of 校验 (read + mark) and 汇总 (read + write)', () => {
  for (const n of [10, 100, 300]) {
    it(`${n} sheets: 校验 and 汇总 in at most 3 syncs each (4 for the first click of a fresh pane), every request and response under 5 MB`, async () => {
      const { fake, adapter } = setup(Array.from({ length: n }, (_, i) => returnSheet(`社区${i + 1}`, i)));
      const validate = async () => {
        const book = await adapter.readAllSheets();
        await adapter.markFindings(book.sheets.flatMap((s) => [
          { sheet: s.name, cell: 'D5', severity: 'error' as const, message: '示例错误' },
          { sheet: s.name, cell: 'D9', severity: 'warning' as const, message: '示例警告' },
        ]));
      };
      const combine = async () => {
        const book = await adapter.readAllSheets();
        const t = output(book.sheets.length);
        await adapter.writeOutputSheets(t);
      };
      for (const [i, step] of [validate, validate, combine, combine, validate].entries()) {
        fake.resetCounters();
        await step();
        expect(fake.syncs.length).toBeLessThanOrEqual(i === 0 ? 4 : 3);
        for (const s of fake.syncs) {
          expect(s.bytes).toBeLessThan(MAX_REQUEST_BYTES);
          expect(s.responseBytes).toBeLessThan(MAX_RESPONSE_BYTES);
        }
      }
      expect(fake.state.sheets.filter((s) => s.name.startsWith('社区')).length).toBe(n);
    });
  }
});

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
    expect(fake.state.sheets[3]!.cells['1,1']).toEqual({ value: 'D10', formula: '=HYPERLINK("#\'东 关\'!D10","D10")' });
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

  it('a table whose sheet name is a user sheet goes beside it, and says so', async () => {
    const { fake, adapter } = setup([returnSheet('东关', 1)]);
    const before = structuredClone(fake.state.sheets[0]);
    const odd = output(1);
    odd[0]!.sheet = '东关';
    expect(await adapter.writeOutputSheets(odd)).toEqual([{ wanted: '东关', sheet: '东关(2)' }, { wanted: '校验结果', sheet: '校验结果' }]);
    expect(fake.state.sheets[0]).toEqual(before);
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
