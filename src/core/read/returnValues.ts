import type { CellValue } from '../grid.js';
import { TableReturn, type ParsedReturn, type ReturnValue, type TableValues } from './types.js';

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
    const at = (ret as TableReturn).valuesAt * store.k;
    for (let i = 0; i < k; i++) {
      const c = cols[i]!;
      out[base + i] = c < 0 ? NaN : nums[at + c]!;
    }
  } else {
    const vals = ret.values;
    for (let i = 0; i < k; i++) {
      const x = vals[indicators[i]!.code]?.value;
      out[base + i] = x === null || x === undefined ? NaN : x;
    }
  }
  if (approximate) approximateCodes(ret, indicators, approximate);
}

/** The codes of `indicators` whose value in `ret` is approximate, in `indicators`' order, pushed onto `out`. */
export function approximateCodes(ret: ParsedReturn, indicators: readonly { code: string }[], out: string[]): void {
  const k = indicators.length;
  const store = ret instanceof TableReturn ? ret.valuesStore : null;
  if (store) {
    const cols = store.columns(indicators);
    const approx = store.approximate;
    const at = (ret as TableReturn).valuesAt * store.k;
    for (let i = 0; i < k; i++) {
      const c = cols[i]!;
      if (c >= 0 && approx[at + c] === 1) out.push(indicators[i]!.code);
    }
    return;
  }
  const vals = ret.values;
  for (let i = 0; i < k; i++) if (vals[indicators[i]!.code]?.approximate) out.push(indicators[i]!.code);
}

/**
 * Reads returns' values in `indicators`' order without making a ReturnValue for a table row's value:
 * `at(ret)`, then for indicator i `has(i)` (`!!ret.values[code]`) and, when it has, `value(i)`, `raw(i)`,
 * `approximate(i)` and `cell(i)` — each what `ret.values[code]` holds. (明细 reads every value of every
 * return this way: 835,000 a city-year.)
 */
export class ValuesReader {
  private store: TableValues | null = null;
  private cols: Int32Array = new Int32Array(0);
  private base = 0;
  private row = 0;
  private record: Record<string, ReturnValue> = {};
  /** A code `__proto__` names a record's prototype, whatever the columns: the records decide then. */
  private readonly generic: boolean;

  constructor(private readonly indicators: readonly { code: string }[]) {
    this.generic = indicators.some((ind) => ind.code === '__proto__');
  }

  at(ret: ParsedReturn): void {
    const store = !this.generic && ret instanceof TableReturn ? ret.valuesStore : null;
    this.store = store;
    if (store) {
      this.cols = store.columns(this.indicators);
      this.base = (ret as TableReturn).valuesAt * store.k;
      this.row = ret.row!;
    } else this.record = ret.values;
  }

  has(i: number): boolean {
    return this.store ? this.cols[i]! >= 0 : !!this.record[this.indicators[i]!.code];
  }

  value(i: number): number | null {
    if (!this.store) return this.record[this.indicators[i]!.code]!.value;
    const x = this.store.numbers[this.base + this.cols[i]!]!;
    return x !== x ? null : x;
  }

  raw(i: number): CellValue {
    if (!this.store) return this.record[this.indicators[i]!.code]!.raw;
    const c = this.cols[i]!;
    return this.store.rows[this.base / this.store.k]![this.store.gridCols[c]!] ?? null;
  }

  approximate(i: number): boolean {
    return this.store ? this.store.approximate[this.base + this.cols[i]!] === 1 : this.record[this.indicators[i]!.code]!.approximate;
  }

  cell(i: number): string {
    return this.store ? this.store.letters[this.cols[i]!]! + String(this.row) : this.record[this.indicators[i]!.code]!.cell;
  }
}
