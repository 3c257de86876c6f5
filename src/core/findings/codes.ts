/**
 * Findings are data: a stable code, a severity, where it is, and typed arguments. Human wording lives
 * only in ./wording.ts (one table per language), so tests assert codes and numbers, never sentences.
 */
import { parseA1 } from '../grid.js';

export type Severity = 'error' | 'warning' | 'info';

/**
 * Why a file could not be read at all. A closed list, so every door words it the same way and no raw
 * exception text reaches the user.
 */
export type UnreadableCause =
  | 'not_found'
  | 'permission_denied'
  | 'is_directory'
  | 'io_error'
  | 'empty_file'
  | 'corrupt'
  | 'encrypted'
  | 'unsupported_format'
  | 'too_large'
  | 'expands_too_large'
  | 'too_many_cells'
  | 'no_sheets'
  // Work summaries (returns extract, 从总结摘录): Word documents, worded for Word rather than Excel.
  | 'corrupt_document'
  | 'encrypted_document'
  | 'legacy_word'
  | 'unsupported_summary';

/** Why an output could not be written: a closed list, worded by every door (no raw exception text). */
export type WriteCause = 'permission_denied' | 'read_only' | 'is_directory' | 'path_blocked' | 'disk_full' | 'io_error';

/** The typed arguments of every finding code. Adding a key here without wording fails to compile. */
export interface FindingArgs {
  // ── input ───────────────────────────────────────────────────────────────────────────────────
  /**
   * A file could not be opened or decoded at all. `detail` is a short technical hint (an errno code, the
   * limit that was hit, the zip part that failed), never an exception's message.
   */
  file_unreadable: { cause: UnreadableCause; detail?: string | undefined };
  /** A file inside a folder that is not of a type that is read (.docx, .pdf, …): listed so nothing is lost silently. */
  file_skipped: { ext: string };
  /** A cell's text was longer than Excel allows (32,767 characters) and was cut; `length` is the original length. */
  cell_text_truncated: { length: number; kept: number };
  /** A sheet that does not look like a return (no indicator labels found). */
  sheet_skipped: { reason: 'empty' | 'no_labels' | 'template' };
  /** A CSV decoded as GB18030 because it was not valid UTF-8 (information, so the user knows). */
  encoding_detected: { encoding: string };
  /**
   * A sheet that looks like a table-form return (a header row naming indicators) but yields none,
   * because no community column was found: `headers` are the other headers it saw in that row.
   */
  return_not_read: { missing: 'community'; indicators: number; headers: string[] };

  // ── outputs (the command line's --out/--csv/--json) ───────────────────────────────────────────────
  /** An output path names one of the inputs (a file given, or a file inside a folder given): refused. */
  output_is_input: { option: string; input: string };
  /** A CSV summary inside an input folder would be read back as returns next time (a CSV carries no marker). */
  output_in_input_folder: { option: string; folder: string };
  /** Two outputs of one run name the same file. */
  output_twice: { option: string; other: string };
  /** An output could not be written (read-only folder, a folder in the way, disk full); nothing was replaced. */
  output_unwritable: { option: string; cause: WriteCause; detail?: string | undefined };
  /**
   * 明细 (one row per value) was left out of summary.xlsx because it has more rows than are written by default;
   * `option` asks for it (a city's year is ~834,000 rows: a file Excel opens slowly, for a trail few read whole).
   */
  details_left_out: { rows: number; limit: number; option: string };

  // ── structure ───────────────────────────────────────────────────────────────────────────────
  community_not_found: Record<string, never>;
  period_not_found: Record<string, never>;
  period_invalid: { text: string };
  /** The period was not in the return; the one given with --period was used. */
  period_from_option: { period: string };
  /** The same indicator appears twice in one return; the first one is kept. */
  indicator_duplicate: { firstCell: string };
  /** A required indicator has no row / column in the return. */
  required_missing: Record<string, never>;
  /** A required indicator's cell is empty (empty is not 0). */
  required_empty: Record<string, never>;
  /** A label that matches no indicator; `suggestion` is the closest template name, if any is close. */
  unknown_label: { label: string; suggestion: string | null; suggestionCode: string | null };

