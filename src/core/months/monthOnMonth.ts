import { RowTotals } from '../combine/totals.js';
import { recordMaker } from '../read/record.js';
import type { SummaryRow } from '../combine/types.js';
import { groupBy } from '../groupBy.js';
import type { Indicator } from '../template/types.js';
import { previousPeriod } from './periods.js';
import { byText } from './rows.js';

/**
 * One indicator's change from the previous calendar month. `change` is current − previous (for a rate,
 * in percentage points); `changePct` is the change as a % of the previous value — null for rates (a % of
 * a % misleads), when the previous value is 0, and whenever either value is missing.
 */
export interface Change {
  current: number | null;
  previous: number | null;
  change: number | null;
  changePct: number | null;
}

/**
 * A community's, a street's or the total's changes. `previousReported` is false when there was no return
 * at all for the previous month: then every `previous` is null and the change reads "missing" — it is
 * never compared with an older month instead, which would pass off a two-month change as a monthly one.
 */
export interface ChangeRow {
  community: string | null;
  street: string | null;
  previousReported: boolean;
  /** Returns summed in each month (1 or 0 for a community); a street's total moves when a community is missing. */
  returns: { current: number; previous: number };
  changes: Record<string, Change>;
}

export interface MonthOnMonth {
  period: string;
  previous: string;
  /** Whether any return exists for the previous month. */
  previousPresent: boolean;
  communities: ChangeRow[];
  streets: ChangeRow[];
  total: ChangeRow;
}

// Rounding to 6 and to 1 decimals (as Math.round(x · 10^d) / 10^d), the powers written out: a run compiles
// without inlining, and two Math.pow calls per rounding were a quarter of the 环比's time.
const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;
const round1 = (x: number): number => Math.round(x * 10) / 10;

export function changeOf(ind: Indicator, current: number | null, previous: number | null): Change {
  if (current === null || previous === null) return { current, previous, change: null, changePct: null };
  const change = round6(current - previous);
  const changePct = ind.kind === 'rate' || previous === 0 ? null : round1((change / previous) * 100);
  return { current, previous, change, changePct };
}

/**
 * Month-on-month changes for `period` against the calendar month before it, per community (those that
 * reported in `period`), per street and overall. Street and total figures are recomputed from the rows
 * with `totalOf` (rates as ratios of sums). `rows` should hold one row per community and period.
 * `totals`: the totals made from `rows` itself (`new RowTotals(rows, indicators)`), when the caller has them:
 * the groups below are lists of positions in `rows`, summed without looking any row up.
 */
export function monthOnMonth(rows: readonly SummaryRow[], indicators: readonly Indicator[], period: string, totals?: RowTotals): MonthOnMonth {
  const previous = previousPeriod(period);
  const cur: number[] = [];
  const prev: number[] = [];
  for (let j = 0; j < rows.length; j++) {
    const p = rows[j]!.period;
    if (p === period) cur.push(j);
    else if (p === previous) prev.push(j);
  }
  const sums = totals ?? new RowTotals(rows, indicators);
  const newChanges = recordMaker<Change>(indicators.map((ind) => ind.code));
  // A community's own figures are its reported values (its reported rate included); a street's or the
  // total's are recomputed from the rows.
  const valuesOf = (at: readonly number[], street: string | null, own: boolean) =>
    own ? (at.length ? rows[at[0]!]!.values : {}) : sums.totalAt(at, street).values;
  const rowOf = (
    community: string | null, street: string | null, a: readonly number[], b: readonly number[],
  ): ChangeRow => {
    const ta = { values: valuesOf(a, street, community !== null) };
    const tb = { values: valuesOf(b, street, community !== null) };
    const changes: Record<string, Change> = newChanges();
    for (const ind of indicators) {
      changes[ind.code] = changeOf(ind, ta.values[ind.code] ?? null, b.length ? (tb.values[ind.code] ?? null) : null);
    }
    return { community, street, previousReported: b.length > 0, returns: { current: a.length, previous: b.length }, changes };
  };

  const prevOf = groupBy(prev, (j) => rows[j]!.community);
  const communities = cur
    .map((j) => rowOf(rows[j]!.community, rows[j]!.street, [j], prevOf.get(rows[j]!.community) ?? []))
    .sort((a, b) => byText(a.street, b.street) || byText(a.community, b.community));
  const prevByStreet = groupBy(prev, (j) => rows[j]!.street);
  const streets = [...groupBy(cur, (j) => rows[j]!.street)]
    .sort(([a], [b]) => byText(a, b))
    .map(([street, at]) => rowOf(null, street, at, prevByStreet.get(street) ?? []));
  return { period, previous, previousPresent: prev.length > 0, communities, streets, total: rowOf(null, null, cur, prev) };
}
