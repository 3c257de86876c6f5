import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import * as XLSX from '@e965/xlsx';
import type { CellValue } from '../../src/core/grid.js';
import { materialise, type OutputTable, type RowKind, type TableSource } from '../../src/core/output/tables.js';
import { isOwnOutput } from '../../src/io/ownOutput.js';
import { readXlsx } from '../../src/io/readXlsx.js';
import { splitForExcel, tablesToXlsx } from '../../src/io/xlsxTables.js';
import { workbookBytes } from '../../src/io/writeXlsx.js';
import { zlibCrc32, zlibDeflater } from '../../src/node/zlibDeflater.js';

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
    expect(sheet).toMatch(/<row r="2"><c r="A2" t="s"><v>\d+<\/v><\/c><c t="inlineStr"><is><t xml:space="preserve"> 0余 <\/t><\/is><\/c>/);
    const { book } = readXlsx(bytes, 'summary.xlsx');
    const rows = book.sheets[1]!.values;
    expect(rows[1]).toEqual(['社区0', ' 0余 ', 0]);
    expect(rows[30_000]).toEqual(['社区39', ' 29999余 ', 29999]);
  });
});

describe('sheets streamed from row sources', () => {
  // 25 rows made on demand into one reused array, as 明细 is.
  const source = (n: number): TableSource => ({
    sheet: '明细', tableName: 'CR_Details', columns: [{ header: '社区' }, { header: '原始填写' }, { header: '数值', numFmt: '#,##0.##' }], rowCount: n,
    cursor() {
      let i = -1;
      const row: CellValue[] = [null, null, null];
      return {
        row,
        next() {
          if (++i >= n) return null;
          row[0] = `社区${i % 3}`;
          row[1] = `第${i}行`;
          row[2] = i % 5 === 0 ? null : i * 1.5;
          return 'return';
        },
      };
    },
  });

  it('gives the same bytes as the materialised table, split across sheets with every row in order', async () => {
    const [a, b] = [await tablesToXlsx([source(25)], { maxRows: 10 }), await tablesToXlsx([materialise(source(25))], { maxRows: 10 })];
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(a as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['明细', '明细(2)', '明细(3)']);
    const col = (c: number) => wb.worksheets.flatMap((w) => w.getSheetValues().slice(2).map((r) => (r as ExcelJS.CellValue[])[c] ?? null));
    expect(col(2)).toEqual(Array.from({ length: 25 }, (_, i) => `第${i}行`));
    expect(col(3)).toEqual(Array.from({ length: 25 }, (_, i) => (i % 5 === 0 ? null : i * 1.5)));
  });

  it('a shared column with more texts than the writer keeps at hand still reads back, each text once in the table', async () => {
    const n = 12_000; // texts repeat in pairs: shared; 6,000 of them, more than the 4,096 cell tails kept per column
    const t: OutputTable = {
      sheet: '明细', tableName: 'CR_Details', columns: [{ header: '原始填写' }],
      rows: Array.from({ length: n }, (_, i) => [`v${Math.floor(i / 2)}`]), kinds: Array.from({ length: n }, () => 'return' as const),
    };
    const bytes = await tablesToXlsx([t], { deflater: zlibDeflater, crc32: zlibCrc32 });
    const parts = unzipSync(bytes);
    const sst = new TextDecoder().decode(parts['xl/sharedStrings.xml']!);
    expect(sst).toContain(`count="${n + 1}" uniqueCount="${n / 2 + 1}"`);
    const { book } = readXlsx(bytes, 'summary.xlsx');
    expect(book.sheets[0]!.values.slice(1).map((r) => r[0])).toEqual(t.rows.map((r) => r[0]));
  });

  it('refuses a source with fewer rows than it counted, rather than writing a workbook that lies', async () => {
    await expect(tablesToXlsx([{ ...source(5), rowCount: 6 }])).rejects.toThrow(/fewer rows than counted/);
  });
});

