import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { CellValue } from '../../src/core/grid.js';
import { decodeText } from '../../src/io/decodeText.js';
import { readCsv } from '../../src/io/readCsv.js';
import { csvPiece, wellFormedCsv } from './csvTexts.js';
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

describe('readCsv against papaparse', () => {
  // readCsv once was papaparse (`delimitersToGuess` below) with empty fields made null and trailing blank rows
  // dropped; it must still give exactly that grid, whatever the text — delimiters to guess, line endings,
  // quotes well or badly placed, ragged and blank rows, BOMs.
  const papaGrid = (bytes: Uint8Array): CellValue[][] => {
    const text = decodeText(bytes).text;
    const rows: CellValue[][] = Papa.parse<string[]>(text, { delimitersToGuess: [',', '\t', ';', '|'], skipEmptyLines: false }).data;
    const out = rows.map((r) => r.map((v) => (v === '' ? null : v)));
    while (out.length > 0 && out[out.length - 1]!.every((v) => v === null)) out.pop();
    return out;
  };
  const grid = (bytes: Uint8Array) => readCsv(bytes, 'x.csv').book.sheets[0]!.values;

  it('on texts pieced together at random', () => {
    fc.assert(
      fc.property(fc.constantFrom('', '\uFEFF'), fc.array(csvPiece, { maxLength: 60 }), (bom, parts) => {
        const bytes = utf8(bom + parts.join(''));
        expect(grid(bytes)).toEqual(papaGrid(bytes));
      }),
      { numRuns: 3000 },
    );
  });

  it('on well-formed texts', () => {
    fc.assert(
      fc.property(fc.constantFrom('', '\uFEFF'), wellFormedCsv, (bom, { text }) => {
        const bytes = utf8(bom + text);
        expect(grid(bytes)).toEqual(papaGrid(bytes));
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['an unterminated quote', 'a,"b\n1,2'],
    ['an unterminated quote at the end', 'a,b\n1,"'],
    ['a quote alone', '"'],
    ['text after a closing quote', '"a"b,c\nd,e'],
    ['a quote after a closing quote', '"a"x"b",c\nd,e'],
    ['spaces between a closing quote and the delimiter', '"a"  ,b\nc,d'],
    ['an ideographic space after a closing quote', '"a"\u3000,b\nc,d'],
    ['spaces between a closing quote and the line end', '"a"  \r\nb,c\r\nd,e'],
    ['spaces after a closing quote at the end', 'a,"b"  '],
    ['CRLF after a quote in a LF file', '"a"\r\nb,c\nd,e\nf,g\n'],
    ['a doubled quote before the end', 'x,"a""'],
    ['quotes that close then reopen', '"a"""b",c\n1,2'],
    ['only quotes', '""""\n""'],
    ['a stray quote inside an unquoted field', 'a"b,c\n1,2"'],
    ['semicolons with every field quoted', '"a";"b";"c"\n"1";"2";"3"\n'],
    ['tabs with quoted fields', '"a"\t"b,c"\n1\t"2\t3"\n'],
    ['bars with a newline inside quotes', 'a|"b\nc"|d\r\n1|2|3\r\n'],
    ['a quoted field closed by a different line ending', '"a"\rb\n"c"\nd\n'],
    ['no delimiter at all', '标题\n第二行\n\n'],
    ['two BOMs', '\uFEFF\uFEFFa,b\n1,2'],
  ])('%s', (_name, text) => {
    expect(grid(utf8(text))).toEqual(papaGrid(utf8(text)));
  });

  it('drops a BOM that the GB18030 decoder leaves in the text, as papaparse does', () => {
    const bytes = new Uint8Array([0x84, 0x31, 0x95, 0x33, 0x61, 0x2c, 0x62, 0x0a, 0xc9, 0xe7, 0x2c, 0x32]);
    expect(readCsv(bytes, 'x.csv').encoding).toBe('gb18030');
    expect(grid(bytes)).toEqual([['a', 'b'], ['社', '2']]);
    expect(grid(bytes)).toEqual(papaGrid(bytes));
  });
});
