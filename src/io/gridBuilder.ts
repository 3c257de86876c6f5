import { finding, type Finding } from '../core/findings/codes.js';
import { columnLetters, type CellRange, type CellValue, type SheetGrid } from '../core/grid.js';
import type { ReadLimits } from './limits.js';
import { ReadFailure } from './readFailure.js';

/** Rows with nothing in them share this one frozen array, so a far-away cell costs no memory per empty row. */
const EMPTY_ROW: CellValue[] = Object.freeze([]) as unknown as CellValue[];

/** What every reader shares while it fills grids: the limits, the cell count over the workbook, the findings. */
export interface BookContext {
  file: string;
  limits: ReadLimits;
  cells: number;
  findings: Finding[];
}

interface RowCells {
  row: number;
  cols: number[];
  values: CellValue[];
  formats: (string | null)[];
  formulas: (string | null)[] | null;
}

/**
 * Collects one sheet's cells that hold something, in any order, and makes the grid from A1, as the
 * readers always have (no `origin`). Cost follows the stored cells, not the declared range: rows with
 * nothing in them share one frozen empty array, and a row is only as wide as its last cell, so one cell
 * at XFD1048576 costs a pointer per empty row and one 16,384-wide row. Enforces the workbook's cell limit
 * and cuts over-long text with a finding.
 */
export class GridBuilder {
  private readonly rows = new Map<number, RowCells>();

  constructor(
    private readonly name: string,
    private readonly ctx: BookContext,
  ) {}

  /** Text as a cell may hold it: cut at the limit, with a `cell_text_truncated` finding at the cell. */
  text(s: string, row: number, col: number): string {
    if (s.length <= this.ctx.limits.cellText) return s;
    this.cut(s.length, row, col);
    return s.slice(0, this.ctx.limits.cellText);
  }

  /** Records that the cell's text (already cut, e.g. a shared string) was `length` characters long. */
  cut(length: number, row: number, col: number): void {
    this.ctx.findings.push(
      finding('cell_text_truncated', { length, kept: this.ctx.limits.cellText }, { file: this.ctx.file, sheet: this.name, cell: columnLetters(col + 1) + String(row + 1) }),
    );
  }

  /** One cell (0-based sheet row and column). Blank cells without a formula are not recorded. */
  add(row: number, col: number, value: CellValue, format: string | null, formula: string | null): void {
    if (value === null && formula === null) return;
    if (++this.ctx.cells > this.ctx.limits.cells) throw new ReadFailure('too_many_cells', `> ${this.ctx.limits.cells}`);
    let rc = this.rows.get(row);
    if (!rc) this.rows.set(row, (rc = { row, cols: [], values: [], formats: [], formulas: null }));
    rc.cols.push(col);
    rc.values.push(value);
    rc.formats.push(format);
    if (formula !== null) (rc.formulas ??= [])[rc.cols.length - 1] = formula;
  }

  /** The grid; `merges` in 0-based sheet coordinates. */
  finish(merges: CellRange[]): SheetGrid {
    const rows = [...this.rows.values()].sort((x, y) => x.row - y.row);
    if (rows.length === 0) {
      const g: SheetGrid = { name: this.name, values: [], numberFormats: [] };
      if (merges.length > 0) g.merges = sortMerges(merges);
      return g;
    }
    const height = rows[rows.length - 1]!.row + 1;
    const values = new Array<CellValue[]>(height).fill(EMPTY_ROW);
    const formats = new Array<(string | null)[]>(height).fill(EMPTY_ROW as (string | null)[]);
    let formulas: (string | null)[][] | null = null;
    for (const rc of rows) {
      let width = 0;
      for (const c of rc.cols) if (c + 1 > width) width = c + 1;
      const vals = new Array<CellValue>(width).fill(null);
      const fmts = new Array<string | null>(width).fill(null);
      let fmls: (string | null)[] | null = null;
      for (let i = 0; i < rc.cols.length; i++) {
        const k = rc.cols[i]!;
        vals[k] = rc.values[i]!;
        fmts[k] = rc.formats[i]!;
        const f = rc.formulas?.[i];
        if (f !== undefined && f !== null) {
          fmls ??= [];
          fmls[k] = f;
        }
      }
      const y = rc.row;
      values[y] = vals;
      formats[y] = fmts;
      if (fmls) {
        formulas ??= new Array<(string | null)[]>(height).fill(EMPTY_ROW as (string | null)[]);
        formulas[y] = Array.from(fmls, (f) => f ?? null);
      }
    }
    const grid: SheetGrid = { name: this.name, values };
    if (formulas) grid.formulas = formulas;
    grid.numberFormats = formats;
    if (merges.length > 0) grid.merges = sortMerges(merges);
    return grid;
  }
}

function sortMerges(m: CellRange[]): CellRange[] {
  return m.sort((a, b) => a.top - b.top || a.left - b.left);
}
