/**
 * What a reader will take on before it gives up with a coded finding, so that no small file can cost
 * minutes or gigabytes. The figures are far above any real return (a city's 2,400-row table is a few MB).
 */
export interface ReadLimits {
  /** Bytes of the file itself (`too_large`). */
  fileBytes: number;
  /** Bytes a zip-based file (xlsx, ods) may expand to, all parts together (`expands_too_large`). */
  inflatedBytes: number;
  /** Cells holding something, over the whole workbook (`too_many_cells`). */
  cells: number;
  /**
   * Cells holding something in a CSV/text file (`too_many_cells`). A text file cannot claim cells it does not
   * spell out (unlike a workbook's declared ranges or an .ods repeat attribute), so its cost is already bounded
   * by its bytes; this bound only keeps a table too big for memory a coded finding rather than a crash.
   */
  textCells: number;
  /** Characters in one cell; Excel's own limit, so longer text was never typed in Excel (`cell_text_truncated`). */
  cellText: number;
}

export const LIMITS: ReadLimits = {
  fileBytes: 100 * 1024 * 1024,
  // A city's 2,400-row table is ~3 MB of XML. Inflating costs ~20 ns a byte when a header lies about
  // its size (an honest header over the budget is refused without inflating), so ≤ ~2 s for a liar.
  inflatedBytes: 100 * 1024 * 1024,
  cells: 5_000_000,
  // Ten times a city-year in one CSV (288,000 rows × 36 columns ≈ 10.4 million cells) combines in ~2 GB;
  // half as much again still fits node's default heap.
  textCells: 15_000_000,
  cellText: 32_767,
};

/** A byte count as the short detail of a finding: `100 MB`. */
export function mb(n: number): string {
  return `${Math.round((n / 1048576) * 10) / 10} MB`;
}
