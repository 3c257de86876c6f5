import { finding, type Finding } from '../findings/codes.js';
import { cellOf } from '../read/returnValues.js';
import { denseValues } from './dense.js';
import type { ParsedReturn } from '../read/types.js';
import type { Indicator } from '../template/types.js';
import { log1pN, medianN, robustScaleN } from './robust.js';
import { returnWhere, type PanelCheck } from './types.js';

/**
 * Thresholds, and why:
 * - MIN_PEERS 5: with fewer values a median and a MAD are too unstable to call anything unusual.
 * - Z 3.5: Iglewicz & Hoaglin's cut-off for the modified z-score; with normal data it flags about
 *   1 in 2,000 values, so a month of 300 communities gives few false alarms per indicator.
 * - Counts and quantities are compared on log(1 + x): communities differ in size several-fold, so
 *   "far" means "many times larger", and log(1 + x) keeps zeros usable.
 * - On top of the statistics, a value must also be at least 3× (or at most ⅓ of) the median (on 1 + x),
 *   or for a rate 20 points away, so that a tight panel (10, 10, 10, 11) does not flag 11.
 * - A reported 0 is never a peer outlier: "none this month" is a legitimate answer; the required and
 *   rule checks speak about zeros where they matter.
 * - When at least half the peers reported 0 (median 0), there is no typical value to be far from: an
 *   indicator most communities do not use this month (poisonings, clinics) must not cry wolf.
 */
const MIN_PEERS = 5;
const Z = 3.5;
const RATIO = 3;
const RATE_POINTS = 20;

export function isOutlier(ind: Indicator, value: number, values: readonly number[]): { median: number; ratio: number | null } | null {
  return isOutlierIn(ind, value, panelStats(ind, values));
}

/** A panel's statistics, which do not depend on the value tested. */
interface PanelStats {
  n: number;
  center: number;
  scale: number;
  median: number;
}

/** The statistics of a whole panel (isOutlier's; the check itself works them out only where needed, in Panels.judge). */
function panelStats(ind: Indicator, values: readonly number[]): PanelStats {
  const n = values.length;
  if (n < MIN_PEERS) return { n, center: 0, scale: 0, median: 0 };
  const ts = ind.kind === 'rate' ? values : log1pN(values, n);
  const center = medianN(ts, n);
  return { n, center, scale: robustScaleN(ts, n, center), median: medianN(values, n) };
}

/** A value that may stand out at all: not 0, not a rate ≤ 1 (rate_fraction already speaks about 0.879). */
const judged = (rate: boolean, value: number): boolean => value !== 0 && !(rate && value <= 1);

/** Far enough from the panel's median m to matter, whatever the statistics say. */
function farFrom(rate: boolean, value: number, m: number): boolean {
  if (rate) return Math.abs(value - m) >= RATE_POINTS;
  const ratio = (value + 1) / (m + 1);
  return ratio >= RATIO || ratio <= 1 / RATIO;
}

function isOutlierIn(ind: Indicator, value: number, st: PanelStats): { median: number; ratio: number | null } | null {
  const rate = ind.kind === 'rate';
  if (st.n < MIN_PEERS || !judged(rate, value)) return null;
  const { center, scale, median: m } = st;
  if (scale === 0 || m === 0) return null;
  // Both tests must pass; the cheap one first (most values are near the median: no logarithm for them).
  if (!farFrom(rate, value, m)) return null;
  return unusual(rate, value, center, scale, m);
}

/** The z-score test of a value already judged and far from the median m (scale > 0), and what a finding says. */
function unusual(rate: boolean, value: number, center: number, scale: number, m: number): { median: number; ratio: number | null } | null {
  const z = Math.abs((rate ? value : Math.log1p(Math.max(0, value))) - center) / scale;
  if (z <= Z) return null;
  const ratio = (value + 1) / (m + 1);
  if (rate) return { median: m, ratio: null };
  return { median: m, ratio: m > 0 ? Math.round((value / m) * 10) / 10 : Math.round(ratio * 10) / 10 };
}

/** Values far from the other communities' of the same period and indicator. */
export const peerOutliers: PanelCheck = ({ returns, template, dense }) => {
  const out: Finding[] = [];
  const indicators = template.indicators;
  const panels = new Panels(indicators, dense ?? denseValues(returns, indicators));
  for (const places of periodsOf(returns)) {
    panels.period(returns, places);
    for (let i = 0; i < indicators.length; i++) panels.judge(i, out);
  }
  return out;
};

// (Each loop below is a function of its own that returns when the loop ends: see robust.ts.)

/** Rows `places` of `dense` (k numbers each), indicator by indicator: row r's number i at grid[i·nr + r]. */
function transpose(dense: Float64Array, k: number, places: readonly number[], grid: Float64Array): void {
  const nr = places.length;
  for (let r = 0; r < nr; r++) {
    const base = places[r]! * k;
    for (let i = 0; i < k; i++) grid[i * nr + r] = dense[base + i]!;
  }
}

