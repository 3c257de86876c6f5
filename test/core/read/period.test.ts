import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../../src/core/read/period.js';

describe('parsePeriod', () => {
  it.each([
    ['2026年10月', null, '2026-10'],
    ['2026 年 9 月', null, '2026-09'],
    ['2026-10', null, '2026-10'],
    ['2026.10', null, '2026-10'],
    ['2026/10', null, '2026-10'],
    ['2026-10-05', null, '2026-10'],
    ['202610', null, '2026-10'],
    ['２０２６年１０月', null, '2026-10'],
    ['二〇二六年十月', null, '2026-10'],
    ['2026年10月份', null, '2026-10'],
    [202610, null, '2026-10'],
    [46296, 'yyyy-mm-dd', '2026-10'], // 2026-10-01 as an Excel date
    [46326, 'yyyy"年"m"月"', '2026-10'], // 2026-10-31
    [2026.1, '0.00', '2026-10'], // shown as 2026.10
    [2026.11, null, '2026-11'],
  ] as const)('%s (%s) → %s', (v, fmt, expected) => {
    expect(parsePeriod(v, fmt)).toEqual({ ok: true, period: expected });
  });

  it.each([
    [2026.1, null], // General format: Excel turned 2026.10 into 2026.1 — October or January? refuse
    ['10月', null],
    ['2026年13月', null],
    ['上月', null],
    [46296, null], // a bare serial without a date format is not read as a date
    ['', null],
    [true, null],
  ] as const)('%s refused', (v, fmt) => {
    expect(parsePeriod(v, fmt).ok).toBe(false);
  });
});
