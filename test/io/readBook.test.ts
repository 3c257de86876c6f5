import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { isDateFormat, isPercentFormat } from '../../src/core/value/excelFormat.js';
import { a1, type WorkbookGrids } from '../../src/core/grid.js';
import { fileKind } from '../../src/io/fileKind.js';
import { LIMITS } from '../../src/io/limits.js';
import { readBook, type BookRead } from '../../src/io/readBook.js';
import { ioFixture } from './fixtures.js';

function bookOf(r: BookRead): WorkbookGrids {
  if ('problem' in r) throw new Error(`unexpected problem ${JSON.stringify(r.problem)}`);
  return r.book;
}

/** Every cell that holds something, by sheet and A1 address: value, what its format means, formula text; plus merges. */
function cells(book: WorkbookGrids): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const s of book.sheets) {
    s.values.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v === null) return;
        const fmt = s.numberFormats?.[r]?.[c] ?? null;
        const meaning = typeof v === 'number' ? (isDateFormat(fmt) ? 'date' : isPercentFormat(fmt) ? 'percent' : 'number') : typeof v;
        out[`${s.name}!${a1(s, r, c)}`] = [v, meaning, s.formulas?.[r]?.[c] ?? null];
      }),
    );
    out[`${s.name}!merges`] = (s.merges ?? []).map((m) => `${a1(s, m.top, m.left)}:${a1(s, m.bottom, m.right)}`);
  }
  return out;
}

describe('the same workbook saved by LibreOffice as .xls, .ods, and as .et, reads like its xlsx original', () => {
  it.each([
    ['book.xls', 'book.xlsx'],
    ['book.et', 'book.xlsx'],
    ['book.ods', 'book.xlsx'],
    ['return.xls', 'return.xlsx'],
    ['return.et', 'return.xlsx'],
    ['return.ods', 'return.xlsx'],
    ['x-prefix.xlsx', 'book.xlsx'],
  ])('%s = %s (values, date/percent formats, formulas, merges, sheets)', async (copy, original) => {
    const want = bookOf(await readBook(ioFixture(original), original));
    const got = bookOf(await readBook(ioFixture(copy), copy));
    expect(got.sheets.map((s) => s.name)).toEqual(want.sheets.map((s) => s.name));
    expect(cells(got)).toEqual(cells(want));
  });

  it('the originals hold what the comparison relies on (a merged title, a date, formulas, an error, a hidden sheet)', async () => {
    const c = cells(bookOf(await readBook(ioFixture('book.xlsx'), 'book.xlsx')));
    expect(c['月报!merges']).toEqual(['A1:F1']);
    expect(c['月报!E2']).toEqual([46326, 'date', null]);
    expect(c['月报!D7']).toEqual([90, 'number', '=D6/D5*100']);
    expect(c['月报!D8']).toEqual(['#DIV/0!', 'string', '=D6/E8']);
    expect(c['备用!C1']).toEqual(['隐藏表', 'string', null]);
  });
});

describe('files that are not workbooks we can read get a typed cause, never "corrupt" for a password', () => {
  const docx = zipSync({ '[Content_Types].xml': strToU8('<Types><Override ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'), 'word/document.xml': strToU8('<w:document/>') });
  const odt = zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.text'), 'content.xml': strToU8('<office:document-content/>') });
  it.each([
    ['encrypted.xlsx', ioFixture('encrypted.xlsx'), 'encrypted'],
    ['encrypted-copy.xls', ioFixture('encrypted.xlsx'), 'encrypted'],
    ['word-file.xlsx', docx, 'unsupported_format'],
    ['writer-file.ods', odt, 'unsupported_format'],
    ['说明.pdf', strToU8('%PDF-1.7'), 'unsupported_format'],
    ['empty.xlsx', new Uint8Array(0), 'empty_file'],
    ['plain-text.xls', strToU8('hello, world'), 'corrupt'],
  ] as const)('%s → %s', async (name, bytes, cause) => {
    expect(await readBook(bytes, name)).toEqual({ problem: expect.objectContaining({ cause }) });
  });

  it('a file over the size limit is too_large before anything is parsed', async () => {
    expect(await readBook(ioFixture('book.xlsx'), 'book.xlsx', { limits: { ...LIMITS, fileBytes: 1000 } })).toEqual({ problem: expect.objectContaining({ cause: 'too_large' }) });
  });

  it('a workbook over the cell limit is too_many_cells', async () => {
    expect(await readBook(ioFixture('return.xlsx'), 'return.xlsx', { limits: { ...LIMITS, cells: 10 } })).toEqual({ problem: expect.objectContaining({ cause: 'too_many_cells' }) });
  });

  it('a CSV has its own cell limit: more cells than a workbook may hold are read (its bytes bound it), past textCells it is too_many_cells', async () => {
    // 4 rows × 3 columns = 12 cells (the header included).
    const csv = new TextEncoder().encode('社区名称,宣传次数,发放份数\n阳光社区,2,910\n和平社区,3,1180\n建设村,1,840\n');
    const read = await readBook(csv, 'big.csv', { limits: { ...LIMITS, cells: 5, textCells: 12 } });
    expect(bookOf(read).sheets[0]!.values).toHaveLength(4);
    expect(await readBook(csv, 'big.csv', { limits: { ...LIMITS, cells: 5, textCells: 11 } })).toEqual({ problem: { cause: 'too_many_cells', detail: '> 11' } });
  });
});

