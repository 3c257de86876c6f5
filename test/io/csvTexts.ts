import fc from 'fast-check';
import type { Newline } from '../../src/io/scanCsv.js';

export const DELIMITERS = [',', '\t', ';', '|'] as const;
export const NEWLINES: Newline[] = ['\n', '\r\n', '\r'];

/**
 * Well-formed delimited texts as a spreadsheet program writes them: a field is quoted (quotes doubled) when it
 * holds the delimiter, a quote or a line break, and sometimes when not; ragged rows, blank rows, CJK and
 * ideographic spaces, and 0–2 line endings at the end.
 */
export const wellFormedCsv = fc
  .record({
    delimiter: fc.constantFrom(...DELIMITERS),
    newline: fc.constantFrom(...NEWLINES),
    rows: fc.array(
      fc.array(
        fc.record({
          text: fc
            .array(fc.constantFrom('a', '7', '4,950', '社区', '"', ',', ';', '\t', '|', '\r', '\n', '\r\n', ' ', '\u3000'), { maxLength: 5 })
            .map((p) => p.join('')),
          quoted: fc.boolean(),
        }),
        { minLength: 1, maxLength: 6 },
      ),
      { maxLength: 12 },
    ),
    trailing: fc.constantFrom(0, 1, 2),
  })
  .map(({ delimiter, newline, rows, trailing }) => {
    const mustQuote = (t: string) => t.includes(delimiter) || t.includes('"') || t.includes('\r') || t.includes('\n');
    const field = ({ text, quoted }: { text: string; quoted: boolean }) => (quoted || mustQuote(text) ? `"${text.replaceAll('"', '""')}"` : text);
    const text = rows.map((r) => r.map(field).join(delimiter)).join(newline) + newline.repeat(rows.length > 0 ? trailing : 0);
    return { text, delimiter, newline };
  });

/** Pieces that, joined at random, make texts of every shape, malformed quoting included. */
export const csvPiece = fc.constantFrom('a', '1', '12', '4,950', '"', '""', '"x,y"', '"多\n行"', ',', ';', '\t', '|', '\n', '\r\n', '\r', ' ', '社区', '500余', '');
