import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkRules, evaluateRule } from '../../../src/core/check/returnChecks.js';
import { tableRules } from '../../../src/core/check/ruleColumns.js';
import { TableReturn, TableValues, type ParsedReturn, type ReturnValue } from '../../../src/core/read/types.js';
import type { Expr, Rule, RuleOp, Template } from '../../../src/core/template/types.js';
import { standardTemplate } from '../../helpers/template.js';

// Rules compiled for a table's columns must never pass a return that evaluateRule, one return at a
// time, would make a finding for; and checkRules must give a table row exactly what it gives the same
// return as a plain object.
const tpl = standardTemplate();

/** For the first `n` returns j of a table and every rule q: 1 at `j · rules.length + q` when it passes. */
function rulesPassing(store: TableValues, rules: readonly Rule[], n: number): Uint8Array {
  const compiled = tableRules(store, rules);
  const passing = new Uint8Array(n * rules.length);
  for (let j = 0; j < n; j++) {
    for (let q = 0; q < rules.length; q++) if (compiled[q]!.passes(store.numbers, j * store.k)) passing[j * rules.length + q] = 1;
  }
  return passing;
}
const codes = ['aware', 'surveyed', 'lectures', 'leaflets', 'absent'] as const;
const tableCodes = codes.slice(0, 4);

const number = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 300 }) },
  fc.constantFrom(NaN, 0, -0, 0.1, 0.2, 0.879, 1e308, -1e308, 100),
  fc.double({ noNaN: true, min: -1e6, max: 1e6 }),
);
const expr: fc.Arbitrary<Expr> = fc.letrec<{ e: Expr }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ type: fc.constant('ref' as const), code: fc.constantFrom(...codes) }),
    fc.record({ type: fc.constant('num' as const), value: fc.constantFrom(0, 1, 2, 100, 0.5) }),
    fc.record({ type: fc.constant('bin' as const), op: fc.constantFrom('+', '-', '*', '/' as const), left: tie('e'), right: tie('e') }),
  ),
})).e;
const rule: fc.Arbitrary<Rule> = fc
  .record({
    left: expr,
    right: expr,
    op: fc.constantFrom<RuleOp>('<=', '<', '>=', '>', '==', '!=', '≈'),
    missing: fc.constantFrom('skip', 'zero', 'fail' as const),
    tolerance: fc.constantFrom(0, 0.5, 2),
    when: fc.option(expr, { nil: null }),
  })
  .map((r): Rule => ({
    ...r, id: 'X', leftText: 'l', rightText: 'r', severity: 'error', whenText: '', message: { zh: null, en: null },
  }));

function table(rows: number[][]): TableReturn[] {
  const store = new TableValues(tableCodes, [0, 1, 2, 3], ['B', 'C', 'D', 'E'], rows.length);
  return rows.map((vs, j) => {
    vs.forEach((x, i) => (store.numbers[j * tableCodes.length + i] = x));
    store.rows.push(vs.map(String));
    return new TableReturn('f.csv', 'S', j + 2, `社区${j}`, `A${j + 2}`, null, '2026-01', null, null, store, j, null);
  });
}

function plain(ret: ParsedReturn): ParsedReturn {
  const values: Record<string, ReturnValue> = {};
  for (const [code, v] of Object.entries(ret.values)) values[code] = { ...v };
  return { ...ret, form: ret.form, row: ret.row, values };
}

describe('rules compiled for a table’s columns', () => {
  it('pass only what evaluateRule passes, and checkRules gives what the plain returns give', () => {
    fc.assert(
      fc.property(fc.array(rule, { minLength: 1, maxLength: 4 }), fc.array(fc.array(number, { minLength: 4, maxLength: 4 }), { maxLength: 12 }), (rules, rows) => {
        const template: Template = { ...tpl, rules };
        const returns = table(rows);
        const passing = rulesPassing(returns[0]?.valuesStore ?? new TableValues([], [], [], 0), rules, returns.length);
        returns.forEach((ret, j) => {
          rules.forEach((r, q) => {
            if (passing[j * rules.length + q] === 1) expect(evaluateRule(r, ret, template)).toBeNull();
          });
          expect(checkRules(ret, template)).toEqual(checkRules(plain(ret), template));
        });
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    // [rule as left op right (when), values of aware, surveyed, lectures, leaflets, passes]
    ['aware <= surveyed', [5, 10, 0, 0], 1],
    ['aware <= surveyed', [11, 10, 0, 0], 0],
    ['aware <= surveyed', [NaN, 10, 0, 0], 0], // null: evaluateRule decides (skip)
    ['aware <= surveyed (lectures)', [11, 10, 0, 0], 1], // condition 0
    ['aware <= surveyed (lectures)', [11, 10, NaN, 0], 0],
  ] as const)('%s on %j → %d', (text, values, expected) => {
    const ref = (code: string): Expr => ({ type: 'ref', code });
    const r: Rule = {
      id: 'X', left: ref('aware'), leftText: 'aware', op: '<=', right: ref('surveyed'), rightText: 'surveyed', severity: 'error',
      missing: 'skip', tolerance: 0, when: text.includes('(') ? ref('lectures') : null, whenText: '', message: { zh: null, en: null },
    };
    const [ret] = table([[...values]]);
    expect(rulesPassing(ret!.valuesStore!, [r], 1)[0]).toBe(expected);
  });
});
