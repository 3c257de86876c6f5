/** Median of a non-empty list. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * A robust spread around the median, on the scale of a standard deviation.
 * MAD × 1.4826 is the usual estimator; when more than half the values are equal the MAD is 0, and we
 * fall back to the mean absolute deviation × 1.2533 (its consistency constant for normal data), as
 * IBM SPSS and Iglewicz & Hoaglin do. Zero means every value is the same: nothing can stand out.
 */
export function robustScale(xs: readonly number[], center: number): number {
  const dev = xs.map((x) => Math.abs(x - center));
  const mad = median(dev);
  if (mad > 0) return mad * 1.4826;
  const meanAd = dev.reduce((a, b) => a + b, 0) / dev.length;
  return meanAd * 1.2533;
}

// ── The same two statistics on the first `n` numbers of a buffer, for the hot loops of the outlier checks ──
// Same results bit for bit as `median` / `robustScale` above: short lists are sorted stably and numerically
// like `sort((a, b) => a - b)` (so even −0 and 0 keep their order), long ones (a period's 2,400 peers) by
// counting (small whole numbers) or selection (a list holding −0 by the plain sort), and the mean sums in the
// input order.

/** Scratch buffers, grown on demand; the checks are synchronous, so one set serves every call. */
let sortBuf: Float64Array = new Float64Array(64);
let devBuf: Float64Array = new Float64Array(64);
let tBuf: Float64Array = new Float64Array(64);

function grow(buf: Float64Array, n: number): Float64Array {
  return buf.length >= n ? buf : new Float64Array(Math.max(n, buf.length * 2));
}

/**
 * The middle values of the last list whose median `medianN` worked out, in the sorted order of `median`:
 * [0] the ((n >> 1) − 1)-th smallest (n even; NaN for n odd), [1] the (n >> 1)-th. The median is [1] for n
 * odd, ([0] + [1]) / 2 for n even.
 */
export const lastMiddles = new Float64Array(2);

/** Median of xs[0..n) (n ≥ 1); xs is left as it was. Its middle values are left in `lastMiddles`. */
export function medianN(xs: ArrayLike<number>, n: number): number {
  sortBuf = grow(sortBuf, n);
  middles(xs, n, sortBuf);
  return n % 2 ? lastMiddles[1]! : (lastMiddles[0]! + lastMiddles[1]!) / 2;
}

/** The middle values of xs[0..n) into lastMiddles, sorting or selecting in s (which may be xs itself). */
function middles(xs: ArrayLike<number>, n: number, s: Float64Array): void {
  const mid = n >> 1;
  lastMiddles[0] = NaN;
  if (n <= 32) {
    sortInto(xs, n, s);
    if (n % 2 === 0) lastMiddles[0] = s[mid - 1]!;
    lastMiddles[1] = s[mid]!;
    return;
  }
  if (copyInto(xs, n, s)) {
    // A list holding −0: the plain sort (rare), see above.
    const sorted = Array.from({ length: n }, (_, i) => s[i]!).sort((a, b) => a - b);
    if (n % 2 === 0) lastMiddles[0] = sorted[mid - 1]!;
    lastMiddles[1] = sorted[mid]!;
    return;
  }
  // Small whole numbers (most panels of counts) are counted: the k-th smallest is where the running count
  // passes k. Anything else is selected: select puts the mid-th smallest at s[mid] and smaller-or-equal ones
  // before it, whose largest is the (mid−1)-th. Either way, the numbers found are numbers of the list.
  const top = integersTop(s, n);
  if (top >= 0) {
    countInto(s, n, top, counts);
    if (n % 2 === 0) lastMiddles[0] = countedAt(counts, mid - 1);
    lastMiddles[1] = countedAt(counts, mid);
    return;
  }
  select(s, n, mid);
  if (n % 2 === 0) lastMiddles[0] = largest(s, mid);
  lastMiddles[1] = s[mid]!;
}

// Each loop of these statistics is a function of its own that returns when the loop ends: V8 compiles a
// long loop on its first run (on-stack replacement), and code after the loop that had not run yet would be
// compiled as a bail-out taken again on every later call.

/**
 * xs[0..n) into s, sorted by a stable insertion sort: equal values (−0 and 0) keep their input order, as
 * Array#sort does. s may be xs (each x is read before anything at or after its place is written).
 */
function sortInto(xs: ArrayLike<number>, n: number, s: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const x = xs[i]!;
    let j = i - 1;
    while (j >= 0 && s[j]! > x) {
      s[j + 1] = s[j]!;
      j--;
    }
    s[j + 1] = x;
  }
}

