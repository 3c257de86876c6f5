import { finding, type Finding, type Severity } from '../findings/codes.js';
import { a1, type SheetGrid } from '../grid.js';
import { findHeaderRow, textAt, type ColumnSpec } from '../read/headerRow.js';
import { foldText, normalizeLabel } from '../text/normalize.js';
import { parseExpr, refsOf } from './expr.js';
import type { Expr, Indicator, IndicatorKind, MissingPolicy, Rule, RuleOp, Template } from './types.js';

const INDICATOR_COLUMNS = [
  { id: 'code', names: ['代码', 'code', '指标代码'], required: true },
  { id: 'name', names: ['指标名称', 'name', '名称', '指标'], required: true },
  { id: 'unit', names: ['单位', 'unit'], required: true },
  { id: 'kind', names: ['类型', 'kind', '指标类型'], required: true },
  { id: 'required', names: ['必填', 'required', '是否必填'] },
  { id: 'min', names: ['最小值', 'min', '下限'] },
  { id: 'max', names: ['最大值', 'max', '上限'] },
  { id: 'aliases', names: ['别名', 'aliases', '其他名称'] },
  { id: 'unitAliases', names: ['单位别名', 'unitaliases', 'unit aliases'] },
  { id: 'numerator', names: ['分子', 'numerator'] },
  { id: 'denominator', names: ['分母', 'denominator'] },
  { id: 'target', names: ['目标值', 'target', '目标'] },
  { id: 'remarkAbove', names: ['超过需备注', 'remarkabove', 'remark above'] },
  { id: 'group', names: ['分组', 'group', '类别'] },
  { id: 'nameEn', names: ['英文名称', 'name_en', 'english name', 'name en'] },
] as const satisfies readonly ColumnSpec<string>[];

const RULE_COLUMNS = [
  { id: 'id', names: ['编号', 'id', '规则编号'] },
  { id: 'left', names: ['左侧', 'left', '左边'], required: true },
  { id: 'op', names: ['运算符', 'op', 'operator'], required: true },
  { id: 'right', names: ['右侧', 'right', '右边'], required: true },
  { id: 'severity', names: ['严重程度', 'severity', 'importance', '重要性'] },
  { id: 'missing', names: ['缺失时', 'missing', 'missingvaluestrategy'] },
  { id: 'tolerance', names: ['容差', 'tolerance', '允许误差'] },
  { id: 'when', names: ['条件', 'when', '适用条件'] },
  { id: 'message', names: ['说明', 'message', 'messagezh', '提示'] },
  { id: 'messageEn', names: ['英文说明', 'messageen', 'message en'] },
] as const satisfies readonly ColumnSpec<string>[];

const KINDS: Record<string, IndicatorKind> = {
  count: 'count', 计数: 'count', 个数: 'count', 次数: 'count',
  quantity: 'quantity', 数量: 'quantity', 数值: 'quantity',
  money: 'money', 金额: 'money', 经费: 'money',
  rate: 'rate', 比率: 'rate', 率: 'rate', 百分比: 'rate',
};
const OPS: Record<string, RuleOp> = {
  '<=': '<=', '≤': '<=', '<': '<', '>=': '>=', '≥': '>=', '>': '>',
  '=': '==', '==': '==', '!=': '!=', '≠': '!=', '<>': '!=', '≈': '≈', '~=': '≈', '约等于': '≈',
};
const SEVERITIES: Record<string, Severity> = {
  error: 'error', 错误: 'error', 高: 'error', high: 'error',
  warning: 'warning', 警告: 'warning', 中: 'warning', medium: 'warning',
  info: 'info', 提示: 'info', 低: 'info', low: 'info',
};
const MISSING: Record<string, MissingPolicy> = {
  skip: 'skip', 跳过: 'skip', '': 'skip', skip_if_any_value_missing: 'skip',
  zero: 'zero', 按0: 'zero', 按零: 'zero', never_skip: 'zero',
  fail: 'fail', 报错: 'fail', 提示缺失: 'fail',
};
const YES = new Set(['是', 'y', 'yes', 'true', '1', '必填', '√', '✓']);
const NO = new Set(['否', 'n', 'no', 'false', '0', '', '选填']);

