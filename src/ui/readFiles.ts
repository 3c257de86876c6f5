/**
 * Browser-mode input: the files the user opened or dropped, read on this computer (nothing is sent
 * anywhere). The cell conversions are the command line's own — src/io/readXlsx.ts and readCsv.ts
 * import nothing from Node, so both doors share them; exceljs is loaded only when an .xlsx is opened.
 */
import { loadRoster, type Roster } from '../core/check/roster.js';
import { encodingFinding, finding, type Finding } from '../core/findings/codes.js';
import type { SheetGrid, WorkbookGrids } from '../core/grid.js';
import { foldText } from '../core/text/normalize.js';
import { kindOf, type InputFile } from './files.js';

export interface ReadResult {
  books: WorkbookGrids[];
  /** file_unreadable and encoding_detected findings, as the command line makes them. */
  findings: Finding[];
}

async function readOne(file: InputFile): Promise<{ book: WorkbookGrids; encoding: string | null }> {
  const kind = kindOf(file.name);
  if (kind === 'legacy') throw new Error('旧版 .xls/.et 格式不支持，请另存为 .xlsx（old binary format）');
  if (kind === 'other') throw new Error('不支持的文件类型，请使用 .xlsx、.csv 或 .txt（unsupported file type）');
  const bytes = await file.bytes();
  if (kind === 'xlsx') {
    const { readXlsx } = await import('../io/readXlsx.js');
    return { book: await readXlsx(bytes, file.name), encoding: null };
  }
  const { readCsv } = await import('../io/readCsv.js');
  const { book, encoding } = readCsv(bytes, file.name);
  return { book, encoding };
}

/** Reads every file; a file that cannot be read becomes a finding, never an exception. */
export async function readFiles(files: readonly InputFile[], onProgress?: (done: number, total: number) => void): Promise<ReadResult> {
  const books: WorkbookGrids[] = [];
  const findings: Finding[] = [];
  let done = 0;
  for (const f of files) {
    try {
      const { book, encoding } = await readOne(f);
      books.push(book);
      const e = encodingFinding(f.name, encoding);
      if (e) findings.push(e);
    } catch (e) {
      findings.push(finding('file_unreadable', { reason: e instanceof Error ? e.message : String(e) }, { file: f.name }));
    }
    onProgress?.(++done, files.length);
  }
  return { books, findings };
}

/** The roster: a CSV, or an xlsx whose sheet 名册 (else the first) lists 社区名称 and 所属街道. */
export async function readRosterFile(file: InputFile): Promise<{ roster: Roster | null; findings: Finding[] }> {
  let grid: SheetGrid | undefined;
  try {
    const { book } = await readOne(file);
    grid = book.sheets.find((s) => foldText(s.name) === '名册') ?? book.sheets[0];
  } catch (e) {
    return { roster: null, findings: [finding('file_unreadable', { reason: e instanceof Error ? e.message : String(e) }, { file: file.name })] };
  }
  if (!grid) return { roster: null, findings: [finding('roster_missing_column', { column: '社区名称' }, { file: file.name })] };
  return loadRoster(grid, file.name);
}
