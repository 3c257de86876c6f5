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

const round = (x: number, d: number): number => Math.round(x * 10 ** d) / 10 ** d;

export function changeOf(ind: Indicator, current: number | null, previous: number | null): Change {
  if (current === null || previous === null) return { current, previous, change: null, changePct: null };
  const change = round(current - previous, 6);
  const changePct = ind.kind === 'rate' || previous === 0 ? null : round((change / previous) * 100, 1);
  return { current, previous, change, changePct };
}

/**
 * Month-on-month changes for `period` against the calendar month before it, per community (those that
 * reported in `period`), per street and overall. Street and total figures are recomputed from the rows
 * with `totalOf` (rates as ratios of sums). `rows` should hold one row per community and period.
 * `totals`: the totals over `rows` (or a superset), when the caller has them.
 */
export function monthOnMonth(rows: readonly SummaryRow[], indicators: readonly Indicator[], period: string, totals?: RowTotals): MonthOnMonth {
  const previous = previousPeriod(period);
  const cur = rows.filter((r) => r.period === period);
  const prev = rows.filter((r) => r.period === previous);
  const sums = totals ?? new RowTotals([...cur, ...prev], indicators);
  const newChanges = recordMaker<Change>(indicators.map((ind) => ind.code));
  // A community's own figures are its reported values (its reported rate included); a street's or the
  // total's are recomputed from the rows.
  const valuesOf = (rs: readonly SummaryRow[], street: string | null, own: boolean) =>
    own ? (rs[0]?.values ?? {}) : sums.totalOf(rs, street).values;
  const rowOf = (
    community: string | null, street: string | null, a: readonly SummaryRow[], b: readonly SummaryRow[],
  ): ChangeRow => {
    const ta = { values: valuesOf(a, street, community !== null) };
    const tb = { values: valuesOf(b, street, community !== null) };
    const changes: Record<string, Change> = newChanges();
    for (const ind of indicators) {
      changes[ind.code] = changeOf(ind, ta.values[ind.code] ?? null, b.length ? (tb.values[ind.code] ?? null) : null);
    }
    return { community, street, previousReported: b.length > 0, returns: { current: a.length, previous: b.length }, changes };
  };

  const prevOf = groupBy(prev, (p) => p.community);
  const communities = cur
    .map((r) => rowOf(r.community, r.street, [r], prevOf.get(r.community) ?? []))
    .sort((a, b) => byText(a.street, b.street) || byText(a.community, b.community));
  const prevByStreet = groupBy(prev, (r) => r.street);
  const streets = [...groupBy(cur, (r) => r.street)]
    .sort(([a], [b]) => byText(a, b))
    .map(([street, rs]) => rowOf(null, street, rs, prevByStreet.get(street) ?? []));
  return { period, previous, previousPresent: prev.length > 0, communities, streets, total: rowOf(null, null, cur, prev) };
}
