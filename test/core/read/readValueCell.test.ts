import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/findings/codes.js';
import type { CellValue, SheetGrid } from '../../../src/core/grid.js';
import { isPlainDecimal, plainCellInto, plainDecimalValue, readValueCell } from '../../../src/core/read/readValueCell.js';
import { parseValue } from '../../../src/core/value/parseValue.js';
import { standardTemplate } from '../../helpers/template.js';

// readValueCell reads plain numbers without the parser (a fast path for the 835,000 cells of a city-year):
// whatever the cell, it must give exactly what the parser gives — the same value and the same issues.
const tpl = standardTemplate();
const cell: fc.Arbitrary<CellValue> = fc.oneof(
  fc.integer({ min: -50, max: 200_000 }).map(String),
  fc.double({ noNaN: true, min: -10, max: 1e6 }).map((x) => String(Math.round(x * 1000) / 1000)),
  fc.constantFrom('0', '-0', '0.5', '1', '100', '100.5', ' 42 ', '0.879', '87.9', '1e3', '00012', '1234567890123456', '12.1234567890123456', '-3', ''),
  fc.double({ noNaN: true, min: -10, max: 1e6 }),
  fc.constantFrom(0, -0, 1, 0.5, 101, Infinity, true, null),
  // Near-decimals: signs, dots, spaces (ideographic too) and digits in any order, for the scan that skips the regex.
  fc.array(fc.constantFrom('0', '1', '5', '9', '-', '.', ' ', '\u3000', '+', 'e'), { maxLength: 20 }).map((xs) => xs.join('')),
  fc.tuple(fc.integer({ min: 0, max: 18 }), fc.integer({ min: 0, max: 18 })).map(([a, b]) => '7'.repeat(a) + (b ? '.' + '3'.repeat(b) : '')),
  // Thousands groupings, right and wrong, and numbers too large for a double.
  fc.tuple(fc.integer({ min: 0, max: 2_000_000_000 }), fc.constantFrom('', '.5', '.25', '.', '.1234567890123456')).map(([n, d]) => n.toLocaleString('en-US') + d),
  fc.array(fc.constantFrom('1', '0', '8', ',', ',', '.', ' ', '-'), { maxLength: 14 }).map((xs) => xs.join('')),
  fc.constantFrom('1,840', '0,000', '1,84', '1,8400', ',840', '1,840,', ' 1,840 ', '1，840', '1,840.', '-1,840', `1${',000'.repeat(110)}`, '4,950.5'),
);
const unit = fc.constantFrom(null, '', '公斤', '吨', '%', '次', '场', '人次', '（千克）', 'kg', '份');
const format = fc.constantFrom(undefined, null, 'General', '0.0%', 'yyyy-mm-dd', '0.00');
const formula = fc.constantFrom(undefined, null, '=B2*2');

