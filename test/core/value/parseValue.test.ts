import { describe, expect, it } from 'vitest';
import type { CellValue } from '../../../src/core/grid.js';
import { parseValue, type ValueCode, type ValueContext } from '../../../src/core/value/parseValue.js';

const count = (unit: string, more: Partial<ValueContext> = {}): ValueContext => ({ kind: 'count', unit, ...more });
const qty = (unit: string, more: Partial<ValueContext> = {}): ValueContext => ({ kind: 'quantity', unit, ...more });
const money = (more: Partial<ValueContext> = {}): ValueContext => ({ kind: 'money', unit: '元', ...more });
const rate = (more: Partial<ValueContext> = {}): ValueContext => ({ kind: 'rate', unit: '%', ...more });

type Row = [input: CellValue, ctx: ValueContext, value: number | null, codes: ValueCode[]];

function check(rows: Row[]): void {
  it.each(rows)('%j → %s %j', (input, ctx, value, codes) => {
    const r = parseValue(input, ctx);
    expect({ value: r.value, codes: r.issues.map((i) => i.code) }).toEqual({ value, codes });
  });
}

describe('DOMAIN.md: numbers as people actually write them', () => {
  check([
    ['500余', count('份'), 500, ['approximate']],
    ['300多', count('人'), 300, ['approximate']],
    ['近100', count('人'), 100, ['approximate']],
    ['约10', count('次'), 10, ['approximate']],
    ['４９５０', count('份'), 4950, []],
    ['4,950', count('份'), 4950, []],
    ['4 950', count('份'), 4950, []],
    ['0.98万元', money(), 9800, ['unit_converted']],
    ['1.2万份', count('份'), 12000, []],
    ['0.25吨', qty('公斤'), 250, ['unit_converted']],
    ['87.9%', rate(), 87.9, []],
    [0.879, rate(), 0.879, ['rate_fraction']],
    ['0.879', rate(), 0.879, ['rate_fraction']],
    ['3—4次', count('次'), null, ['range_value']],
    ['2-3', count('次'), null, ['range_value']],
    ['20__余元', money(), null, ['placeholder']],
    ['xx', count('次'), null, ['placeholder']],
    ['20xx', count('次'), null, ['placeholder']],
    [null, count('次'), null, []],
    ['#DIV/0!', rate(), null, ['cell_error']],
    ['2026-10-05', count('次'), null, ['date_value']],
  ]);
});

describe('plain numbers', () => {
  check([
    [12, count('次'), 12, []],
    [0, count('次'), 0, []],
    [-0, count('次'), 0, []],
    [17.5, qty('吨'), 17.5, []],
    ['0', count('次'), 0, []],
    ['  42  ', count('次'), 42, []],
    ['+5', count('次'), 5, []],
    ['4，950', count('份'), 4950, []],
    ["4'950", count('份'), 4950, []],
    ['1,234,567', count('份'), 1234567, []],
    ['1 234 567', count('份'), 1234567, []],
    ['1,234.5', qty('米'), 1234.5, []],
    ['０．２５', qty('吨'), 0.25, []],
    ['.5', qty('吨'), 0.5, []],
    ['5.', count('次'), 5, []],
    ['5.0', count('次'), 5, []],
    ['007', count('次'), 7, []],
    ['1.2E+04', count('份'), 12000, []],
    ["'123", count('份'), 123, []],
    ['4,95', count('份'), null, ['not_a_number']],
    ['1,2345', count('份'), null, ['not_a_number']],
    ['4,950 950', count('份'), null, ['not_a_number']],
    ['4 95', count('份'), null, ['not_a_number']],
    ['0。25', qty('吨'), null, ['not_a_number']],
    ['1.2.3', qty('吨'), null, ['not_a_number']],
    ['1e999', qty('吨'), null, ['not_a_number']],
    [Number.NaN, count('次'), null, ['not_a_number']],
    [Number.POSITIVE_INFINITY, count('次'), null, ['not_a_number']],
  ]);
});

