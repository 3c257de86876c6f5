import { log1pN, medianN, robustScaleN } from '../check/robust.js';
import type { PanelCheck } from '../check/types.js';
import { returnWhere } from '../check/types.js';
import { finding, type Finding } from '../findings/codes.js';
import { cellOf } from '../read/returnValues.js';
import type { ParsedReturn } from '../read/types.js';
import { denseValues } from '../check/dense.js';
import type { Indicator, Template } from '../template/types.js';
import { addMonths, monthsFrom, previousPeriod } from './periods.js';

/**
 * A community's figure against its own previous months.
 *
 * Thresholds, and why:
 * - WINDOW 12: the previous twelve months at most; older figures describe another year's work.
 * - ROBUST_MIN 4: with four or more previous months the median and MAD (robust.ts) are stable enough to
 *   use the modified z-score, on log(1 + x) as the peer check does, with the same cut-off Z 3.5
 *   (Iglewicz & Hoaglin). A steady seasonal rise (20, 25, 40, 60 … kg of rodent bait into summer) moves
 *   the log by far less than that, so it does not flag.
 * - With one to three previous months there is no spread to speak of: a value is flagged when it is at
 *   least RATIO 3 times (or at most a third of) the median of those months, on 1 + x so zeros work.
 * - Both ways also need an absolute difference of FLOOR 10 template units, so that small counts
 *   (1 → 4 meetings) never cry wolf; and the robust way also needs the RATIO, so a tight series
 *   (10, 10, 11, 10) does not flag 12.
 * - Zero-heavy series (at least half the previous months 0, so the median is 0): an indicator a community
 *   uses now and then. There is no typical value, so only a clearly large figure is asked about: at
 *   least ZERO_FLOOR 30 units and RATIO times the largest previous figure.
 * - A reported 0 is never flagged ("none this month" is a legitimate answer), nor is a rate ≤ 1
 *   (rate_fraction already speaks about 0.879).
 * - Seasons: when the same month a year earlier is known and the value is within RATIO of it, it is not
 *   flagged — April's 爱国卫生月 campaign may lift figures every year.
 * - Rates are compared in percentage points on the raw scale: robust with a gap of at least RATE_POINTS
 *   20, and with fewer months a gap of at least RATE_POINTS_FEW 30 from the median.
 */
const WINDOW = 12;
const ROBUST_MIN = 4;
const Z = 3.5;
const RATIO = 3;
const FLOOR = 10;
const ZERO_FLOOR = 30;
const RATE_POINTS = 20;
const RATE_POINTS_FEW = 30;

/** One community's value of one indicator in one earlier period. */
export interface PastValue {
  period: string;
  value: number;
}

export interface HistoryOutlier {
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
 * Whether `value` (for `period`) is far from the same community's `past` values of this indicator.
 * `past` may hold any periods; only the WINDOW months before `period` (and the same month a year
 * earlier, for seasons) are used.
 */
export function isHistoryOutlier(ind: Indicator, period: string, value: number, past: readonly PastValue[]): HistoryOutlier | null {
  if (value === 0 || (ind.kind === 'rate' && value <= 1)) return null;
  const lastYearPeriod = addMonths(period, -12);
  const xs: number[] = [];
  let lastYear: number | null = null;
  for (const p of past) {
    const d = monthsFrom(p.period, period);
    if (d >= 1 && d <= WINDOW) xs.push(p.value);
    if (lastYear === null && p.period === lastYearPeriod) lastYear = p.value;
  }
  return judge(ind, value, xs, lastYear);
}

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
 * median always does), or when the window is empty: the value is within RATIO of both ends (counts, min > 0
 * so the median is not 0), or within RATE_POINTS of both (rates). Any range that holds the window's values
 * will do — the narrower, the more it decides. Saves the median of nearly every value; `judge` decides the rest.
 */
function nearAll(ind: Indicator, value: number, min: number, max: number): boolean {
  if (ind.kind === 'rate') return Math.abs(value - min) < RATE_POINTS && Math.abs(value - max) < RATE_POINTS;
  return min > 0 && (value + 1) / (min + 1) < RATIO && (value + 1) / (max + 1) > 1 / RATIO;
}