describe('cells written as bytes', () => {
  const texts = [
    'a & b < c > d "e"', '  前后空格 ', '\u3000全角空格', '表情😀', '孤\ud800立', 'tab\there\nnew', 'ctl\u0001\u001f\ufffe', '普通中文', "'=1+1",
  ];
  const numbers = [0, -0, 1, -1, 7, 123456789012, 999999999999999, 1e15, 1e21, 0.1 + 0.2, -2.5e-7, 2 ** 53, 4950.25];
  const t: OutputTable = {
    sheet: '明细', tableName: 'CR_Details', columns: [{ header: '文字' }, { header: '数值' }],
    rows: Array.from({ length: Math.max(texts.length, numbers.length) }, (_, i) => [texts[i] ?? null, numbers[i] ?? null]),
    kinds: Array.from({ length: Math.max(texts.length, numbers.length) }, () => 'return' as const),
  };
  // What the XML escaping and UTF-8 encoding must give: control characters XML forbids left out, a lone
  // surrogate as U+FFFD (as TextEncoder does).
  const expected = (s: string) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

  it('escapes, encodes and writes numbers as JavaScript does, and every reader gets them back', async () => {
    const bytes = await tablesToXlsx([t], { deflater: zlibDeflater, crc32: zlibCrc32 });
    const xml = new TextDecoder().decode(unzipSync(bytes)['xl/worksheets/sheet1.xml']!);
    expect(xml).toContain('<is><t>a &amp; b &lt; c &gt; d &quot;e&quot;</t></is>');
    expect(xml).toContain('<is><t xml:space="preserve">  前后空格 </t></is>');
    expect(xml).toContain('<is><t xml:space="preserve">\u3000全角空格</t></is>');
    for (const n of numbers) expect(xml).toContain(`><v>${String(n)}</v></c>`);
    const { book } = readXlsx(bytes, 'summary.xlsx');
    const rows = book.sheets[0]!.values.slice(1);
    expect(rows.map((r) => r[0] ?? null)).toEqual(texts.map(expected).concat(Array(numbers.length - texts.length).fill(null)));
    expect(rows.map((r) => r[1])).toEqual(numbers.map((n) => (Object.is(n, -0) ? 0 : n)));
    const sheet = XLSX.read(bytes).Sheets['明细']!;
    expect(sheet['A2']!.v).toBe(expected(texts[0]!));
    expect(sheet['A5']!.v).toBe(expected(texts[3]!));
    expect(sheet['B13']!.v).toBe(numbers[11]);
    const dir = mkdtempSync(path.join(tmpdir(), 'cr-bytes-'));
    writeFileSync(path.join(dir, 'sheet1.xml'), unzipSync(bytes)['xl/worksheets/sheet1.xml']!);
    execFileSync('xmllint', ['--noout', path.join(dir, 'sheet1.xml')]);
  });

  it('fflate and node give the same parts; the zip checks in python and its times are fixed', async () => {
    const [a, b] = [await tablesToXlsx([t]), await tablesToXlsx([t], { deflater: zlibDeflater, crc32: zlibCrc32 })];
    const [ua, ub] = [unzipSync(a), unzipSync(b)];
    for (const k of Object.keys(ua)) expect(Buffer.from(ub[k]!).equals(Buffer.from(ua[k]!))).toBe(true);
    const dir = mkdtempSync(path.join(tmpdir(), 'cr-zip2-'));
    writeFileSync(path.join(dir, 'a.xlsx'), a);
    const out = execFileSync('python3', ['-c', 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(z.testzip(), sorted({i.date_time for i in z.infolist()}))', path.join(dir, 'a.xlsx')], { encoding: 'utf8' }).trim();
    expect(out).toBe('None [(2000, 1, 1, 0, 0, 0)]');
  });
});

describe('fast paths of the cell writer', () => {
  const sheetXml = (bytes: Uint8Array): string => new TextDecoder().decode(unzipSync(bytes)['xl/worksheets/sheet1.xml']!);

  it('writes every finite number exactly as String(n): integers of any size, one and two decimals, the rest', async () => {
    const number = fc.oneof(
      fc.integer({ min: -20_000, max: 20_000 }),
      fc.integer(),
      fc.maxSafeInteger(),
      fc.integer({ min: -1e9, max: 1e9 }).map((k) => k / 10),
      fc.integer({ min: -1e11, max: 1e11 }).map((k) => k / 100),
      fc.integer({ min: -1e6, max: 1e6 }).map((k) => k / 1000),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constantFrom(0, -0, 9999, 10000, 99_999_999, 1e8, 1e8 + 1, 999_999_999_999_999, 1e15, -1e15, 1e21, 0.01, 0.009, 0.1 + 0.2, 0.7, 1.005, 2 ** 53, 9.95, 99.99),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(number, { minLength: 1, maxLength: 200 }), async (numbers) => {
        const t: OutputTable = {
          sheet: '明细', tableName: 'CR_Details', columns: [{ header: '数值' }, { header: '格式', numFmt: '0.00' }],
          rows: numbers.map((n, i) => (i % 2 ? [n, null] : [null, n])), kinds: numbers.map(() => 'return' as const),
        };
        const xml = sheetXml(await tablesToXlsx([t]));
        const written = [...xml.matchAll(/<c(?: r="[A-Z]+\d+")?(?: s="\d+")?><v>([^<]*)<\/v><\/c>/g)].map((m) => m[1]);
        expect(written).toEqual(numbers.map((n) => String(n)));
      }),
      { numRuns: 200 },
    );
  });

  it('writes a whole number after another cell (kept as a whole cell per style) as String(n), in every row kind', async () => {
    const number = fc.oneof(fc.integer({ min: -20, max: 12_000 }), fc.constantFrom(0, -0, 9999, 10000), fc.integer({ min: 0, max: 999 }).map((k) => k / 10));
    const kind = fc.constantFrom<RowKind>('return', 'subtotal', 'total');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(number, number, kind), { minLength: 1, maxLength: 200 }), async (lines) => {
        const t: OutputTable = {
          sheet: '汇总', tableName: 'CR_Summary', columns: [{ header: '名' }, { header: '数', numFmt: '#,##0' }, { header: '率', numFmt: '0.0' }],
          rows: lines.map(([a, b]) => ['x', a, b]), kinds: lines.map(([, , k]) => k),
        };
        const xml = sheetXml(await tablesToXlsx([t]));
        const written = [...xml.matchAll(/<c(?: r="[A-Z]+\d+")?(?: s="\d+")?><v>([^<]*)<\/v><\/c>/g)].map((m) => m[1]);
        expect(written).toEqual(lines.flatMap(([a, b]) => [String(a), String(b)]));
      }),
      { numRuns: 200 },
    );
  });

  it('gives every shared text its own index, whatever order texts repeat or come back in', async () => {
    // Texts that come round in a cycle (indicator codes), repeat the row above (communities), follow one
    // another irregularly (units); as the same string and as equal strings made anew; in every row kind. Sixty
    // rows and more: every column is one the writer shares (few texts, each often).
    const pool = ['人', '%', '人次', '吨', 'a&b', '前 ', '社区😀', 'x'];
    const cell = fc.oneof(fc.nat(pool.length - 1).map((i) => pool[i]!), fc.nat(pool.length - 1).map((i) => pool[i]!.split('').join('')), fc.constant(null));
    const kind = fc.constantFrom<RowKind>('return', 'return', 'return', 'subtotal', 'total');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(cell, cell, cell, kind), { minLength: 60, maxLength: 300 }), fc.nat(5), async (lines, cycle) => {
        const rows: CellValue[][] = lines.map(([a, b, c], i) => [pool[(i * (cycle + 1)) % pool.length]!, a, b, pool[Math.floor(i / 3) % pool.length]!, c]);
        const t: OutputTable = {
          sheet: '明细', tableName: 'CR_Details', columns: ['代码', '甲', '乙', '社区', '丙'].map((header) => ({ header })), rows, kinds: lines.map((l) => l[3]),
        };
        const bytes = await tablesToXlsx([t]);
        const sst = new TextDecoder().decode(unzipSync(bytes)['xl/sharedStrings.xml']!);
        const texts = [...sst.matchAll(/<si><t(?: xml:space="preserve")?>([^<]*)<\/t><\/si>/g)].map((m) => m[1]);
        expect(new Set(texts).size).toBe(texts.length);
        const used = rows.flat().filter((v) => v !== null).length + t.columns.length;
        expect(sst).toContain(`count="${used}" uniqueCount="${texts.length}"`);
        const sheet = XLSX.read(bytes).Sheets['明细']!;
        rows.forEach((r, i) => r.forEach((v, c) => expect(sheet[`${'ABCDE'[c]}${i + 2}`]?.v ?? null).toBe(v)));
      }),
      { numRuns: 150 },
    );
  });
});

