import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEVERITY } from '../../../src/core/findings/codes.js';
import type { CellValue } from '../../../src/core/grid.js';
import { parseValue, type ValueContext } from '../../../src/core/value/parseValue.js';

const FAILURES = new Set(['not_a_number', 'range_value', 'placeholder', 'cell_error', 'formula_text', 'formula_no_result', 'date_value', 'unit_mismatch']);

/** Pieces of what people type, so that random cells hit the parser's interesting paths. */
const TOKENS = [
  '0', '1', '2', '5', '9', '00', '12', '4,950', '4 950', '.', ',', '，', ' ', '-', '+', '—', '~', '至', '到', '%', '％',
  '万', '萬', '亿', '千', '百', '十', '余', '餘', '多', '约', '近', '左右', '以上', '一', '两', '三', '五', '零', '几',
  '次', '份', '公斤', '吨', '噸', '斤', '元', '万元', '平米', '㎡', 'kg', '人', '人次', '张', '处', '(', ')', '（', '）',
  '_', 'x', 'X', '×', '*', '#', '#DIV/0!', '=', 'e', 'E', '年', '月', '日', '/', ':', '４', '９', '\u3000', "'",
];
const domainText = fc.array(fc.constantFrom(...TOKENS), { maxLength: 8 }).map((t) => t.join(''));

const raw: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.double(),
  fc.integer(),
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  domainText,
);

const ctx: fc.Arbitrary<ValueContext> = fc.record({
  kind: fc.constantFrom('count', 'quantity', 'money', 'rate'),
  unit: fc.constantFrom('次', '份', '公斤', '吨', '元', '平方米', '米', '%', '人次', '处', ''),
  unitAliases: fc.constantFrom([], ['场', '期'], ['人']),
  min: fc.constantFrom(null, 0, 5),
  max: fc.constantFrom(null, 100, 1e6),
  statedUnit: fc.constantFrom(null, '', '吨', '张', '%'),
  numberFormat: fc.constantFrom(null, 'General', '0.0%', 'yyyy-mm-dd', '0"次"', 'h:mm', '#,##0'),
  formula: fc.constantFrom(null, '', '=SUM(B3:B5)'),
});

describe('parseValue on anything', () => {
  it('never throws, and gives a number, empty, or an error', () => {
    fc.assert(
      fc.property(raw, ctx, (r, c) => {
        const p = parseValue(r, c);
        if (p.empty) {
          expect(p).toEqual({ value: null, empty: true, approximate: false, issues: [] });
        } else if (p.value === null) {
          expect(p.issues.some((i) => DEFAULT_SEVERITY[i.code] === 'error')).toBe(true);
        } else {
          expect(Number.isFinite(p.value)).toBe(true);
          expect(p.issues.filter((i) => FAILURES.has(i.code))).toEqual([]);
        }
      }),
      { numRuns: 20_000 },
    );
  });

  it('reads any finite number typed as text exactly as the number', () => {
    const c: ValueContext = { kind: 'quantity', unit: '吨' };
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        const expected = n === 0 ? 0 : n;
        expect(parseValue(n, c).value).toBe(expected);
        expect(parseValue(String(n), c).value).toBe(expected);
        const fullWidth = String(n).replace(/[0-9.+-]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
        expect(parseValue(fullWidth, c).value).toBe(expected);
      }),
      { numRuns: 5000 },
    );
  });

  it('reads thousands groupings exactly', () => {
    const c: ValueContext = { kind: 'count', unit: '份' };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.constantFrom(',', '，', ' ', "'"), (n, sep) => {
        const grouped = String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
        expect(parseValue(grouped, c).value).toBe(n);
      }),
    );
  });

  it('万 multiplies exactly', () => {
    const c: ValueContext = { kind: 'money', unit: '元' };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.constantFrom(1, 10, 100, 1000, 10000), (n, div) => {
        const written = String(n / div);
        expect(parseValue(`${written}万`, c).value).toBe(n * (10000 / div));
        expect(parseValue(`${written}万元`, c).value).toBe(n * (10000 / div));
      }),
    );
  });
});
