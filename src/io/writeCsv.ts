import Papa from 'papaparse';
import type { CellValue } from '../core/grid.js';
import type { OutputTable } from '../core/output/tables.js';

/**
 * Text that Excel would run as a formula (`=`, `+`, `-`, `@`, and tab/CR starts) is prefixed with a
 * single quote (the OWASP advice against CSV injection), so opening the CSV cannot run anything.
 * Numbers are written as numbers; negative numbers are numbers, not text, so they are left alone.
 */
export function neutralise(v: CellValue): string | number | boolean {
  if (v === null) return '';
  if (typeof v !== 'string') return v;
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

/** UTF-8 with BOM so that Chinese Excel opens it with the right encoding. */
export function tableToCsv(t: OutputTable): string {
  const data = [t.columns.map((c) => neutralise(c.header)), ...t.rows.map((r) => r.map(neutralise))];
  return '\ufeff' + Papa.unparse(data, { newline: '\r\n' }) + '\r\n';
}
