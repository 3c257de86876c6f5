import type { Consolidation, SummaryRow } from '../combine/types.js';
import { denseRow } from '../read/returnValues.js';

/**
 * A consolidation's summary rows as numbers in template order (NaN: no value), row j at [j·k, j·k + k)
 * (k = indicators.length), made once and shared: 汇总 writes its return rows from them, and the year to date,
 * month-on-month and per-period totals sum them. Read from the combined returns (`denseRow`: a table row's
 * numbers straight from its table), whose values the rows were made from, not by looking up 29 codes in each
 * row's record (1 million keyed reads a city-year, for each of the three).
 */
const made = new WeakMap<Consolidation, Float64Array>();

export function summaryNumbers(c: Consolidation): Float64Array {
  let dense = made.get(c);
  if (dense) return dense;
  const { rows, indicators, combined } = c;
  const k = indicators.length;
  dense = new Float64Array(rows.length * k);
  if (combined && combined.length === rows.length) {
    for (let j = 0; j < rows.length; j++) denseRow(combined[j]!, indicators, dense, j * k);
  } else {
    recordsInto(dense, rows, 0, c);
  }
  made.set(c, dense);
  return dense;
}

/**
 * The numbers of `rows` — rows of `c` first, in its order, then any others (history): what `summaryNumbers`
 * has for the rows that are `c`'s, the rest from their records.
 */
export function rowNumbers(c: Consolidation, rows: readonly SummaryRow[]): Float64Array {
  const own = summaryNumbers(c);
  let n = 0;
  while (n < rows.length && n < c.rows.length && rows[n] === c.rows[n]) n++;
  if (n === rows.length && n === c.rows.length) return own;
  const k = c.indicators.length;
  const dense = new Float64Array(rows.length * k);
  dense.set(own.subarray(0, n * k));
  recordsInto(dense, rows, n, c);
  return dense;
}

/** Rows from `from` on, read from their records (NaN where a value is null or absent). */
function recordsInto(dense: Float64Array, rows: readonly SummaryRow[], from: number, c: Consolidation): void {
  const { indicators } = c;
  const k = indicators.length;
  for (let j = from; j < rows.length; j++) {
    const values = rows[j]!.values;
    for (let i = 0; i < k; i++) {
      const v = values[indicators[i]!.code];
      dense[j * k + i] = v === null || v === undefined ? NaN : v;
    }
  }
}
