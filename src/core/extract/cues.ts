import type { Indicator, Template } from '../template/types.js';
import { foldText } from '../text/normalize.js';
import { convertUnit, normalizeUnit } from '../value/units.js';
import { PHRASES } from './phrases.js';

/** Where a word that names indicators stands in the folded text. */
export interface CueHit {
  start: number;
  end: number;
  indicators: readonly Indicator[];
}

/** How well an indicator takes a unit: exactly (same, alias or convertible), as a known mismatch, or not. */
export type UnitFit = 'exact' | 'mismatch' | null;

/** The cue words of a template — its names, aliases and the summary phrases — and the indicators each names. */
export class CueDictionary {
  private readonly byWord = new Map<string, Indicator[]>();
  private readonly words: string[];

  constructor(readonly template: Template) {
    for (const ind of template.indicators) {
      const extra = PHRASES[ind.code];
      for (const w of [ind.name, ...ind.aliases, ...(extra?.cues ?? [])]) {
        const key = foldText(w).replace(/[（(][^)）]*[)）]$/u, '');
        if (key.length < 2) continue;
        const list = this.byWord.get(key) ?? [];
        if (!list.includes(ind)) list.push(ind);
        this.byWord.set(key, list);
      }
    }
    this.words = [...this.byWord.keys()].sort((a, b) => b.length - a.length);
  }

  /** Every cue occurrence in text[from, to), overlapping ones included (宣传专栏 and 专栏). */
  hits(text: string, from: number, to: number): CueHit[] {
    const out: CueHit[] = [];
    for (const w of this.words) {
      let i = text.indexOf(w, from);
      while (i >= 0 && i + w.length <= to) {
        out.push({ start: i, end: i + w.length, indicators: this.byWord.get(w)! });
        i = text.indexOf(w, i + 1);
      }
    }
    return out;
  }

  notAfter(ind: Indicator): readonly string[] {
    return PHRASES[ind.code]?.notAfter ?? [];
  }
}

/** Whether `ind` takes a number written with `unit`. Rates take only %; nothing else takes %. */
export function unitFit(ind: Indicator, unit: string): UnitFit {
  const u = normalizeUnit(unit);
  if (ind.kind === 'rate' || u === '%') return ind.kind === 'rate' && u === '%' ? 'exact' : null;
  if (convertUnit(1, u, ind.unit, ind.unitAliases)) return 'exact';
  const said = PHRASES[ind.code]?.saidUnits ?? [];
  return said.some((s) => normalizeUnit(s) === u) ? 'mismatch' : null;
}
