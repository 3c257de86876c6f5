import { communityPeriodKey } from '../key.js';
import type { SummaryRow } from '../combine/types.js';

// Names sort as a Chinese reader expects (pinyin order, via ICU), as in combine/combineReturns.ts. Made on
// first use: loading ICU's collation costs ~50 ms, which `returns --help` should not pay.
let collator: Intl.Collator | null = null;

/** Text order with nulls last. */
export const byText = (a: string | null, b: string | null): number =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : (collator ??= new Intl.Collator('zh-CN')).compare(a, b) || (a < b ? -1 : 1);

/** Rows of the latest period first. */
export function latestFirst(rows: readonly SummaryRow[]): SummaryRow[] {
  return [...rows].sort((a, b) => byText(b.period, a.period));
}

/**
 * One row per community and period: the first of `primary` wins over anything in `extra` (the current
 * run over history read from earlier files), and within each list the first in order wins.
 */
export function uniqueRows(primary: readonly SummaryRow[], extra: readonly SummaryRow[] = []): SummaryRow[] {
  const seen = new Set<string>();
  const out: SummaryRow[] = [];
  for (const r of [...primary, ...extra]) {
    const key = communityPeriodKey(r.community, r.period);
    if (key === null) continue;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(r);
  }
  return out;
}
