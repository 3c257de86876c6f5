/** Addresses as Excel writes them, made with the core's one A1 helper. */
import { columnLetters, parseA1, type CellRange } from '../core/grid.js';

/** `'My sheet'!A1` for any sheet name (quotes doubled inside). */
export function qualify(sheet: string, address: string): string {
  return `'${sheet.replace(/'/g, "''")}'!${address}`;
}

/** 0-based row and column → `D5`. */
export function cellAddress(row: number, col: number): string {
  return `${columnLetters(col + 1)}${row + 1}`;
}

/** 0-based box → `B2:F9`. */
export function boxAddress(top: number, left: number, bottom: number, right: number): string {
  return `${cellAddress(top, left)}:${cellAddress(bottom, right)}`;
}

/** `Sheet1!B2:F9` or `'a b'!B2` → sheet name and 0-based box. */
export function splitAddress(address: string): { sheet: string; box: CellRange } | null {
  const bang = address.lastIndexOf('!');
  let sheet = bang >= 0 ? address.slice(0, bang) : '';
  if (sheet.startsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  const [a, b] = address.slice(bang + 1).split(':');
  const p = parseA1(a ?? '');
  const q = b ? parseA1(b) : p;
  if (!p || !q) return null;
  return { sheet, box: { top: p.row, left: p.col, bottom: q.row, right: q.col } };
}

/** `Sheet\0C7`, with the cell written the one way (`$c$7` → `C7`). */
export function cellKey(sheet: string, cell: string): string {
  const p = parseA1(cell);
  return `${sheet}\u0000${p ? cellAddress(p.row, p.col) : cell}`;
}

/**
 * A formula that is one reference to a cell (`='东关'!$D$5`), as Excel keeps it up to date when rows or
 * columns are inserted or the sheet renamed → the sheet and cell it points at now; null for `#REF!`.
 */
export function referenceOf(formula: string): { sheet: string; cell: string } | null {
  const m = /^=(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Z]{1,3})\$?(\d+)$/i.exec(formula.trim());
  if (!m) return null;
  return { sheet: m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]!, cell: `${m[3]!.toUpperCase()}${m[4]}` };
}
