import type { ExcludedValue } from '../charts/exclusions.js';
import { communityPeriodKey } from '../key.js';
import type { AcrossMonths } from './acrossMonths.js';
import { changeOf, type Change } from './monthOnMonth.js';

/** The indicators a meeting looks at first, in this order (those the template lacks are skipped). */
export const KEY_INDICATORS = [
  'awareness_rate', 'behaviour_rate', 'leaflets', 'lectures', 'lecture_attendance',
  'cleanups', 'volunteers', 'garbage_t', 'rodent_bait_kg', 'poisonings',
] as const;

export interface KeyFigure extends Change {
  code: string;
  name: string;
  /** The template's English name, if any. */
  nameEn: string | null;
  unit: string;
  kind: string;
  target: number | null;
  /** Communities whose value entered this month's figure. */
  reported: number;
  /** January to the period: the 累计 sheet's total. */
  ytd: number | null;
  /**
   * Communities whose values counted in this month's total (the indicator's own, or a rate's numerator and
   * denominator) have an error finding: in the total, as in 汇总, but not drawn in the charts — the report
   * says so beside the figure.
   */
  flagged: string[];
}

/**
 * The period's headline totals: exactly 汇总's 合计 for the period, 环比's change from last month and
 * 累计's year to date — one number for one thing, whichever door shows it. Values with errors stay in
 * (as in every table); `flagged` names them so the report can say why a chart's bars may add up to less.
 */
export function keyFigures(m: AcrossMonths, excluded: readonly ExcludedValue[] = [], codes: readonly string[] = KEY_INDICATORS): KeyFigure[] {
  const out: KeyFigure[] = [];
  const cur = m.byPeriod.find((p) => p.period === m.period)?.total;
  const rowOf = new Map(m.rows.filter((r) => r.period === m.period).map((r) => [communityPeriodKey(r.community, r.period) ?? '', r]));
  for (const code of codes) {
    const ind = m.indicators.find((i) => i.code === code);
    if (!ind || !cur) continue;
    const change = m.mom.total.changes[code] ?? changeOf(ind, cur.values[code] ?? null, null);
    // What the total is made of: the values themselves, or for a rate its numerator and denominator.
    const parts = ind.kind === 'rate' && ind.numerator && ind.denominator ? [ind.numerator, ind.denominator] : [code];
    const counted = (e: ExcludedValue): boolean => {
      const row = rowOf.get(communityPeriodKey(e.community, e.period) ?? '');
      return !!row && parts.every((p) => (row.values[p] ?? null) !== null);
    };
    const flagged = [...new Set(excluded.filter((e) => e.period === m.period && parts.includes(e.code) && counted(e)).map((e) => e.community))];
    out.push({
      ...change,
      code, name: ind.name, nameEn: ind.nameEn ?? null, unit: ind.unit, kind: ind.kind, target: ind.target,
      reported: cur.reported[code] ?? 0,
      ytd: m.ytd.total.values[code] ?? null,
      flagged,
    });
  }
  return out;
}
