import { REVIEW_MARK } from '../extract/reviewMark.js';
import { finding, type Finding } from '../findings/codes.js';
import { cellOf, hasValue, remarkOf, valueOf } from '../read/returnValues.js';
import { TableReturn, type ParsedReturn } from '../read/types.js';
import { evalExpr, refsOf } from '../template/expr.js';
import type { Indicator, Rule, Template } from '../template/types.js';
import { holds, tableRules } from './ruleColumns.js';
import { returnWhere, type ReturnCheck } from './types.js';

/** The template's indicators that pass `keep`, in template order: worked out once per indicator list. */
function subset(keep: (ind: Indicator) => boolean): (template: Template) => readonly Indicator[] {
  const cache = new WeakMap<readonly Indicator[], readonly Indicator[]>();
  return (template) => {
    let list = cache.get(template.indicators);
    if (!list) cache.set(template.indicators, (list = template.indicators.filter(keep)));
    return list;
  };
}
/** What a check that finds nothing returns: nearly every check on nearly every return (none to allocate). */
const NONE: readonly Finding[] = Object.freeze([]);

const requiredOf = subset((ind) => ind.required);
const remarkedOf = subset((ind) => ind.remarkAbove !== null);
const protoCoded = subset((ind) => ind.code === '__proto__');
const codeSets = new WeakMap<readonly Indicator[], Set<string>>();
function requiredCodes(required: readonly Indicator[]): Set<string> {
  let set = codeSets.get(required);
  if (!set) codeSets.set(required, (set = new Set(required.map((ind) => ind.code))));
  return set;
}

/** A required indicator with no row (or column) in the return at all. */
export const checkRequired: ReturnCheck = (ret, template) => {
  const required = requiredOf(template);
  // Nearly every return has them all: counted in one pass over its own keys (a for-in reads the values
  // by their place, not looked up by code); the walk below only when one may be missing.
  const codes = requiredCodes(required);
  // A table row has the table's columns: every required one among them, for every row alike.
  const store = ret instanceof TableReturn ? ret.valuesStore : null;
  if (store) {
    // (A loop, not `every` with a closure: one per return.)
    let all = true;
    for (let q = 0; q < required.length && all; q++) all = store.column(required[q]!.code) >= 0;
    if (all) return NONE;
  } else if (codes.size === required.length) {
    let present = 0;
    for (const code in ret.values) if (ret.values[code] && codes.has(code)) present++;
    if (present === required.length) return NONE;
  }
  const out: Finding[] = [];
  for (const ind of required) {
    if (!hasValue(ret, ind.code)) {
      out.push(finding('required_missing', {}, { ...returnWhere(ret), indicator: ind.code, indicatorName: ind.name }));
    }
  }
  return out;
};

/** A value above the template's `remarkAbove` (意外中毒事件 > 0) must come with a remark. */
export const checkRemarks: ReturnCheck = (ret, template) => {
  let out: Finding[] | null = null;
  const remarked = remarkedOf(template);
  for (let q = 0; q < remarked.length; q++) { // (for-of: objects per return until optimised)
    const ind = remarked[q]!;
    const value = valueOf(ret, ind.code); // null too when the return has no such value
    if (ind.remarkAbove === null || value === null || value <= ind.remarkAbove || remarkOf(ret, ind.code)) continue;
    (out ??= []).push(
      finding('remark_missing', { value, threshold: ind.remarkAbove }, {
        ...returnWhere(ret), cell: cellOf(ret, ind.code), indicator: ind.code, indicatorName: ind.name,
      }),
    );
  }
  return out ?? NONE;
};

/** A value a draft return took from a work summary is marked in its remark; every such value needs review. */
export const checkExtracted: ReturnCheck = (ret, template) => {
  // Nearly no return has such a remark: one pass over its own values (a for-in reads them by their
  // place, not looked up by code) says so before the walk in template order.
  // (A code `__proto__` is the record's prototype, not one of its keys: the walk then.)
  let marked = protoCoded(template).length > 0;
  const store = ret instanceof TableReturn ? ret.valuesStore : null;
  // A table row's values share the row's remark.
  if (store) marked ||= store.k > 0 && !!(ret as TableReturn).rowRemark?.startsWith(REVIEW_MARK);
  else if (!marked) for (const code in ret.values) {
    if (ret.values[code]?.remark?.startsWith(REVIEW_MARK)) {
      marked = true;
      break;
    }
  }
  if (!marked) return NONE;
  const out: Finding[] = [];
  for (const ind of template.indicators) {
    const v = ret.values[ind.code];
    if (!v?.remark?.startsWith(REVIEW_MARK)) continue;
    out.push(finding('extracted_for_review', { value: v.value }, { ...returnWhere(ret), cell: v.cell, indicator: ind.code, indicatorName: ind.name }));
  }
  return out;
};

/** Each rule's references, left side then right side: worked out once per rule, not per return. */
const refsCache = new WeakMap<Rule, { left: string[]; right: string[] }>();
function refsOfRule(rule: Rule): { left: string[]; right: string[] } {
  let r = refsCache.get(rule);
  if (!r) refsCache.set(rule, (r = { left: refsOf(rule.left), right: refsOf(rule.right) }));
  return r;
}

