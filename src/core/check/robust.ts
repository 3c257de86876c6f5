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
// selection (a list holding −0 by the plain sort), and the mean sums in the input order.

/** Scratch buffers, grown on demand; the checks are synchronous, so one set serves every call. */
let sortBuf: Float64Array = new Float64Array(64);
let devBuf: Float64Array = new Float64Array(64);
let tBuf: Float64Array = new Float64Array(64);

function grow(buf: Float64Array, n: number): Float64Array {
  return buf.length >= n ? buf : new Float64Array(Math.max(n, buf.length * 2));
}

/** Median of xs[0..n) (n ≥ 1); xs is left as it was. */
export function medianN(xs: ArrayLike<number>, n: number): number {
  sortBuf = grow(sortBuf, n);
  const s = sortBuf;
  const mid = n >> 1;
  if (n <= 32) {
    sortInto(xs, n, s);
    return n % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  }
  // A list holding −0 goes to the plain sort (rare): see above.
  if (copyInto(xs, n, s)) return median(Array.from({ length: n }, (_, i) => xs[i]!));
  // The middle value(s) of the sorted order, found without sorting: select puts the mid-th smallest at
  // s[mid] and smaller-or-equal ones before it, whose largest is the (mid−1)-th.
  select(s, n, mid);
  return n % 2 ? s[mid]! : (largest(s, mid) + s[mid]!) / 2;
}

// Each loop of these statistics is a function of its own that returns when the loop ends: V8 compiles a
// long loop on its first run (on-stack replacement), and code after the loop that had not run yet would be
// compiled as a bail-out taken again on every later call.

/** xs[0..n) into s, sorted by a stable insertion sort: equal values (−0 and 0) keep their input order, as Array#sort does. */
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

/** `robustScale` of xs[0..n) (n ≥ 1). */
export function robustScaleN(xs: ArrayLike<number>, n: number, center: number): number {
  devBuf = grow(devBuf, n);
  const dev = devBuf;
  deviations(xs, n, center, dev);
  const mad = medianN(dev, n);
  if (mad > 0) return mad * 1.4826;
  return (sum(dev, n) / n) * 1.2533;
}

/** |xs[i] − center| into dev[i], i < n. */
function deviations(xs: ArrayLike<number>, n: number, center: number, dev: Float64Array): void {
  for (let i = 0; i < n; i++) dev[i] = Math.abs(xs[i]! - center);
}

/** s[0] + s[1] + … + s[n−1], in that order. */
function sum(s: Float64Array, n: number): number {
  let total = 0;
  for (let i = 0; i < n; i++) total += s[i]!;
  return total;
}

/** log(1 + max(0, x)) of xs[0..n), into a scratch buffer valid until the next call. */
export function log1pN(xs: ArrayLike<number>, n: number): Float64Array {
  tBuf = grow(tBuf, n);
  const t = tBuf;
  for (let i = 0; i < n; i++) t[i] = Math.log1p(Math.max(0, xs[i]!));
  return t;
}
