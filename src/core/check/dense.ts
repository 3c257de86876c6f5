import { denseRow } from '../read/returnValues.js';
import { TableReturn, type ParsedReturn } from '../read/types.js';
import type { Indicator } from '../template/types.js';

/**
 * Every return's values as numbers in template order, in one buffer: return q's value of indicator i at
 * [q·k + i] (k = indicators.length), NaN when it has none (no key, or a null value). The outlier checks
 * read numbers by index from this instead of looking every value up by code each.
 *
 * Read only: when the returns are one table's rows in order and its columns are the template's (a form's
 * export), this is the table's own buffer, not a copy — 6.7 MB a city-year that need not be made, filled
 * and faulted in.
 */
export function denseValues(returns: readonly ParsedReturn[], indicators: readonly Indicator[]): Float64Array {
  const k = indicators.length;
  const own = tableInOrder(returns, indicators);
  if (own) return own.subarray(0, returns.length * k);
  const out = new Float64Array(returns.length * k);
  for (let q = 0; q < returns.length; q++) denseRow(returns[q]!, indicators, out, q * k);
  return out;
}

/**
 * The one table's numbers when `returns` are its rows 0, 1, 2 … in order, its value columns are
 * `indicators` in order, and no return's values were replaced; else null.
 */
function tableInOrder(returns: readonly ParsedReturn[], indicators: readonly Indicator[]): Float64Array | null {
  const first = returns[0];
  const store = first instanceof TableReturn ? first.valuesStore : null;
  if (!store || store.k !== indicators.length) return null;
  const cols = store.columns(indicators);
  for (let i = 0; i < cols.length; i++) if (cols[i] !== i) return null;
  for (let q = 0; q < returns.length; q++) {
    const ret = returns[q];
    if (!(ret instanceof TableReturn) || ret.valuesStore !== store || ret.valuesAt !== q) return null;
  }
  return store.numbers;
}
