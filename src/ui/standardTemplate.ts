import Papa from 'papaparse';
import type { CellValue, SheetGrid } from '../core/grid.js';
import type { TemplateGrids } from '../core/template/loadTemplate.js';
import indicatorsCsv from '../../templates/standard/indicators.csv?raw';
import rulesCsv from '../../templates/standard/rules.csv?raw';

/**
 * CSV text → rows (papaparse, as the file readers use). A leading BOM is dropped, empty lines are skipped,
 * and mixed CRLF / LF line ends (an edited template can have both) are made uniform first.
 */
export function parseCsv(text: string): string[][] {
  const s = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  return Papa.parse<string[]>(s, { delimiter: ',', newline: '\n', skipEmptyLines: true }).data;
}

const grid = (name: string, text: string): SheetGrid => ({
  name,
  values: parseCsv(text).map((r) => r.map((v): CellValue => (v === '' ? null : v))),
});

/** The standard template shipped with the add-in (templates/standard), as grids for loadTemplate. */
export function standardTemplateGrids(): TemplateGrids {
  return { indicators: grid('indicators', indicatorsCsv), rules: grid('rules', rulesCsv) };
}