describe('万 and 亿 multiply exactly', () => {
  check([
    ['1.2万', count('份'), 12000, []],
    ['1.2萬份', count('份'), 12000, []],
    ['0.98万', money(), 9800, []],
    ['3.14159万', qty('米'), 31415.9, []],
    ['2亿', money(), 200_000_000, []],
    ['1.5億元', money(), 150_000_000, ['unit_converted']],
    ['3千份', count('份'), 3000, []],
    ['10余万元', money(), 100_000, ['approximate', 'unit_converted']],
    ['1万余元', money(), 10_000, ['approximate']],
    ['0.98万元', money({ unit: '万元' }), 0.98, []],
    ['9800元', money({ unit: '万元' }), 0.98, ['unit_converted']],
    ['5千克', qty('公斤'), 5, []],
    ['2.5千米', qty('米'), 2500, ['unit_converted']],
  ]);
});

describe('Chinese numerals', () => {
  check([
    ['三次', count('次'), 3, []],
    ['十二', count('次'), 12, []],
    ['二十', count('次'), 20, []],
    ['两百', count('份'), 200, []],
    ['一千五百', count('份'), 1500, []],
    ['一千五', count('份'), 1500, []],
    ['一千零五', count('份'), 1005, []],
    ['三万', count('份'), 30000, []],
    ['一万二千', count('份'), 12000, []],
    ['壹佰贰拾元', money(), 120, []],
    ['零', count('次'), 0, []],
    ['兩次', count('次'), 2, []],
    ['五千克', qty('公斤'), 5, []],
    ['十余次', count('次'), 10, ['approximate']],
    ['十万元', money(), 100_000, ['unit_converted']],
    ['三千米', qty('米'), 3000, ['unit_converted']],
    ['五百克', qty('克'), 500, []],
    ['一万五', count('份'), 15000, []],
    ['两万三千', count('份'), 23000, []],
    ['一亿二千万', money(), 120_000_000, []],
    ['三十多人', count('人'), 30, ['approximate']],
    ['近千', count('人'), 1000, ['approximate']],
    ['近千人', count('人'), 1000, ['approximate']],
    ['两三次', count('次'), null, ['range_value']],
    ['一两次', count('次'), null, ['range_value']],
    ['十七八', count('人'), null, ['range_value']],
    ['十几次', count('次'), null, ['range_value']],
    ['几十', count('人'), null, ['range_value']],
    ['数百人', count('人'), null, ['range_value']],
    ['三至五次', count('次'), null, ['range_value']],
    ['二〇二六', count('次'), null, ['not_a_number']],
    ['一百五千', count('次'), null, ['not_a_number']],
    ['十分重视', count('次'), null, ['not_a_number']],
    ['数据见附件', count('次'), null, ['not_a_number']],
    ['几次', count('次'), null, ['not_a_number']],
  ]);
});

describe('approximate forms', () => {
  check([
    ['500余张', count('张'), 500, ['approximate']],
    ['500餘張', count('张'), 500, ['approximate']],
    ['20余元', money(), 20, ['approximate']],
    ['大约50', count('人'), 50, ['approximate']],
    ['约 10 米', qty('米'), 10, ['approximate']],
    ['100左右', count('人'), 100, ['approximate']],
    ['100人左右', count('人'), 100, ['approximate']],
    ['200人以上', count('人'), 200, ['approximate']],
    ['近500余名', count('人'), 500, ['approximate']],
    ['300余人次', count('人次'), 300, ['approximate']],
    ['近60吨', qty('吨'), 60, ['approximate']],
    ['近5吨', qty('公斤'), 5000, ['approximate', 'unit_converted']],
    ['約10', count('次'), 10, ['approximate']],
    ['大约', count('次'), null, ['not_a_number']],
    ['左右', count('次'), null, ['not_a_number']],
  ]);
  it('marks the reading approximate and reports the value it used', () => {
    const r = parseValue('近5吨', qty('公斤'));
    expect(r.approximate).toBe(true);
    expect(r.issues[0]).toEqual({ code: 'approximate', args: { text: '近5吨', value: 5000 } });
  });
});

