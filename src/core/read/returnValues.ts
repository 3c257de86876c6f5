import { TableReturn, type ParsedReturn } from './types.js';

// A return's values read without making its ReturnValue objects: a table row's straight from its table's
// numbers, any other return (sheet form, one built by hand) through `values` as ever. Each function is
// the expression in its comment.

/** `!!ret.values[code]` */
export function hasValue(ret: ParsedReturn, code: string): boolean {
  // (`__proto__` names a record's prototype, which is there whatever the columns: the record decides.)
  const store = ret instanceof TableReturn && code !== '__proto__' ? ret.valuesStore : null;
  return store ? store.column(code) >= 0 : !!ret.values[code];
}

/** `ret.values[code]?.value ?? null` */
export function valueOf(ret: ParsedReturn, code: string): number | null {
  const store = ret instanceof TableReturn ? ret.valuesStore : null;
  if (!store) return ret.values[code]?.value ?? null;
  const i = store.column(code);
  if (i < 0) return null;
  const x = store.numbers[(ret as TableReturn).valuesAt * store.k + i]!;
  return x !== x ? null : x;
}

/** `ret.values[code]?.cell` */
export function cellOf(ret: ParsedReturn, code: string): string | undefined {
  const store = ret instanceof TableReturn ? ret.valuesStore : null;
  if (!store) return ret.values[code]?.cell;
  const i = store.column(code);
  return i < 0 ? undefined : store.letters[i]! + String(ret.row);
}

/** `ret.values[code]?.remark` */
export function remarkOf(ret: ParsedReturn, code: string): string | null | undefined {
  const store = ret instanceof TableReturn ? ret.valuesStore : null;
  if (!store) return ret.values[code]?.remark;
  return store.column(code) < 0 ? undefined : (ret as TableReturn).rowRemark;
}

/**
 * Each of `indicators`' values as a number (NaN: no key or a null value) into out[base …], and the codes of
 * the approximate ones, in `indicators`' order, pushed onto `approximate` when given.
 */
export function denseRow(
  ret: ParsedReturn,
  indicators: readonly { code: string }[],
  out: Float64Array,
  base: number,
  approximate?: string[],
): void {
  const k = indicators.length;
  const store = ret instanceof TableReturn ? ret.valuesStore : null;
  if (store) {
    const cols = store.columns(indicators);
    const nums = store.numbers;
    const approx = store.approximate;
    const at = (ret as TableReturn).valuesAt * store.k;
    for (let i = 0; i < k; i++) {
      const c = cols[i]!;
      out[base + i] = c < 0 ? NaN : nums[at + c]!;
      if (approximate && c >= 0 && approx[at + c] === 1) approximate.push(indicators[i]!.code);
    }
    return;
  }
  const vals = ret.values;
  for (let i = 0; i < k; i++) {
    const v = vals[indicators[i]!.code];
    const x = v?.value;
    out[base + i] = x === null || x === undefined ? NaN : x;
    if (approximate && v?.approximate) approximate.push(indicators[i]!.code);
  }
}
