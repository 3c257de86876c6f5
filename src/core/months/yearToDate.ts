import { RowTotals } from '../combine/totals.js';
import type { SummaryRow, TotalRow } from '../combine/types.js';
import { groupBy } from '../groupBy.js';
import type { Indicator } from '../template/types.js';
import { yearStart } from './periods.js';
import { byText, latestAt } from './rows.js';

/** A year-to-date total: `returns` is how many monthly returns were summed, `months` which months they were. */
export type YtdRow = TotalRow & { community: string | null; months: string[] };

export interface YearToDate {
  /** The last month included. */
  period: string;
  /** Months January…period that had any return, sorted. */
  months: string[];
  communities: YtdRow[];
  streets: YtdRow[];
  total: YtdRow;
}

/**
 * Year-to-date totals from January to `period` of the same year, per community, per street and overall.
 * Counts, quantities and money are summed over the months; a rate is recomputed from the cumulative
 * numerator and denominator (Σaware / Σsurveyed × 100 over all months and communities), never averaged
 * over months — a month with 1,000 surveyed weighs ten times one with 100. This is `totalOf`'s rule,
 * applied to a community's months instead of a street's communities. A month a community did not report
 * is simply absent (its `months` list shows which months are in).
 * `rows` may hold several periods and should hold one row per community and period (see `uniqueRows`).
 * `totals`: the totals made from `rows` itself (`new RowTotals(rows, indicators)`), when the caller has them:
 * every group below is a list of positions in `rows`, summed without looking any row up.
 */
export function yearToDate(rows: readonly SummaryRow[], indicators: readonly Indicator[], period: string, totals?: RowTotals): YearToDate {
  const from = yearStart(period);
  const inRange: number[] = [];
  for (let j = 0; j < rows.length; j++) {
    const p = rows[j]!.period;
    if (p !== null && p >= from && p <= period) inRange.push(j);
  }
  const sums = totals ?? new RowTotals(rows, indicators);
  // `[...new Set(periods)].sort()`, without the set: a group has a few distinct months, mostly in a row.
  const monthsOf = (at: readonly number[]): string[] => {
    const out: string[] = [];
    let last: string | null = null;
    for (let q = 0; q < at.length; q++) {
      const p = rows[at[q]!]!.period!;
      if (p !== last && !out.includes(p)) out.push(p);
      last = p;
    }
    return out.sort();
  };

  const communities: YtdRow[] = [];
  for (const [name, own] of groupBy(inRange, (j) => rows[j]!.community)) {
    const street = latestAt(rows, own).street;
    communities.push({ ...sums.totalAt(own, street), community: name, months: monthsOf(own) });
  }
  communities.sort((a, b) => byText(a.street, b.street) || byText(a.community, b.community));

  const streets: YtdRow[] = [...groupBy(inRange, (j) => rows[j]!.street)]
    .sort(([a], [b]) => byText(a, b))
    .map(([street, own]) => ({ ...sums.totalAt(own, street), community: null, months: monthsOf(own) }));
  return {
    period,
    months: monthsOf(inRange),
    communities,
    streets,
    total: { ...sums.totalAt(inRange, null), community: null, months: monthsOf(inRange) },
  };
}
