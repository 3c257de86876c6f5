import type { TableValues } from '../read/types.js';
import type { Expr, Rule, RuleOp } from '../template/types.js';

// Rules compare sums of decimals: allow for binary floating-point noise, nothing more.
const EPS = 1e-9;

/** Whether `l op r` holds (with the rule's tolerance for ≈ and ==). */
export function holds(op: RuleOp, l: number, r: number, tolerance: number): boolean {
  switch (op) {
    case '<=': return l <= r + EPS;
    case '<': return l < r - EPS;
    case '>=': return l >= r - EPS;
    case '>': return l > r + EPS;
    case '==': return Math.abs(l - r) <= EPS + tolerance;
    case '!=': return Math.abs(l - r) > EPS;
    case '≈': return Math.abs(l - r) <= tolerance + EPS;
  }
}

/**
 * An expression over every return of a table at once: entry j is return j's value, NaN where evalExpr gives
 * null (a missing value, ÷ 0) — and NaN too where it gives a number that is NaN (∞ − ∞), so NaN only
 * means "not known here". The same operations on the same doubles in the same order as evalExpr.
 * (The loops sit in small functions of their own: each sees one kind of argument and compiles small.)
 */
function exprColumn(e: Expr, store: TableValues, n: number, missingAsZero: boolean): Float64Array {
  if (e.type === 'num') return new Float64Array(n).fill(e.value);
  if (e.type === 'ref') return refColumn(store, store.column(e.code), n, missingAsZero);
  return binColumn(e.op, exprColumn(e.left, store, n, missingAsZero), exprColumn(e.right, store, n, missingAsZero), n);
}

function refColumn(store: TableValues, i: number, n: number, missingAsZero: boolean): Float64Array {
  const out = new Float64Array(n);
  if (i < 0) return out.fill(missingAsZero ? 0 : NaN);
  const nums = store.numbers;
  const k = store.k;
  for (let j = 0; j < n; j++) {
    const x = nums[j * k + i]!;
    out[j] = x !== x && missingAsZero ? 0 : x;
  }
  return out;
}

function binColumn(op: '+' | '-' | '*' | '/', l: Float64Array, r: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n);
  switch (op) {
    case '+': for (let j = 0; j < n; j++) out[j] = l[j]! + r[j]!; break;
    case '-': for (let j = 0; j < n; j++) out[j] = l[j]! - r[j]!; break;
    case '*': for (let j = 0; j < n; j++) out[j] = l[j]! * r[j]!; break;
    case '/': for (let j = 0; j < n; j++) out[j] = r[j] === 0 ? NaN : l[j]! / r[j]!; break;
  }
  return out;
}

/**
 * For every return j of a table (the first `n`) and every rule q: `passing[j · rules.length + q]` is 1 when
 * evaluateRule certainly finds nothing — the rule's condition is a number ≤ 0, or both sides are numbers
 * and the comparison holds. 0 means "evaluate it one by one" (a failure, or a side or condition that is
 * null or NaN: evaluateRule tells those apart). A city's 173,000 rule evaluations become a few loops
 * over columns; the few thousand that fail are evaluated as before, and make the same findings.
 */
export function rulesPassing(store: TableValues, rules: readonly Rule[], n: number): Uint8Array {
  const q = rules.length;
  const passing = new Uint8Array(n * q);
  for (let p = 0; p < q; p++) {
    const rule = rules[p]!;
    const zero = rule.missing === 'zero';
    markPassing(
      passing, p, q,
      rule.when ? exprColumn(rule.when, store, n, false) : null,
      exprColumn(rule.left, store, n, zero),
      exprColumn(rule.right, store, n, zero),
      rule.op, rule.tolerance,
    );
  }
  return passing;
}

/** Rule p's entries of `passing` (q rules per return), from its condition's and sides' columns. */
function markPassing(
  passing: Uint8Array, p: number, q: number, when: Float64Array | null, left: Float64Array, right: Float64Array, op: RuleOp, tolerance: number,
): void {
  for (let j = 0; j < left.length; j++) {
    if (when) {
      const w = when[j]!;
      if (w !== w) continue;
      if (w <= 0) {
        passing[j * q + p] = 1;
        continue;
      }
    }
    const l = left[j]!;
    const r = right[j]!;
    if (l === l && r === r && holds(op, l, r, tolerance)) passing[j * q + p] = 1;
  }
}

/** `rulesPassing` per table, for the rules it was worked out for and as many returns as it then held. */
const passingCache = new WeakMap<TableValues, { rules: readonly Rule[]; n: number; passing: Uint8Array }>();

/** `rulesPassing(store, rules, …)`, worked out once per table and rule list, covering return `at`. */
export function tableRulesPassing(store: TableValues, rules: readonly Rule[], at: number): Uint8Array {
  let c = passingCache.get(store);
  if (!c || c.rules !== rules || at >= c.n || c.passing.length !== c.n * rules.length) {
    const n = store.rows.length;
    passingCache.set(store, (c = { rules, n, passing: rulesPassing(store, rules, n) }));
  }
  return c.passing;
}