/** Evaluates one DHIS2-style rule on one return; keeps both sides' numbers in the finding. */
export function evaluateRule(rule: Rule, ret: ParsedReturn, template: Template): Finding | null {
  const get = (code: string): number | null => valueOf(ret, code);
  if (rule.when) {
    const w = evalExpr(rule.when, get);
    if (w === null || w <= 0) return null;
  }
  const zero = rule.missing === 'zero';
  const l = evalExpr(rule.left, get, zero);
  const r = evalExpr(rule.right, get, zero);
  if (l === null || r === null) {
    if (rule.missing !== 'fail') return null;
  } else if (holds(rule.op, l, r, rule.tolerance)) return null;
  // A finding: where it is (the first indicator of the rule the return has).
  const refs = refsOfRule(rule);
  const anchor = refs.left.find((c) => hasValue(ret, c)) ?? refs.right.find((c) => hasValue(ret, c));
  const ind = template.indicators.find((i) => i.code === anchor);
  const at = returnWhere(ret);
  const where = { ...at, cell: anchor ? cellOf(ret, anchor)! : at.cell, indicator: ind?.code, indicatorName: ind?.name };
  if (l === null || r === null) {
    return finding('rule_side_missing', { rule: rule.id, side: l === null ? rule.leftText : rule.rightText }, where);
  }
  const named = namedSides(rule, template);
  // A computed side is rounded for people to read; a side that is one value stays as written (翠苑's 0.879).
  const shown = (e: Rule['left'], x: number): number => (e.type === 'bin' ? Math.round(x * 100) / 100 : x);
  return finding(
    'rule_failed',
    {
      rule: rule.id,
      left: named.left,
      op: rule.op,
      right: named.right,
      leftValue: shown(rule.left, l),
      rightValue: shown(rule.right, r),
      tolerance: rule.tolerance,
      note: rule.message,
      leftEn: named.leftEn,
      rightEn: named.rightEn,
    },
    where,
    rule.severity,
  );
}

/** A rule's two sides with the template's names, in both languages: worked out once per rule and template. */
const namedSidesCache = new WeakMap<Rule, { indicators: readonly Indicator[]; left: string; right: string; leftEn: string; rightEn: string }>();
function namedSides(rule: Rule, template: Template): { left: string; right: string; leftEn: string; rightEn: string } {
  let n = namedSidesCache.get(rule);
  if (!n || n.indicators !== template.indicators) {
    n = {
      indicators: template.indicators,
      left: withNames(rule.leftText, template),
      right: withNames(rule.rightText, template),
      leftEn: withNames(rule.leftText, template, 'en-US'),
      rightEn: withNames(rule.rightText, template, 'en-US'),
    };
    namedSidesCache.set(rule, n);
  }
  return n;
}

/**
 * `aware / surveyed * 100` → `健康知识知晓人数 ÷ 健康知识调查人数 × 100`, for people to read; in English with
 * the template's English names where it has them.
 */
export function withNames(text: string, template: Template, lang: 'zh-CN' | 'en-US' = 'zh-CN'): string {
  // Pure in (text, the template's indicators, lang), and a city's failing rules repeat a few texts
  // thousands of times: each worked out once.
  let cache = namedCache.get(template.indicators);
  if (!cache) namedCache.set(template.indicators, (cache = new Map()));
  const key = `${lang}\u0000${text}`;
  let named = cache.get(key);
  if (named === undefined) cache.set(key, (named = namedText(text, template, lang)));
  return named;
}
const namedCache = new WeakMap<readonly Indicator[], Map<string, string>>();

function namedText(text: string, template: Template, lang: 'zh-CN' | 'en-US'): string {
  const name = (code: string): string | undefined => {
    const ind = template.indicators.find((i) => i.code === code);
    return (lang === 'en-US' ? ind?.nameEn ?? undefined : undefined) ?? ind?.name;
  };
  return text
    .replace(/[A-Za-z_][A-Za-z0-9_]*/g, (code) => name(code) ?? code)
    .replace(/\*/g, '×')
    .replace(/\//g, '÷');
}

export const checkRules: ReturnCheck = (ret, template) => {
  let out: Finding[] | null = null;
  const rules = template.rules;
  // A table row: the rules compiled for the table's columns say which certainly pass (ruleColumns.ts);
  // only the others are evaluated here.
  const store = ret instanceof TableReturn ? ret.valuesStore : null;
  const compiled = store ? tableRules(store, rules) : null;
  const at = store ? (ret as TableReturn).valuesAt * store.k : 0;
  for (let q = 0; q < rules.length; q++) {
    if (compiled && compiled[q]!.passes(store!.numbers, at)) continue;
    const f = evaluateRule(rules[q]!, ret, template);
    if (f) (out ??= []).push(f);
  }
  return out ?? NONE;
};

export const RETURN_CHECKS: readonly ReturnCheck[] = [checkRequired, checkRules, checkRemarks, checkExtracted];

/** Every per-return check's findings on `ret`, pushed onto `out` (a new array when not given). */
export function checkReturn(ret: ParsedReturn, template: Template, out: Finding[] = []): Finding[] {
  for (let c = 0; c < RETURN_CHECKS.length; c++) { // (for-of: objects per return until optimised)
    const found = RETURN_CHECKS[c]!(ret, template);
    for (let i = 0; i < found.length; i++) out.push(found[i]!);
  }
  return out;
}
