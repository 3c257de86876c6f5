import type { CellValue, SheetGrid } from '../core/grid.js';
import type { TemplateGrids } from '../core/template/loadTemplate.js';
import indicatorsCsv from '../../templates/standard/indicators.csv?raw';
import rulesCsv from '../../templates/standard/rules.csv?raw';

/** RFC 4180 CSV text → rows (quoted fields, doubled quotes, CRLF; a leading BOM is dropped). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      (row = []), (field = '');
    } else field += ch;
  }
  if (field !== '' || row.length) row.push(field), rows.push(row);
  return rows;
}

const grid = (name: string, text: string): SheetGrid => ({
  name,
  values: parseCsv(text).map((r) => r.map((v): CellValue => (v === '' ? null : v))),
});

/** The standard template shipped with the add-in (templates/standard), as grids for loadTemplate. */
export function standardTemplateGrids(): TemplateGrids {
  return { indicators: grid('indicators', indicatorsCsv), rules: grid('rules', rulesCsv) };
}
