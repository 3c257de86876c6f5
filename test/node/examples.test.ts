import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cellAt, formulaAt, numberFormatAt, parseA1, type SheetGrid, type WorkbookGrids } from '../../src/core/grid.js';
import { readInputs } from '../../src/node/readInputs.js';

// The bundled examples are read by real readers, and the answer key in examples/README.md points at
// cells that hold what it says. (What the core makes of them is tested with the core.)
const examples = fileURLToPath(new URL('../../examples/', import.meta.url));
const { books, problems, encodings } = await readInputs([examples + '2026-08', examples + '2026-09', examples + '2026-10']);

const sheet = (file: string, name: string): SheetGrid => {
  const book = books.find((b: WorkbookGrids) => b.file === file);
  const s = book?.sheets.find((g) => g.name === name);
  if (!s) throw new Error(`${file} / ${name} not found`);
  return s;
};
const at = (g: SheetGrid, address: string) => {
  const { row, col } = parseA1(address)!;
  return { value: cellAt(g, row, col), formula: formulaAt(g, row, col), format: numberFormatAt(g, row, col) };
};

interface KeyRow {
  month: string;
  file: string;
  sheet: string;
  cell: string;
  written: string;
}

function answerKey(): KeyRow[] {
  const rows: KeyRow[] = [];
  let month = '';
  for (const line of readFileSync(examples + 'README.md', 'utf8').split('\n')) {
    const h = /^## (\d{4}-\d{2})/.exec(line);
    if (h) month = h[1]!;
    const cells = line.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim());
    if (!month || cells.length !== 6 || !/^[A-Z]+\d+$/.test(cells[2]!)) continue;
    rows.push({ month, file: cells[0]!, sheet: cells[1]!, cell: cells[2]!, written: cells[4]! });
  }
  return rows;
}

describe('examples/', () => {
  it('every file reads, in three months, the GBK and BOM CSVs detected', () => {
    expect(problems).toEqual([]);
    expect(books.filter((b) => b.file.startsWith('2026-10/'))).toHaveLength(10);
    expect(encodings['2026-10/和平社区.csv']).toBe('gb18030');
    expect(encodings['2026-10/网上填报汇总.csv']).toBe('utf-8-bom');
  });

  it('keeps the merged titles LibreOffice wrote', () => {
    for (const b of books.filter((x) => x.file.endsWith('.xlsx'))) {
      for (const s of b.sheets.filter((g) => g.name !== '说明')) {
        expect(s.merges?.[0], `${b.file} ${s.name}`).toEqual({ top: 0, left: 0, bottom: 0, right: 5 });
      }
    }
  });

  const key = answerKey();
  it('has an answer key with cell addresses', () => {
    expect(key.filter((k) => k.month === '2026-10').length).toBeGreaterThan(25);
  });

  it.each(key.map((k) => [`${k.month}/${k.file} ${k.sheet}!${k.cell}`, k] as const))('%s exists', (_name, k) => {
    const g = sheet(`${k.month}/${k.file}`, k.sheet);
    const { value } = at(g, k.cell);
    if (k.written.startsWith('（空）')) expect(value).toBeNull();
    else expect(value).not.toBeNull();
  });

  it.each([
    ['幸福里社区.xlsx', 'Sheet1', 'D19', '#DIV/0!', '=D18/E15*100', null],
    ['阳光社区.xlsx', '月报表', 'D19', 90.3, '=ROUND(D18/D17*100,1)', null],
    ['建设村.xlsx', '建设村', 'B3', 46296, null, 'yyyy年m月'],
    ['西湖街道_文三_古荡.xlsx', '古荡社区', 'D36', 46085, null, 'm月d日'],
    ['幸福里社区.xlsx', 'Sheet1', 'D7', '１０８０', null, null],
    ['和平社区.csv', '和平社区', 'D31', '4,950', null, null],
    ['网上填报汇总.csv', '网上填报汇总', 'T3', '17360', null, null],
  ] as const)('2026-10/%s %s!%s holds what a spreadsheet wrote', (file, name, cell, value, formula, format) => {
    const c = at(sheet(`2026-10/${file}`, name), cell);
    expect(c.value).toBe(value);
    expect(c.formula).toBe(formula);
    if (format) expect(c.format).toBe(format);
  });
});
