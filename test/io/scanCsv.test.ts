import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { guessNewline, scanCsv, type Newline } from '../../src/io/scanCsv.js';
import { TextPool } from '../../src/io/textPool.js';
import { csvPiece, DELIMITERS, NEWLINES, wellFormedCsv } from './csvTexts.js';

/** papaparse's rows for a known delimiter and line ending, empty fields as null (what scanCsv gives). */
const papaRows = (text: string, delimiter: string, newline: Newline, preview = 0) =>
  Papa.parse<string[]>(text, { delimiter, newline, preview }).data.map((r) => r.map((v) => (v === '' ? null : v)));

describe('scanCsv', () => {
  it('reads well-formed text without papaparse, to the same rows', () => {
    fc.assert(
      fc.property(wellFormedCsv, ({ text, delimiter, newline }) => {
        const rows = scanCsv(text, delimiter.charCodeAt(0), newline, Infinity, new TextPool(0));
        expect(rows).not.toBeNull();
        expect(rows).toEqual(papaRows(text, delimiter, newline));
      }),
      { numRuns: 2000 },
    );
  });

  it('gives the same rows through a text pool, however small', () => {
    fc.assert(
      fc.property(wellFormedCsv, fc.integer({ min: 0, max: 40 }), ({ text, delimiter, newline }, max) => {
        expect(scanCsv(text, delimiter.charCodeAt(0), newline, Infinity, new TextPool(max))).toEqual(
          scanCsv(text, delimiter.charCodeAt(0), newline, Infinity, new TextPool(0)),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('on any text, gives papaparse’s rows or says it cannot (null)', () => {
    fc.assert(
      fc.property(fc.array(csvPiece, { maxLength: 40 }), fc.constantFrom(...DELIMITERS), fc.constantFrom(...NEWLINES), fc.constantFrom(10, Infinity), (parts, delimiter, newline, maxRows) => {
        const text = parts.join('');
        const rows = scanCsv(text, delimiter.charCodeAt(0), newline, maxRows, new TextPool(0));
        if (rows !== null) expect(rows).toEqual(papaRows(text, delimiter, newline, maxRows === 10 ? 10 : 0));
      }),
      { numRuns: 3000 },
    );
  });

  it.each<[string, string, Newline, (string | null)[][] | null]>([
    ['a,b\n1,2', ',', '\n', [['a', 'b'], ['1', '2']]],
    ['a,b\n', ',', '\n', [['a', 'b'], [null]]],
    ['', ',', '\n', []],
    [',', ',', '\n', [[null, null]]],
    ['"4,950",500余', ',', '\n', [['4,950', '500余']]],
    ['"he said ""hi""",x', ',', '\n', [['he said "hi"', 'x']]],
    ['"多\r\n行"\r\nb', ',', '\r\n', [['多\r\n行'], ['b']]],
    ['a"b,c"d', ',', '\n', [['a"b', 'c"d']]],
    ['a\rb\r\nc', ',', '\r\n', [['a\rb'], ['c']]],
    ['a;"b;c";""', ';', '\n', [['a', 'b;c', null]]],
    ['"x"', ',', '\n', [['x']]],
    ['"x', ',', '\n', null],
    ['"x"y,z', ',', '\n', null],
    ['"x" ,z', ',', '\n', null],
    ['"x"\r\n', ',', '\n', null],
    ['"x""', ',', '\n', null],
  ])('%j (%j, %j)', (text, delimiter, newline, expected) => {
    expect(scanCsv(text, delimiter.charCodeAt(0), newline, Infinity, new TextPool(0))).toEqual(expected);
  });

  it('stops after maxRows rows, as papaparse’s preview', () => {
    expect(scanCsv('a\nb\nc\nd', 44, '\n', 2, new TextPool(0))).toEqual([['a'], ['b']]);
    expect(scanCsv('a\nb\n', 44, '\n', 2, new TextPool(0))).toEqual([['a'], ['b']]);
  });
});

describe('guessNewline', () => {
  const papaNewline = (text: string) => Papa.parse(text, { delimiter: ',', preview: 1 }).meta.linebreak;
  const piece = fc.constantFrom('a', '社', ',', '"', '""', '\n', '\r', '\r\n', '\n\r', '"\r\n"', '"\n"');
  it('is papaparse’s guess', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        expect(guessNewline(text)).toBe(papaNewline(text));
      }),
      { numRuns: 3000 },
    );
  });

  it.each<[string, Newline]>([
    ['a,b\r\nc,d\r\n', '\r\n'],
    ['a\rb\rc', '\r'],
    ['a\nb\r\nc', '\n'],
    ['a\r\nb\rc\rd', '\r'],
    ['"x\ny"\r\nb', '\r\n'],
    ['\r"x"\n', '\r\n'],
    ['a"\r\nb', '\r\n'],
  ])('%j → %j', (text, expected) => {
    expect(guessNewline(text)).toBe(expected);
    expect(papaNewline(text)).toBe(expected);
  });

  it('looks at the first 1,048,576 characters only', () => {
    const text = 'a'.repeat(1 << 20) + '\r\nb\r\n';
    expect(guessNewline(text)).toBe('\n');
    expect(papaNewline(text)).toBe('\n');
    const closedFarAway = 'a\r"' + 'x'.repeat(1 << 20) + '"\nb';
    expect(guessNewline(closedFarAway)).toBe(papaNewline(closedFarAway));
  });
});