describe('cells without addresses', () => {
  // Rows with empty cells everywhere a cell can be left out — first, last, gaps of one to eight columns — in
  // plain, sub-total and total rows, columns with and without a number format. Every reader must put every
  // value in the same place: the writer leaves out `r` where a cell is the next column, and empty cells of style 0.
  const cols = 9;
  let seed = 7;
  const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const fixed: CellValue[][] = [
    [null, null, null, null, null, null, null, null, 1],
    [1, null, null, null, null, null, null, null, null],
    [null, null, 'a', null, 'b', null, null, 'c', null],
    [null, 2, null, null, null, null, 3, null, 4],
    [null, 2, null, null, null, 7, null, null, null],
    [null, null, null, null, null, null, null, null, null],
    ['', '', 'x', '', 5, '', '', '', ''],
  ];
  const rows: CellValue[][] = fixed.concat(Array.from({ length: 300 }, () => {
    const empty = rand();
    return Array.from({ length: cols }, (_, c) => {
      const x = rand();
      if (x < empty) return x < empty / 4 ? '' : null;
      return c < 2 || c === 5 ? Math.round(rand() * 1000) / 4 : c % 2 ? `名${Math.floor(rand() * 5)}` : `文字${Math.floor(rand() * 1e6)}`;
    });
  }));
  const kinds = rows.map((_, i) => (i % 7 === 5 ? 'subtotal' : i % 11 === 10 ? 'total' : 'return') as RowKind);
  const t: OutputTable = {
    sheet: '明细', tableName: 'CR_Details', rows, kinds,
    // Number formats on two columns: the others, empty, are left out (long gaps, rows that start after A).
    columns: Array.from({ length: cols }, (_, c) => ({ header: `列${c + 1}`, ...(c === 1 || c === 5 ? { numFmt: '#,##0.##' } : {}) })),
  };
  // Sheet row (1-based) and column → value, header included.
  const expected = new Map<string, CellValue>();
  t.columns.forEach((c, i) => expected.set(`1,${i + 1}`, c.header));
  rows.forEach((r, i) => r.forEach((v, c) => v !== null && v !== '' && expected.set(`${i + 2},${c + 1}`, v)));

  it('SheetJS, exceljs and our reader find every value where it was written, and nothing else', async () => {
    const bytes = await tablesToXlsx([t], { deflater: zlibDeflater, crc32: zlibCrc32 });
    const xml = new TextDecoder().decode(unzipSync(bytes)['xl/worksheets/sheet1.xml']!);
    expect(xml).toMatch(/<\/c><c t="s">/); // a cell after the previous one, without its address
    expect(xml).toMatch(/<\/c><c r="[C-I]\d+"/); // a cell after a gap, with it
    expect(xml).toMatch(/<row r="\d+"><c r="[B-I]\d+"/); // a row that does not start in column A
    expect(xml).not.toContain('<c/>'); // exceljs would take it for a merged cell and lose a column

    const sheetJs = new Map<string, CellValue>();
    const ws = XLSX.read(bytes).Sheets['明细']!;
    for (const [k, cell] of Object.entries(ws)) {
      if (k.startsWith('!')) continue;
      const a = XLSX.utils.decode_cell(k);
      sheetJs.set(`${a.r + 1},${a.c + 1}`, (cell as XLSX.CellObject).v as CellValue);
    }
    expect(sheetJs).toEqual(expected);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const exceljs = new Map<string, CellValue>();
    wb.worksheets[0]!.eachRow((row, r) => row.eachCell((cell, c) => void exceljs.set(`${r},${c}`, cell.value as CellValue)));
    expect(exceljs).toEqual(expected);

    const ours = new Map<string, CellValue>();
    readXlsx(bytes, 'summary.xlsx').book.sheets[0]!.values.forEach((r, i) => r.forEach((v, c) => v !== null && ours.set(`${i + 1},${c + 1}`, v)));
    expect(ours).toEqual(expected);
  });

  it('keeps every style: bold and filled sub-totals and totals in every column, number formats, plain cells plain', async () => {
    const bytes = await tablesToXlsx([t]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    rows.forEach((_, i) => {
      for (let c = 0; c < cols; c++) {
        const cell = ws.getCell(i + 2, c + 1);
        const kind = kinds[i]!;
        const where = `${kind} row ${i + 2}, column ${c + 1}`;
        expect(cell.font?.bold ?? false, where).toBe(kind !== 'return');
        expect((cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb ?? null, where).toBe(kind === 'subtotal' ? 'FFF2F2F2' : kind === 'total' ? 'FFDDEBF7' : null);
        expect(cell.numFmt ?? null, where).toBe(c === 1 || c === 5 ? '#,##0.##' : null);
        if (kind === 'return' && c !== 1 && c !== 5) expect(cell.style, where).toEqual({});
      }
    });
    expect(ws.getCell(1, 1).font?.bold).toBe(true);
    // The plain body style is style 0, the style of every untouched cell: General, no font, fill or border of its own.
    const styles = new TextDecoder().decode(unzipSync(bytes)['xl/styles.xml']!);
    expect(styles).toMatch(/<cellXfs count="\d+"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"\/>/);
  });
});

describe('runs of cells that come round together', () => {
  // A 明细-like source: groups (returns) of lines (indicators); columns 0–1 and 6 keyed by the group, 2–3 and
  // 5 by the line, 4 free. Values with gaps (null, ''), shared and inline texts (column 1 is all distinct in
  // the first 1,000 rows, so written inline, then repeats a long text across a group), numbers, and kinds
  // that change within a group. The first 1,000 rows are written before any key is used, so a source has more.
  type Group = { a: CellValue; long: boolean; file: CellValue; size: number; kinds: RowKind[] };
  type Line = { code: CellValue; name: CellValue; unit: CellValue };
  const text = fc.constantFrom<CellValue>('社区甲', '社区乙', 'a&b', ' 前后 ', '', null, 7, 'x'.repeat(40));
  const groupArb = fc.record({
    a: text, long: fc.boolean(), file: text, size: fc.integer({ min: 1, max: 40 }),
    kinds: fc.array(fc.constantFrom<RowKind>('return', 'return', 'return', 'subtotal', 'total'), { minLength: 1, maxLength: 3 }),
  });
  const lineArb = fc.record({ code: text, name: text, unit: text });
  const source = (groups: Group[], lines: Line[], stride: number): TableSource => {
    const rows: { row: CellValue[]; kind: RowKind; keys: number[] }[] = [];
    groups.forEach((g, gi) => {
      for (let k = 0; k < g.size; k++) {
        const i = (k * stride) % lines.length;
        const l = lines[i]!;
        // Column 1: distinct per row in the sample, then a group's text (long in some groups) on all its lines.
        const b = rows.length < 1000 ? `行${rows.length}` : g.long ? `长${gi}`.repeat(500) : `组${gi}`;
        const key = gi % 3 === 2 ? -1 : gi * 64; // keys that share a slot, and lines that claim nothing
        rows.push({ row: [g.a, b, l.code, l.name, k * 1.5, l.unit, g.file], kind: g.kinds[k % g.kinds.length]!, keys: [key, i, i, key] });
      }
    });
    return {
      sheet: '明细', tableName: 'CR_Details', rowCount: rows.length, runs: [[0, 2], [2, 4], [5, 6], [6, 7]],
      columns: ['社区', '备注', '代码', '指标', '数值', '单位', '来源'].map((header, c) => ({ header, ...(c === 4 ? { numFmt: '#,##0.##' } : {}) })),
      cursor() {
        let n = -1;
        const row: CellValue[] = new Array(7).fill(null);
        const runKeys = new Int32Array(4);
        return {
          row, runKeys,
          next() {
            if (++n >= rows.length) return null;
            rows[n]!.row.forEach((v, c) => (row[c] = v));
            rows[n]!.keys.forEach((k, j) => (runKeys[j] = k));
            return rows[n]!.kind;
          },
        };
      },
    };
  };

  it('give the bytes of the same rows written cell by cell', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(groupArb, { minLength: 80, maxLength: 140 }), fc.array(lineArb, { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 7 }),
        async (groups, lines, stride) => {
          const src = source(groups, lines, stride);
          fc.pre(src.rowCount > 1100);
          const [a, b] = [await tablesToXlsx([src]), await tablesToXlsx([materialise(src)])];
          const part = (bytes: Uint8Array, name: string) => new TextDecoder().decode(unzipSync(bytes)[name]!);
          expect(part(a, 'xl/worksheets/sheet1.xml')).toBe(part(b, 'xl/worksheets/sheet1.xml'));
          expect(part(a, 'xl/sharedStrings.xml')).toBe(part(b, 'xl/sharedStrings.xml'));
          expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
        },
      ),
      { numRuns: 25 },
    );
  });
});
