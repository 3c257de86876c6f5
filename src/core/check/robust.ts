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
  if (n <= 32) {
    // Stable insertion sort: equal values (−0 and 0) keep their input order, as Array#sort does.
    for (let i = 0; i < n; i++) {
      const x = xs[i]!;
      let j = i - 1;
      while (j >= 0 && s[j]! > x) {
        s[j + 1] = s[j]!;
        j--;
      }
      s[j + 1] = x;
    }
  } else {
    let signedZero = false;
    for (let i = 0; i < n; i++) {
      const x = xs[i]!;
      if (x === 0 && 1 / x < 0) signedZero = true;
      s[i] = x;
    }
    // A typed sort is numeric and native; it puts −0 before 0, which a stable sort need not: rare, so the
    // plain sort decides then.
    if (signedZero) return median(Array.from({ length: n }, (_, i) => xs[i]!));
    // The middle value(s) of the sorted order, found without sorting: select puts the mid-th smallest at
    // s[mid] and smaller-or-equal ones before it, whose largest is the (mid−1)-th.
    const mid = n >> 1;
    select(s, n, mid);
    if (n % 2) return s[mid]!;
    let below = -Infinity;
    for (let i = 0; i < mid; i++) if (s[i]! > below) below = s[i]!;
    return (below + s[mid]!) / 2;
  }
  const mid = n >> 1;
  return n % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
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
  for (let i = 0; i < n; i++) dev[i] = Math.abs(xs[i]! - center);
  const mad = medianN(dev, n);
  if (mad > 0) return mad * 1.4826;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += dev[i]!;
  return (sum / n) * 1.2533;
}

/** log(1 + max(0, x)) of xs[0..n), into a scratch buffer valid until the next call. */
export function log1pN(xs: ArrayLike<number>, n: number): Float64Array {
  tBuf = grow(tBuf, n);
  const t = tBuf;
  for (let i = 0; i < n; i++) t[i] = Math.log1p(Math.max(0, xs[i]!));
  return t;
}
