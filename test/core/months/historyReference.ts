// The history check as it was before it grouped the work by community (session 5): kept verbatim as the
// reference the property tests hold checkHistory to, with the plain-array statistics of robust.ts in place of
// the buffer ones (robust.test.ts holds those two equal bit for bit).
import { median, robustScale } from '../../../src/core/check/robust.js';
import { returnWhere } from '../../../src/core/check/types.js';
import { denseValues } from '../../../src/core/check/dense.js';
import { finding, type Finding } from '../../../src/core/findings/codes.js';
import { cellOf } from '../../../src/core/read/returnValues.js';
import type { ParsedReturn } from '../../../src/core/read/types.js';
import type { Indicator, Template } from '../../../src/core/template/types.js';
import type { HistoryRecord } from '../../../src/core/months/historyOutliers.js';
import { addMonths, monthsFrom, previousPeriod } from '../../../src/core/months/periods.js';

const take = (xs: ArrayLike<number>, n: number): number[] => Array.prototype.slice.call(xs, 0, n) as number[];
const medianN = (xs: ArrayLike<number>, n: number): number => median(take(xs, n));
const robustScaleN = (xs: ArrayLike<number>, n: number, c: number): number => robustScale(take(xs, n), c);
const log1pN = (xs: ArrayLike<number>, n: number): number[] => take(xs, n).map((x) => Math.log1p(Math.max(0, x)));

const WINDOW = 12;
const ROBUST_MIN = 4;
const Z = 3.5;
const RATIO = 3;
const FLOOR = 10;
const ZERO_FLOOR = 30;
const RATE_POINTS = 20;
const RATE_POINTS_FEW = 30;

