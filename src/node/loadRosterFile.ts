import { readFile } from 'node:fs/promises';
import { loadRoster, type Roster } from '../core/check/roster.js';
import { finding, type Finding } from '../core/findings/codes.js';
import { foldText } from '../core/text/normalize.js';
import { readBook } from '../io/readBook.js';
import { causeOf } from './fsCause.js';

/** Reads `--roster FILE` (CSV, or a workbook in any format we read: the sheet named 名册, else the first). */
export async function loadRosterFile(file: string): Promise<{ roster: Roster | null; findings: Finding[] }> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (e) {
    return { roster: null, findings: [finding('file_unreadable', causeOf(e), { file })] };
  }
  const r = await readBook(bytes, file);
  if ('problem' in r) return { roster: null, findings: [finding('file_unreadable', r.problem, { file })] };
  const grid = r.book.sheets.find((s) => foldText(s.name) === '名册') ?? r.book.sheets[0];
  if (!grid) return { roster: null, findings: [finding('roster_missing_column', { column: '社区名称' }, { file })] };
  const loaded = loadRoster(grid, file);
  return { roster: loaded.roster, findings: [...r.findings, ...loaded.findings] };
}