describe('ranges, placeholders, errors, other text', () => {
  check([
    ['2~3', count('次'), null, ['range_value']],
    ['2～3', count('次'), null, ['range_value']],
    ['2至3', count('次'), null, ['range_value']],
    ['3到4', count('次'), null, ['range_value']],
    ['3 - 4', count('次'), null, ['range_value']],
    ['3次-4次', count('次'), null, ['range_value']],
    ['1.5万-2万', count('份'), null, ['range_value']],
    ['2–3', count('次'), null, ['range_value']],
    ['10-12', count('次'), null, ['range_value']],
    ['-5', count('次'), -5, ['negative']],
    ['−5', count('次'), -5, ['negative']],
    ['－5', count('次'), -5, ['negative']],
    ['__', count('次'), null, ['placeholder']],
    ['＿＿', count('次'), null, ['placeholder']],
    ['XX', count('次'), null, ['placeholder']],
    ['×××', count('次'), null, ['placeholder']],
    ['***', count('次'), null, ['placeholder']],
    ['＊＊＊', count('次'), null, ['placeholder']],
    ['20_', count('次'), null, ['placeholder']],
    ['#N/A', count('次'), null, ['cell_error']],
    ['#VALUE!', count('次'), null, ['cell_error']],
    ['#REF!', count('次'), null, ['cell_error']],
    ['#NAME?', count('次'), null, ['cell_error']],
    ['#NUM!', count('次'), null, ['cell_error']],
    ['#NULL!', count('次'), null, ['cell_error']],
    ['#SPILL!', count('次'), null, ['cell_error']],
    ['#CALC!', count('次'), null, ['cell_error']],
    ['=SUM(B3:B5)', count('次'), null, ['formula_text']],
    ['＝B3+B4', count('次'), null, ['formula_text']],
    ['无', count('次'), null, ['not_a_number']],
    ['-', count('次'), null, ['not_a_number']],
    ['—', count('次'), null, ['not_a_number']],
    ['/', count('次'), null, ['not_a_number']],
    ['见附件', count('次'), null, ['not_a_number']],
    ['正常', count('次'), null, ['not_a_number']],
    ['5-', count('次'), null, ['not_a_number']],
    ['共90公斤', qty('公斤'), null, ['not_a_number']],
    ['50名居民', count('人'), null, ['not_a_number']],
    ['NaN', count('次'), null, ['not_a_number']],
    [true, count('次'), null, ['not_a_number']],
    [false, count('次'), null, ['not_a_number']],
  ]);
  it('keeps the cell as written in args.text', () => {
    expect(parseValue('  20__余元 ', money()).issues).toEqual([{ code: 'placeholder', args: { text: '20__余元' } }]);
    expect(parseValue(true, count('次')).issues).toEqual([{ code: 'not_a_number', args: { text: 'TRUE' } }]);
    expect(parseValue('=A1', count('次')).issues).toEqual([{ code: 'formula_text', args: { formula: '=A1' } }]);
  });
});

describe('empty', () => {
  for (const raw of [null, '', '   ', '\u3000'] as CellValue[]) {
    it(`${JSON.stringify(raw)} is empty, not 0`, () => {
      expect(parseValue(raw, count('次'))).toEqual({ value: null, empty: true, approximate: false, issues: [] });
    });
  }
});

