/**
 * The port through which every door (Excel, browser, Node) hands the core its input: plain 2-D arrays,
 * shaped like Excel's `range.values`. The core never reads files or calls Excel itself.
 */

/** One cell's value as Excel's `range.values` gives it: dates are serial numbers, errors are strings like `#DIV/0!`. */
export type CellValue = string | number | boolean | null;

/** A rectangle of cells, 0-based and inclusive, relative to the grid (not to A1 when the grid has an origin). */
export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** One worksheet (or one CSV file) as a grid. */
export interface SheetGrid {
  /** Sheet name; for a CSV, the file's base name. */
  name: string;
  /** Row-major cell values. Rows may have different lengths; missing cells read as null. */
  values: CellValue[][];
  /** Formula text (`=SUM(B3:B5)`) where the cell holds a formula, else null/absent. Same shape as `values`. */
  formulas?: (string | null)[][];
  /** Number format per cell (`yyyy-mm-dd`, `0.0%`, `General`); used to tell a date serial from a number. */
  numberFormats?: (string | null)[][];
  /** Merged areas. Only the top-left cell of a merge holds the value. */
  merges?: CellRange[];
  /** 0-based row and column of `values[0][0]` in the sheet (Excel's used range need not start at A1). */
  origin?: { row: number; col: number };
}

/** A source file (or an Excel workbook) split into grids. */
export interface WorkbookGrids {
  /** File name as the user knows it (relative path for the CLI, the workbook name in Excel). */
  file: string;
  sheets: SheetGrid[];
  /** True when the workbook carries this tool's own output marker (docProps/custom.xml property `CommunityReturnsOutput`). */
  ownOutput?: boolean;
}

/** Column number (1-based) → letters: 1 → A, 27 → AA. */
export function columnLetters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The one helper that makes A1 addresses. `row` and `col` are 0-based grid indices. */
export function a1(grid: Pick<SheetGrid, 'origin'>, row: number, col: number): string {
  const r = row + (grid.origin?.row ?? 0) + 1;
  const c = col + (grid.origin?.col ?? 0) + 1;
  return columnLetters(c) + String(r);
}

/** A1 address → 0-based sheet row and column (ignores `$`). Returns null for anything else. */
export function parseA1(address: string): { row: number; col: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/i.exec(address.trim());
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]!.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

export function cellAt(grid: SheetGrid, row: number, col: number): CellValue {
  return grid.values[row]?.[col] ?? null;
}

export function formulaAt(grid: SheetGrid, row: number, col: number): string | null {
  return grid.formulas?.[row]?.[col] ?? null;
}

export function numberFormatAt(grid: SheetGrid, row: number, col: number): string | null {
  return grid.numberFormats?.[row]?.[col] ?? null;
}

export function gridWidth(grid: SheetGrid): number {
  let w = 0;
  const rows = grid.values;
  for (let r = 0; r < rows.length; r++) if (rows[r]!.length > w) w = rows[r]!.length; // (for-of: an object per row until optimised)
  return w;
}

/** True when the cell holds nothing a person would call a value (null, empty or blank text). */
export function isBlank(v: CellValue): boolean {
  return v === null || (typeof v === 'string' && v.trim() === '');
}
