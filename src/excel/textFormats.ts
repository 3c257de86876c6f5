/**
 * Number formats for cells the add-in writes, so that Excel stores what was written: a string goes into
 * a text cell ("@") — in a General cell Excel would parse it as typed input (报告期 2026-10 and 3-4
 * become dates, 4,950 a number, and text starting with = + - a formula) — and a number keeps its
 * column's format (the core's, src/core/output/tables.ts).
 */
import type { CellValue } from '../core/grid.js';

export const TEXT_FORMAT = '@';

export function formatFor(value: CellValue, numberFormat: string | undefined): string {
  if (typeof value === 'string') return TEXT_FORMAT;
  return typeof value === 'number' && numberFormat ? numberFormat : 'General';
}

/** Values as Excel.js takes them: null → '' (an empty cell). */
export const cellValue = (v: CellValue): string | number | boolean => v ?? '';
