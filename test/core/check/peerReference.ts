// The peer check as it was before it judged only the far values of a panel (session 5): kept verbatim as the
// reference the property tests hold peerOutliers to, with the plain-array statistics of robust.ts in place of
// the buffer ones (robust.test.ts holds those two equal bit for bit).
import { median as medianOf, robustScale } from '../../../src/core/check/robust.js';
import { returnWhere, type PanelCheck } from '../../../src/core/check/types.js';
import { denseValues } from '../../../src/core/check/dense.js';
import { finding, type Finding } from '../../../src/core/findings/codes.js';
import { cellOf } from '../../../src/core/read/returnValues.js';
import type { Indicator } from '../../../src/core/template/types.js';

const take = (xs: ArrayLike<number>, n: number): number[] => Array.prototype.slice.call(xs, 0, n) as number[];
const medianN = (xs: ArrayLike<number>, n: number): number => medianOf(take(xs, n));
const robustScaleN = (xs: ArrayLike<number>, n: number, c: number): number => robustScale(take(xs, n), c);
const log1pN = (xs: ArrayLike<number>, n: number): number[] => take(xs, n).map((x) => Math.log1p(Math.max(0, x)));

const MIN_PEERS = 5;
const Z = 3.5;
const RATIO = 3;
const RATE_POINTS = 20;

/** The panel's statistics, which do not depend on the value tested: computed once per period and indicator. */
interface PanelStats {
  n: number;
  center: number;
  scale: number;
  median: number;
}

/** The statistics of values[0..n) (all of `values` when n is not given); `median` when already known. */
function panelStats(ind: Indicator, values: ArrayLike<number>, n: number = values.length, median?: number): PanelStats {
  const rate = ind.kind === 'rate';
  if (n < MIN_PEERS) return { n, center: 0, scale: 0, median: 0 };
  const ts = rate ? values : log1pN(values, n);
  const center = medianN(ts, n);
  return { n, center, scale: robustScaleN(ts, n, center), median: median ?? medianN(values, n) };
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
  const z = Math.abs((rate ? value : Math.log1p(Math.max(0, value))) - center) / scale;
  if (z <= Z) return null;
  const ratio = (value + 1) / (m + 1);
  if (rate) return { median: m, ratio: null };
  return { median: m, ratio: m > 0 ? Math.round((value / m) * 10) / 10 : Math.round(ratio * 10) / 10 };
}

/** Values far from the other communities' of the same period and indicator. */
export const peerOutliersReference: PanelCheck = ({ returns, template, dense: given }) => {
  const out: Finding[] = [];
  const indicators = template.indicators;
  const k = indicators.length;
  const dense = given ?? denseValues(returns, indicators);
  // Each period's returns, as their places in `returns` (and in `dense`).
  const byPeriod = new Map<string, number[]>();
  for (let q = 0; q < returns.length; q++) {
    const r = returns[q]!;
    if (!r.period || !r.community) continue;
    let list = byPeriod.get(r.period);
    if (!list) byPeriod.set(r.period, (list = []));
    list.push(q);
  }
  let values = new Float64Array(0);
  let grid = new Float64Array(0);
  for (const [, places] of byPeriod) {
    const nr = places.length;
    const rets = places.map((q) => returns[q]!);
    // The period's values indicator by indicator (NaN: none).
    if (grid.length < nr * k) grid = new Float64Array(nr * k);
    for (let r = 0; r < nr; r++) {
      const base = places[r]! * k;
      for (let i = 0; i < k; i++) grid[i * nr + r] = dense[base + i]!;
    }
    // The panel counts each community once (the first return in file order, as the summary does): a
    // duplicate would otherwise weigh twice and be counted as a peer. Every return is still judged.
    // (The first copy with a value of the indicator: a set per indicator only when a community repeats.)
    // Returns of a community that repeats share a group number (−1: the community's only return); per
    // indicator, `taken` marks the groups whose first copy with a value is already in the panel.
    const groupOf = new Int32Array(nr).fill(-1);
    let groups = 0;
    {
      const firstAt = new Map<string, number>();
      for (let r = 0; r < nr; r++) {
        const c = rets[r]!.community!;
        const f = firstAt.get(c);
        if (f === undefined) firstAt.set(c, r);
        else groupOf[r] = groupOf[f] = groupOf[f]! >= 0 ? groupOf[f]! : groups++;
      }
    }
    const taken = new Uint8Array(groups);
    if (values.length < nr) values = new Float64Array(nr);
    for (let i = 0; i < k; i++) {
      const ind = indicators[i]!;
      const base = i * nr;
      let n = 0;
      taken.fill(0);
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
      // Nothing can stand out of a panel too small or with a median of 0, nor when no value is far from the
      // median: then the spread (logarithms and two more medians) is not worked out at all.
      if (n < MIN_PEERS) continue;
      const median = medianN(values, n);
      if (median === 0) continue;
      const rate = ind.kind === 'rate';
      let anyFar = false;
      for (let r = 0; r < nr && !anyFar; r++) {
        const v = grid[base + r]!;
        anyFar = v === v && judged(rate, v) && farFrom(rate, v, median);
      }
      if (!anyFar) continue;
      const stats = panelStats(ind, values, n, median);
      // Nor from a panel without spread.
      if (stats.scale === 0) continue;
      for (let r = 0; r < nr; r++) {
        const v = grid[base + r]!;
        if (v !== v) continue;
        const o = isOutlierIn(ind, v, stats);
        if (!o) continue;
        const ret = rets[r]!;
        out.push(
          finding('outlier_peer', { value: v, median: o.median, peers: n, ratio: o.ratio }, {
            ...returnWhere(ret), cell: cellOf(ret, ind.code)!, indicator: ind.code, indicatorName: ind.name,
          }),
        );
      }
    }
  }
  return out;
};
