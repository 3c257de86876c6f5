import type { SummaryRow } from '../combine/types.js';
import { CommunityPeriodSet } from '../key.js';

// Names sort as a Chinese reader expects (pinyin order, via ICU), as in combine/combineReturns.ts. Made on
// first use: loading ICU's collation costs ~50 ms, which `returns --help` should not pay.
let collator: Intl.Collator | null = null;

/** Text order with nulls last. */
export const byText = (a: string | null, b: string | null): number =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : bothPeriods(a, b) ? (a < b ? -1 : 1) : (collator ??= new Intl.Collator('zh-CN')).compare(a, b) || (a < b ? -1 : 1);

/**
 * Two `YYYY-MM` texts, which the collator orders as their characters' codes do (they first differ at a
 * digit): compared without it, a collator call each costing more than the rest of a year to date's loop.
 */
function bothPeriods(a: string, b: string): boolean {
  return a.length === 7 && b.length === 7 && a.charCodeAt(4) === 0x2d && b.charCodeAt(4) === 0x2d && PERIOD.test(a) && PERIOD.test(b);
}
const PERIOD = /^\d{4}-\d{2}$/;

/**
 * The first row of the latest period (nulls count as latest, as a sort by `byText(b.period, a.period)` puts
 * them first): the first of such a sort, without sorting. `rows` must not be empty.
 */
export function latest(rows: readonly SummaryRow[]): SummaryRow {
  let best = rows[0]!;
  for (let q = 1; q < rows.length; q++) if (byText(best.period, rows[q]!.period) < 0) best = rows[q]!;
  return best;
}

/** `latest` of the rows at positions `at` of `rows` (`at` not empty). */
export function latestAt(rows: readonly SummaryRow[], at: readonly number[]): SummaryRow {
  let best = rows[at[0]!]!;
  for (let q = 1; q < at.length; q++) if (byText(best.period, rows[at[q]!]!.period) < 0) best = rows[at[q]!]!;
  return best;
}

/**
 * One row per community and period (`communityPeriodKey`): the first of `primary` wins over anything in
 * `extra` (the current run over history read from earlier files), and within each list the first in order wins.
 */
export function uniqueRows(primary: readonly SummaryRow[], extra: readonly SummaryRow[] = []): SummaryRow[] {
  const seen = new CommunityPeriodSet();
  const out: SummaryRow[] = [];
  // Both lists in turn, not their concatenation (a city-year's 28,800 rows copied for nothing).
  for (const list of [primary, extra]) {
    for (let q = 0; q < list.length; q++) {
      const r = list[q]!;
      if (seen.add(r.community, r.period)) out.push(r);
    }
  }
  return out;
}
