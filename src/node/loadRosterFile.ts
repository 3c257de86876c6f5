import { readFile } from 'node:fs/promises';
import { loadRoster, type Roster } from '../core/check/roster.js';
import { finding, type Finding } from '../core/findings/codes.js';
import { foldText } from '../core/text/normalize.js';
import { readCsv } from '../io/readCsv.js';
import { readXlsx } from '../io/readXlsx.js';

/** Reads `--roster FILE` (CSV or xlsx; in an xlsx the sheet named 名册, else the first). */
export async function loadRosterFile(file: string): Promise<{ roster: Roster | null; findings: Finding[] }> {
  try {
    const bytes = new Uint8Array(await readFile(file));
    const grid = /\.xlsx$/i.test(file)
      ? (await readXlsx(bytes, file)).sheets.find((s) => foldText(s.name) === '名册') ?? (await readXlsx(bytes, file)).sheets[0]
      : readCsv(bytes, file).book.sheets[0];
    if (!grid) return { roster: null, findings: [finding('roster_missing_column', { column: '社区名称' }, { file })] };
    return loadRoster(grid, file);
  } catch (e) {
    return { roster: null, findings: [finding('file_unreadable', { reason: e instanceof Error ? e.message : String(e) }, { file })] };
  }
}