describe('formulas', () => {
  const f = (formula: string, more: Partial<ValueContext> = {}) => count('次', { formula, ...more });
  check([
    [12, f('=SUM(B3:B5)'), 12, ['formula_value']],
    [null, f('=SUM(B3:B5)'), null, ['formula_no_result']],
    ['', f('=IF(B3="","",B3)'), null, []], // a formula that returns "" on purpose is empty, not an error
    ['#DIV/0!', f('=B3/B4'), null, ['cell_error']],
    ['#REF!', f('=#REF!+1'), null, ['cell_error']],
    [0.879, rate({ formula: '=B3/B2', numberFormat: '0.0%' }), 87.9, ['formula_value']],
    [-2, f('=B3-B4'), -2, ['formula_value', 'negative']],
    [true, f('=B3>B4'), null, ['not_a_number']],
  ]);
  it('reports the formula and the value used', () => {
    expect(parseValue(12, f('=SUM(B3:B5)')).issues).toEqual([
      { code: 'formula_value', args: { formula: '=SUM(B3:B5)', value: 12 } },
    ]);
  });
});

describe('dates', () => {
  const dated = (numberFormat: string) => count('次', { numberFormat });
  check([
    [46300, dated('yyyy-mm-dd'), null, ['date_value']],
    [46300, dated('yyyy"年"m"月"d"日"'), null, ['date_value']],
    [46300, dated('m/d/yy'), null, ['date_value']],
    [46300, dated('[$-804]yyyy年m月'), null, ['date_value']],
    [0.5, dated('h:mm'), null, ['date_value']],
    [0.5, dated('[h]:mm:ss'), null, ['date_value']],
    [12, dated('General'), 12, []],
    [12, dated('G/通用格式'), 12, []],
    [12, dated('0'), 12, []],
    [12, dated('#,##0'), 12, []],
    [12, dated('0"次"'), 12, []],
    [12, dated('0.00E+00'), 12, []],
    [12, dated('[Red]0'), 12, []],
    [12, dated('@'), 12, []],
    ['2026/10/5', count('次'), null, ['date_value']],
    ['2026.10.05', count('次'), null, ['date_value']],
    ['2026-10', count('次'), null, ['date_value']],
    ['10月5日', count('次'), null, ['date_value']],
    ['2026年10月', count('次'), null, ['date_value']],
    ['2026年10月5日', count('次'), null, ['date_value']],
    ['10/5', count('次'), null, ['date_value']],
    ['10:30', count('次'), null, ['date_value']],
  ]);
  it.each([
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    [60, '1900-02-29'],
    [61, '1900-03-01'],
    [45292, '2024-01-01'],
    [46300.75, '2026-10-05'],
  ])('serial %d is shown as %s', (serial, text) => {
    expect(parseValue(serial, count('次', { numberFormat: 'yyyy-mm-dd' })).issues).toEqual([
      { code: 'date_value', args: { text } },
    ]);
  });
});

