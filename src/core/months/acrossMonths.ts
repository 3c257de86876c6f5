import { RowTotals } from '../combine/totals.js';
import type { Consolidation, SummaryRow, TotalRow } from '../combine/types.js';
import { groupBy } from '../groupBy.js';
import type { Indicator } from '../template/types.js';
import { monthOnMonth, type MonthOnMonth } from './monthOnMonth.js';
import { byText, uniqueRows } from './rows.js';
import { yearToDate, type YearToDate } from './yearToDate.js';

/** A period's grand total and its street totals. */
export interface PeriodSummary {
  period: string;
  total: TotalRow;
  streets: TotalRow[];
}

/** Everything across months for one current period. */
export interface AcrossMonths {
  /** The period reported on (the latest present unless chosen). */
  period: string;
  /** Every period known, current run and history, sorted. */
  periods: string[];
  indicators: Indicator[];
  /** One row per community and period, current run first, then history not already covered. */
  rows: SummaryRow[];
  byPeriod: PeriodSummary[];
  ytd: YearToDate;
  mom: MonthOnMonth;
}

/**
 * Builds the across-months view from a consolidation (which may already span several periods) and rows
 * of earlier months read only as history (a previous summary.xlsx or earlier returns). History rows never
 * replace a row of the current run for the same community and period. Null when no period is known.
 */
export function acrossMonths(c: Consolidation, history: readonly SummaryRow[] = [], period?: string | null): AcrossMonths | null {
  const rows = uniqueRows(c.rows, history);
  const periods = [...new Set(rows.map((r) => r.period!))].sort();
  const current = period ?? c.periods[c.periods.length - 1] ?? periods[periods.length - 1];
  if (!current) return null;
  // Every total below is over some of these rows: their values as numbers once, groups as their positions.
  const totals = new RowTotals(rows, c.indicators);
  const positionsOf = groupBy(rows.keys(), (j) => rows[j]!.period!);
  const byPeriod = periods.map((p): PeriodSummary => {
    const inP = positionsOf.get(p) ?? [];
    const streets = [...groupBy(inP, (j) => rows[j]!.street)].sort(([a], [b]) => byText(a, b)).map(([s, at]) => totals.totalAt(at, s));
    return { period: p, total: totals.totalAt(inP, null), streets };
  });
  return {
    period: current,
    periods,
    indicators: c.indicators,
    rows,
    byPeriod,
    ytd: yearToDate(rows, c.indicators, current, totals),
    mom: monthOnMonth(rows, c.indicators, current, totals),
  };
}