/** True for a sheet that is itself a template's indicator or rule table (so it is not read as a return). */
export function isTemplateSheet(grid: SheetGrid): boolean {
  return findHeaderRow(grid, INDICATOR_COLUMNS, 4) !== null || findHeaderRow(grid, RULE_COLUMNS, 4) !== null;
}

export interface TemplateGrids {
  indicators: SheetGrid;
  rules?: SheetGrid | null;
}

/** Splits `a|b、c；d` lists as statisticians write them. */
function splitList(s: string): string[] {
  return s
    .split(/[|｜、;；,，\n]+/u)
    .map((x) => x.trim())
    .filter(Boolean);
}

/**
 * Reads the template (indicator table + rules table) from grids. A broken template yields findings
 * with their cells; rows that cannot be used are left out, the rest still load.
 */
export function loadTemplate(grids: TemplateGrids, source: string): { template: Template; findings: Finding[] } {
  const findings: Finding[] = [];
  const indicators = readIndicators(grids.indicators, source, findings);
  const rules = grids.rules ? readRules(grids.rules, source, indicators, findings) : [];
  return { template: { indicators, rules, source }, findings };
}

function readIndicators(grid: SheetGrid, file: string, findings: Finding[]): Indicator[] {
  const where = { file, sheet: grid.name };
  const header = findHeaderRow(grid, INDICATOR_COLUMNS, 3);
  if (!header) {
    findings.push(finding('template_missing_column', { column: '代码(code) / 指标名称(name) / 单位(unit) / 类型(kind)' }, where));
    return [];
  }
  for (const spec of INDICATOR_COLUMNS) {
    if ('required' in spec && spec.required && header.cols[spec.id] === undefined) {
      findings.push(finding('template_missing_column', { column: spec.names[0] }, { ...where, cell: a1(grid, header.row, 0) }));
    }
  }
  const cols = header.cols;
  const out: Indicator[] = [];
  const seen = new Map<string, string>();
  for (let r = header.row + 1; r < grid.values.length; r++) {
    const code = textAt(grid, r, cols.code);
    const name = textAt(grid, r, cols.name);
    if (!code && !name) continue;
    const at = (col: number | undefined): string => a1(grid, r, col ?? 0);
    const bad = (column: string, text: string, col: number | undefined): void => {
      findings.push(finding('template_bad_value', { column, text }, { ...where, cell: at(col) }));
    };
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(code)) {
      bad('代码(code)', code, cols.code);
      continue;
    }
    if (seen.has(code)) {
      findings.push(finding('template_duplicate_code', { code }, { ...where, cell: at(cols.code) }));
      continue;
    }
    if (!name) {
      bad('指标名称(name)', name, cols.name);
      continue;
    }
    const kindText = textAt(grid, r, cols.kind);
    const kind = KINDS[kindText.toLowerCase()];
    if (!kind) {
      bad('类型(kind)', kindText, cols.kind);
      continue;
    }
    const num = (id: 'min' | 'max' | 'target' | 'remarkAbove', label: string): number | null => {
      const t = textAt(grid, r, cols[id]);
      if (t === '') return null;
      const v = Number(t.normalize('NFKC'));
      if (!Number.isFinite(v)) {
        bad(label, t, cols[id]);
        return null;
      }
      return v;
    };
    const reqText = textAt(grid, r, cols.required).toLowerCase();
    let required = false;
    if (YES.has(reqText)) required = true;
    else if (!NO.has(reqText)) bad('必填(required)', reqText, cols.required);
    const unit = foldText(textAt(grid, r, cols.unit));
    const ind: Indicator = {
      code,
      name,
      unit: kind === 'rate' && unit === '' ? '%' : unit,
      kind,
      required,
      min: num('min', '最小值(min)'),
      max: num('max', '最大值(max)'),
      aliases: splitList(textAt(grid, r, cols.aliases)),
      unitAliases: splitList(textAt(grid, r, cols.unitAliases)).map(foldText),
      numerator: textAt(grid, r, cols.numerator) || null,
      denominator: textAt(grid, r, cols.denominator) || null,
      target: num('target', '目标值(target)'),
      remarkAbove: num('remarkAbove', '超过需备注(remark above)'),
      group: textAt(grid, r, cols.group),
      nameEn: textAt(grid, r, cols.nameEn) || null,
    };
    seen.set(code, at(cols.code));
    out.push(ind);
  }
  if (out.length === 0 && findings.length === 0) findings.push(finding('template_empty', {}, where));
  // Rates need both components, and they must exist, or the total rate cannot be recomputed.
  const codes = new Set(out.map((i) => i.code));
  for (const ind of out) {
    for (const part of ['numerator', 'denominator'] as const) {
      const ref = ind[part];
      if (ref !== null && !codes.has(ref)) {
        findings.push(finding('template_unknown_code', { code: ref, where: `${ind.code} ${part}` }, { ...where, cell: seen.get(ind.code) }));
        ind[part] = null;
      }
    }
  }
  return out;
}