/** A community's figures for one period, from a return or from a row of an earlier summary. */
export interface HistoryRecord {
  community: string;
  period: string;
  values: Record<string, number | null>;
}

/** ParsedReturn → HistoryRecord (null without a community or period). */
export function recordOf(ret: ParsedReturn): HistoryRecord | null {
  if (!ret.community || !ret.period) return null;
  const values: Record<string, number | null> = {};
  for (const [code, v] of Object.entries(ret.values)) values[code] = v.value;
  return { community: ret.community, period: ret.period, values };
}

/**
 * Checks every return against the same community's earlier periods, drawn from the returns themselves and
 * from `history` (earlier months read only as history). Of two records for the same community and period
 * the first counts (duplicates are reported elsewhere); a return's own period is never its own history.
 *
 * The work goes community by community, so that a community's few rows of numbers are read from memory
 * once and then judged from the cache month after month (return by return, they were 2,400 rows apart in
 * a city-year); the findings are put back in the returns' order at the end.
 */
export function checkHistory(
  returns: readonly ParsedReturn[],
  template: Template,
  history: readonly HistoryRecord[] = [],
  dense?: Float64Array,
): Finding[] {
  const indicators = template.indicators;
  const n = returns.length;
  const records = numberRecords(returns, history);
  const judging = new HistoryJudging(valueRows(returns, indicators, history, dense), indicators, periodFacts(records.periods), records.period);
  const { start, order } = byCommunity(records);
  // Per period, the community whose record of that period is already kept.
  const keptBy = new Int32Array(records.periods.length).fill(-1);
  let kept = new Int32Array(16);
  for (let c = 0; c < records.communities; c++) {
    const from = start[c]!;
    const to = start[c + 1]!;
    if (to - from > kept.length) kept = new Int32Array(to - from);
    // The community's records, the first of each period.
    let nk = 0;
    for (let s = from; s < to; s++) {
      const j = order[s]!;
      const p = records.period[j]!;
      if (keptBy[p] === c) continue;
      keptBy[p] = c;
      kept[nk++] = j;
    }
    // Every return of the community is judged (a duplicate too: on its own figures); history records follow them.
    judging.community(kept, nk);
    for (let s = from; s < to && order[s]! < n; s++) judging.judge(returns[order[s]!]!, order[s]!);
  }
  return judging.inReturnOrder();
}

/**
 * Each record's values as one row of numbers in template order (NaN: no value), all in one buffer — the
 * returns' rows (denseValues; the returns' own buffer when there is no history: it is only read) first,
 * then the history records' — so the checks index numbers instead of looking codes up in objects.
 */
function valueRows(
  returns: readonly ParsedReturn[],
  indicators: readonly Indicator[],
  history: readonly HistoryRecord[],
  dense: Float64Array | undefined,
): Float64Array {
  const k = indicators.length;
  const n = returns.length;
  const returnsDense = dense ?? denseValues(returns, indicators);
  if (!history.length) return returnsDense;
  const buf = new Float64Array((n + history.length) * k);
  buf.set(returnsDense);
  for (let h = 0; h < history.length; h++) {
    const vals = history[h]!.values;
    const base = (n + h) * k;
    for (let i = 0; i < k; i++) {
      const x = vals[indicators[i]!.code];
      buf[base + i] = x === null || x === undefined ? NaN : x;
    }
  }
  return buf;
}

/**
 * The records community by community (a counting sort): community c's record numbers, in record order, are
 * order[start[c] .. start[c + 1]).
 */
function byCommunity(records: Records): { start: Int32Array; order: Int32Array } {
  const { community, communities } = records;
  const start = new Int32Array(communities + 1);
  for (let j = 0; j < community.length; j++) if (community[j]! >= 0) start[community[j]! + 1]++;
  for (let c = 0; c < communities; c++) start[c + 1] += start[c]!;
  const order = new Int32Array(start[communities]!);
  const next = start.slice(0, communities);
  for (let j = 0; j < community.length; j++) if (community[j]! >= 0) order[next[community[j]!]++] = j;
  return { start, order };
}

