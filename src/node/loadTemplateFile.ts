import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { finding, type Finding } from '../core/findings/codes.js';
import type { SheetGrid } from '../core/grid.js';
import { loadTemplate } from '../core/template/loadTemplate.js';
import type { Template } from '../core/template/types.js';
import { foldText } from '../core/text/normalize.js';
import { readCsv } from '../io/readCsv.js';
import { readXlsx } from '../io/readXlsx.js';

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
  return readCsv(new Uint8Array(await readFile(file)), file).book.sheets[0]!;
}

/**
 * Loads a template from a folder (indicators.csv + rules.csv), an .xlsx with sheets 指标 and 规则 (what
 * `returns template --out` writes), or a single indicators CSV. Never throws: problems are findings.
 */
export async function loadTemplateFile(location: string = STANDARD_TEMPLATE_DIR): Promise<TemplateFile> {
  const shown = location === STANDARD_TEMPLATE_DIR ? 'templates/standard' : location;
  const fail = (reason: string): TemplateFile => ({
    template: { indicators: [], rules: [], source: shown },
    findings: [finding('file_unreadable', { reason }, { file: shown })],
    grids: { indicators: null, rules: null },
  });
  let indicators: SheetGrid | null = null;
  let rules: SheetGrid | null = null;
  try {
    const st = await stat(location);
    if (st.isDirectory()) {
      indicators = await csvGrid(path.join(location, 'indicators.csv'));
      rules = await csvGrid(path.join(location, 'rules.csv')).catch(() => null);
    } else if (/\.xlsx$/i.test(location)) {
      const book = await readXlsx(new Uint8Array(await readFile(location)), shown);
      indicators = book.sheets.find((s) => INDICATOR_SHEETS.includes(foldText(s.name))) ?? book.sheets[0] ?? null;
      rules = book.sheets.find((s) => RULE_SHEETS.includes(foldText(s.name))) ?? null;
    } else {
      indicators = await csvGrid(location);
    }
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e));
  }
  if (!indicators) return fail('no indicator sheet');
  const { template, findings } = loadTemplate({ indicators, rules }, shown);
  return { template, findings, grids: { indicators, rules } };
}
