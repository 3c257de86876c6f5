import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { OutputTable } from '../../src/core/output/tables.js';
import { isOwnOutput } from '../../src/io/ownOutput.js';
import { readXlsx } from '../../src/io/readXlsx.js';
import { splitForExcel, tablesToXlsx } from '../../src/io/xlsxTables.js';
import { workbookBytes } from '../../src/io/writeXlsx.js';
import { zlibDeflater } from '../../src/node/zlibDeflater.js';

const table = (sheet: string, tableName: string, n: number): OutputTable => ({
  sheet,
  tableName,
  columns: [{ header: '社区' }, { header: '数值' }],
  rows: Array.from({ length: n }, (_, i) => [`社区${i}`, i]),
  kinds: Array.from({ length: n }, () => 'return' as const),
});

describe('summary.xlsx within Excel limits', () => {
  it('continues a long table on 明细(2), 明细(3) … with every row kept, in order', async () => {
    const bytes = await tablesToXlsx([table('汇总', 'CR_Summary', 3), table('明细', 'CR_Details', 25)], { maxRows: 10 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => [w.name, w.actualRowCount])).toEqual([['汇总', 4], ['明细', 11], ['明细(2)', 11], ['明细(3)', 6]]);
    const values = wb.worksheets.slice(1).flatMap((w) => w.getSheetValues().slice(2).map((r) => (r as ExcelJS.CellValue[])[2]));
    expect(values).toEqual(Array.from({ length: 25 }, (_, i) => i));
    const tables = Object.keys(unzipSync(bytes)).filter((n) => n.startsWith('xl/tables/'));
    expect(tables).toHaveLength(4);
  });

  it('leaves tables that fit alone', () => {
    const t = [table('明细', 'CR_Details', 10)];
    expect(splitForExcel(t, 10)).toEqual(t);
    expect(splitForExcel([table('明细', 'CR_Details', 11)], 10).map((x) => [x.sheet, x.tableName, x.rows.length])).toEqual([
      ['明细', 'CR_Details', 10],
      ['明细(2)', 'CR_Details_2', 1],
    ]);
  });
});

describe('the own-output marker', () => {
  it('is in summary.xlsx, as a custom property an XML parser accepts, and the reader sees it', async () => {
    const bytes = await tablesToXlsx([table('汇总', 'CR_Summary', 2)]);
    expect(isOwnOutput(bytes)).toBe(true);
    const dir = mkdtempSync(path.join(tmpdir(), 'cr-mark-'));
    writeFileSync(path.join(dir, 'custom.xml'), unzipSync(bytes)['docProps/custom.xml']!);
    execFileSync('xmllint', ['--noout', path.join(dir, 'custom.xml')]);
    expect(readXlsx(bytes, 'summary.xlsx').book.ownOutput).toBe(true);
  });

  it('is not in a workbook someone else wrote, nor in the blank return (it is filled in by communities)', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('填报表').getCell('A1').value = '社区名称';
    const bytes = await workbookBytes(wb);
    expect(isOwnOutput(bytes)).toBe(false);
    expect(readXlsx(bytes, 'x.xlsx').book.ownOutput).toBeUndefined();
    expect(isOwnOutput(new Uint8Array([1, 2, 3]))).toBe(false);
  });
});

describe('the deflater', () => {
  const tables: OutputTable[] = [
    { ...table('汇总', 'CR_Summary', 3) },
    {
      sheet: '明细', tableName: 'CR_Details', columns: [{ header: '社区' }, { header: '原始填写' }, { header: '数值' }],
      rows: Array.from({ length: 30_000 }, (_, i) => [`社区${i % 40}`, ` ${i}余 `, i]),
      kinds: Array.from({ length: 30_000 }, () => 'return' as const),
    },
  ];

  it("node's zlib gives the same parts as fflate, in a zip whose CRCs check", async () => {
    const [a, b] = [await tablesToXlsx(tables), await tablesToXlsx(tables, { deflater: zlibDeflater })];
    const [ua, ub] = [unzipSync(a), unzipSync(b)];
    expect(Object.keys(ub)).toEqual(Object.keys(ua));
    for (const k of Object.keys(ua)) expect(Buffer.from(ub[k]!).equals(Buffer.from(ua[k]!))).toBe(true);
    const dir = mkdtempSync(path.join(tmpdir(), 'cr-zip-'));
    writeFileSync(path.join(dir, 'b.xlsx'), b);
    expect(execFileSync('python3', ['-c', 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).testzip())', path.join(dir, 'b.xlsx')], { encoding: 'utf8' }).trim()).toBe('None');
  });

  it('writes texts that do not repeat inline and names that do as shared strings; both read back', async () => {
    const bytes = await tablesToXlsx(tables, { deflater: zlibDeflater });
    const sheet = new TextDecoder().decode(unzipSync(bytes)['xl/worksheets/sheet2.xml']!);
    expect(sheet).toMatch(/<c r="B2"(?: s="\d+")? t="inlineStr"><is><t xml:space="preserve"> 0余 <\/t><\/is><\/c>/);
    expect(sheet).toMatch(/<c r="A2"(?: s="\d+")? t="s"><v>\d+<\/v><\/c>/);
    const { book } = readXlsx(bytes, 'summary.xlsx');
    const rows = book.sheets[1]!.values;
    expect(rows[1]).toEqual(['社区0', ' 0余 ', 0]);
    expect(rows[30_000]).toEqual(['社区39', ' 29999余 ', 29999]);
  });
});
