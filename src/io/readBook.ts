import type { Finding, UnreadableCause } from '../core/findings/codes.js';
import type { WorkbookGrids } from '../core/grid.js';
import { fileKind, isOle, isZip } from './fileKind.js';
import { GridBuilder, type BookContext } from './gridBuilder.js';
import { LIMITS, mb, type ReadLimits } from './limits.js';
import { ReadFailure } from './readFailure.js';
import type { TextEncoding } from './decodeText.js';

/** Why a file gave no workbook: a typed cause (worded by the findings table) and an optional short detail. */
export interface ReadProblem {
  cause: UnreadableCause;
  detail?: string | undefined;
}

export type BookRead =
  | {
      book: WorkbookGrids;
      /** Findings made while reading (`cell_text_truncated`). */
      findings: Finding[];
      /** The text encoding, for a CSV/TXT file; null for a workbook. */
      encoding: TextEncoding | null;
    }
  | { problem: ReadProblem };

const ODS_MIME = 'application/vnd.oasis.opendocument.spreadsheet';

/**
 * The one way every door turns a file's bytes into grids: .xlsx/.xlsm by our own zip + XML reader
 * (fast, bounded), .xls/.et/.ods (and HTML/XML "xls") by SheetJS, loaded only when such a file comes,
 * .csv/.txt by the CSV reader. Never throws: a file that cannot be read gives a typed problem.
 */
export interface ReadBookOptions {
  /** Tighter or looser limits than {@link LIMITS} (tests use small ones). */
  limits?: ReadLimits;
  /**
   * The name whose extension tells the kind, when `path` (the file's identity in findings) carries more:
   * the page names the second of two same-named files `阳光社区.xlsx (2)`.
   */
  kindName?: string;
}

export async function readBook(bytes: Uint8Array, path: string, opts: ReadBookOptions = {}): Promise<BookRead> {
  const limits = opts.limits ?? LIMITS;
  try {
    if (bytes.length > limits.fileBytes) throw new ReadFailure('too_large', `${mb(bytes.length)} > ${mb(limits.fileBytes)}`);
    const kindName = opts.kindName ?? path;
    const kind = fileKind(kindName, bytes);
    if (kind === 'other') throw new ReadFailure('unsupported_format', extOf(kindName));
    if (kind === 'text') return await readText(bytes, path, limits);
    if (bytes.length === 0) throw new ReadFailure('empty_file');
    if (isZip(bytes)) return await readZip(bytes, path, limits);
    if (isOle(bytes)) {
      const { isEncryptedOle } = await import('./readSheetJs.js');
      if (await isEncryptedOle(bytes)) throw new ReadFailure('encrypted');
      return await viaSheetJs(bytes, path, limits);
    }
    // Not a container: an "xls" that is really HTML or SpreadsheetML 2003 (what some systems export), or a
    // bare BIFF stream, is read; anything else is not a workbook (SheetJS would take it as text).
    if (kind === 'xls' && (looksLikeMarkup(bytes) || looksLikeBiff(bytes))) return await viaSheetJs(bytes, path, limits);
    throw new ReadFailure('corrupt', 'not a zip');
  } catch (e) {
    if (e instanceof ReadFailure) return { problem: e.detail === undefined ? { cause: e.reason } : { cause: e.reason, detail: e.detail } };
    return { problem: { cause: 'corrupt' } };
  }
}

/**
 * The zip and xlsx readers, loaded with the first workbook, not by every command; kept, since a dynamic
 * import of a module already loaded still costs a trip through the module loader (5–10% of reading
 * 2,400 small returns).
 */
let zipReaders: Promise<[typeof import('./zip.js'), typeof import('./readXlsx.js')]> | null = null;

async function readZip(bytes: Uint8Array, path: string, limits: ReadLimits): Promise<BookRead> {
  const [{ ZipArchive }, { readXlsx }] = await (zipReaders ??= Promise.all([import('./zip.js'), import('./readXlsx.js')]));
  const zip = new ZipArchive(bytes, limits.inflatedBytes);
  if (zip.find('mimetype')) {
    if (zip.text('mimetype')?.trim() !== ODS_MIME) throw new ReadFailure('unsupported_format', 'OpenDocument');
    // SheetJS inflates content.xml on its own; inflating it once here under the budget stops a bomb
    // first, and counting the cells it would make stops a few KB that repeat one cell a billion times.
    const content = zip.text('content.xml');
    if (content === null) throw new ReadFailure('corrupt', 'no content.xml');
    const { odsCellCount } = await import('./odsCells.js');
    if (odsCellCount(content, limits.cells) > limits.cells) throw new ReadFailure('too_many_cells', `> ${limits.cells}`);
    return viaSheetJs(bytes, path, limits);
  }
  if (!zip.find('[Content_Types].xml')) throw new ReadFailure('corrupt', 'no [Content_Types].xml');
  if (!zip.find('xl/workbook.xml') && !/spreadsheetml|ms-excel/i.test(zip.text('[Content_Types].xml') ?? '')) {
    throw new ReadFailure('unsupported_format', 'not a workbook');
  }
  const { book, findings } = readXlsx(bytes, path, limits, zip);
  return done(book, findings, null);
}

async function viaSheetJs(bytes: Uint8Array, path: string, limits: ReadLimits): Promise<BookRead> {
  const { readWithSheetJs } = await import('./readSheetJs.js');
  const { book, ctx } = await readWithSheetJs(bytes, path, limits);
  return done(book, ctx.findings, null);
}

async function readText(bytes: Uint8Array, path: string, limits: ReadLimits): Promise<BookRead> {
  const { readCsv } = await import('./readCsv.js'); // the CSV reader: loaded when a text file comes
  const { book, encoding } = readCsv(bytes, path);
  const ctx: BookContext = { file: path, limits, cells: 0, findings: [] };
  // Same limits as a workbook: over-long text is cut with a finding, and too many cells is a problem.
  // (Plain loops: a city-year's CSV is 835,000 cells, and a callback per cell cost more than the test. A
  // hole is skipped, as forEach skips it; the CSV reader's rows have none.)
  for (const sheet of book.sheets) {
    const cells = new GridBuilder(sheet.name, ctx);
    const rows = sheet.values;
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r]!;
      for (let c = 0; c < row.length; c++) {
        const v = row[c];
        if (v === null || (v === undefined && !(c in row))) continue;
        if (++ctx.cells > limits.textCells) throw new ReadFailure('too_many_cells', `> ${limits.textCells}`);
        if (typeof v === 'string' && v.length > limits.cellText) row[c] = cells.text(v, r, c);
      }
    }
  }
  return { book, findings: ctx.findings, encoding };
}

function done(book: WorkbookGrids, findings: Finding[], encoding: TextEncoding | null): BookRead {
  if (book.sheets.length === 0) return { problem: { cause: 'no_sheets' } };
  return { book, findings, encoding };
}

function looksLikeMarkup(b: Uint8Array): boolean {
  let i = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  while (i < b.length && i < 1024 && (b[i] === 0x20 || b[i] === 0x09 || b[i] === 0x0a || b[i] === 0x0d)) i++;
  return b[i] === 0x3c; // <
}

/** A BIFF2–5 worksheet stream starts with a BOF record (0x0009, 0x0209, 0x0409 or 0x0809). */
function looksLikeBiff(b: Uint8Array): boolean {
  return b[1] === 0 || b[1] === 2 || b[1] === 4 || b[1] === 8 ? b[0] === 0x09 : false;
}

function extOf(path: string): string {
  return /\.[^./\\]+$/.exec(path.toLowerCase())?.[0] ?? '';
}
