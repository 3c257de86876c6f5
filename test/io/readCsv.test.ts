import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { CellValue } from '../../src/core/grid.js';
import { readCsv } from '../../src/io/readCsv.js';
import { fixtureBytes } from '../node/fixtures.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('readCsv on files Chinese Windows Excel writes', () => {
  it('reads a GBK "CSV (逗号分隔)" sheet-form return, quoted commas and newlines intact', () => {
    const { book, encoding } = readCsv(fixtureBytes('gbk.csv'), 'returns/gbk.csv');
    expect(encoding).toBe('gb18030');
    expect(book.file).toBe('returns/gbk.csv');
    const g = book.sheets[0]!;
    expect(g.name).toBe('gbk');
    expect(g.values[0]![0]).toBe('2026年10月社区创卫工作月报表');
    expect(g.values[1]).toEqual(['社区名称', '和平社区', null, '所属街道', '东城街道', null]);
    expect(g.values[4]![3]).toBe('4,950');
    expect(g.values[5]![3]).toBe('500余');
    expect(g.values[5]![5]).toBe('灭鼠周\n集中投放');
    expect(g.values[7]).toEqual([null, null, null, null, null, null]);
    expect(g.values.at(-1)![0]).toBe('注：本表于每月5日前报送。');
    expect(g.values).toHaveLength(9);
  });

  it('reads a UTF-8-with-BOM table-form CSV; the BOM does not stick to the first header', () => {
    const { book, encoding } = readCsv(fixtureBytes('bom.csv'), 'bom.csv');
    expect(encoding).toBe('utf-8-bom');
    const g = book.sheets[0]!;
    expect(g.values[0]![0]).toBe('社区名称');
    expect(g.values[0]![3]).toBe('投放鼠药(公斤)');
    expect(g.values[2]).toEqual(['翠苑社区', '西湖街道', '2026-10', null, '0.879']);
    expect(g.values[3]![3]).toBe('0.25吨');
  });

  it('reads a "Unicode 文本" file: UTF-16LE, tab-separated', () => {
    const { book, encoding } = readCsv(fixtureBytes('utf16.txt'), 'utf16.txt');
    expect(encoding).toBe('utf-16le');
    expect(book.sheets[0]!.values).toEqual([
      ['社区名称', '所属街道', '报告期', '清运垃圾(吨)'],
      ['新华社区', '东城街道', '2026年10月', '１２.５'],
      ['朝阳社区', '东城街道', '2026.10', '3—4'],
    ]);
  });
});

describe('readCsv delimiters and shapes', () => {
  it.each([
    ['comma', 'a,b,c\n1,2,3\n'],
    ['tab', 'a\tb\tc\n1\t2\t3\n'],
    ['semicolon', 'a;b;c\n1;2;3\n'],
    ['bar', 'a|b|c\n1|2|3\n'],
    ['CRLF', 'a,b,c\r\n1,2,3\r\n\r\n'],
  ])('%s', (_name, text) => {
    expect(readCsv(utf8(text), 'x.csv').book.sheets[0]!.values).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
  });

  it('keeps ragged rows and blank rows in the middle', () => {
    const g = readCsv(utf8('标题\n\na,b,c\n1,2\n'), '月报.2026.csv').book.sheets[0]!;
    expect(g.name).toBe('月报.2026');
    expect(g.values).toEqual([['标题'], [null], ['a', 'b', 'c'], ['1', '2']]);
  });

  it('does not throw on an unterminated quote or an empty file', () => {
    expect(readCsv(utf8('a,"b\n1,2'), 'x.csv').book.sheets[0]!.values[0]![0]).toBe('a');
    expect(readCsv(new Uint8Array(0), 'empty.csv').book.sheets[0]!.values).toEqual([]);
  });
});

describe('readCsv row by row', () => {
  // readCsv takes papaparse's rows one by one (`step`) to share repeated texts: the grid must be exactly what
  // one whole parse gives, whatever the text — quotes, delimiters to guess, line endings, ragged and blank rows.
  const whole = (text: string): CellValue[][] => {
    const rows: CellValue[][] = Papa.parse<string[]>(text, { delimitersToGuess: [',', '\t', ';', '|'], skipEmptyLines: false }).data;
    const out = rows.map((r) => r.map((v) => (v === '' ? null : v)));
    while (out.length > 0 && out[out.length - 1]!.every((v) => v === null)) out.pop();
    return out;
  };
  const piece = fc.constantFrom('a', '1', '12', '4,950', '"', '""', '"x,y"', '"多\n行"', ',', ';', '\t', '|', '\n', '\r\n', '\r', ' ', '社区', '500余', '');
  it('gives the rows of one whole papaparse parse', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (parts) => {
        const text = parts.join('');
        expect(readCsv(utf8(text), 'x.csv').book.sheets[0]!.values).toEqual(whole(text));
      }),
      { numRuns: 3000 },
    );
  });
});
