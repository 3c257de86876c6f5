/**
 * Browser-mode input: the files the user opened or dropped, read on this computer (nothing is sent
 * anywhere). The reader is the command line's own (src/io/readBook.ts imports nothing from Node), so
 * both doors share it; it loads the heavy parts (the xlsx reader, SheetJS) only when a file needs them.
 */
import { loadRoster, type Roster } from '../core/check/roster.js';
import { encodingFinding, finding, type Finding } from '../core/findings/codes.js';
import type { SheetGrid, WorkbookGrids } from '../core/grid.js';
import { foldText } from '../core/text/normalize.js';
import type { BookRead } from '../io/readBook.js';
import { withoutCopyNumber, type InputFile } from './files.js';

export interface ReadResult {
  books: WorkbookGrids[];
  /** file_unreadable, cell_text_truncated and encoding_detected findings, as the command line makes them. */
  findings: Finding[];
}

async function readOne(file: InputFile): Promise<BookRead> {
  const { readBook } = await import('../io/readBook.js');
  // `阳光社区.xlsx (2)`: the page's second file of one name (fileSet.ts) is still an .xlsx.
  return readBook(await file.bytes(), file.name, { kindName: withoutCopyNumber(file.name) });
}

/** Reads every file; a file that cannot be read becomes a finding, never an exception. */
export async function readFiles(files: readonly InputFile[], onProgress?: (done: number, total: number) => void): Promise<ReadResult> {
  const books: WorkbookGrids[] = [];
  const findings: Finding[] = [];
  let done = 0;
  for (const f of files) {
    const r = await readOne(f).catch(() => ({ problem: { cause: 'io_error' as const } }));
    if ('problem' in r) {
      findings.push(finding('file_unreadable', r.problem, { file: f.name }));
    } else {
      books.push(r.book);
      findings.push(...r.findings);
      const e = encodingFinding(f.name, r.encoding);
      if (e) findings.push(e);
    }
    onProgress?.(++done, files.length);
  }
  return { books, findings };
}

/** The roster: a CSV, or an xlsx whose sheet 名册 (else the first) lists 社区名称 and 所属街道. */
export async function readRosterFile(file: InputFile): Promise<{ roster: Roster | null; findings: Finding[] }> {
  const r = await readOne(file).catch(() => ({ problem: { cause: 'io_error' as const } }));
  if ('problem' in r) return { roster: null, findings: [finding('file_unreadable', r.problem, { file: file.name })] };
  const grid: SheetGrid | undefined = r.book.sheets.find((s) => foldText(s.name) === '名册') ?? r.book.sheets[0];
  if (!grid) return { roster: null, findings: [finding('roster_missing_column', { column: '社区名称' }, { file: file.name })] };
  return loadRoster(grid, file.name);
}
