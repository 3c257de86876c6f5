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

/** An expression compiled for one table: return `at`'s value (at = its place × the table's k), NaN for "not known here". */
type TableExpr = (nums: Float64Array, at: number) => number;

/**
 * An expression compiled for one table's columns: for a return, its value — NaN where evalExpr gives null
 * (a missing value, ÷ 0) and NaN too where it gives a number that is NaN (∞ − ∞), so NaN only means "not
 * known here". The same operations on the same doubles in the same order as evalExpr, without looking
 * any code up per return.
 */
function compileExpr(e: Expr, store: TableValues, missingAsZero: boolean): TableExpr {
  if (e.type === 'num') {
    const v = e.value;
    return () => v;
  }
  if (e.type === 'ref') {
    const i = store.column(e.code);
    if (i < 0) return missingAsZero ? () => 0 : () => NaN;
    return missingAsZero
      ? (nums, at) => {
        const x = nums[at + i]!;
        return x !== x ? 0 : x;
      }
      : (nums, at) => nums[at + i]!;
  }
  const l = compileExpr(e.left, store, missingAsZero);
  const r = compileExpr(e.right, store, missingAsZero);
  switch (e.op) {
    case '+': return (nums, at) => l(nums, at) + r(nums, at);
    case '-': return (nums, at) => l(nums, at) - r(nums, at);
    case '*': return (nums, at) => l(nums, at) * r(nums, at);
    case '/': return (nums, at) => {
      const x = l(nums, at);
      const y = r(nums, at);
      return y === 0 ? NaN : x / y;
    };
  }
}

/** A rule compiled for one table: whether evaluateRule certainly finds nothing for a return. */
class TableRule {
  readonly #when: TableExpr | null;
  readonly #left: TableExpr;
  readonly #right: TableExpr;
  readonly #op: RuleOp;
  readonly #tolerance: number;

  constructor(rule: Rule, store: TableValues) {
    const zero = rule.missing === 'zero';
    this.#when = rule.when ? compileExpr(rule.when, store, false) : null;
    this.#left = compileExpr(rule.left, store, zero);
    this.#right = compileExpr(rule.right, store, zero);
    this.#op = rule.op;
    this.#tolerance = rule.tolerance;
  }

  /**
   * True when the rule's condition is a number ≤ 0, or both sides are numbers and the comparison holds;
   * false means "evaluate it" (a failure, or a side or condition that is null or NaN: evaluateRule tells
   * those apart).
   */
  passes(nums: Float64Array, at: number): boolean {
    if (this.#when) {
      const w = this.#when(nums, at);
      if (w !== w) return false;
      if (w <= 0) return true;
    }
    const l = this.#left(nums, at);
    const r = this.#right(nums, at);
    return l === l && r === r && holds(this.#op, l, r, this.#tolerance);
  }
}

/** Each table's rules compiled, for the rule list they were compiled from. */
const compiledCache = new WeakMap<TableValues, { rules: readonly Rule[]; compiled: TableRule[] }>();

/**
 * The rules compiled for a table's columns (once per table and rule list): `passes(store.numbers, at)` says
 * a rule certainly finds nothing for the return at `at` (its place × store.k). A city's 173,000 rule
 * evaluations read numbers by column index; only the few thousand that may fail go to evaluateRule.
 */
export function tableRules(store: TableValues, rules: readonly Rule[]): readonly TableRule[] {
  let c = compiledCache.get(store);
  if (!c || c.rules !== rules || c.compiled.length !== rules.length) {
    compiledCache.set(store, (c = { rules, compiled: rules.map((rule) => new TableRule(rule, store)) }));
  }
  return c.compiled;
}
