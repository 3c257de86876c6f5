import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { finding, type Finding, type UnreadableCause } from '../core/findings/codes.js';
import type { SheetGrid } from '../core/grid.js';
import { loadTemplate } from '../core/template/loadTemplate.js';
import type { Template } from '../core/template/types.js';
import { foldText } from '../core/text/normalize.js';
import { fileKind } from '../io/fileKind.js';
import { readBook } from '../io/readBook.js';
import { ReadFailure } from '../io/readFailure.js';
import { causeOf } from './fsCause.js';

/** The standard template shipped with the package: templates/standard/{indicators,rules}.csv. */
export const STANDARD_TEMPLATE_DIR = fileURLToPath(new URL('../../templates/standard/', import.meta.url));

export interface TemplateFile {
  template: Template;
  findings: Finding[];
  /** The grids as read, so `returns template` can write them back unchanged. */
  grids: { indicators: SheetGrid | null; rules: SheetGrid | null };
}

const INDICATOR_SHEETS = ['指标', '指标表', 'indicators', '模板'].map(foldText);
const RULE_SHEETS = ['规则', '校验规则', 'rules'].map(foldText);

async function csvGrid(file: string): Promise<SheetGrid> {
  const { readCsv } = await import('../io/readCsv.js'); // loaded when a CSV template comes, not for --help
  return readCsv(new Uint8Array(await readFile(file)), file).book.sheets[0]!;
}

/**
 * Loads a template from a folder (indicators.csv + rules.csv), a workbook (.xlsx, or .xls/.et/.ods) with
 * sheets 指标 and 规则 (what `returns template --out` writes), or a single indicators CSV. Never throws:
 * problems are findings.
 */
export async function loadTemplateFile(location: string = STANDARD_TEMPLATE_DIR): Promise<TemplateFile> {
  const shown = location === STANDARD_TEMPLATE_DIR ? 'templates/standard' : location;
  const fail = (cause: UnreadableCause, detail?: string): TemplateFile => ({
    template: { indicators: [], rules: [], source: shown },
    findings: [finding('file_unreadable', detail === undefined ? { cause } : { cause, detail }, { file: shown })],
    grids: { indicators: null, rules: null },
  });
  const readFindings: Finding[] = [];
  let indicators: SheetGrid | null = null;
  let rules: SheetGrid | null = null;
  try {
    const st = await stat(location);
    if (st.isDirectory()) {
      indicators = await csvGrid(path.join(location, 'indicators.csv'));
      rules = await csvGrid(path.join(location, 'rules.csv')).catch(() => null);
    } else if (fileKind(location) !== 'text' && fileKind(location) !== 'other') {
      const r = await readBook(new Uint8Array(await readFile(location)), shown);
      if ('problem' in r) throw new ReadFailure(r.problem.cause, r.problem.detail);
      readFindings.push(...r.findings);
      const book = r.book;
      indicators = book.sheets.find((s) => INDICATOR_SHEETS.includes(foldText(s.name))) ?? book.sheets[0] ?? null;
      rules = book.sheets.find((s) => RULE_SHEETS.includes(foldText(s.name))) ?? null;
    } else {
      indicators = await csvGrid(location);
    }
  } catch (e) {
    if (e instanceof ReadFailure) return fail(e.reason, e.detail);
    const c = causeOf(e);
    return fail(c.cause, c.detail);
  }
  if (!indicators) return fail('no_sheets');
  const { template, findings } = loadTemplate({ indicators, rules }, shown);
  return { template, findings: [...readFindings, ...findings], grids: { indicators, rules } };
}