/** Each return's group number into groupOf (Panels.groupOf); how many groups. */
function groupsOf(rets: readonly ParsedReturn[], groupOf: Int32Array): number {
  groupOf.fill(-1, 0, rets.length);
  let groups = 0;
  const firstAt = new Map<string, number>();
  for (let r = 0; r < rets.length; r++) {
    const c = rets[r]!.community!;
    const f = firstAt.get(c);
    if (f === undefined) firstAt.set(c, r);
    else groupOf[r] = groupOf[f] = groupOf[f]! >= 0 ? groupOf[f]! : groups++;
  }
  return groups;
}

/** Each period's returns (those with a community), as their places in `returns`, periods in order of appearance. */
function periodsOf(returns: readonly ParsedReturn[]): Iterable<number[]> {
  const byPeriod = new Map<string, number[]>();
  for (let q = 0; q < returns.length; q++) {
    const r = returns[q]!;
    if (!r.period || !r.community) continue;
    let list = byPeriod.get(r.period);
    if (!list) byPeriod.set(r.period, (list = []));
    list.push(q);
  }
  return byPeriod.values();
}

/**
 * One period's panels, indicator by indicator, in buffers reused from period to period: `period` takes a
 * period's returns, `judge` an indicator's panel.
 */
class Panels {
  private readonly k: number;
  /** The period's returns. */
  private rets: ParsedReturn[] = [];
  /** The period's values indicator by indicator (NaN: none): return r's value of indicator i at [i·nr + r]. */
  private grid = new Float64Array(0);
  /**
   * The panel counts each community once (the first return in file order, as the summary does): a duplicate
   * would otherwise weigh twice and be counted as a peer. Every return is still judged. Returns of a
   * community that repeats share a group number (−1: the community's only return); per indicator, `taken`
   * marks the groups whose first copy with a value is already in the panel.
   */
  private groupOf = new Int32Array(0);
  private taken = new Uint8Array(0);
  /** The panel's values. */
  private values = new Float64Array(0);
  /** The returns whose values are far from the panel's median (their places in the period). */
  private far = new Int32Array(0);

  constructor(
    private readonly indicators: readonly Indicator[],
    /** denseValues of all the returns. */
    private readonly dense: Float64Array,
  ) {
    this.k = indicators.length;
  }

  /** The next period: its returns' places in `returns`. */
  period(returns: readonly ParsedReturn[], places: readonly number[]): void {
    const nr = places.length;
    this.rets = places.map((q) => returns[q]!);
    if (this.grid.length < nr * this.k) this.grid = new Float64Array(nr * this.k);
    transpose(this.dense, this.k, places, this.grid);
    if (this.groupOf.length < nr) {
      this.groupOf = new Int32Array(nr);
      this.values = new Float64Array(nr);
      this.far = new Int32Array(nr);
    }
    this.taken = new Uint8Array(groupsOf(this.rets, this.groupOf));
  }

  /**
   * Indicator i's panel: its values (first copies only) into `values`, how many; the first copy with a value
   * stands for its community.
   */
  private panel(i: number): number {
    const { grid, groupOf, taken, values } = this;
    const nr = this.rets.length;
    const base = i * nr;
    taken.fill(0);
    let n = 0;
    for (let r = 0; r < nr; r++) {
      const v = grid[base + r]!;
      if (v !== v) continue;
      const g = groupOf[r]!;
      if (g >= 0) {
        if (taken[g]) continue;
        taken[g] = 1;
      }
      values[n++] = v;
    }
    return n;
  }

  /** The returns whose value of indicator i may stand out of a panel with median m (judged and far) into `far`; how many. */
  private farOnes(i: number, rate: boolean, m: number): number {
    const { grid, far } = this;
    const nr = this.rets.length;
    const base = i * nr;
    let nf = 0;
    for (let r = 0; r < nr; r++) {
      const v = grid[base + r]!;
      if (v === v && judged(rate, v) && farFrom(rate, v, m)) far[nf++] = r;
    }
    return nf;
  }

  /**
   * Indicator i's panel, judged. Nothing can stand out of a panel too small or with a median of 0, nor when
   * no value is far from the median: then the spread (logarithms and two more medians) is not worked out at
   * all; nor from a panel without spread. Only the far values take the z-score test (isOutlierIn's order of
   * tests, whose answer is the same).
   */
  judge(i: number, out: Finding[]): void {
    const ind = this.indicators[i]!;
    const n = this.panel(i);
    if (n < MIN_PEERS) return;
    const median = medianN(this.values, n);
    if (median === 0) return;
    const rate = ind.kind === 'rate';
    const nf = this.farOnes(i, rate, median);
    if (nf === 0) return;
    // panelStats'.
    const ts = rate ? this.values : log1pN(this.values, n);
    const center = rate ? median : medianN(ts, n);
    const scale = robustScaleN(ts, n, center);
    if (scale === 0) return;
    const nr = this.rets.length;
    for (let f = 0; f < nf; f++) {
      const r = this.far[f]!;
      const v = this.grid[i * nr + r]!;
      const o = unusual(rate, v, center, scale, median);
      if (!o) continue;
      const ret = this.rets[r]!;
      out.push(
        finding('outlier_peer', { value: v, median: o.median, peers: n, ratio: o.ratio }, {
          ...returnWhere(ret), cell: cellOf(ret, ind.code)!, indicator: ind.code, indicatorName: ind.name,
        }),
      );
    }
  }
}
