import type { SummaryRow } from '../combine/types.js';
import type { Finding } from '../findings/codes.js';
import { communityPeriodKey } from '../key.js';
import type { Indicator } from '../template/types.js';

/** A value kept out of the charts: one community's indicator in one period. */
export interface ExcludedValue {
  community: string;
  period: string;
  code: string;
}

/**
 * The values an error finding points at (17360 吨 above the template's maximum, a 知晓率 of 104 %, a
 * rate that disagrees with its components): drawn, they would dwarf or distort everything else on a
 * meeting chart. The charts leave them out and say so in the subtitle; the numbers themselves are not
 * changed anywhere else.
 */
export function excludedByFindings(findings: readonly Finding[]): ExcludedValue[] {
  const out: ExcludedValue[] = [];
  for (const f of findings) {
    if (f.severity !== 'error' || !f.community || !f.period || !f.indicator) continue;
    out.push({ community: f.community, period: f.period, code: f.indicator });
  }
  return out;
}

/** The codes whose exclusion touches an indicator's figures: itself, and for a rate its components. */
export function codesBehind(ind: Indicator): string[] {
  return [ind.code, ...(ind.kind === 'rate' && ind.numerator && ind.denominator ? [ind.numerator, ind.denominator] : [])];
}

/**
 * The rows with excluded values blanked (copies; the input is not touched) — for a rate, its own value
 * too when a component is excluded — and per period the communities whose figures for `ind` lost a value.
 */
export function applyExclusions(
  rows: readonly SummaryRow[],
  excluded: readonly ExcludedValue[] | undefined,
  ind: Indicator,
): { rows: SummaryRow[]; dropped: Map<string, string[]> } {
  const dropped = new Map<string, string[]>();
  if (!excluded?.length) return { rows: [...rows], dropped };
  const codes = new Set(codesBehind(ind));
  const keyOf = (community: string, period: string | null, code: string): string => `${communityPeriodKey(community, period)}\u0000${code}`;
  const keys = new Set(excluded.filter((e) => codes.has(e.code)).map((e) => keyOf(e.community, e.period, e.code)));
  const out = rows.map((r) => {
    let values: SummaryRow['values'] | null = null;
    for (const code of codes) {
      if ((r.values[code] ?? null) === null || !keys.has(keyOf(r.community, r.period, code))) continue;
      values ??= { ...r.values };
      values[code] = null;
    }
    if (!values) return r;
    // A rate whose numerator or denominator is in error is no better than they are.
    values[ind.code] = null;
    const list = dropped.get(r.period ?? '') ?? [];
    if (!list.includes(r.community)) list.push(r.community);
    dropped.set(r.period ?? '', list);
    return { ...r, values };
  });
  return { rows: out, dropped };
}

/** The communities whose values were left out in any of `periods`, or null. */
export function droppedIn(dropped: Map<string, string[]>, periods: readonly string[]): string[] | null {
  const names = [...new Set(periods.flatMap((p) => dropped.get(p) ?? []))];
  return names.length ? names : null;
}
