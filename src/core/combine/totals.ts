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
  const k = indicators.length;
  const dense = new Float64Array(rows.length * k);
  const all: number[] = new Array(rows.length);
  for (let j = 0; j < rows.length; j++) {
    const values = rows[j]!.values;
    for (let i = 0; i < k; i++) {
      const v = values[indicators[i]!.code];
      dense[j * k + i] = v === null || v === undefined ? NaN : v;
    }
    all[j] = j;
  }
  return totalOfDense(dense, all, indicators, street);
}

/**
 * The totals on rows given as numbers in template order (NaN: no value), row j at dense[j·k … j·k + k) for
 * each j of `rows` (k = indicators.length): the same sums in the same order,
 * the same keys in the same order, without looking every value up by code.
 */
export function totalOfDense(dense: Float64Array, rows: readonly number[], indicators: readonly Indicator[], street: string | null): TotalRow {
  const k = indicators.length;
  const values: Record<string, number | null> = {};
  const reported: Record<string, number> = {};
  for (let i = 0; i < indicators.length; i++) {
    const ind = indicators[i]!;
    if (ind.kind === 'rate') continue;
    let sum = 0;
    let n = 0;
    for (const j of rows) {
      const v = dense[j * k + i]!;
      if (v !== v) continue;
      sum += v;
      n++;
    }
    values[ind.code] = n ? tidy(sum) : null;
    reported[ind.code] = n;
  }
  for (const ind of indicators) {
    if (ind.kind !== 'rate') continue;
    let num = 0;
    let den = 0;
    let n = 0;
    const ia = ind.numerator ? indicators.findIndex((x) => x.code === ind.numerator) : -1;
    const ib = ind.denominator ? indicators.findIndex((x) => x.code === ind.denominator) : -1;
    if (ind.numerator && ind.denominator && ia >= 0 && ib >= 0) {
      for (const j of rows) {
        const a = dense[j * k + ia]!;
        const b = dense[j * k + ib]!;
        if (a !== a || b !== b) continue;
        num += a;
        den += b;
        n++;
      }
    }
    values[ind.code] = n && den > 0 ? Math.round((num / den) * 100 * 100) / 100 : null;
    reported[ind.code] = n;
  }
  return { street, returns: rows.length, values, reported };
}
