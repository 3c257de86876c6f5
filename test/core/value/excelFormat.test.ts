import { describe, expect, it } from 'vitest';
import { dateToSerial, isDateFormat, isPercentFormat, serialToIsoDate, serialToParts } from '../../../src/core/value/excelFormat.js';
import { parsePeriod } from '../../../src/core/read/period.js';

describe('Excel serial dates (1900 system, with its phantom 1900-02-29)', () => {
  it.each([
    [0, '1900-01-00'],
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    [60, '1900-02-29'],
    [61, '1900-03-01'],
    [25569, '1970-01-01'],
    [46296, '2026-10-01'],
    [46296.75, '2026-10-01'],
    [46326, '2026-10-31'],
    [-1, '-1'],
  ])('%s → %s', (serial, iso) => {
    expect(serialToIsoDate(serial)).toBe(iso);
  });

  it('a period read from a date cell uses the same calendar', () => {
    expect(parsePeriod(46296, 'yyyy-mm-dd')).toEqual({ ok: true, period: '2026-10' });
    expect(parsePeriod(46326, 'yyyy"年"m"月"')).toEqual({ ok: true, period: '2026-10' });
    expect(serialToParts(60)).toEqual({ y: 1900, m: 2, d: 29 });
  });

  it('dateToSerial inverts exceljs (plain day arithmetic from 1899-12-30)', () => {
    expect(dateToSerial(new Date(Date.UTC(2026, 9, 1)))).toBe(46296);
    expect(dateToSerial(new Date(Date.UTC(1899, 11, 31)))).toBe(1);
  });
});

describe('isDateFormat: one rule for values and periods', () => {
  it.each([
    ['yyyy-mm-dd', true],
    ['yyyy"年"m"月"', true],
    ['m/d/yy h:mm', true],
    ['[$-804]yyyy年m月d日', true],
    ['h:mm:ss', true],
    ['General', false],
    ['G/通用格式', false],
    ['@', false],
    ['0.00', false],
    ['#,##0', false],
    ['0.0%', false],
    ['0"天"', false],
    ['"month "0', false],
    ['_-* #,##0_-', false],
    [null, false],
  ])('%s → %s', (fmt, date) => {
    expect(isDateFormat(fmt)).toBe(date);
  });

  it.each([
    ['0.0%', true],
    ['0"%"', false],
    ['0\\%', false],
    ['General', false],
  ])('isPercentFormat %s → %s', (fmt, pct) => {
    expect(isPercentFormat(fmt)).toBe(pct);
  });
});
