import { communityPeriodKey } from '../key.js';
import type { SummaryRow } from '../combine/types.js';

// Names sort as a Chinese reader expects (pinyin order, via ICU), as in combine/combineReturns.ts. Made on
// first use: loading ICU's collation costs ~50 ms, which `returns --help` should not pay.
let collator: Intl.Collator | null = null;

/** Text order with nulls last. */
export const byText = (a: string | null, b: string | null): number =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : (collator ??= new Intl.Collator('zh-CN')).compare(a, b) || (a < b ? -1 : 1);

/**
 * The first row of the latest period (nulls count as latest, as a sort by `byText(b.period, a.period)` puts
 * them first): the first of such a sort, without sorting. `rows` must not be empty.
 */
export function latest(rows: readonly SummaryRow[]): SummaryRow {
  let best = rows[0]!;
  for (let q = 1; q < rows.length; q++) if (byText(best.period, rows[q]!.period) < 0) best = rows[q]!;
  return best;
}

/**
 * One row per community and period: the first of `primary` wins over anything in `extra` (the current
 * run over history read from earlier files), and within each list the first in order wins.
 */
export function uniqueRows(primary: readonly SummaryRow[], extra: readonly SummaryRow[] = []): SummaryRow[] {
  const seen = new Set<string>();
  const out: SummaryRow[] = [];
  // Both lists in turn, not their concatenation (a city-year's 28,800 rows copied for nothing).
  for (const list of [primary, extra]) {
    for (let q = 0; q < list.length; q++) {
      const r = list[q]!;
      const key = communityPeriodKey(r.community, r.period);
      if (key === null || seen.has(key)) continue;
      seen.add(key);
      out.push(r);
    }
  }
  return out;
}
