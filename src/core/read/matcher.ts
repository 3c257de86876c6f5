import { closest, normalizeLabel } from '../text/normalize.js';
import type { Indicator, Template } from '../template/types.js';

export interface LabelMatch {
  indicator: Indicator;
  /** Unit written in the label's brackets (投放鼠药（吨） → 吨), folded; null if none. */
  unit: string | null;
}

// Words people add around an indicator name that do not change what it is: 投放鼠药数量, 本月清运垃圾.
const NOISE_PREFIX = /^(?:本月|本期|当月|累计)/u;
const NOISE_SUFFIX = /(?:数量|总数|总量|情况|合计|数)$/u;

/**
 * Matches labels to template indicators by name, alias or code, after normalisation (Traditional →
 * Simplified, full-width → half-width, numbering, brackets and colons removed). Exact first; then with
 * common filler words stripped; then the longest indicator key (≥ 4 characters) the label contains.
 */
export class IndicatorMatcher {
  private readonly byKey = new Map<string, Indicator>();
  private readonly longKeys: [string, Indicator][] = [];
  private readonly groups = new Set<string>();

  constructor(private readonly template: Template) {
    for (const ind of template.indicators) {
      for (const label of [ind.name, ...ind.aliases, ind.code]) {
        const { key } = normalizeLabel(label);
        if (!key) continue;
        if (!this.byKey.has(key)) this.byKey.set(key, ind);
        if ([...key].length >= 4) this.longKeys.push([key, ind]);
      }
      if (ind.group) this.groups.add(normalizeLabel(ind.group).key);
    }
    this.longKeys.sort((a, b) => [...b[0]].length - [...a[0]].length);
  }

  match(text: string): LabelMatch | null {
    const { key, unit } = normalizeLabel(text);
    if (!key) return null;
    const exact = this.byKey.get(key) ?? this.byKey.get(key.toLowerCase());
    if (exact) return { indicator: exact, unit };
    const trimmed = key.replace(NOISE_PREFIX, '').replace(NOISE_SUFFIX, '');
    const loose = trimmed && this.byKey.get(trimmed);
    if (loose) return { indicator: loose, unit };
    for (const [k, ind] of this.longKeys) if (key.includes(k)) return { indicator: ind, unit };
    return null;
  }

  /** The indicator a typo most likely meant (投放鼠要 → 投放鼠药), or null. */
  suggest(text: string): Indicator | null {
    const { key } = normalizeLabel(text);
    return closest(key, this.template.indicators, (ind) =>
      [ind.name, ...ind.aliases].map((l) => normalizeLabel(l).key),
    );
  }

  /** True for a section heading such as 一、宣传教育 (a template group name). */
  isGroupHeading(text: string): boolean {
    return this.groups.has(normalizeLabel(text).key);
  }
}
