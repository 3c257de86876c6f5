import { communityPeriodKey } from '../key.js';
import { combineReturns } from '../combine/combineReturns.js';
import type { SummaryRow } from '../combine/types.js';
import { compareFindings } from '../findings/codes.js';
import type { WorkbookGrids } from '../grid.js';
import type { JobResult } from '../job.js';
import { readWorkbooks } from '../read/readWorkbook.js';
import type { ParsedReturn } from '../read/types.js';
import type { Template } from '../template/types.js';
import { checkHistory, recordOf, type HistoryRecord } from './historyOutliers.js';
import { uniqueRows } from './rows.js';
import { MONTH_SHEETS } from './tables.js';

/**
 * summary.xlsx writes its sub-totals as `小计（6）` (with the number of returns), which the table-form
 * reader's own total-row pattern does not cover; as history they would count as a community.
 */
const SUBTOTAL = /^(?:小计|合计|总计)(?:[（(]\s*\d+\s*[)）])?$/u;

export interface HistoryInput {
  /** Summary rows of the history (one per community and period not in the current run). */
  rows: SummaryRow[];
  /** How many returns were read from the history files, before dropping those the current run covers. */
  returns: number;
}

/**
 * Reads earlier months (previous summary.xlsx files — the 汇总 sheet is a table-form return per row, its
 * 小计/合计 rows skipped — or earlier returns) as history only: they feed the history check and the
 * year-to-date figures, never the current outputs, and nothing is reported about them. The current run's
 * `outlier_history` findings are recomputed with the longer history (a longer history may also clear a
 * finding that two months alone raised).
 */
export function withHistory(result: JobResult, books: readonly WorkbookGrids[], template: Template): { result: JobResult; history: HistoryInput } {
  const sheets = new Set<string>(Object.values(MONTH_SHEETS));
  const read = readWorkbooks(books, template).returns.filter(
    (r) => r.community && r.period && !SUBTOTAL.test(r.community) && !sheets.has(r.sheet),
  );
  const current = new Set(result.returns.map((r) => communityPeriodKey(r.community, r.period)));
  const past: ParsedReturn[] = read.filter((r) => !current.has(communityPeriodKey(r.community, r.period)));
  const rows = uniqueRows(combineReturns(past, template).rows);
  if (past.length === 0) return { result, history: { rows, returns: read.length } };
  const records = past.map(recordOf).filter((r): r is HistoryRecord => r !== null);
  const findings = [
    ...result.findings.filter((f) => f.code !== 'outlier_history'),
    ...checkHistory(result.returns, template, records),
  ].sort(compareFindings);
  return { result: { ...result, findings }, history: { rows, returns: read.length } };
}
