/**
 * Exact-looking decimal arithmetic for the few multiplications the parser does (万, unit factors, ×100 for
 * a percent format). 0.98 × 10000 is 9800.000000000002 in binary floating point; a statistician must see
 * 9800, so every product is rounded to the number of decimals the exact decimal product can have.
 */

/** Digits after the decimal point in the shortest representation of `n` (1e-7 → 7, 1200 → 0). */
export function decimalsOf(n: number): number {
  if (!Number.isFinite(n)) return 0;
  const m = /^-?\d*(?:\.(\d+))?(?:e([+-]\d+))?$/i.exec(String(n));
  if (!m) return 0;
  return Math.max(0, (m[1]?.length ?? 0) - Number(m[2] ?? 0));
}

/** Rounds to `decimals` places, but never past 15 significant digits (all a double carries); never -0. */
export function roundTo(n: number, decimals: number): number {
  if (!Number.isFinite(n)) return n;
  const intDigits = Math.abs(n) >= 1 ? Math.floor(Math.log10(Math.abs(n))) + 1 : 0;
  const d = Math.min(Math.max(0, Math.floor(decimals)), Math.max(0, 15 - intDigits));
  const r = Number(n.toFixed(d));
  return r === 0 ? 0 : r;
}

/**
 * `value × factor`, exact for decimal inputs: the exact product of two decimals has at most the sum of
 * their decimals, so rounding there removes only binary noise.
 */
export function multiplyExact(value: number, factor: number): number {
  return roundTo(value * factor, decimalsOf(value) + decimalsOf(factor));
}
