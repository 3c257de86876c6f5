/**
 * The fake Excel is as strict as Excel where the adapter depends on it: each behaviour here is shown
 * failing on the wrong use, so the adapter's green tests cannot come from a kinder host.
 */
import { describe, expect, it } from 'vitest';
import { FakeExcel, FakeExcelError, insertRows, MAX_CELLS_WITH_VALUES, MAX_REQUEST_BYTES, emptySheet, parseTyped, sheetFrom, type FakeContext } from './fakeExcel.js';
import { returnSheet, workbook } from './helpers.js';

const run = <T>(fake: FakeExcel, cb: (context: FakeContext) => Promise<T>) => fake.run(cb);

describe('the fake Excel fails like Excel', () => {
  it('throws PropertyNotLoaded before load + sync, and after load without sync', async () => {
    const fake = new FakeExcel(workbook([returnSheet('东关社区', 1)]));
    await run(fake, async (context) => {
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
    await run(fake, async (context) => {
      context.workbook.worksheets.getItem('S').getRange('A1').values = [[42]];
      expect(fake.state.sheets[0]!.cells['0,0']).toBeUndefined();
      await context.sync();
      expect(fake.state.sheets[0]!.cells['0,0']).toEqual({ value: 42 });
    });
    expect(fake.syncs.length).toBe(1);
  });

  it('rejects a batch that names a missing sheet, a wrong-sized write, and a request over 5 MB', async () => {
    const fake = new FakeExcel(workbook([emptySheet('S')]));
    const attempt = (cb: (context: FakeContext) => void) =>
      run(fake, async (context) => {
        cb(context);
        await context.sync();
      });
    await expect(attempt((c) => void c.workbook.worksheets.getItem('nope').getRange('A1').load('values'))).rejects.toThrow(/ItemNotFound/);
    await expect(attempt((c) => void (c.workbook.worksheets.getItem('S').getRange('A1:B1').values = [[1]]))).rejects.toThrow(/InvalidArgument/);
    await expect(attempt((c) => void (c.workbook.worksheets.getItem('S').getRange('A1').values = [['x'.repeat(MAX_REQUEST_BYTES)]]))).rejects.toThrow(/RequestPayloadSizeLimitExceeded/);
  });

  it('sizes requests as Office.js sends them: 10,000 single-cell writes exceed 5 MB, 3,000 do not', async () => {
    const writes = (n: number) =>
      run(new FakeExcel(workbook([emptySheet('S')])), async (context) => {
        const ws = context.workbook.worksheets.getItem('S');
        for (let i = 0; i < n; i++) ws.getRange(`A${i + 1}`).values = [[i]];
        await context.sync();
      });
    await expect(writes(10_000)).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
    await expect(writes(3_000)).resolves.toBeUndefined();
  });

  it('refuses a response over its limit with ResponsePayloadSizeLimitExceeded', async () => {
    const fake = new FakeExcel(workbook([returnSheet('A', 1)]));
    fake.limits.response = 300;
    await expect(
      run(fake, async (context) => {
        context.workbook.worksheets.getItem('A').getRange('A1:E10').load('values');
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
    expect(fake.syncs[0]!.failed).toBe('ResponsePayloadSizeLimitExceeded');
  });

  it('stops a batch at its first failing operation, keeping what the earlier ones did', async () => {
    const fake = new FakeExcel(workbook([emptySheet('S')]));
    await expect(
      run(fake, async (context) => {
        const ws = context.workbook.worksheets.getItem('S');
        ws.getRange('A1').values = [[1]];
        ws.getRange('A2:B2').values = [[2]];
        ws.getRange('A3').values = [[3]];
        await context.sync();
      }),
    ).rejects.toThrow(/InvalidArgument/);
    expect(Object.keys(fake.state.sheets[0]!.cells)).toEqual(['0,0']);
  });

  it.each([
    ['2026-10', 46296, undefined],
    ['3-4', 'date', undefined],
    ['2026/10/1', 46296, undefined],
    ['2026年10月', 46296, undefined],
    ['4,950', 4950, undefined],
    ['50%', 0.5, undefined],
    ['-5', -5, undefined],
    ['TRUE', true, undefined],
    ['=1+1', '', '=1+1'],
    ['+区', '', '=+区'],
    ['-区', '', '=-区'],
    ['3—4次', '3—4次', undefined],
    ['东关社区', '东关社区', undefined],
  ])('parses %s written into a General cell as Excel parses typed input', async (text, value, formula) => {
    const fake = new FakeExcel(workbook([emptySheet('S')]));
    await run(fake, async (context) => {
      const ws = context.workbook.worksheets.getItem('S');
      ws.getRange('A1').values = [[text]];
      const asText = ws.getRange('B1');
      asText.numberFormat = [['@']];
      asText.values = [[text]];
      await context.sync();
    });
    const [general, kept] = [fake.state.sheets[0]!.cells['0,0']!, fake.state.sheets[0]!.cells['0,1']!];
    if (value === 'date') expect(typeof general.value).toBe('number');
    else expect(general.value).toBe(value);
    expect(general.formula).toBe(formula);
    expect(kept).toEqual({ value: text, numberFormat: '@' });
    expect(parseTyped(text).value).toEqual(general.value);
  });

  it('refuses writes to a protected sheet (reads still work) and tells its protection', async () => {
    const s = returnSheet('东关', 1);
    s.protected = true;
    const fake = new FakeExcel(workbook([s, emptySheet('其他')]));
    for (const write of [
      (ws: ReturnType<FakeContext['workbook']['worksheets']['getItem']>) => void (ws.getRange('A1').values = [[1]]),
      (ws: ReturnType<FakeContext['workbook']['worksheets']['getItem']>) => void (ws.getRange('A1').format.fill.color = '#FF0000'),
      (ws: ReturnType<FakeContext['workbook']['worksheets']['getItem']>) => void ws.notes.add("'东关'!A1", 'x'),
      (ws: ReturnType<FakeContext['workbook']['worksheets']['getItem']>) => void ws.tables.add('A1:B2', true),
    ]) {
      await expect(
        run(fake, async (context) => {
          write(context.workbook.worksheets.getItem('东关'));
          await context.sync();
        }),
      ).rejects.toMatchObject({ code: 'AccessDenied' });
    }
    await run(fake, async (context) => {
      const p = context.workbook.worksheets.getItem('东关').protection.load('protected');
      const q = context.workbook.worksheets.getItem('其他').protection.load('protected');
      const r = context.workbook.worksheets.getItem('东关').getRange('B2').load('values');
      await context.sync();
      expect([p.protected, q.protected, r.values]).toEqual([true, false, [['东关']]]);
    });
  });

  it('refuses adding, deleting, renaming, hiding and copying sheets when the workbook structure is protected', async () => {
    const fake = new FakeExcel({ ...workbook([emptySheet('A'), emptySheet('B')]), structureProtected: true });
    const ops: ((c: FakeContext) => void)[] = [
      (c) => void c.workbook.worksheets.add('C'),
      (c) => c.workbook.worksheets.getItem('B').delete(),
      (c) => void (c.workbook.worksheets.getItem('B').name = 'B2'),
      (c) => void (c.workbook.worksheets.getItem('B').visibility = 'Hidden'),
      (c) => void c.workbook.worksheets.getItem('B').copy(),
    ];
    for (const op of ops) {
      await expect(
        run(fake, async (context) => {
          op(context);
          await context.sync();
        }),
      ).rejects.toMatchObject({ code: 'AccessDenied' });
    }
    expect(fake.state.sheets.map((s) => s.name)).toEqual(['A', 'B']);
    await run(fake, async (context) => {
      const p = context.workbook.protection.load('protected');
      context.workbook.worksheets.getItem('B').getRange('A1').values = [[1]];
      await context.sync();
      expect(p.protected).toBe(true);
    });
  });

  it('keeps table names and defined names unique in the workbook, ignoring case, in one namespace', async () => {
    const s = emptySheet('A');
    s.tables.push({ name: 'CR_Summary', address: 'A1:B3', hasHeaders: true });
    const fake = new FakeExcel(workbook([s, emptySheet('B')]));
    const attempt = (cb: (c: FakeContext) => void) =>
      run(fake, async (context) => {
        cb(context);
        await context.sync();
      });
    await expect(attempt((c) => void (c.workbook.worksheets.getItem('B').tables.add('A1:B2', true).name = 'cr_summary'))).rejects.toThrow(/already used/);
    await expect(attempt((c) => void c.workbook.names.add('CR_SUMMARY', "='B'!$A$1"))).rejects.toMatchObject({ code: 'ItemAlreadyExists' });
    await expect(attempt((c) => void c.workbook.names.add('A1', "='B'!$A$1"))).rejects.toMatchObject({ code: 'InvalidArgument' });
    await attempt((c) => void c.workbook.names.add('CR_OUT_x', "='B'!$A$1", 'B'));
    await expect(attempt((c) => void (c.workbook.worksheets.getItem('A').tables.add('D1:E2', true).name = 'CR_OUT_X'))).rejects.toThrow(/already used/);
    // The failed renames left default-named tables behind (the batch stopped after adding them), as Excel would.
    expect(fake.state.sheets[1]!.tables.map((t) => t.name)).toEqual(['Table1']);
  });

  it('enforces sheet-name rules: ≤ 31 characters, none of []:*?/\\, no edge apostrophes, unique ignoring case', async () => {
    const fake = new FakeExcel(workbook([emptySheet('汇总')]));
    for (const bad of ['x'.repeat(32), 'a/b', 'a[1]', 'a:b', 'a*', 'a?', 'a\\b', "'a", ' ', '汇总']) {
      await expect(
        run(fake, async (context) => {
          context.workbook.worksheets.add(bad);
          await context.sync();
        }),
        bad,
      ).rejects.toBeInstanceOf(FakeExcelError);
    }
    await run(fake, async (context) => {
      context.workbook.worksheets.add('x'.repeat(31));
      context.workbook.worksheets.add('汇总(2)');
      await context.sync();
    });
  });

  it('adds comments and notes only with a sheet-qualified address', async () => {
    const fake = new FakeExcel(workbook([returnSheet('东 关', 1)]));
    fake.supported = { ExcelApi: 1.18 };
    for (const kind of ['comments', 'notes'] as const) {
      await expect(
        run(fake, async (context) => {
          context.workbook.worksheets.getItem('东 关')[kind].add('D5', 'x');
          await context.sync();
        }),
      ).rejects.toThrow(/must include the sheet name/);
      await run(fake, async (context) => {
        context.workbook.worksheets.getItem('东 关')[kind].add("'东 关'!D5", 'x');
        await context.sync();
      });
    }
    expect(fake.state.sheets[0]!.comments.map((c) => c.cell)).toEqual(['D5']);
    expect(fake.state.sheets[0]!.notes.map((c) => c.cell)).toEqual(['D5']);
  });

  it('loads values, formulas and formats as null for a range over 5 million cells', async () => {
    const fake = new FakeExcel(workbook([sheetFrom('S', [[1]])]));
    await run(fake, async (context) => {
      const rows = Math.ceil(MAX_CELLS_WITH_VALUES / 100) + 1;
      const big = context.workbook.worksheets.getItem('S').getRange(`A1:CV${rows}`).load('values,formulas,numberFormat,rowCount');
      const fine = context.workbook.worksheets.getItem('S').getRange('A1:CV10').load('values');
      await context.sync();
      expect([big.values, big.formulas, big.numberFormat, big.rowCount]).toEqual([null, null, null, rows]);
      expect(fine.values[0]![0]).toBe(1);
    });
  });

  it('keeps a cached value with a formula, and reads merged areas', async () => {
    const s = sheetFrom('S', [[5, null]]);
    s.merges.push('A3:C3');
    const fake = new FakeExcel(workbook([s, sheetFrom('T', [[7]])]));
    await run(fake, async (context) => {
      const ws = context.workbook.worksheets.getItem('S');
      ws.getRange('B1:C1').values = [['=A1', "='T'!A1"]];
      await context.sync();
      const r = ws.getRange('A1:C1').load('values,formulas');
      const m = ws.getRange().getMergedAreasOrNullObject();
      m.load('address');
      await context.sync();
      expect(r.values).toEqual([[5, 5, 7]]);
      expect(r.formulas).toEqual([[5, '=A1', "='T'!A1"]]);
      expect(m.address).toBe('S!A3:C3');
    });
  });

  it('fails the sync when an object is derived from a null object (undocumented: the stricter choice), or propagates the null if told', async () => {
    const fake = new FakeExcel(workbook([returnSheet('A', 1), returnSheet('B', 2)]));
    await expect(
      run(fake, async (context) => {
        context.workbook.worksheets.getFirst().getNextOrNullObject().getNextOrNullObject().getNextOrNullObject().load('name');
        await context.sync();
      }),
    ).rejects.toThrow(/InvalidObjectPath/);
    fake.nullChaining = 'propagate';
    await run(fake, async (context) => {
      const end = context.workbook.worksheets.getFirst().getNextOrNullObject().getNextOrNullObject();
      const beyond = end.getNextOrNullObject();
      end.load('name');
      beyond.load('name');
      await context.sync();
      expect([end.isNullObject, beyond.isNullObject]).toEqual([true, true]);
      expect(() => end.name).toThrow(/PropertyNotLoaded/);
      end.getRange('A1').values = [[1]];
      await expect(context.sync()).rejects.toThrow(/InvalidObjectPath/);
    });
  });

  it('reports no fill as #FFFFFF with pattern None, a mixed range as null, patterns and tints; a colour makes a plain fill', async () => {
    const fake = new FakeExcel(workbook([sheetFrom('S', [[1, 2, 3]], { A1: { fill: '#FF0000' }, C1: { fill: '#FFFF00', fillPattern: 'Gray50', patternColor: '#0000FF', tintAndShade: 0.4 } })]));
    await run(fake, async (context) => {
      const ws = context.workbook.worksheets.getItem('S');
      const a = ws.getRange('B1').format.fill.load('color,pattern');
      const mixed = ws.getRange('A1:B1').format.fill.load('color');
      const c = ws.getRange('C1').format.fill.load('color,pattern,patternColor,tintAndShade');
      await context.sync();
      expect([a.color, a.pattern, mixed.color]).toEqual(['#FFFFFF', 'None', null]);
      expect([c.color, c.pattern, c.patternColor, c.tintAndShade]).toEqual(['#FFFF00', 'Gray50', '#0000FF', 0.4]);
      ws.getRange('C1').format.fill.color = '#FFC7CE';
      await context.sync();
    });
    expect(fake.state.sheets[0]!.cells['0,2']).toEqual({ value: 3, fill: '#FFC7CE' });
  });

  it('moves cells, notes and references when the user inserts rows; renaming and deleting a sheet update references', async () => {
    const s = sheetFrom('东关', [['a'], ['b'], ['c']]);
    s.notes.push({ cell: 'A3', content: 'n' });
    const rec = sheetFrom('R', [[null]], { A1: { value: 'c', formula: "='东关'!$A$3" } });
    const fake = new FakeExcel({ ...workbook([s, rec]), names: [{ name: 'CR_OUT_x', formula: "='东关'!$A$1", comment: '东关' }] });
    insertRows(fake.state, '东关', 1, 2);
    expect(s.cells['4,0']!.value).toBe('c');
    expect(s.notes[0]!.cell).toBe('A5');
    expect(rec.cells['0,0']!.formula).toBe("='东关'!$A$5");
    expect(fake.state.names![0]!.formula).toBe("='东关'!$A$1");
    fake.renameSheet('东关', '东关十月');
    expect(rec.cells['0,0']!.formula).toBe("='东关十月'!$A$5");
    expect(fake.state.names![0]!.formula).toBe("='东关十月'!$A$1");
    await run(fake, async (context) => {
      context.workbook.worksheets.getItem('东关十月').delete();
      await context.sync();
    });
    expect(fake.state.names![0]!.formula).toBe('=#REF!');
  });
});
