import { denseRow } from '../read/returnValues.js';
import type { ParsedReturn } from '../read/types.js';
import type { Indicator } from '../template/types.js';

/**
 * Every return's values as numbers in template order, in one buffer: return q's value of indicator i at
 * [q·k + i] (k = indicators.length), NaN when it has none (no key, or a null value). The outlier checks
 * read numbers by index from this instead of looking every value up by code each.
 */
export function denseValues(returns: readonly ParsedReturn[], indicators: readonly Indicator[]): Float64Array {
  const k = indicators.length;
  const out = new Float64Array(returns.length * k);
  for (let q = 0; q < returns.length; q++) denseRow(returns[q]!, indicators, out, q * k);
  return out;
}