describe('bounded cost on hostile files (finishes and reports)', () => {
  it('a zip bomb (256 MB of XML in a 260 KB file) is refused by its declared size, before inflating: expands_too_large', async () => {
    expect(await readBook(ioFixture('bomb.xlsx'), 'bomb.xlsx')).toEqual({ problem: expect.objectContaining({ cause: 'expands_too_large' }) });
  });

  it('a zip bomb whose header lies about its size is stopped while inflating, at the budget', async () => {
    const bytes = ioFixture('bomb.xlsx').slice();
    const view = new DataView(bytes.buffer);
    const name = new TextEncoder().encode('xl/worksheets/sheet1.xml');
    let patched = 0;
    for (let p = 0; p + 46 < bytes.length; p++) {
      if (view.getUint32(p, true) !== 0x02014b50 || view.getUint16(p + 28, true) !== name.length) continue;
      if (!name.every((b, i) => bytes[p + 46 + i] === b)) continue;
      view.setUint32(p + 24, 1000, true); // declared: 1,000 bytes
      patched++;
    }
    expect(patched).toBe(1);
    const limits = { ...LIMITS, inflatedBytes: 20 * 1024 * 1024 };
    expect(await readBook(bytes, 'liar.xlsx', { limits })).toEqual({ problem: expect.objectContaining({ cause: 'expands_too_large' }) });
  });

  it('one cell at XFD1048576 reads, with every other cell where it was', async () => {
    const g = bookOf(await readBook(ioFixture('xfd.xlsx'), 'xfd.xlsx')).sheets[0]!;
    expect(g.values).toHaveLength(1_048_576);
    expect(g.values[1_048_575]![16_383]).toBe(1);
    expect(g.values[2]).toEqual(['发放宣传资料', 4950]);
    expect(g.values[1000]).toEqual([]);
  });

  it('a 1,000,000-character label is cut at Excel’s 32,767 with a cell_text_truncated finding at its cell', async () => {
    const r = await readBook(ioFixture('label.xlsx'), 'label.xlsx');
    if ('problem' in r) throw new Error('problem');
    expect(String(r.book.sheets[0]!.values[2]![0])).toHaveLength(32_767);
    expect(r.findings).toEqual([
      { code: 'cell_text_truncated', severity: 'warning', file: 'label.xlsx', sheet: '月报', cell: 'A3', args: { length: 1_000_000, kept: 32_767 } },
    ]);
  });

  it('the same limit applies to a CSV field', async () => {
    const r = await readBook(strToU8(`社区名称,备注\n阳光社区,${'长'.repeat(40_000)}\n`), 'a.csv');
    if ('problem' in r) throw new Error('problem');
    expect(String(r.book.sheets[0]!.values[1]![1])).toHaveLength(32_767);
    expect(r.findings.map((f) => [f.code, f.cell])).toEqual([['cell_text_truncated', 'B2']]);
  });
});

describe('own-output marker and file kinds', () => {
  const withMarker = (name: string) => {
    const parts = unzipSync(ioFixture('book.xlsx'));
    parts['docProps/custom.xml'] = strToU8(
      `<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="${name}"><vt:lpwstr>1</vt:lpwstr></property></Properties>`,
    );
    return zipSync(parts);
  };

  it.each([
    ['CommunityReturnsOutput', true],
    ['SomethingElse', undefined],
  ])('docProps/custom.xml property %s → ownOutput %s', async (name, own) => {
    expect(bookOf(await readBook(withMarker(name), 'summary.xlsx')).ownOutput).toBe(own);
  });

  it.each([
    ['a.xlsx', undefined, 'xlsx'],
    ['a.XLSM', undefined, 'xlsx'],
    ['a.et', undefined, 'xls'],
    ['a.ods', undefined, 'ods'],
    ['a.TXT', undefined, 'text'],
    ['a.docx', undefined, 'other'],
    ['old.xlsx', ioFixture('book.xls'), 'xls'],
    ['new.xls', ioFixture('book.xlsx'), 'xlsx'],
    ['a.csv', ioFixture('book.xlsx'), 'xlsx'],
  ] as const)('fileKind(%s) → %s', (name, bytes, kind) => {
    expect(fileKind(name, bytes)).toBe(kind);
  });
});
