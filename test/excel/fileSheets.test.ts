/** Files inserted as sheets: the fake's insertWorksheetsFromBase64 is as strict as Excel, and the adapter stays within it. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readXlsx } from '../../src/io/readXlsx.js';
import { sheetNameFor } from '../../src/excel/fileSheets.js';
import { FakeExcel, sheetFrom, type FakeContext } from './fakeExcel.js';
import { returnSheet, setup, workbook } from './helpers.js';

const OCT = path.resolve(import.meta.dirname, '../../examples/2026-10');
const bytesOf = (name: string): Uint8Array => new Uint8Array(readFileSync(path.join(OCT, name)));
const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

/** One insert in its own run; resolves with the ids, or rejects with Excel's error. */
async function insert(fake: FakeExcel, base64: string, options?: { sheetNamesToInsert?: string[] }): Promise<string[]> {
  return fake.run(async (context: FakeContext) => {
    const r = context.workbook.insertWorksheetsFromBase64(base64, options);
    await context.sync();
    return r.value;
  });
}

describe('the fake insertWorksheetsFromBase64 refuses what Excel refuses', () => {
  const fresh = (api = 1.13): FakeExcel => {
    const fake = new FakeExcel(workbook([returnSheet('东关社区', 1)]));
    fake.supported = { ExcelApi: api };
    return fake;
  };

  it('inserts an xlsx with its values, number formats and merges, and gives ids getItem accepts', async () => {
    const fake = fresh();
    const ids = await insert(fake, b64(bytesOf('朝阳社区.xlsx')));
    expect(ids).toHaveLength(1);
    const sheet = fake.state.sheets.at(-1)!;
    expect(sheet.name).toBe('创卫月报');
    expect(Object.values(sheet.cells).some((c) => c.value === '朝阳社区')).toBe(true);
    await fake.run(async (context: FakeContext) => {
      context.workbook.worksheets.getItem(ids[0]!).name = '朝阳社区';
      await context.sync();
    });
    expect(fake.state.sheets.map((s) => s.name)).toEqual(['东关社区', '朝阳社区']);
  });

  it.each([
    ['on a host without ExcelApi 1.13', () => fresh(1.12), b64(bytesOf('朝阳社区.xlsx')), 'ApiNotFound'],
    ['bytes that are not an xlsx', () => fresh(), b64(new TextEncoder().encode('社区名称,和平社区\n')), 'InvalidArgument'],
    ['a legacy .xls (OLE) file', () => fresh(), b64(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])), 'InvalidArgument'],
    ['a string that is not base64', () => fresh(), 'not base64!', 'InvalidArgument'],
  ])('refuses it %s', async (_, make, base64, code) => {
    const fake = make();
    const before = structuredClone(fake.state);
    await expect(insert(fake, base64)).rejects.toMatchObject({ code });
    expect(fake.state).toEqual(before);
  });

  it('refuses a sheet whose name is taken (Excel is silent on it: the stricter choice), and an unknown sheet', async () => {
    const fake = new FakeExcel(workbook([sheetFrom('创卫月报', [['mine']])]));
    fake.supported = { ExcelApi: 1.13 };
    await expect(insert(fake, b64(bytesOf('朝阳社区.xlsx')))).rejects.toMatchObject({ code: 'ItemAlreadyExists' });
    await expect(insert(fake, b64(bytesOf('朝阳社区.xlsx')), { sheetNamesToInsert: ['无此表'] })).rejects.toMatchObject({ code: 'InvalidArgument' });
    expect(fake.state.sheets.map((s) => s.name)).toEqual(['创卫月报']);
  });

  it('refuses a protected workbook structure', async () => {
    const fake = fresh();
    fake.state.structureProtected = true;
    await expect(insert(fake, b64(bytesOf('朝阳社区.xlsx')))).rejects.toMatchObject({ code: 'AccessDenied' });
  });

  it('counts the base64 against the request limit', async () => {
    const fake = fresh();
    const base64 = b64(bytesOf('西湖街道_文三_古荡.xlsx'));
    fake.limits.request = base64.length; // the envelope on top of the payload passes it
    await expect(insert(fake, base64)).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
    expect(fake.syncs.at(-1)!.bytes).toBeGreaterThan(base64.length);
  });
});

describe('insertFileSheets', () => {
  const file = async (name: string) => ({ file: `2026-10/${name}`, bytes: bytesOf(name), xlsx: true, sheets: readXlsx(bytesOf(name), name).book.sheets });

  it('names each sheet after its file, unique, and never touches a sheet that is there', async () => {
    const { fake, adapter } = setup([returnSheet('阳光社区', 1), sheetFrom('Sheet1', [['mine']])]);
    const before = structuredClone(fake.state.sheets);
    const out = await adapter.insertFileSheets([await file('阳光社区.xlsx'), await file('阳光社区（更正）.xlsx'), await file('幸福里社区.xlsx'), await file('西湖街道_文三_古荡.xlsx')]);
    expect(out.map((s) => [s.name, s.formatted])).toEqual([
      ['阳光社区(2)', true],
      ['阳光社区（更正）', true],
      ['幸福里社区', false], // its own name Sheet1 is taken: by value, never relying on what Excel would do
      ['西湖街道_文三_古荡·说明', true],
      ['西湖街道_文三_古荡·文三社区', true],
      ['西湖街道_文三_古荡·古荡社区', true],
    ]);
    expect(fake.state.sheets.slice(0, 2)).toEqual(before);
    expect(fake.state.sheets.map((s) => s.name).every((n) => n.length <= 31)).toBe(true);
    // One request per formatted file, each within the limit.
    expect(fake.maxRequestBytes).toBeLessThan(5 * 1024 * 1024);
  });

  it('writes values on a host without ExcelApi 1.13', async () => {
    const { fake, adapter } = setup([returnSheet('东关社区', 1)], 1.12);
    const out = await adapter.insertFileSheets([await file('朝阳社区.xlsx')]);
    expect(out).toEqual([{ file: '2026-10/朝阳社区.xlsx', sheet: '创卫月报', name: '朝阳社区', formatted: false }]);
    expect(Object.values(fake.state.sheets[1]!.cells).some((c) => c.value === '朝阳社区')).toBe(true);
    expect(fake.syncs.some((s) => s.failed)).toBe(false);
  });

  it.each([
    ['2026-10/阳光社区.xlsx', '月报表', 1, '阳光社区'],
    ['a/b[1]:*?.xlsx', 'S', 1, 'b_1____'],
    ["'引号'.csv", 'x', 1, '引号'],
    ['某某街道某某社区二〇二六年十月份创卫工作月报表（更正版）.xlsx', '第二张工作表', 2, '某某街道某某社区二〇二六年十月份创卫工作月报表（更正版）·第二'],
  ])('sheetNameFor(%s, %s)', (f, s, n, want) => {
    expect(sheetNameFor(f, s, n)).toBe(want.slice(0, 31));
  });
});
