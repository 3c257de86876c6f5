import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import type { SheetGrid } from '../../src/core/grid.js';
import { loadTemplate } from '../../src/core/template/loadTemplate.js';
import type { Template } from '../../src/core/template/types.js';

/** Parses CSV text into a grid the way the Node reader does (strings, '' → null). */
export function csvGrid(text: string, name = 'sheet'): SheetGrid {
  const rows = Papa.parse<string[]>(text.replace(/^\ufeff/, ''), { skipEmptyLines: false }).data;
  return { name, values: rows.map((r) => r.map((c) => (c === '' ? null : c))) };
}

let cached: Template | null = null;

/** The shipped standard template, loaded through the real loader. */
export function standardTemplate(): Template {
  if (cached) return cached;
  const dir = new URL('../../templates/standard/', import.meta.url);
  const { template, findings } = loadTemplate(
    {
      indicators: csvGrid(readFileSync(new URL('indicators.csv', dir), 'utf8'), 'indicators'),
      rules: csvGrid(readFileSync(new URL('rules.csv', dir), 'utf8'), 'rules'),
    },
    'templates/standard',
  );
  if (findings.length) throw new Error(`standard template has findings: ${JSON.stringify(findings)}`);
  cached = template;
  return template;
}
