import type { FindingArgs } from '../findings/codes.js';
import type { IndicatorKind } from '../template/types.js';

/** The finding codes parseValue can produce; each is a FindingCode with the same typed arguments. */
export type ValueCode =
  | 'not_a_number' | 'range_value' | 'placeholder' | 'cell_error' | 'formula_text' | 'formula_no_result'
  | 'formula_value' | 'date_value' | 'rate_fraction' | 'approximate' | 'unit_converted' | 'unit_mismatch'
  | 'negative' | 'fractional_count' | 'rate_out_of_range' | 'below_min' | 'above_max';

/** One problem with one cell, without a location: the caller adds file, sheet and cell. */
export type ValueIssue = { [C in ValueCode]: { code: C; args: FindingArgs[C] } }[ValueCode];

/** What the template and the sheet say about the cell being read. */
export interface ValueContext {
  kind: IndicatorKind;
  /** The template unit (次 份 公斤 吨 元 平方米 米 % 人次 …). Empty: the template does not check units. */
  unit: string;
  /** Units the template declares equivalent for this indicator (次 / 场 / 期 for lectures). */
  unitAliases?: readonly string[];
  min?: number | null;
  max?: number | null;
  /** Unit written in the label brackets (投放鼠药（吨）) or the unit column; null if none. A unit in the cell overrides it. */
  statedUnit?: string | null;
  /** Excel number format of the cell: tells a date serial from a number, and 0.879 shown as 87.9%. */
  numberFormat?: string | null;
  /** Formula text if the cell holds a formula; `raw` is then its cached result (null if none). */
  formula?: string | null;
}

/**
 * The cell read as one number. `value` is null whenever it could not be read as one exact or approximate
 * number; then `issues` holds at least one error (or `empty` is true). Never a silent 0.
 */
export interface ParsedValue {
  value: number | null;
  empty: boolean;
  approximate: boolean;
  issues: ValueIssue[];
}
