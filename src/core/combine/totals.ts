import { recordMaker } from '../read/record.js';
import type { Indicator } from '../template/types.js';
import type { SummaryRow, TotalRow } from './types.js';

/** Sums of decimals drift in binary floating point (0.1 + 0.2); totals are kept to 6 decimals. */
const tidy = (x: number): number => Math.round(x * 1e6) / 1e6;

/**
 * Totals over a group of summary rows.
 * Counts, quantities and money: the sum of the values reported (an empty value is not 0, so it is left
 * out and `reported` says how many contributed; null when nobody reported it).
 * Rates: never summed or averaged. The total rate is Σnumerator / Σdenominator × 100 over the rows that
 * reported both components — e.g. two communities at 90 % of 10 and 50 % of 1,000 surveyed make 50.4 %,
 * not the 70 % an average would claim. Null when no row has both or Σdenominator is 0.
 */
export function totalOf(rows: readonly SummaryRow[], indicators: readonly Indicator[], street: string | null): TotalRow {
  // One rule for totals: the rows as numbers in template order (NaN: no value), summed by totalOfDense.
  const all: number[] = new Array(rows.length);
  for (let j = 0; j < rows.length; j++) all[j] = j;
  return totalOfDense(denseOf(rows, indicators), all, indicators, street);
}

/** The rows' values as numbers, row after row in template order; NaN where a row has no value. */
function denseOf(rows: readonly SummaryRow[], indicators: readonly Indicator[]): Float64Array {
  const k = indicators.length;
  const dense = new Float64Array(rows.length * k);
  for (let j = 0; j < rows.length; j++) {
    const values = rows[j]!.values;
    for (let i = 0; i < k; i++) {
      const v = values[indicators[i]!.code];
      dense[j * k + i] = v === null || v === undefined ? NaN : v;
    }
  }
  return dense;
}

/**
 * Totals over many groups of the same summary rows (year to date: per community, per street, overall;
 * per period): the rows' values are turned into numbers once, not once per total they are in.
 */
export class RowTotals {
  readonly #dense: Float64Array;

  constructor(rows: readonly SummaryRow[], private readonly indicators: readonly Indicator[]) {
    this.#dense = denseOf(rows, indicators);
  }

  /**
   * The totals of the rows at positions `at` of those given to the constructor: `totalOf` over those rows,
   * without looking each row up (a year to date groups positions, not rows).
   */
  totalAt(at: readonly number[], street: string | null): TotalRow {
    return totalOfDense(this.#dense, at, this.indicators, street);
  }
}

/** What every total over one indicator list shares: its records' key order and where each rate's parts are. */
interface TotalPlan {
  /** The summed indicators' columns, then the rates': the totals' keys come in this order. */
  sums: Int32Array;
  rates: Int32Array;
  /** Per rate (as `rates`), its numerator's and denominator's columns; −1 when it has not both. */
  numerators: Int32Array;
  denominators: Int32Array;
  newValues: () => Record<string, number | null>;
  newReported: () => Record<string, number>;
}
const plans = new WeakMap<readonly Indicator[], TotalPlan>();

function planOf(indicators: readonly Indicator[]): TotalPlan {
  let plan = plans.get(indicators);
  if (plan) return plan;
  const sums: number[] = [];
  const rates: number[] = [];
  indicators.forEach((ind, i) => (ind.kind === 'rate' ? rates : sums).push(i));
  const columnOf = (code: string | null): number => (code ? indicators.findIndex((x) => x.code === code) : -1);
  const parts = rates.map((i) => {
    const ind = indicators[i]!;
    const [a, b] = [columnOf(ind.numerator), columnOf(ind.denominator)];
    return a >= 0 && b >= 0 ? [a, b] : [-1, -1];
  });
  const codes = [...sums, ...rates].map((i) => indicators[i]!.code);
  plan = {
    sums: Int32Array.from(sums),
    rates: Int32Array.from(rates),
    numerators: Int32Array.from(parts, (x) => x[0]!),
    denominators: Int32Array.from(parts, (x) => x[1]!),
    newValues: recordMaker<number | null>(codes),
    newReported: recordMaker<number>(codes),
  };
  plans.set(indicators, plan);
  return plan;
}

/**
 * The totals on rows given as numbers in template order (NaN: no value), row j at dense[j·k … j·k + k) for
 * each j of `rows` (k = indicators.length): the same sums in the same order,
 * the same keys in the same order, without looking every value up by code. The sums are gathered row by
 * row (each indicator's own sum still adds its values in the rows' order) into records of one fast shape.
 */
export function totalOfDense(dense: Float64Array, rows: readonly number[], indicators: readonly Indicator[], street: string | null): TotalRow {
  const k = indicators.length;
  const plan = planOf(indicators);
  const sum = new Float64Array(k);
  const count = new Int32Array(k);
  const { sums, rates, numerators, denominators } = plan;
  for (let q = 0; q < rows.length; q++) {
    const base = rows[q]! * k;
    for (let s = 0; s < sums.length; s++) {
      const i = sums[s]!;
      const v = dense[base + i]!;
      if (v !== v) continue;
      sum[i]! += v;
      count[i]!++;
    }
  }
  const values = plan.newValues();
  const reported = plan.newReported();
  for (let s = 0; s < sums.length; s++) {
    const i = sums[s]!;
    const code = indicators[i]!.code;
    values[code] = count[i] ? tidy(sum[i]!) : null;
    reported[code] = count[i]!;
  }
  for (let s = 0; s < rates.length; s++) {
    const ia = numerators[s]!;
    const ib = denominators[s]!;
    let num = 0;
    let den = 0;
    let n = 0;
    if (ia >= 0) {
      for (let q = 0; q < rows.length; q++) {
        const base = rows[q]! * k;
        const a = dense[base + ia]!;
        const b = dense[base + ib]!;
        if (a !== a || b !== b) continue;
        num += a;
        den += b;
        n++;
      }
    }
    const code = indicators[rates[s]!]!.code;
    values[code] = n && den > 0 ? Math.round((num / den) * 100 * 100) / 100 : null;
    reported[code] = n;
  }
  return { street, returns: rows.length, values, reported };
}
