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
