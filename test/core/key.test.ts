import { describe, expect, it } from 'vitest';
import { a1, columnLetters, parseA1 } from '../../src/core/grid.js';
import { communityPeriodKey } from '../../src/core/key.js';

describe('communityPeriodKey: the one "same return" key', () => {
  it.each([
    ['阳光社区', '2026-10', '阳光社区\u00002026-10'],
    ['阳光社区', null, null],
    [null, '2026-10', null],
    ['', '2026-10', null],
  ])('%s + %s → %s', (community, period, key) => {
    expect(communityPeriodKey(community, period)).toBe(key);
  });

  it('never confuses two pairs whose texts run together', () => {
    expect(communityPeriodKey('阳光社区2', '026-10')).not.toBe(communityPeriodKey('阳光社区', '2026-10'));
  });
});

describe('A1 addresses: one helper', () => {
  it.each([
    [1, 'A'], [26, 'Z'], [27, 'AA'], [52, 'AZ'], [53, 'BA'], [702, 'ZZ'], [703, 'AAA'], [16384, 'XFD'],
  ])('column %s → %s', (n, letters) => {
    expect(columnLetters(n)).toBe(letters);
    expect(parseA1(`${letters}1`)).toEqual({ row: 0, col: n - 1 });
  });

  it.each([
    [{}, 0, 0, 'A1'],
    [{ origin: { row: 2, col: 3 } }, 0, 0, 'D3'],
    [{ origin: { row: 0, col: 0 } }, 20, 19, 'T21'],
  ])('a1(%o, %s, %s) → %s', (grid, r, c, addr) => {
    expect(a1(grid, r, c)).toBe(addr);
  });

  it.each(['$B$7', 'b7', ' B7 '])('parseA1(%s)', (s) => expect(parseA1(s)).toEqual({ row: 6, col: 1 }));
  it.each(['7B', 'B', 'R1C1', ''])('parseA1(%s) is null', (s) => expect(parseA1(s)).toBeNull());
});