describe('readValueCell', () => {
  it('gives the parser’s value and issues for any cell, fast path or not', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: tpl.indicators.length - 1 }), cell, unit, format, formula, (i, raw, statedUnit, nf, f) => {
        const ind = tpl.indicators[i]!;
        const grid: SheetGrid = { name: 'S', values: [[raw]], ...(nf !== undefined ? { numberFormats: [[nf]] } : {}), ...(f !== undefined ? { formulas: [[f]] } : {}) };
        const findings: Finding[] = [];
        const v = readValueCell(grid, 0, 0, ind, statedUnit, null, { file: 'f', sheet: 'S' }, findings);
        const p = parseValue(raw, {
          kind: ind.kind, unit: ind.unit, unitAliases: ind.unitAliases, min: ind.min, max: ind.max, statedUnit,
          numberFormat: nf ?? null, formula: f ?? null,
        });
        expect(Object.is(v.value, p.value)).toBe(true);
        expect(v.approximate).toBe(p.approximate);
        expect(v.raw).toBe(raw);
        expect(v.cell).toBe('A1');
        const codes = [...p.issues.map((x) => x.code), ...(p.empty && ind.required ? ['required_empty'] : [])];
        expect(findings.map((x) => x.code)).toEqual(codes);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('readValueCell on thousands groupings', () => {
  it.each(['1,840', '12,345.5', '0,000', '1,84', `1${',000'.repeat(110)}`, `1${',000'.repeat(110)}.5`, '1,840.', ' 2,000 '])('%s gives the parser’s value for every indicator', (raw) => {
    for (const ind of tpl.indicators) {
      const grid: SheetGrid = { name: 'S', values: [[raw]] };
      const findings: Finding[] = [];
      const v = readValueCell(grid, 0, 0, ind, null, null, { file: 'f', sheet: 'S' }, findings);
      const p = parseValue(raw, { kind: ind.kind, unit: ind.unit, unitAliases: ind.unitAliases, min: ind.min, max: ind.max, statedUnit: null, numberFormat: null, formula: null });
      expect([ind.code, v.value]).toEqual([ind.code, p.value]);
      expect(findings.map((x) => x.code)).toEqual(p.issues.map((x) => x.code));
    }
  });
});

describe('isPlainDecimal', () => {
  it('is the plain-decimal pattern, for text with no space', () => {
    const text = fc.array(fc.constantFrom('0', '1', '9', '-', '.', '+', 'e', 'x', '１'), { maxLength: 36 }).map((xs) => xs.join(''));
    fc.assert(
      fc.property(text, (s) => {
        expect(isPlainDecimal(s)).toBe(/^-?\d{1,15}(?:\.\d{1,15})?$/.test(s));
      }),
      { numRuns: 5000 },
    );
    for (const s of ['1'.repeat(15), '1'.repeat(16), `1.${'2'.repeat(15)}`, `1.${'2'.repeat(16)}`, '-', '-.5', '5.', '', ' 5']) {
      expect(isPlainDecimal(s)).toBe(/^-?\d{1,15}(?:\.\d{1,15})?$/.test(s));
    }
  });
});

describe('plainDecimalValue', () => {
  // The plain decimal's number, gathered digit by digit (one division for the decimals): always Number's.
  it('is Number(s) for a plain decimal and NaN for anything else', () => {
    const digits = (max: number) => fc.array(fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9'), { minLength: 0, maxLength: max }).map((xs) => xs.join(''));
    const text = fc.oneof(
      fc.tuple(fc.constantFrom('', '-'), digits(17), fc.constantFrom('', '.'), digits(17)).map((xs) => xs.join('')),
      fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e9 }).map(String),
      fc.array(fc.constantFrom('0', '9', '-', '.', ' ', '+', 'e'), { maxLength: 12 }).map((xs) => xs.join('')),
    );
    fc.assert(
      fc.property(text, (s) => {
        expect(Object.is(plainDecimalValue(s), /^-?\d{1,15}(?:\.\d{1,15})?$/.test(s) ? Number(s) : NaN)).toBe(true);
      }),
      { numRuns: 20000 },
    );
    for (const s of ['0.1', '0.3', '84.4', '999999999999999', '99999999999999.9', '0.000000000000001', '-0', '-0.0', '007', '1.000000000000005']) {
      expect(Object.is(plainDecimalValue(s), Number(s))).toBe(true);
    }
  });
});

describe('plainCellInto', () => {
  // The rule as it was written when it returned its double (before writing it in place).
  const reference = (raw: CellValue, kind: 0 | 1 | 2, min: number, max: number): number => {
    let value: number;
    if (typeof raw === 'string') {
      const text = raw.trim();
      if (/^-?\d{1,15}(?:\.\d{1,15})?$/.test(text)) value = Number(text);
      else if (/^\d{1,3}(?:,\d{3})+(?:\.\d{1,15})?$/.test(text)) {
        value = Number(text.replace(/,/g, ''));
        if (!Number.isFinite(value)) return NaN;
      } else return NaN;
    } else if (typeof raw === 'number') {
      if (!Number.isFinite(raw)) return NaN;
      value = raw;
    } else return NaN;
    if (value === 0) value = 0;
    if (value < 0) return NaN;
    if (kind === 1 && !Number.isInteger(value)) return NaN;
    if (kind === 2 && (value > 100 || value <= 1)) return NaN;
    return value >= min && value <= max ? value : NaN;
  };
  it('writes the plain rule\'s number within the bounds, or says the parser must read the cell', () => {
    const raw: fc.Arbitrary<CellValue> = fc.oneof(
      fc.double().map((x) => x as CellValue),
      fc.double({ noNaN: true, min: -10, max: 1e6 }).map((x) => String(x)),
      fc.tuple(fc.constantFrom('', ' ', '-'), fc.nat(2_000_000), fc.constantFrom('', '.5', '.25', ',000', '.0')).map(([a, n, b]) => a + n + b),
      fc.constantFrom<CellValue>(null, true, '', ' 12 ', '1,234', '1,234.5', '-0', '0.0', 'x'),
    );
    const bound = fc.constantFrom(-Infinity, Infinity, 0, 1, 50, 100, 0.5);
    fc.assert(
      fc.property(raw, fc.constantFrom<0 | 1 | 2>(0, 1, 2), bound, bound, (v, kind, min, max) => {
        const out = new Float64Array(3).fill(7);
        const ok = plainCellInto(v, kind, Float64Array.of(9, min), Float64Array.of(9, max), 1, out, 2);
        const want = reference(v, kind, min, max);
        expect(ok).toBe(want === want);
        if (ok) expect(Object.is(out[2], want)).toBe(true);
        expect([out[0], out[1]]).toEqual([7, 7]);
      }),
      { numRuns: 20000 },
    );
  });
});
