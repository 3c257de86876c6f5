import { finding, type Finding } from '../findings/codes.js';
import { a1, cellAt, formulaAt, numberFormatAt, type CellValue, type SheetGrid } from '../grid.js';
import type { Indicator } from '../template/types.js';
import { parseValue } from '../value/parseValue.js';
import { normalizeUnit } from '../value/units.js';
import type { ReturnValue } from './types.js';

export interface CellWhere {
  file: string;
  sheet: string;
  community?: string | undefined;
  period?: string | undefined;
}

/**
 * Reads one indicator's cell through the value parser and turns its issues into located findings.
 * `statedUnit` is the unit written in the label brackets or the unit column.
 */
export function readValueCell(
  grid: SheetGrid,
  row: number,
  col: number,
  ind: Indicator,
  statedUnit: string | null,
  remark: string | null,
  where: CellWhere,
  findings: Finding[],
): ReturnValue {
  const raw = cellAt(grid, row, col);
  const cell = a1(grid, row, col);
  const plain = plainValue(grid, row, col, raw, ind, statedUnit);
  if (plain !== null) return { value: plain, raw, cell, approximate: false, remark };
  const parsed = parseValue(raw, {
    kind: ind.kind,
    unit: ind.unit,
    unitAliases: ind.unitAliases,
    min: ind.min,
    max: ind.max,
    statedUnit,
    numberFormat: numberFormatAt(grid, row, col),
    formula: formulaAt(grid, row, col),
  });
  // Most cells have nothing to say: the location is only built for those that do.
  if (parsed.issues.length || (parsed.empty && ind.required)) {
    const at = { ...where, cell, indicator: ind.code, indicatorName: ind.name };
    for (const issue of parsed.issues) findings.push(finding(issue.code, issue.args as never, at));
    if (parsed.empty && ind.required) findings.push(finding('required_empty', {}, at));
  }
  return { value: parsed.value, raw, cell, approximate: parsed.approximate, remark };
}

// ── The plain cell, without the parser ─────────────────────────────────────────────────────────────────
// Most cells of a city's returns are a plain decimal (`4950`, `87.5`) or a plain number, in the template's
// unit (or one equal to it), that no check speaks about. parseValue would read them as this very number
// with no issue; reading them here skips its context, result and issue objects (835,000 cells a city-year).
// test/core/read/readValueCell.test.ts holds the two paths to the same results.

// The same shape parseValue's text reader takes as a plain decimal.
const PLAIN_DECIMAL = /^-?\d{1,15}(?:\.\d{1,15})?$/;
// `1,840`, `12,345.5`: a thousands grouping with commas, which the parser reads as the plain number (no
// shape of its own, no unit, no issue) — 2,358 cells of a city-year, each through the whole parser before.
const GROUPED_DECIMAL = /^\d{1,3}(?:,\d{3})+(?:\.\d{1,15})?$/;

/** Per indicator and stated unit: true when a plain number needs no unit conversion (the parser's rule). */
const sameUnit = new WeakMap<Indicator, Map<string | null, boolean>>();

export function unitNeutral(ind: Indicator, statedUnit: string | null): boolean {
  let m = sameUnit.get(ind);
  if (!m) sameUnit.set(ind, (m = new Map()));
  let ok = m.get(statedUnit);
  if (ok === undefined) {
    const unit = statedUnit || null;
    // convertUnit's first case: the same unit, a synonym or an alias leaves the value untouched (a factor
    // of 1 between two units of a group would still round it: the parser's path then).
    const f = unit === null ? '' : normalizeUnit(unit);
    ok = unit === null || ind.unit === '' || (ind.kind === 'rate' && f === '%') ||
      f === normalizeUnit(ind.unit) || (ind.unitAliases ?? []).some((a) => normalizeUnit(a) === f);
    m.set(statedUnit, ok);
  }
  return ok;
}

/**
 * The cell's value when it is a plain number parseValue would read without any issue; null otherwise
 * (then the parser reads it and says what it has to say).
 */
function plainValue(grid: SheetGrid, row: number, col: number, raw: CellValue, ind: Indicator, statedUnit: string | null): number | null {
  if (typeof raw === 'number') {
    const nf = numberFormatAt(grid, row, col);
    if (nf !== null && nf !== 'General') return null;
  }
  if (formulaAt(grid, row, col) !== null) return null;
  if (!unitNeutral(ind, statedUnit)) return null;
  return plainNumber(raw, ind);
}

/**
 * `plainValue` for a cell with no formula and no number format, in a column whose stated unit is
 * `unitNeutral`: the number, or null when the parser has to read it.
 */