describe('units', () => {
  check([
    ['90公斤', qty('公斤'), 90, []],
    ['90千克', qty('公斤'), 90, []],
    ['90kg', qty('公斤'), 90, []],
    ['90 KG', qty('公斤'), 90, []],
    ['90（公斤）', qty('公斤'), 90, []],
    ['0.25吨', qty('公斤'), 250, ['unit_converted']],
    ['0.25噸', qty('公斤'), 250, ['unit_converted']],
    ['250公斤', qty('吨'), 0.25, ['unit_converted']],
    ['180斤', qty('公斤'), 90, ['unit_converted']],
    ['500克', qty('公斤'), 0.5, ['unit_converted']],
    ['500g', qty('公斤'), 0.5, ['unit_converted']],
    ['1200平米', qty('平方米'), 1200, []],
    ['1200㎡', qty('平方米'), 1200, []],
    ['1200m²', qty('平方米'), 1200, []],
    ['1200m2', qty('平方米'), 1200, []],
    ['1.2公里', qty('米'), 1200, ['unit_converted']],
    ['1.2km', qty('米'), 1200, ['unit_converted']],
    ['300m', qty('米'), 300, []],
    ['3场', count('期', { unitAliases: ['次', '场'] }), 3, []],
    ['3場', count('期', { unitAliases: ['次', '场'] }), 3, []],
    ['3场', count('期'), null, ['unit_mismatch']],
    ['500张', count('处'), null, ['unit_mismatch']],
    ['30平方米', count('处'), null, ['unit_mismatch']],
    ['150人次', count('人'), null, ['unit_mismatch']],
    ['150人', count('人次'), null, ['unit_mismatch']],
    ['150人', count('人次', { unitAliases: ['人'] }), 150, []],
    ['150人次', count('人次'), 150, []],
    ['50名', count('人'), 50, []],
    ['87.9%', count('人'), null, ['unit_mismatch']],
    ['5公斤', count('次'), null, ['unit_mismatch']],
    ['5辆', count('辆'), 5, []],
    ['5趟', count('辆'), null, ['unit_mismatch']],
  ]);
  it('a unit in the cell overrides the stated one; otherwise the stated one applies', () => {
    expect(parseValue(0.25, qty('公斤', { statedUnit: '吨' })).value).toBe(250);
    expect(parseValue('250公斤', qty('公斤', { statedUnit: '吨' })).value).toBe(250);
    expect(parseValue('250', qty('公斤', { statedUnit: '吨' })).value).toBe(250000);
    expect(parseValue(3, count('处', { statedUnit: '张' })).issues).toEqual([
      { code: 'unit_mismatch', args: { unit: '张', expected: '处' } },
    ]);
    expect(parseValue(3, count('次', { statedUnit: '' })).value).toBe(3);
  });
  it('reports the conversion with both numbers', () => {
    expect(parseValue('0.25吨', qty('公斤')).issues).toEqual([
      { code: 'unit_converted', args: { from: '吨', to: '公斤', original: 0.25, value: 250 } },
    ]);
    expect(parseValue('0.98万元', money()).issues).toEqual([
      { code: 'unit_converted', args: { from: '万元', to: '元', original: 0.98, value: 9800 } },
    ]);
  });
});

describe('rates', () => {
  check([
    ['87.9%', rate(), 87.9, []],
    ['87.9％', rate(), 87.9, []],
    [87.9, rate(), 87.9, []],
    ['87.9', rate({ statedUnit: '%' }), 87.9, []],
    [0.879, rate({ numberFormat: '0.0%' }), 87.9, []],
    [0.07, rate({ numberFormat: '0%' }), 7, []],
    [0.879, rate({ numberFormat: '0.0"%"' }), 0.879, ['rate_fraction']],
    [0.879, rate({ statedUnit: '%' }), 0.879, ['rate_fraction']],
    [1, rate(), 1, ['rate_fraction']],
    [0, rate(), 0, []],
    ['0.5%', rate(), 0.5, []],
    ['百分之八十', rate(), 80, []],
    [100, rate(), 100, []],
    [120, rate(), 120, ['rate_out_of_range']],
    ['120%', rate(), 120, ['rate_out_of_range']],
    [-5, rate(), -5, ['negative']],
    ['87.9次', rate(), null, ['unit_mismatch']],
    [0.5, count('次', { numberFormat: '0%' }), null, ['unit_mismatch']],
  ]);
  it('rate_fraction says what the percent would be', () => {
    expect(parseValue(0.879, rate()).issues).toEqual([{ code: 'rate_fraction', args: { value: 0.879, asPercent: 87.9 } }]);
  });
});

describe('value checks', () => {
  check([
    [-3, count('次'), -3, ['negative']],
    [2.5, count('次'), 2.5, ['fractional_count']],
    ['2.5次', count('次'), 2.5, ['fractional_count']],
    [2.5, qty('吨'), 2.5, []],
    [-2.5, count('次'), -2.5, ['negative', 'fractional_count']],
    [3, count('次', { min: 5 }), 3, ['below_min']],
    [3, count('次', { min: 3, max: 3 }), 3, []],
    [17360, qty('吨', { max: 1000 }), 17360, ['above_max']],
    ['1.7万吨', qty('吨', { max: 1000 }), 17000, ['above_max']],
    [5, count('次', { min: null, max: null }), 5, []],
    ['约-5', count('次'), -5, ['approximate', 'negative']],
  ]);
});
