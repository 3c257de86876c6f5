import { cellAt, type SheetGrid } from '../grid.js';
import { foldText, normalizeLabel } from '../text/normalize.js';
import { isPlainDecimal } from './readValueCell.js';

/** A column of a small data table (template, rules, roster), known by any of several header names. */
export interface ColumnSpec<K extends string> {
  id: K;
  names: readonly string[];
  required?: boolean;
}

export interface HeaderMatch<K extends string> {
  row: number;
  cols: Partial<Record<K, number>>;
}

/** Folds a header for comparison: `指标名称(name)` matches both 指标名称 and name. */
function headerKeys(text: string): string[] {
  const folded = foldText(text).toLowerCase();
  const m = /^(.*?)[(\[【]([^()[\]【】]+)[)\]】]$/u.exec(folded);
  if (!m) return [normalizeLabel(folded).key.toLowerCase()];
  return [normalizeLabel(m[1]!).key.toLowerCase(), m[2]!];
}

/**
 * Each grid's cells' header keys, by text: `isTemplateSheet` asks twice about every sheet (indicator and
 * rule headers), and the data rows below a header repeat the same numbers and names — each text is folded
 * once per grid (folding is the costly part; it also made this loop large to compile).
 */
const keysByGrid = new WeakMap<SheetGrid, Map<string, string[]>>();
function keysOf(grid: SheetGrid): Map<string, string[]> {
  let m = keysByGrid.get(grid);
  if (!m) keysByGrid.set(grid, (m = new Map()));
  return m;
}

/**
 * Finds the first row (within the first 30) where at least `minHits` of the specs' headers occur,
 * and maps each spec to its column. Used for the template, rules, roster and table-form returns.
 */
export function findHeaderRow<K extends string>(
  grid: SheetGrid,
  specs: readonly ColumnSpec<K>[],
  minHits = 1,
): HeaderMatch<K> | null {
  const wanted = specs.map((s) => ({ id: s.id, names: new Set(s.names.map((n) => headerKeys(n)[0]!)) }));
  // A plain decimal (`1080`, `84.4`: most cells of the data rows below a header) folds to keys made of
  // digits, dots and minus signs only: it names no column unless a header name is such a key.
  const numbersMayName = wanted.some((w) => [...w.names].some((k) => /^[0-9.-]*$/.test(k)));
  const last = Math.min(grid.values.length, 30);
  const known = keysOf(grid);
  for (let r = 0; r < last; r++) {
    const row = grid.values[r] ?? [];
    const cols: Partial<Record<K, number>> = {};
    let hits = 0;
    for (let c = 0; c < row.length; c++) {
      const v = cellAt(grid, r, c);
      if (typeof v !== 'string' || v.trim() === '' || (!numbersMayName && isPlainDecimal(v))) continue;
      let keys = known.get(v);
      if (keys === undefined) known.set(v, (keys = headerKeys(v)));
      for (const w of wanted) {
        if (cols[w.id] === undefined && keys.some((k) => w.names.has(k))) {
          cols[w.id] = c;
          hits++;
          break;
        }
      }
    }
    if (hits >= minHits) return { row: r, cols };
  }
  return null;
}

/** Cell text, trimmed; '' for empty. Numbers are stringified the way they display. */
export function textAt(grid: SheetGrid, row: number, col: number | undefined): string {
  if (col === undefined) return '';
  const v = cellAt(grid, row, col);
  if (v === null) return '';
  return String(v).trim();
}
