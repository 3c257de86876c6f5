import type { CellValue } from '../grid.js';
import { recordMaker } from './record.js';

/** One indicator's value in one return, with where it came from. */
export interface ReturnValue {
  /** In template units; null when empty or unreadable (its finding says why). Never a silent 0. */
  value: number | null;
  /** The cell as written, for the audit trail. */
  raw: CellValue;
  /** A1 address of the value cell. */
  cell: string;
  /** True for 500余, 近100 … (read, but not exact). */
  approximate: boolean;
  /** The remark (备注) written beside it, if any. */
  remark: string | null;
}

/** One community's figures for one period, read from a sheet-form sheet or one row of a table. */
export interface ParsedReturn {
  file: string;
  sheet: string;
  form: 'sheet' | 'table';
  /** For table form, the 1-based sheet row of this return; for sheet form, null. */
  row: number | null;
  community: string | null;
  communityCell: string | null;
  street: string | null;
  /** `YYYY-MM`, or null when not found / not readable. */
  period: string | null;
  reporter: string | null;
  phone: string | null;
  /** Keyed by indicator code; an indicator absent from the return has no key. */
  values: Record<string, ReturnValue>;
}

/**
 * The values of a table-form sheet's returns as columns of numbers, not one ReturnValue per cell (a
 * city-year's table is 835,000 cells: their objects were most of what the garbage collector copied).
 * Return j's value of value column i (sheet order) is `numbers[j·k + i]` (NaN: null) and `approximate[j·k + i]`;
 * its text as written stays in the grid's row (`rows[j]`, never changed after reading), its address is the
 * column's letters and the return's row number. `record` makes the ReturnValues when someone asks for them.
 */
export class TableValues {
  readonly k: number;
  readonly numbers: Float64Array;
  readonly approximate: Uint8Array;
  /** Return j's row of the grid, for the raw text. */
  readonly rows: (readonly CellValue[])[] = [];
  private readonly index: Map<string, number>;
  private readonly newRecord: () => Record<string, ReturnValue>;
  private readonly columnsOf = new WeakMap<readonly { code: string }[], Int32Array>();
  private lastList: readonly { code: string }[] | null = null;
  private lastColumns: Int32Array = new Int32Array(0);
  private lastAt = -1;
  private last: Record<string, ReturnValue> | null = null;

  constructor(
    /** The value columns' indicator codes, in sheet order (a return's `values` keys, in that order). */
    readonly codes: readonly string[],
    /** Each value column's index in the grid's rows. */
    readonly gridCols: readonly number[],
    /** Each value column's letters. */
    readonly letters: readonly string[],
    /** At most this many returns. */
    capacity: number,
  ) {
    this.k = codes.length;
    this.numbers = new Float64Array(capacity * this.k);
    this.approximate = new Uint8Array(capacity * this.k);
    this.index = new Map(codes.map((c, i) => [c, i]));
    this.newRecord = recordMaker<ReturnValue>(codes);
  }

  /** The value column of `code`, or −1. */
  column(code: string): number {
    return this.index.get(code) ?? -1;
  }

  /**
   * Per indicator of `indicators`, its value column (−1: none): worked out once per list. Every row of a
   * table asks with the same list, one row after the other: the last list's answer is at hand.
   */
  columns(indicators: readonly { code: string }[]): Int32Array {
    if (indicators === this.lastList) return this.lastColumns;
    let m = this.columnsOf.get(indicators);
    if (!m) this.columnsOf.set(indicators, (m = Int32Array.from(indicators, (ind) => this.column(ind.code))));
    this.lastList = indicators;
    return (this.lastColumns = m);
  }

  /** Return j's value of column i as a ReturnValue. */
  valueAt(j: number, i: number, rowNo: number, remark: string | null): ReturnValue {
    const x = this.numbers[j * this.k + i]!;
    return {
      value: x !== x ? null : x,
      raw: this.rows[j]![this.gridCols[i]!] ?? null,
      cell: this.letters[i]! + String(rowNo),
      approximate: this.approximate[j * this.k + i] === 1,
      remark,
    };
  }

  /**
   * Return j's values as a record, keyed in column order. The last one made is kept: a reader that walks
   * a return's values code by code (明细) makes them once, not once per code.
   */
  record(j: number, rowNo: number, remark: string | null): Record<string, ReturnValue> {
    if (j === this.lastAt && this.last) return this.last;
    const rec = this.newRecord();
    for (let i = 0; i < this.k; i++) rec[this.codes[i]!] = this.valueAt(j, i, rowNo, remark);
    this.lastAt = j;
    return (this.last = rec);
  }
}

/**
 * A return read from one row of a table: its values live in the table's `TableValues`. `values` makes them
 * as ReturnValues when read (a new record for each return asked for; writing into it is not kept, while
 * assigning `values` replaces them for good). The checks and the consolidation read the numbers through
 * `returnValues.ts` instead, without making any object per value.
 */
export class TableReturn implements ParsedReturn {
  readonly form = 'table' as const;
  #own: Record<string, ReturnValue> | null = null;
  readonly #store: TableValues;
  readonly #at: number;
  readonly #remark: string | null;

  constructor(
    public file: string,
    public sheet: string,
    public row: number,
    public community: string | null,
    public communityCell: string | null,
    public street: string | null,
    public period: string | null,
    public reporter: string | null,
    public phone: string | null,
    store: TableValues,
    at: number,
    remark: string | null,
  ) {
    this.#store = store;
    this.#at = at;
    this.#remark = remark;
  }

  get values(): Record<string, ReturnValue> {
    return this.#own ?? this.#store.record(this.#at, this.row, this.#remark);
  }

  set values(v: Record<string, ReturnValue>) {
    this.#own = v;
  }

  /** The table holding this return's values; null once `values` was replaced. */
  get valuesStore(): TableValues | null {
    return this.#own ? null : this.#store;
  }

  /** This return's place in `valuesStore`. */
  get valuesAt(): number {
    return this.#at;
  }

  /** The remark written on this return's row (every value's remark). */
  get rowRemark(): string | null {
    return this.#remark;
  }
}