  // ── values ──────────────────────────────────────────────────────────────────────────────────
  not_a_number: { text: string };
  range_value: { text: string };
  placeholder: { text: string };
  cell_error: { text: string };
  /** Formula text where a value belongs (a CSV cannot compute it). */
  formula_text: { formula: string };
  /** A formula cell with no computed result stored (the file was never recalculated). */
  formula_no_result: { formula: string };
  /** A formula's stored result was used; said so that the statistician knows the cell is computed. */
  formula_value: { formula: string; value: number };
  /** A date (or a date-formatted number) where a count or quantity belongs. */
  date_value: { text: string };
  negative: { value: number };
  fractional_count: { value: number };
  rate_out_of_range: { value: number };
  /** A value ≤ 1 in a percent indicator: 0.879 may mean 87.9 %. Not converted. */
  rate_fraction: { value: number; asPercent: number };
  below_min: { value: number; min: number };
  above_max: { value: number; max: number };
  /** 500余, 近100, 约10: read as the number, flagged as not exact. */
  approximate: { text: string; value: number };
  /** An exact unit conversion was applied (0.25 吨 → 250 公斤). */
  unit_converted: { from: string; to: string; original: number; value: number };
  /** A unit the template's unit cannot be converted from (张 for 处). */
  unit_mismatch: { unit: string; expected: string };

  // ── cross-item rules (DHIS2 style) ───────────────────────────────────────────────────────────
  rule_failed: {
    rule: string;
    left: string;
    op: string;
    right: string;
    leftValue: number;
    rightValue: number;
    tolerance: number;
    note: { zh: string | null; en: string | null };
    /** The sides with the template's English indicator names (where it has them), for English messages. */
    leftEn?: string;
    rightEn?: string;
  };
  /** A rule whose `missing` policy is `fail` could not be evaluated because a side is empty. */
  rule_side_missing: { rule: string; side: string };
  /** A value above the template's threshold needs a remark (意外中毒事件 > 0) and has none. */
  remark_missing: { value: number; threshold: number };
  /** A value a draft return took from a work summary (备注 starts with 【待核实】): check it against the text before reporting. */
  extracted_for_review: { value: number | null };

  // ── against peers and the roster ────────────────────────────────────────────────────────────
  /** Far from the other communities of the same period (see check/outliers.ts). `ratio` is null for rates. */
  outlier_peer: { value: number; median: number; peers: number; ratio: number | null };
  /**
   * Far from the same community's previous months (see months/historyOutliers.ts). `reference` is their
   * median, or their largest value for a mostly-zero series (`basis`); `ratio` is null for rates and when
   * the reference is 0; `previous` is last month's value when known.
   */
  outlier_history: {
    value: number;
    reference: number;
    basis: 'median' | 'max';
    months: number;
    ratio: number | null;
    previousPeriod: string | null;
    previous: number | null;
  };
  missing_return: { community: string; street: string | null; period: string | null };
  unexpected_community: { suggestion: string | null };
  duplicate_return: { otherFile: string; otherSheet: string; otherCell: string | null };
  street_mismatch: { reported: string; roster: string };
  street_not_found: Record<string, never>;

  // ── the template and the roster themselves ─────────────────────────────────────────────────
  template_missing_column: { column: string };
  template_bad_value: { column: string; text: string };
  template_duplicate_code: { code: string };
  template_unknown_code: { code: string; where: string };
  template_bad_expression: { text: string; reason: string };
  template_empty: Record<string, never>;
  roster_missing_column: { column: string };
}

export type FindingCode = keyof FindingArgs;

/** Where a finding is and whom it concerns. `cell` is an A1 address as the user sees it. */
export interface FindingWhere {
  file: string;
  sheet?: string | undefined;
  cell?: string | undefined;
  community?: string | undefined;
  period?: string | undefined;
  /** Indicator code, and its display name as the template gives it. */
  indicator?: string | undefined;
  indicatorName?: string | undefined;
  /** The template's English name for the indicator, when it has one (set by the job in English). */
  indicatorNameEn?: string | undefined;
}

export type Finding = {
  [C in FindingCode]: FindingWhere & { code: C; severity: Severity; args: FindingArgs[C] };
}[FindingCode];

export type FindingOf<C extends FindingCode> = Extract<Finding, { code: C }>;