/** Every record (the returns, then the history records) numbered by its community and its period. */
interface Records {
  /** Record j's community number; −1 for a return without a community or a period (neither judged nor history). */
  community: Int32Array;
  /** Record j's period number (when it has a community number). */
  period: Int32Array;
  communities: number;
  /** The periods by number. */
  periods: string[];
}

function numberRecords(returns: readonly ParsedReturn[], history: readonly HistoryRecord[]): Records {
  const n = returns.length;
  const community = new Int32Array(n + history.length).fill(-1);
  const period = new Int32Array(n + history.length);
  const communityIds = new Map<string, number>();
  const periodIds = new Map<string, number>();
  const periods: string[] = [];
  for (let j = 0; j < n + history.length; j++) {
    const r = j < n ? returns[j]! : history[j - n]!;
    if (j < n && (!r.community || !r.period)) continue;
    const c = communityIds.get(r.community!);
    community[j] = c ?? communityIds.size;
    if (c === undefined) communityIds.set(r.community!, communityIds.size);
    const p = periodIds.get(r.period!);
    period[j] = p ?? periods.length;
    if (p === undefined) {
      periodIds.set(r.period!, periods.length);
      periods.push(r.period!);
    }
  }
  return { community, period, communities: communityIds.size, periods };
}

/** What judging needs of each period, by period number. */
interface PeriodFacts {
  periods: readonly string[];
  /** monthIndex(period). */
  month: Float64Array;
  /** canonical(period): 1 or 0. */
  canonical: Uint8Array;
  /** The number of the period a year before (the same month last year), −1 when no record has it. */
  lastYear: Int32Array;
  /** The number of the calendar month before, −1 when no record has it. */
  previous: Int32Array;
}

function periodFacts(periods: readonly string[]): PeriodFacts {
  const ids = new Map(periods.map((p, i) => [p, i]));
  const np = periods.length;
  const f: PeriodFacts = {
    periods, month: new Float64Array(np), canonical: new Uint8Array(np), lastYear: new Int32Array(np), previous: new Int32Array(np),
  };
  for (let p = 0; p < np; p++) {
    f.month[p] = monthIndex(periods[p]!);
    f.canonical[p] = canonical(periods[p]!) ? 1 : 0;
    f.lastYear[p] = ids.get(addMonths(periods[p]!, -12)) ?? -1;
    f.previous[p] = ids.get(previousPeriod(periods[p]!)) ?? -1;
  }
  return f;
}

/**
 * Judges a community's returns one at a time against its kept records (`community`, then `judge` for each
 * return), collecting the findings.
 */
class HistoryJudging {
  private readonly k: number;
  /** The community's kept records (record numbers, in record order): kept[0..nk). */
  private kept: Int32Array = new Int32Array(0);
  private nk = 0;
  /** Per indicator, the least and the largest value of all the community's kept records. */
  private readonly lo: Float64Array;
  private readonly hi: Float64Array;
  /** The window of the return being judged: its rows, as their offsets in buf (w of them, −1: not yet worked out). */
  private window = new Int32Array(WINDOW);
  private w = -1;
  /** The rows of the same month last year and of the month before, −1: none. */
  private lastYear = -1;
  private prevRecord = -1;
  /** The window's values of one indicator. */
  private xs = new Float64Array(WINDOW);
  private readonly found: Finding[] = [];
  /** The return each finding is about (its place in `returns`). */
  private readonly foundFor: number[] = [];

  constructor(
    private readonly buf: Float64Array,
    private readonly indicators: readonly Indicator[],
    private readonly facts: PeriodFacts,
    /** Each record's period number. */
    private readonly periodOf: Int32Array,
  ) {
    this.k = indicators.length;
    this.lo = new Float64Array(this.k);
    this.hi = new Float64Array(this.k);
  }

