import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { a1, type WorkbookGrids } from '../../src/core/grid.js';
import { readXlsx } from '../../src/io/readXlsx.js';
import { readXlsx as readWithExcelJs } from '../helpers/exceljsReader.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DIRS = ['examples/2026-08', 'examples/2026-09', 'examples/2026-10', 'test/fixtures/node', 'test/fixtures/io'];
const FILES = DIRS.flatMap((d) =>
  readdirSync(path.join(ROOT, d))
    .filter((n) => /\.xlsx$/.test(n) && !['corrupt.xlsx', 'truncated.xlsx', 'encrypted.xlsx', 'bomb.xlsx', 'xfd.xlsx', 'label.xlsx', 'x-prefix.xlsx'].includes(n))
    .map((n) => `${d}/${n}`),
);

/** Every cell by sheet and address: value, number format, formula; plus merges. */
function cells(book: WorkbookGrids): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const s of book.sheets) {
    s.values.forEach((row, r) =>
      row.forEach((v, c) => {
        const f = s.formulas?.[r]?.[c] ?? null;
        if (v !== null || f !== null) out[`${s.name}!${a1(s, r, c)}`] = [v, s.numberFormats?.[r]?.[c] ?? null, f];
      }),
    );
    out[`${s.name}!merges`] = s.merges ?? [];
  }
  return out;
}

// The previous reader (exceljs, kept in test/helpers) is the reference: the new one must give the same
// grids for every real workbook in the repository (LibreOffice-, exceljs- and our own writer's files).
describe('readXlsx gives the same grids as the exceljs-based reader it replaced', () => {
  it('has files to compare', () => expect(FILES.length).toBeGreaterThan(25));
  it.each(FILES)('%s', async (file) => {
    const bytes = new Uint8Array(readFileSync(path.join(ROOT, file)));
    const want = await readWithExcelJs(bytes, file);
    const got = readXlsx(bytes, file).book;
    expect(got.sheets.map((s) => s.name)).toEqual(want.sheets.map((s) => s.name));
    expect(cells(got)).toEqual(cells(want));
  });
});

it('the x:-prefixed fixture is one the exceljs reader failed on (the bug it reproduces)', async () => {
  const bytes = new Uint8Array(readFileSync(path.join(ROOT, 'test/fixtures/io/x-prefix.xlsx')));
  await expect(readWithExcelJs(bytes, 'x-prefix.xlsx')).rejects.toThrow();
  expect(readXlsx(bytes, 'x-prefix.xlsx').book.sheets.map((s) => s.name)).toEqual(['月报', '备用']);
});