function readRules(grid: SheetGrid, file: string, indicators: Indicator[], findings: Finding[]): Rule[] {
  const where = { file, sheet: grid.name };
  const header = findHeaderRow(grid, RULE_COLUMNS, 3);
  if (!header) {
    findings.push(finding('template_missing_column', { column: '左侧(left) / 运算符(op) / 右侧(right)' }, where));
    return [];
  }
  const byName = new Map<string, string>();
  for (const ind of indicators) {
    byName.set(ind.code, ind.code);
    byName.set(normalizeLabel(ind.name).key, ind.code);
  }
  const resolve = (t: string): string | null => byName.get(t) ?? byName.get(normalizeLabel(t).key) ?? null;
  const cols = header.cols;
  const rules: Rule[] = [];
  for (let r = header.row + 1; r < grid.values.length; r++) {
    const leftText = textAt(grid, r, cols.left);
    const rightText = textAt(grid, r, cols.right);
    const opText = textAt(grid, r, cols.op);
    if (!leftText && !rightText && !opText) continue;
    const cell = (col: number | undefined): string => a1(grid, r, col ?? 0);
    const expr = (text: string, col: number | undefined): Expr | null => {
      const res = parseExpr(text, resolve);
      if (res.ok) return res.expr;
      findings.push(finding('template_bad_expression', { text, reason: res.reason }, { ...where, cell: cell(col) }));
      return null;
    };
    const left = expr(leftText, cols.left);
    const right = expr(rightText, cols.right);
    const whenText = textAt(grid, r, cols.when);
    const when = whenText ? expr(whenText, cols.when) : null;
    const op = OPS[opText.normalize('NFKC').replace(/\s+/g, '')] ?? OPS[opText];
    if (!op) findings.push(finding('template_bad_value', { column: '运算符(op)', text: opText }, { ...where, cell: cell(cols.op) }));
    const sevText = textAt(grid, r, cols.severity).toLowerCase();
    const severity = sevText === '' ? 'error' : SEVERITIES[sevText];
    if (!severity) findings.push(finding('template_bad_value', { column: '严重程度(severity)', text: sevText }, { ...where, cell: cell(cols.severity) }));
    const missText = textAt(grid, r, cols.missing).toLowerCase();
    const missing = MISSING[missText];
    if (!missing) findings.push(finding('template_bad_value', { column: '缺失时(missing)', text: missText }, { ...where, cell: cell(cols.missing) }));
    const tolText = textAt(grid, r, cols.tolerance);
    const tolerance = tolText === '' ? 0 : Number(tolText.normalize('NFKC'));
    if (!Number.isFinite(tolerance) || tolerance < 0) {
      findings.push(finding('template_bad_value', { column: '容差(tolerance)', text: tolText }, { ...where, cell: cell(cols.tolerance) }));
    }
    if (!left || !right || !op || !severity || !missing || !Number.isFinite(tolerance) || (whenText && !when)) continue;
    rules.push({
      id: textAt(grid, r, cols.id) || `R${rules.length + 1}`,
      left,
      leftText,
      op,
      right,
      rightText,
      severity,
      missing,
      tolerance,
      when,
      whenText,
      message: { zh: textAt(grid, r, cols.message) || null, en: textAt(grid, r, cols.messageEn) || null },
    });
  }
  return rules;
}

/** Every indicator code a rule refers to (for documentation and tests). */
export function ruleRefs(rule: Rule): string[] {
  return [...refsOf(rule.left), ...refsOf(rule.right), ...(rule.when ? refsOf(rule.when) : [])];
}