  /** The next community: its kept records kept[0..nk), and the range of each indicator's values among them. */
  community(kept: Int32Array, nk: number): void {
    const { buf, k, lo, hi } = this;
    this.kept = kept;
    this.nk = nk;
    lo.fill(Infinity);
    hi.fill(-Infinity);
    for (let s = 0; s < nk; s++) {
      const at = kept[s]! * k;
      for (let i = 0; i < k; i++) {
        const x = buf[at + i]!;
        if (x < lo[i]!) lo[i] = x;
        if (x > hi[i]!) hi[i] = x;
      }
    }
  }

  /**
   * Return q, of the current community. A window's values lie within the community's range, so a value near
   * all of that range (nearAll: 97 % of a city-year's) cannot be flagged, and its window is not looked at.
   */
  judge(ret: ParsedReturn, q: number): void {
    const { buf, k, indicators, lo, hi } = this;
    const at = q * k;
    this.w = -1;
    for (let i = 0; i < k; i++) {
      const ind = indicators[i]!;
      const value = buf[at + i]!;
      if (value !== value || value === 0 || (ind.kind === 'rate' && value <= 1)) continue;
      if (nearAll(ind, value, lo[i]!, hi[i]!)) continue;
      if (this.w < 0) this.windowOf(this.periodOf[q]!);
      if (this.w > 0) this.judgeValue(ret, q, i, value);
    }
  }

  /** The window of earlier months of a return of period number p, last year's month, last month. */
  private windowOf(p: number): void {
    const { facts, k, kept, periodOf } = this;
    const month = facts.month[p]!;
    const retCanonical = facts.canonical[p] === 1;
    const lastYearPeriod = facts.lastYear[p]!;
    const prevPeriod = facts.previous[p]!;
    if (this.nk > this.window.length) this.window = new Int32Array(this.nk);
    const window = this.window;
    let w = 0;
    this.lastYear = -1;
    this.prevRecord = -1;
    for (let s = 0; s < this.nk; s++) {
      const j = kept[s]!;
      const rp = periodOf[j]!;
      // The record's period ≥ the return's, by the month numbers when both are plain YYYY-MM (the same order).
      if (retCanonical && facts.canonical[rp] === 1 ? facts.month[rp]! >= month : facts.periods[rp]! >= facts.periods[p]!) continue;
      const d = month - facts.month[rp]!; // monthsFrom(record's period, return's): NaN unless both are YYYY-MM
      if (d >= 1 && d <= WINDOW) window[w++] = j * k;
      if (rp === lastYearPeriod) this.lastYear = j * k;
      if (rp === prevPeriod) this.prevRecord = j * k;
    }
    this.w = w;
    if (w > this.xs.length) this.xs = new Float64Array(w);
  }

  /** Return q's value of indicator i against its window's values of i (w > 0). */
  private judgeValue(ret: ParsedReturn, q: number, i: number, value: number): void {
    const { buf, window, w, xs, lastYear, prevRecord } = this;
    const ind = this.indicators[i]!;
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
    if (m > 0 && nearAll(ind, value, min, max)) return;
    const ly = lastYear >= 0 ? buf[lastYear + i]! : NaN;
    const o = judge(ind, value, xs, ly === ly ? ly : null, m);
    if (!o) return;
    const prev = prevRecord >= 0 ? buf[prevRecord + i]! : NaN;
    const previous = prev === prev ? prev : null;
    const prevPeriod = this.facts.previous[this.periodOf[q]!]!;
    this.found.push(
      finding('outlier_history', {
        value, reference: o.reference, basis: o.basis, months: o.months, ratio: o.ratio,
        previousPeriod: previous !== null ? this.facts.periods[prevPeriod]! : null, previous,
      }, { ...returnWhere(ret), cell: cellOf(ret, ind.code)!, indicator: ind.code, indicatorName: ind.name }),
    );
    this.foundFor.push(q);
  }

  /** The findings by return, as judging return by return in `returns`' order would have made them. */
  inReturnOrder(): Finding[] {
    const order = this.found.map((_, i) => i);
    order.sort((a, b) => this.foundFor[a]! - this.foundFor[b]! || a - b);
    return order.map((i) => this.found[i]!);
  }
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

/** The panel check: each return against earlier periods among the returns read in the same run. */
export const historyOutliers: PanelCheck = ({ returns, template, dense }) => checkHistory(returns, template, [], dense);