interface HistoryOutlier {
  /** The figure the value is compared with: the median of the previous months, or their largest (zero-heavy). */
  reference: number;
  basis: 'median' | 'max';
  /** How many previous months were used. */
  months: number;
  /** value / reference (one decimal); null for rates and when the reference is 0. */
  ratio: number | null;
  method: 'robust' | 'jump';
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

/**
 * The rule itself, on the window's values xs[0..n) (any order) and the value of the same month a year
 * earlier. `xs` may be a scratch buffer: it is only read.
 */
function judge(ind: Indicator, value: number, xs: ArrayLike<number>, lastYear: number | null, n: number = xs.length): HistoryOutlier | null {
  const rate = ind.kind === 'rate';
  if (value === 0 || (rate && value <= 1)) return null;
  if (n === 0) return null;
  const m = medianN(xs, n);

  if (!rate && lastYear !== null && (value + 1) / (lastYear + 1) < RATIO && (value + 1) / (lastYear + 1) > 1 / RATIO) return null;

  if (rate) {
    const gap = Math.abs(value - m);
    if (n >= ROBUST_MIN) {
      const scale = robustScaleN(xs, n, m);
      if (scale > 0 && Math.abs(value - m) / scale <= Z) return null;
      if (gap < RATE_POINTS) return null;
      return { reference: m, basis: 'median', months: n, ratio: null, method: 'robust' };
    }
    return gap >= RATE_POINTS_FEW ? { reference: m, basis: 'median', months: n, ratio: null, method: 'jump' } : null;
  }

  if (m === 0) {
    let max = -Infinity;
    for (let i = 0; i < n; i++) if (xs[i]! > max) max = xs[i]!;
    if (value < ZERO_FLOOR || (value + 1) / (max + 1) < RATIO) return null;
    return { reference: max, basis: 'max', months: n, ratio: max > 0 ? round1(value / max) : null, method: 'jump' };
  }

  const ratio = (value + 1) / (m + 1);
  const far = (ratio >= RATIO || ratio <= 1 / RATIO) && Math.abs(value - m) >= FLOOR;
  if (!far) return null;
  if (n >= ROBUST_MIN) {
    const ts = log1pN(xs, n);
    const center = medianN(ts, n);
    const scale = robustScaleN(ts, n, center);
    // A constant series has no spread: the several-fold jump rule above is all there is to go on.
    if (scale > 0 && Math.abs(Math.log1p(value) - center) / scale <= Z) return null;
    return { reference: m, basis: 'median', months: n, ratio: round1(value / m), method: scale > 0 ? 'robust' : 'jump' };
  }
  return { reference: m, basis: 'median', months: n, ratio: round1(value / m), method: 'jump' };
}

/**
 * True when `judge` must find nothing whatever the median of a window whose values lie in [min, max] (the
 * median always does): the value is within RATIO of both ends (counts, min > 0 so the median is not 0), or
 * within RATE_POINTS of both (rates). Saves the median of nearly every value; `judge` decides the rest.
 */
function nearAll(ind: Indicator, value: number, min: number, max: number): boolean {
  if (ind.kind === 'rate') return Math.abs(value - min) < RATE_POINTS && Math.abs(value - max) < RATE_POINTS;
  return min > 0 && (value + 1) / (min + 1) < RATIO && (value + 1) / (max + 1) > 1 / RATIO;
}

/**
 * Checks every return against the same community's earlier periods, drawn from the returns themselves and
 * from `history` (earlier months read only as history). Of two records for the same community and period
 * the first counts (duplicates are reported elsewhere); a return's own period is never its own history.
 */
export function checkHistoryReference(
  returns: readonly ParsedReturn[],
  template: Template,
  history: readonly HistoryRecord[] = [],
  dense?: Float64Array,
): Finding[] {
  // Each record's values as one row of numbers in template order (NaN: no value), all in one buffer —
  // the returns' rows (denseValues) first, then the history records' — so the loops below index numbers
  // instead of looking codes up in objects.
  const indicators = template.indicators;
  const k = indicators.length;
  const n = returns.length;
  // (Without history the returns' own buffer serves: it is only read here.)
  const returnsDense = dense ?? denseValues(returns, indicators);
  const buf = history.length ? new Float64Array((n + history.length) * k) : returnsDense;
  if (history.length) buf.set(returnsDense);
  for (let h = 0; h < history.length; h++) {
    const vals = history[h]!.values;
    const base = (n + h) * k;
    for (let i = 0; i < k; i++) {
      const x = vals[indicators[i]!.code];
      buf[base + i] = x === null || x === undefined ? NaN : x;
    }
  }
  // What the loops need of a period, worked out once per distinct period (a city-year has twelve).
  const periods = new Map<string, PeriodFacts>();
  const factsOf = (period: string): PeriodFacts => {
    let f = periods.get(period);
    if (!f) {
      f = { month: monthIndex(period), canonical: canonical(period), lastYear: addMonths(period, -12), previous: previousPeriod(period) };
      periods.set(period, f);
    }
    return f;
  };
  const series = new Map<string, Map<string, Dense>>();
  const add = (community: string, period: string, at: number): void => {
    let byPeriod = series.get(community);
    if (!byPeriod) series.set(community, (byPeriod = new Map()));
    if (!byPeriod.has(period)) {
      const f = factsOf(period);
      byPeriod.set(period, { period, month: f.month, canonical: f.canonical, at });
    }
  };
  // Every return's own values (a duplicate's too: it is judged on its own figures).
  for (let q = 0; q < n; q++) {
    const ret = returns[q]!;
    if (ret.community && ret.period) add(ret.community, ret.period, q * k);
  }
  for (let h = 0; h < history.length; h++) add(history[h]!.community, history[h]!.period, (n + h) * k);

  const out: Finding[] = [];
  let xs: Float64Array = new Float64Array(WINDOW);
  // The window's rows, as their offsets in buf.
  const window: number[] = [];
  for (let q = 0; q < n; q++) {
    const ret = returns[q]!;
    if (!ret.community || !ret.period) continue;
    const at = q * k;
    // Once per return, not per indicator: the window of earlier months, last year's month, last month.
    const facts = factsOf(ret.period);
    const lastYearPeriod = facts.lastYear;
    const prevPeriod = facts.previous;
    const month = facts.month;
    const retCanonical = facts.canonical;
    window.length = 0;
    let lastYear = -1;
    let prevRecord = -1;
    for (const r of series.get(ret.community)!.values()) {
      // r.period >= ret.period, by the month numbers when both are plain YYYY-MM (the same order).
      if (retCanonical && r.canonical ? r.month >= month : r.period >= ret.period) continue;
      const d = month - r.month; // monthsFrom(r.period, ret.period): NaN unless both are YYYY-MM
      if (d >= 1 && d <= WINDOW) window.push(r.at);
      if (r.period === lastYearPeriod) lastYear = r.at;
      if (r.period === prevPeriod) prevRecord = r.at;
    }
    if (window.length === 0) continue;
    const w = window.length;
    if (w > xs.length) xs = new Float64Array(w);
    for (let i = 0; i < k; i++) {
      const ind = indicators[i]!;
      const value = buf[at + i]!;
      if (value !== value || value === 0 || (ind.kind === 'rate' && value <= 1)) continue;
      let m = 0;
      let min = Infinity;
      let max = -Infinity;
      for (let j = 0; j < w; j++) {
        const x = buf[window[j]! + i]!;
        if (x === x) {
          xs[m++] = x;
          if (x < min) min = x;
          if (x > max) max = x;
        }
      }
      if (m > 0 && nearAll(ind, value, min, max)) continue;
      const ly = lastYear >= 0 ? buf[lastYear + i]! : NaN;
      const o = judge(ind, value, xs, ly === ly ? ly : null, m);
      if (!o) continue;
      const prev = prevRecord >= 0 ? buf[prevRecord + i]! : NaN;
      const previous = prev === prev ? prev : null;
      out.push(
        finding('outlier_history', {
          value, reference: o.reference, basis: o.basis, months: o.months, ratio: o.ratio,
          previousPeriod: previous !== null ? prevPeriod : null, previous,
        }, { ...returnWhere(ret), cell: cellOf(ret, ind.code)!, indicator: ind.code, indicatorName: ind.name }),
      );
    }
  }
  return out;
}

/** A `YYYY-MM` with a month 01–12: among these, string order and monthIndex order agree. */
function canonical(p: string): boolean {
  if (p.length !== 7 || p.charCodeAt(4) !== 45) return false;
  const mm = Number(p.slice(5));
  return monthIndex(p) === monthIndex(p) && mm >= 1 && mm <= 12;
}

/** `YYYY-MM` → months since year 0, NaN for anything else (so differences are monthsFrom's). */
function monthIndex(p: string): number {
  return monthsFrom('0000-01', p);
}

/** A period's month number, whether it is a plain `YYYY-MM`, and the periods a year and a month before it. */
interface PeriodFacts {
  month: number;
  canonical: boolean;
  lastYear: string;
  previous: string;
}

/** One record of the history check: its period and its values in template order (NaN: none). */
interface Dense {
  period: string;
  /** monthIndex(period). */
  month: number;
  /** canonical(period). */
  canonical: boolean;
  /** Where its row starts in the buffer of numbers. */
  at: number;
}

