import type { CellValue } from '../grid.js';

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

/**
 * The ReturnValue of a plain number in a table row (most of a city's 835,000 cells): its address is made
 * when asked for (a finding, 明细), not stored — one string fewer per cell. `approximate` is false, on the
 * prototype. Reads like any other ReturnValue (`cell` and `approximate` are getters/prototype values, so
 * a spread or JSON.stringify of it would not carry them: nothing does that to a ReturnValue).
 */
export class PlainTableValue implements ReturnValue {
  declare readonly approximate: boolean;
  constructor(
    public value: number,
    public raw: CellValue,
    public remark: string | null,
    /** The column's letters (shared by the column's values) and the 1-based sheet row. */
    private readonly letters: string,
    private readonly rowNo: number,
  ) {}
  get cell(): string {
    return this.letters + String(this.rowNo);
  }
}
Object.defineProperty(PlainTableValue.prototype, 'approximate', { value: false, enumerable: true });

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
