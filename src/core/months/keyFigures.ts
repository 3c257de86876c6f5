import { applyExclusions } from '../charts/exclusions.js';
import type { ChartSource } from '../charts/common.js';
import { totalOf } from '../combine/totals.js';
import { changeOf, type Change } from './monthOnMonth.js';
import { previousPeriod, yearStart } from './periods.js';
import { uniqueRows } from './rows.js';

/** The indicators a meeting looks at first, in this order (those the template lacks are skipped). */
export const KEY_INDICATORS = [
  'awareness_rate', 'behaviour_rate', 'leaflets', 'lectures', 'lecture_attendance',
  'cleanups', 'volunteers', 'garbage_t', 'rodent_bait_kg', 'poisonings',
] as const;

export interface KeyFigure extends Change {
  code: string;
  name: string;
  unit: string;
  kind: string;
  target: number | null;
  /** Communities whose value entered this month's figure. */
  reported: number;
  /** January to the period (same rule as yearToDate.ts). */
  ytd: number | null;
  /** Communities whose values were left out for errors (see charts/exclusions.ts). */
  excluded: string[];
}

/**
 * The period's headline totals, as the charts show them: values with errors left out, rates as ratios of
 * sums, the change from last month and the year to date.
 */
export function keyFigures(src: ChartSource, period: string, codes: readonly string[] = KEY_INDICATORS): KeyFigure[] {
  const out: KeyFigure[] = [];
  const prev = previousPeriod(period);
  const from = yearStart(period);
  for (const code of codes) {
    const ind = src.indicators.find((i) => i.code === code);
    if (!ind) continue;
    const clean = applyExclusions(uniqueRows(src.rows), src.excluded, ind);
    const cur = clean.rows.filter((r) => r.period === period);
    const last = clean.rows.filter((r) => r.period === prev);
    const ytdRows = clean.rows.filter((r) => r.period !== null && r.period >= from && r.period <= period);
    const t = totalOf(cur, src.indicators, null);
    const change = changeOf(ind, t.values[code] ?? null, last.length ? (totalOf(last, src.indicators, null).values[code] ?? null) : null);
    out.push({
      ...change,
      code, name: ind.name, unit: ind.unit, kind: ind.kind, target: ind.target,
      reported: t.reported[code] ?? 0,
      ytd: totalOf(ytdRows, src.indicators, null).values[code] ?? null,
      excluded: clean.dropped.get(period) ?? [],
    });
  }
  return out;
}
