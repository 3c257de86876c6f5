import { describe, expect, it } from 'vitest';
import { cellAt, formulaAt, numberFormatAt, parseA1, type SheetGrid } from '../../src/core/grid.js';
import { readBook } from '../../src/io/readBook.js';
import { excelSerial, readXlsx } from '../../src/io/readXlsx.js';
import { fixtureBytes } from '../node/fixtures.js';

/** The value at an A1 address (these grids start at A1). */
const value = (g: SheetGrid, address: string) => {
  const { row, col } = parseA1(address)!;
  return cellAt(g, row, col);
};

describe('readXlsx on a workbook LibreOffice wrote (book.xlsx)', async () => {
  const { book } = readXlsx(fixtureBytes('book.xlsx'), 'book.xlsx');
  const sheet = book.sheets[0]!;

  it('keeps the file name and every worksheet, hidden ones included', () => {
    expect(book.file).toBe('book.xlsx');
    expect(book.sheets.map((s) => s.name)).toEqual(['月报', '备用']);
    expect(value(book.sheets[1]!, 'C1')).toBe('隐藏表');
  });

  it('puts a merged title in its top-left cell only and reports the merge, 0-based', () => {
    expect(value(sheet, 'A1')).toBe('2026年10月社区创卫工作月报表');
    expect(value(sheet, 'B1')).toBeNull();
    expect(sheet.merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 5 }]);
  });

  it.each([
    ['A2', '填报单位：阳光社区'],
    ['D4', '４９５０'],
    ['D5', 200],
    ['D7', 90],
    ['D8', '#DIV/0!'],
    ['D9', 0],
    ['F9', '无中毒'],
    ['F10', '附件链接'],
    ['A4', 1],
  ] as const)('%s reads as %j', (address, expected) => {
    expect(value(sheet, address)).toBe(expected);
  });

  it('gives a date as its 1900-system serial number and keeps its date format', () => {
    expect(value(sheet, 'E2')).toBe(46326); // 2026-10-31
    expect(numberFormatAt(sheet, 1, 4)).toBe('yyyy-mm-dd');
  });

  it('gives formula text next to the cached result', () => {
    expect(formulaAt(sheet, 6, 3)).toBe('=D6/D5*100');
    expect(formulaAt(sheet, 7, 3)).toBe('=D6/E8');
    expect(formulaAt(sheet, 8, 3)).toBe('=D5-D5');
    expect(formulaAt(sheet, 4, 3)).toBeNull();
    expect(numberFormatAt(sheet, 6, 3)).toBe('0.0');
  });

  it('has no rows beyond the last cell', () => {
    expect(sheet.values).toHaveLength(10);
    expect(sheet.origin).toBeUndefined();
  });
});

describe('readXlsx on an exceljs-written file and its LibreOffice round trip', () => {
  it.each(['shared.xlsx', 'roundtrip.xlsx'])('%s: shared formulas, errors, rich text, hyperlinks, dates', async (name) => {
    const g = readXlsx(fixtureBytes(name), name).book.sheets[0]!;
    expect(g.formulas?.[1]?.[1]).toBe('=A2*2');
    expect(g.formulas?.[2]?.[1]).toBe('=A3*2');
    expect([value(g, 'B1'), value(g, 'B2'), value(g, 'B3')]).toEqual([2, 4, 6]);
    expect(value(g, 'C1')).toBe(0);
    expect(value(g, 'C2')).toBe('#DIV/0!');
    expect(value(g, 'D1')).toBe('投放鼠药');
    expect(value(g, 'D2')).toBe('链接');
    expect(value(g, 'D3')).toBe('#N/A');
    expect(value(g, 'E1')).toBe(46326);
    expect(value(g, 'E2')).toBe(false);
  });

  it('gives null for a formula that has no cached result, and still gives its text', async () => {
    const g = readXlsx(fixtureBytes('shared.xlsx'), 'shared.xlsx').book.sheets[0]!;
    expect(value(g, 'C3')).toBeNull();
    expect(formulaAt(g, 2, 2)).toBe('=NOW()');
  });
});

describe('readBook on bad bytes gives a typed cause, never an exception', () => {
  it.each([
    ['corrupt.xlsx', 'corrupt.xlsx', 'corrupt'],
    ['truncated.xlsx', 'truncated.xlsx', 'corrupt'],
    ['gbk.csv', 'gbk.xlsx', 'corrupt'],
  ] as const)('%s read as %s → %s', async (fixture, name, cause) => {
    expect(await readBook(fixtureBytes(fixture), name)).toEqual({ problem: expect.objectContaining({ cause }) });
  });

  it('takes a broken OLE container (an old .xls header and nothing else) as corrupt, not as text', async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect(await readBook(ole, 'old.xlsx')).toEqual({ problem: expect.objectContaining({ cause: 'corrupt' }) });
  });
});

describe('excelSerial', () => {
  it.each([
    [Date.UTC(1900, 0, 1), 2], // Excel counts a fictitious 1900-02-29, so this is 2 in the 1899-12-30 system
    [Date.UTC(2026, 9, 1), 46296],
    [Date.UTC(2026, 9, 1, 12), 46296.5],
  ])('%s → %s', (ms, serial) => {
    expect(excelSerial(new Date(ms))).toBe(serial);
  });
});
