import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import { cellAt } from '../../src/core/grid.js';
import { LIMITS } from '../../src/io/limits.js';
import { odsCellCount } from '../../src/io/odsCells.js';
import { readBook } from '../../src/io/readBook.js';
import { ioFixture } from './fixtures.js';

/**
 * book.ods as LibreOffice saved it, with one row added at the end of its first sheet: a number cell
 * repeated `cols` times across and the row `rows` times down — how OpenDocument stores a run of equal
 * cells. Everything else (styles, manifest, the other parts) is LibreOffice's own.
 */
function repeated(rows: number, cols: number): Uint8Array {
  const parts = unzipSync(ioFixture('book.ods'));
  const content = strFromU8(parts['content.xml']!);
  const row =
    `<table:table-row table:style-name="ro2" table:number-rows-repeated="${rows}">` +
    `<table:table-cell table:number-columns-repeated="${cols}" office:value-type="float" office:value="7" calcext:value-type="float"><text:p>7</text:p></table:table-cell>` +
    `</table:table-row>`;
  const end = content.indexOf('</table:table>');
  expect(end).toBeGreaterThan(0);
  const zippable: Zippable = { mimetype: [parts['mimetype']!, { level: 0 }] };
  for (const [name, data] of Object.entries(parts)) if (name !== 'mimetype') zippable[name] = data;
  zippable['content.xml'] = strToU8(content.slice(0, end) + row + content.slice(end));
  return zipSync(zippable);
}

describe('.ods: cost follows the cells written, not the cells a repeat declares', () => {
  it('a small repeat is what LibreOffice means by it: SheetJS reads each copy (the crafted row is valid ODS)', async () => {
    const r = await readBook(repeated(3, 4), 'small.ods');
    if ('problem' in r) throw new Error(r.problem.cause);
    const sheet = r.book.sheets[0]!;
    expect(sheet.values).toHaveLength(13); // book.ods's 10 rows, then 3 copies of the row
    for (let row = 10; row < 13; row++) expect(sheet.values[row]).toEqual([7, 7, 7, 7]);
    expect(cellAt(sheet, 4, 3)).toBe(200); // LibreOffice's own cells are still there
  });

  it('counts the cells SheetJS would make: each repeated cell times its row repeat, empty elements once', () => {
    const count = (rows: number, cols: number) => odsCellCount(strFromU8(unzipSync(repeated(rows, cols))['content.xml']!), Infinity);
    const base = odsCellCount(strFromU8(unzipSync(ioFixture('book.ods'))['content.xml']!), Infinity);
    expect(base).toBeLessThan(200); // LibreOffice's own empty runs (16,378 columns) cost nothing
    expect(count(3, 4) - base).toBe(12);
    expect(count(1000, 1000) - base).toBe(1_000_000);
  });

  it('reads attributes as SheetJS does: a row repeat of 1e9 is a billion rows, a column repeat of "2x" is 2', () => {
    const xml = (rows: string, cols: string) =>
      `<t:table-row t:number-rows-repeated='${rows}'><t:table-cell t:number-columns-repeated="${cols}"><p>x</p></t:table-cell></t:table-row>`;
    expect(odsCellCount(xml('1e9', '1'), Infinity)).toBe(1e9);
    expect(odsCellCount(xml('3', '2x'), Infinity)).toBe(6);
    expect(odsCellCount(xml('1e400', '1'), 10)).toBe(Infinity);
    expect(odsCellCount(xml('-4', 'junk'), Infinity)).toBe(0);
  });

  it('a 1,024 × 1,048,000 repeat in a file of a few KB is refused as too many cells before SheetJS sees it', async () => {
    const bytes = repeated(1_048_000, 1024);
    expect(bytes.length).toBeLessThan(20_000);
    const content = strFromU8(unzipSync(bytes)['content.xml']!);
    // The count stops as soon as it passes the limit; it does not walk the declared range.
    expect(odsCellCount(content, LIMITS.cells)).toBeGreaterThan(LIMITS.cells);
    expect(await readBook(bytes, 'huge.ods')).toEqual({ problem: { cause: 'too_many_cells', detail: `> ${LIMITS.cells}` } });
  });

  it('the limit is the same as for any workbook: just under it reads, just over it is refused', async () => {
    const base = odsCellCount(strFromU8(unzipSync(ioFixture('book.ods'))['content.xml']!), Infinity);
    const limits = { ...LIMITS, cells: base + 100 };
    expect('book' in (await readBook(repeated(10, 10), 'at.ods', { limits }))).toBe(true);
    expect(await readBook(repeated(11, 10), 'over.ods', { limits })).toEqual({ problem: { cause: 'too_many_cells', detail: `> ${base + 100}` } });
  });
});
