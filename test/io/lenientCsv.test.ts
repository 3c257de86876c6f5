import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { lenientCsv } from '../../src/io/lenientCsv.js';
import type { Newline } from '../../src/io/scanCsv.js';
import { csvPiece, DELIMITERS, NEWLINES } from './csvTexts.js';

describe('lenientCsv', () => {
  const papaRows = (text: string, delimiter: string, newline: Newline, preview: number) =>
    Papa.parse<string[]>(text, { delimiter, newline, preview }).data;
  /** Texts that lean to malformed quoting: quotes and spaces around fields and line endings. */
  const malformedPiece = fc.oneof(csvPiece, fc.constantFrom('" ', ' "', '"a"b', '" ,', '"\u3000\n', '\t"', '"\r', ' \r\n'));

  it('gives papaparse’s rows, whatever the quoting', () => {
    fc.assert(
      fc.property(
        fc.array(malformedPiece, { maxLength: 40 }),
        fc.constantFrom(...DELIMITERS),
        fc.constantFrom(...NEWLINES),
        fc.constantFrom(10, 0),
        (parts, delimiter, newline, preview) => {
          const text = parts.join('');
          expect(lenientCsv(text, delimiter, newline, preview || Infinity)).toEqual(papaRows(text, delimiter, newline, preview));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it.each<[string, string, string[][]]>([
    ['a,"b\n1,2', ',', [['a', 'b\n1,2']]],
    ['a,"b""\n1', ',', [['a', 'b""\n1']]],
    ['"a"b,c\nd', ',', [['a"b,c\nd']]],
    ['"a"  ,b', ',', [['a', 'b']]],
    ['"a"\u3000\nb', ',', [['a'], ['b']]],
    ['"a" x",b', ',', [['a" x', 'b']]],
    ['"a"x', ',', [['a"x']]],
    ['x,"a""', ',', [['x', 'a""']]],
    ['"a"""', ',', [['a"']]],
    ['a"b,c', ',', [['a"b', 'c']]],
    ['', ',', []],
  ])('%j', (text, delimiter, expected) => {
    expect(lenientCsv(text, delimiter, '\n', Infinity)).toEqual(expected);
    expect(papaRows(text, delimiter, '\n', 0)).toEqual(expected);
  });
});
