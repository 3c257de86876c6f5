/** `YYYY-MM` arithmetic. Periods are plain strings everywhere; these helpers keep the calendar in one place. */

const PERIOD = /^(\d{4})-(\d{2})$/;

// The history check asks for the same few periods hundreds of thousands of times in a city-year.
const partsCache = new Map<string, { y: number; m: number } | null>();

function parts(p: string): { y: number; m: number } | null {
  let q = partsCache.get(p);
  if (q !== undefined) return q;
  const m = PERIOD.exec(p);
  q = m ? { y: Number(m[1]), m: Number(m[2]) } : null;
  if (partsCache.size > 10_000) partsCache.clear();
  partsCache.set(p, q);
  return q;
}

/** `2026-10` + n months; `2026-01` − 1 → `2025-12`. Returns the input unchanged when it is not `YYYY-MM`. */
export function addMonths(p: string, n: number): string {
  const q = parts(p);
  if (!q) return p;
  const i = q.y * 12 + (q.m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** The calendar month before `p` (across a year boundary). */
export function previousPeriod(p: string): string {
  return addMonths(p, -1);
}

/** `2026-10` → `2026-01`: the first month of the year-to-date range. */
export function yearStart(p: string): string {
  return `${p.slice(0, 4)}-01`;
}

/** Whole months from `a` to `b` (`2026-08` → `2026-10` is 2). */
export function monthsFrom(a: string, b: string): number {
  const x = parts(a);
  const y = parts(b);
  return x && y ? (y.y - x.y) * 12 + (y.m - x.m) : NaN;
}

/** `2026-10` → `2026年10月`; with `short`, `10月`. */
export function periodLabel(p: string, short = false): string {
  const q = parts(p);
  if (!q) return p;
  return short ? `${q.m}月` : `${q.y}年${q.m}月`;
}