/** Severity of each code; `rule_failed` takes the rule's own severity instead. */
export const DEFAULT_SEVERITY: { readonly [C in FindingCode]: Severity } = {
  file_unreadable: 'error',
  file_skipped: 'warning',
  cell_text_truncated: 'warning',
  sheet_skipped: 'info',
  encoding_detected: 'info',
  return_not_read: 'warning',
  output_is_input: 'error',
  output_in_input_folder: 'error',
  output_twice: 'error',
  output_unwritable: 'error',
  details_left_out: 'info',
  community_not_found: 'error',
  period_not_found: 'error',
  period_invalid: 'error',
  period_from_option: 'info',
  indicator_duplicate: 'error',
  required_missing: 'error',
  required_empty: 'error',
  unknown_label: 'warning',
  not_a_number: 'error',
  range_value: 'error',
  placeholder: 'error',
  cell_error: 'error',
  formula_text: 'error',
  formula_no_result: 'error',
  formula_value: 'info',
  date_value: 'error',
  negative: 'error',
  fractional_count: 'error',
  rate_out_of_range: 'error',
  rate_fraction: 'warning',
  below_min: 'error',
  above_max: 'error',
  approximate: 'warning',
  unit_converted: 'info',
  unit_mismatch: 'error',
  rule_failed: 'error',
  rule_side_missing: 'warning',
  remark_missing: 'warning',
  extracted_for_review: 'warning',
  outlier_peer: 'warning',
  outlier_history: 'warning',
  missing_return: 'warning',
  unexpected_community: 'warning',
  duplicate_return: 'error',
  street_mismatch: 'warning',
  street_not_found: 'warning',
  template_missing_column: 'error',
  template_bad_value: 'error',
  template_duplicate_code: 'error',
  template_unknown_code: 'error',
  template_bad_expression: 'error',
  template_empty: 'error',
  roster_missing_column: 'error',
};

/** Builds a finding with the code's default severity (or the one given). */
export function finding<C extends FindingCode>(
  code: C,
  args: FindingArgs[C],
  where: FindingWhere,
  severity: Severity = DEFAULT_SEVERITY[code],
): FindingOf<C> {
  const f: Record<string, unknown> = { code, severity };
  // Object.entries' keys in its order, without its arrays (a city-year makes ~10,000 findings, largely in
  // baseline code, where those arrays and the for-of's iterator results were 11 MB of garbage).
  const w = where as unknown as Record<string, unknown>;
  for (const k in w) {
    if (!Object.prototype.hasOwnProperty.call(w, k)) continue;
    const v = w[k];
    if (v !== undefined && v !== null && v !== '') f[k] = v;
  }
  f['args'] = args;
  return f as unknown as FindingOf<C>;
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const n = { error: 0, warning: 0, info: 0 };
  for (const f of findings) n[f.severity]++;
  return n;
}

/** A stable order for output: by file, sheet, row, column, then code. Re-runs give identical output. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    cmp(a.file, b.file) ||
    cmp(a.sheet ?? '', b.sheet ?? '') ||
    cellOrder(a.cell) - cellOrder(b.cell) ||
    cmp(a.community ?? '', b.community ?? '') ||
    cmp(a.indicator ?? '', b.indicator ?? '') ||
    cmp(a.code, b.code)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// Sorting a city-year's findings compares cells millions of times; the same few thousand addresses recur.
const cellOrderCache = new Map<string, number>();

function cellOrder(cell: string | undefined): number {
  if (!cell) return -1;
  let o = cellOrderCache.get(cell);
  if (o !== undefined) return o;
  const p = parseA1(cell);
  o = p ? (p.row + 1) * 20000 + p.col + 1 : -1;
  if (cellOrderCache.size > 100_000) cellOrderCache.clear();
  cellOrderCache.set(cell, o);
  return o;
}

/** The info finding for a text file that was not plain UTF-8 (GB18030, UTF-16), or null. */
export function encodingFinding(file: string, encoding: string | null | undefined): Finding | null {
  if (!encoding || !(encoding === 'gb18030' || encoding.startsWith('utf-16'))) return null;
  return finding('encoding_detected', { encoding: encoding.toUpperCase() }, { file });
}
