import type { Severity } from '../findings/codes.js';

/** What an indicator measures; decides the value checks and how totals are formed. */
export type IndicatorKind = 'count' | 'quantity' | 'money' | 'rate';

/** One row of the template's indicator table. */
export interface Indicator {
  /** Stable ASCII code (`rodent_bait_kg`); the key in JSON output. */
  code: string;
  /** Chinese display name (`投放鼠药`). */
  name: string;
  /** Template unit (`公斤`); values in other convertible units are converted to it. `%` for rates. */
  unit: string;
  kind: IndicatorKind;
  required: boolean;
  min: number | null;
  max: number | null;
  /** Other labels communities write for it (鼠药, 毒饵, 灭鼠药). Matched after normalisation. */
  aliases: string[];
  /** Units accepted as the same unit for this indicator (次/场 for 期), folded. */
  unitAliases: string[];
  /** For rates: the codes of the numerator and denominator; the total rate is Σnumerator / Σdenominator × 100. */
  numerator: string | null;
  denominator: string | null;
  /** Optional target (80 for an awareness rate), drawn on charts. */
  target: number | null;
  /** A value above this needs a remark in the return (意外中毒事件 > 0). */
  remarkAbove: number | null;
  /** Heading the reports group it under (宣传教育, 环境整治, 病媒防制 …). */
  group: string;
  /** English display name, when the template gives one (英文名称 column): charts and reports in English use it. */
  nameEn?: string | null;
}

/** Comparison operators of a rule. `≈` holds when |left − right| ≤ tolerance. */
export type RuleOp = '<=' | '<' | '>=' | '>' | '==' | '!=' | '≈';

/** What a rule does when one of its sides cannot be computed (an empty value). */
export type MissingPolicy = 'skip' | 'zero' | 'fail';

/** An arithmetic expression over indicator codes: `aware / surveyed * 100`. */
export type Expr =
  | { type: 'num'; value: number }
  | { type: 'ref'; code: string }
  | { type: 'bin'; op: '+' | '-' | '*' | '/'; left: Expr; right: Expr };

/** A cross-item rule in the DHIS2 style: left side, operator, right side, importance. */
export interface Rule {
  id: string;
  left: Expr;
  leftText: string;
  op: RuleOp;
  right: Expr;
  rightText: string;
  severity: Severity;
  missing: MissingPolicy;
  tolerance: number;
  /** Only evaluated when this expression is > 0 (e.g. `lectures` for attendance ≥ lectures). */
  when: Expr | null;
  whenText: string;
  message: { zh: string | null; en: string | null };
}

export interface Template {
  indicators: Indicator[];
  rules: Rule[];
  /** Where it came from, for messages (`templates/standard` or the --template path). */
  source: string;
}
