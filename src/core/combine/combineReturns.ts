import { missingReturns, type Roster } from '../check/roster.js';
import { groupBy } from '../groupBy.js';
import type { ParsedReturn } from '../read/types.js';
import type { Template } from '../template/types.js';
import { totalOf } from './totals.js';
import type { Consolidation, DetailRow, SummaryRow } from './types.js';

// Names sort as a Chinese reader expects (pinyin order, via ICU); empty values go last. Collating is
// slow, so each distinct name is ranked once per call and rows compare ranks. The collator is made on
// first use (loading ICU's collation costs ~50 ms that `returns --help` should not pay).
let collator: Intl.Collator | null = null;
function ranker(names: Iterable<string | null>): (a: string | null, b: string | null) => number {
  const distinct = [...new Set(names)].filter((n): n is string => n !== null);
  const c = (collator ??= new Intl.Collator('zh-CN'));
  distinct.sort((a, b) => c.compare(a, b) || (a < b ? -1 : 1));
  const rank = new Map(distinct.map((n, i) => [n, i]));
  const r = (x: string | null): number => (x === null ? Infinity : rank.get(x) ?? Infinity);
  return (a, b) => (a === b ? 0 : r(a) - r(b) || 0);
}

/**
 * Combines returns into the summary: one row per return (community, street, period), street sub-totals
 * and grand totals per period, and the long table. `returns` must already exclude duplicates and
 * returns without a community (the job does that and says so in findings). Values are in template
 * units; an unreadable value stays null. Every value keeps its source cell.
 */
export function combineReturns(returns: readonly ParsedReturn[], template: Template, roster: Roster | null = null): Consolidation {
  const indicators = template.indicators;
  // Rows and details share one order (period, street, community, file): rank every name once, sort the
  // returns (stable), then build rows and details in that order. Sorting 835,000 detail objects with a
  // comparator over names took seconds.
  const byText = ranker(returns.flatMap((r) => [r.period, r.street, r.community ?? '', r.file]));
  const keys = returns.map((ret, i) => ({ ret, i }));
  keys.sort((a, b) =>
    byText(a.ret.period, b.ret.period) || byText(a.ret.street, b.ret.street) || byText(a.ret.community ?? '', b.ret.community ?? '') ||
    byText(a.ret.file, b.ret.file) || a.i - b.i);
  const sorted = keys.map((k) => k.ret);

  const rows: SummaryRow[] = sorted.map((ret) => {
    const values: SummaryRow['values'] = {};
    const sources: SummaryRow['sources'] = {};
    const approximate: string[] = [];
    for (const ind of indicators) {
      const v = ret.values[ind.code];
      values[ind.code] = v ? v.value : null;
      if (v) sources[ind.code] = { file: ret.file, sheet: ret.sheet, cell: v.cell };
      if (v?.approximate) approximate.push(ind.code);
    }
    return { community: ret.community ?? '', street: ret.street, period: ret.period, file: ret.file, sheet: ret.sheet, values, sources, approximate };
  });

  // Rows are sorted by period, then street: the groups come out in that order.
  const byPeriod = groupBy(rows, (r) => r.period);
  const periods = [...byPeriod.keys()];
  const streets: Consolidation['streets'] = [];
  const totals: Consolidation['totals'] = [];
  for (const [period, inPeriod] of byPeriod) {
    for (const [street, own] of groupBy(inPeriod, (r) => r.street)) streets.push({ ...totalOf(own, indicators, street), period });
    totals.push({ ...totalOf(inPeriod, indicators, null), period });
  }

  // In the returns' order, each return's values in template order: the order a sort of the details by
  // (period, street, community, file, indicator) would give. Built on first use — only 明细 needs them,
  // and ten times a city-year is 8.3 million of them.
  const buildDetails = (): DetailRow[] => {
    const details: DetailRow[] = [];
    for (const ret of sorted) {
      for (const ind of indicators) {
        const v = ret.values[ind.code];
        if (!v) continue;
        details.push({
          community: ret.community ?? '', street: ret.street, period: ret.period, code: ind.code, name: ind.name,
          value: v.value, unit: ind.unit, raw: v.raw === null ? '' : String(v.raw), approximate: v.approximate,
          file: ret.file, sheet: ret.sheet, cell: v.cell,
        });
      }
    }
    return details;
  };

  const missing = roster ? missingReturns(rows, roster) : [];
  let details: DetailRow[] | undefined;
  return {
    indicators, periods: periods.filter((p): p is string => p !== null), rows, streets, totals,
    get details() {
      return (details ??= buildDetails());
    },
    missing,
    combined: sorted,
  };
}