export function plainNumber(raw: CellValue, ind: Indicator): number | null {
  const x = plainCellValue(raw, plainKindOf(ind));
  return x >= (ind.min ?? -Infinity) && x <= (ind.max ?? Infinity) ? x : null; // (false for NaN)
}

/** What `plainCellValue` needs to know of an indicator's kind: a count (1), a rate (2) or any other (0). */
export type PlainKind = 0 | 1 | 2;
const COUNT = 1;
const RATE = 2;

export function plainKindOf(ind: Indicator): PlainKind {
  return ind.kind === 'count' ? COUNT : ind.kind === 'rate' ? RATE : 0;
}

/**
 * `plainNumber` before the indicator's bounds (min, max; the caller tests them: NaN stays NaN), with the
 * indicator's kind given as a number and NaN for null.
 */
export function plainCellValue(raw: CellValue, kind: PlainKind): number {
  return plainCellInto(raw, kind, NO_MIN, NO_MAX, 0, scratch, 0) ? scratch[0]! : NaN;
}
const NO_MIN = Float64Array.of(-Infinity);
const NO_MAX = Float64Array.of(Infinity);
/** Where the functions returning a double have their callee write it. */
const scratch = new Float64Array(1);

/**
 * For a loop over a table's cells: `plainCellValue` within value column `col`'s bounds (`mins[col]`,
 * `maxs[col]`) written to `out[at]`, true; false when the cell needs the parser (`out[at]` then holds
 * anything). No double crosses a call: one returned by or passed to a function V8 does not inline is boxed
 * on the way (a HeapNumber per decimal cell, and ±∞ bounds two per cell).
 */
export function plainCellInto(
  raw: CellValue, kind: PlainKind, mins: Float64Array, maxs: Float64Array, col: number, out: Float64Array, at: number,
): boolean {
  let value: number;
  if (typeof raw === 'string') {
    // The common case without trim and regex: a string that is already a plain decimal as it stands
    // (no space around it). Anything else takes the rule as written.
    if (plainDecimalInto(raw, out, at)) value = out[at]!;
    else {
      const text = raw.trim();
      if (PLAIN_DECIMAL.test(text)) value = Number(text);
      else if (GROUPED_DECIMAL.test(text)) {
        // The parser's reading of a thousands grouping: the digits without the commas, as Number reads them.
        value = Number(text.replace(/,/g, ''));
        if (!Number.isFinite(value)) return false;
      } else return false;
    }
  } else if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return false;
    value = raw;
  } else return false;
  if (value === 0) value = 0; // never -0, as the parser
  if (value < 0) return false; // negative
  if (kind === COUNT && !Number.isInteger(value)) return false; // fractional_count
  if (kind === RATE && (value > 100 || value <= 1)) return false; // rate_out_of_range, rate_fraction (and 0: the parser's)
  out[at] = value;
  return value >= mins[col]! && value <= maxs[col]!; // below_min, above_max
}

/**
 * `isPlainDecimal(s) ? Number(s) : NaN`, in the same scan. The digits are gathered as an integer M with d
 * decimals; while M has at most 15 digits it is exact in a double, and so is 10^d (d ≤ 15), so M / 10^d —
 * one correctly rounded division — is the double nearest to the decimal: what Number gives. Longer ones
 * go to Number.
 */
export function plainDecimalValue(s: string): number {
  return plainDecimalInto(s, scratch, 0) ? scratch[0]! : NaN;
}

/** `plainDecimalValue(s)` written to `out[at]` (true), or false for NaN: no double returned, none boxed. */
function plainDecimalInto(s: string, out: Float64Array, at: number): boolean {
  const n = s.length;
  let i = 0;
  const negative = n > 0 && s.charCodeAt(0) === 45; // -
  if (negative) i = 1;
  let start = i;
  let m = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) break;
    m = m * 10 + (c - 48);
    i++;
  }
  const intDigits = i - start;
  if (intDigits < 1 || intDigits > 15) return false;
  let decimals = 0;
  if (i < n) {
    if (s.charCodeAt(i) !== 46) return false; // .
    start = ++i;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c < 48 || c > 57) return false;
      m = m * 10 + (c - 48);
      i++;
    }
    decimals = i - start;
    if (decimals < 1 || decimals > 15) return false;
  }
  if (intDigits + decimals > 15) out[at] = Number(s);
  else {
    const x = decimals ? m / POWERS_OF_TEN[decimals]! : m;
    out[at] = negative ? -x : x;
  }
  return true;
}
const POWERS_OF_TEN = Array.from({ length: 16 }, (_, d) => 10 ** d);

/** PLAIN_DECIMAL.test(s), by a scan of the character codes (no trim: a space anywhere fails). */
export function isPlainDecimal(s: string): boolean {
  const x = plainDecimalValue(s);
  return x === x;
}