/** xs[0..n) into s; whether any of them is −0. */
function copyInto(xs: ArrayLike<number>, n: number, s: Float64Array): boolean {
  let signedZero = false;
  for (let i = 0; i < n; i++) {
    const x = xs[i]!;
    if (x === 0 && 1 / x < 0) signedZero = true;
    s[i] = x;
  }
  return signedZero;
}

/** Whole numbers from 0 to below this are counted rather than selected. */
const COUNTED = 4096;
const counts = new Int32Array(COUNTED);

/** The largest of s[0..n) when all are whole numbers in [0, COUNTED) (so no NaN), else −1. */
function integersTop(s: Float64Array, n: number): number {
  let top = 0;
  for (let i = 0; i < n; i++) {
    const x = s[i]!;
    if (!(x >= 0 && x < COUNTED && (x | 0) === x)) return -1;
    if (x > top) top = x;
  }
  return top;
}

/** How many of s[0..n) (whole numbers up to top) are each number v, into count[v]. */
function countInto(s: Float64Array, n: number, top: number, count: Int32Array): void {
  count.fill(0, 0, top + 1);
  for (let i = 0; i < n; i++) count[s[i]! | 0]!++;
}

/** The k-th smallest (0-based) of the numbers counted in count (k below how many there are). */
function countedAt(count: Int32Array, k: number): number {
  let v = 0;
  for (let seen = count[0]!; seen <= k; seen += count[v]!) v++;
  return v;
}

/** The largest of s[0..n) (−∞ for none). */
function largest(s: Float64Array, n: number): number {
  let max = -Infinity;
  for (let i = 0; i < n; i++) if (s[i]! > max) max = s[i]!;
  return max;
}

/** Rearranges s[0..n) so that s[k] is the k-th smallest, s[i] ≤ s[k] for i < k and ≥ for i > k (no NaN). */
function select(s: Float64Array, n: number, k: number): void {
  let lo = 0;
  let hi = n - 1;
  while (hi > lo) {
    // Median of three as the pivot, then Hoare's partition (many equal values, zeros, stay balanced).
    const m = (lo + hi) >> 1;
    const a = s[lo]!;
    const b = s[m]!;
    const c = s[hi]!;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (s[i]! < pivot) i++;
      while (s[j]! > pivot) j--;
      if (i <= j) {
        const t = s[i]!;
        s[i] = s[j]!;
        s[j] = t;
        i++;
        j--;
      }
    }
    // Now s[lo..j] ≤ pivot, s[i..hi] ≥ pivot, and s[j+1..i-1] == pivot.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/**
 * `robustScale` of xs[0..n) (n ≥ 1). The deviations' median is found in their own buffer (the same list in
 * the same order as medianN's copy of it: the same answer); their sum, for the rare fallback, is taken as
 * they are made, in the input order.
 */
export function robustScaleN(xs: ArrayLike<number>, n: number, center: number): number {
  devBuf = grow(devBuf, n);
  const dev = devBuf;
  const total = deviations(xs, n, center, dev);
  middles(dev, n, dev);
  const mad = n % 2 ? lastMiddles[1]! : (lastMiddles[0]! + lastMiddles[1]!) / 2;
  if (mad > 0) return mad * 1.4826;
  return (total / n) * 1.2533;
}

/** |xs[i] − center| into dev[i], i < n; returns their sum, added in that order. */
function deviations(xs: ArrayLike<number>, n: number, center: number, dev: Float64Array): number {
  let total = 0;
  for (let i = 0; i < n; i++) total += dev[i] = Math.abs(xs[i]! - center);
  return total;
}

/** log(1 + i) for the integers i below its length: most counts are small integers, and a look-up is cheaper. */
let smallLogs: Float64Array | null = null;

/** log(1 + max(0, x)) of xs[0..n), into a scratch buffer valid until the next call. */
export function log1pN(xs: ArrayLike<number>, n: number): Float64Array {
  tBuf = grow(tBuf, n);
  smallLogs ??= Float64Array.from({ length: 1024 }, (_, i) => Math.log1p(i));
  logsInto(xs, n, tBuf, smallLogs);
  return tBuf;
}

/** log(1 + max(0, x)) of xs[0..n) into t: the same Math.log1p, read from `logs` for a small integer x. */
function logsInto(xs: ArrayLike<number>, n: number, t: Float64Array, logs: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const x = xs[i]!;
    const j = x | 0;
    t[i] = j === x && j >= 0 && j < logs.length ? logs[j]! : Math.log1p(Math.max(0, x));
  }
}
