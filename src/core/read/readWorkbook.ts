import { finding, type Finding } from '../findings/codes.js';
import { a1, isBlank, type WorkbookGrids } from '../grid.js';
import { pushAll } from '../groupBy.js';
import { isTemplateSheet } from '../template/loadTemplate.js';
import type { Template } from '../template/types.js';
import { IndicatorMatcher } from './matcher.js';
import { readSheetForm } from './readSheetForm.js';
import { findTableLayout, headerWithoutCommunity, readTableForm } from './readTableForm.js';
import type { ParsedReturn } from './types.js';

export interface ReadResult {
  returns: ParsedReturn[];
  findings: Finding[];
}

/**
 * Reads every sheet of every workbook: table form where a header row names a community column and
 * indicators, else sheet form where indicator labels stand in a column; other sheets are reported as
 * skipped. Never throws on bad data.
 */
export function readWorkbooks(books: readonly WorkbookGrids[], template: Template): ReadResult {
  const matcher = new IndicatorMatcher(template);
  const returns: ParsedReturn[] = [];
  const findings: Finding[] = [];
  for (const book of books) {
    for (const grid of book.sheets) {
      const where = { file: book.file, sheet: grid.name };
      if (grid.values.every((row) => row.every(isBlank))) {
        findings.push(finding('sheet_skipped', { reason: 'empty' }, where));
        continue;
      }
      if (isTemplateSheet(grid)) {
        findings.push(finding('sheet_skipped', { reason: 'template' }, where));
        continue;
      }
      const table = findTableLayout(grid, matcher);
      if (table) {
        pushAll(returns, readTableForm(grid, book.file, table, matcher, findings));
        continue;
      }
      const ret = readSheetForm(grid, book.file, matcher, findings);
      if (ret) {
        returns.push(ret);
        continue;
      }
      // Indicator names in a header row but no community column: a return that was meant to be read.
      const h = headerWithoutCommunity(grid, matcher);
      if (h) findings.push(finding('return_not_read', { missing: 'community', indicators: h.indicators, headers: h.headers }, { ...where, cell: a1(grid, h.row, 0) }));
      else findings.push(finding('sheet_skipped', { reason: 'no_labels' }, where));
    }
  }
  return { returns, findings };
}
