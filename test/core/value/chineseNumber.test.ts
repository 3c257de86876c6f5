import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readChineseNumber } from '../../../src/core/value/chineseNumber.js';

describe('readChineseNumber', () => {
  it.each([
    ['零', 0], ['一', 1], ['十', 10], ['十二', 12], ['二十', 20], ['一十二', 12], ['一百', 100], ['两百', 200],
    ['一百零五', 105], ['一百一十', 110], ['一千五百', 1500], ['一千五', 1500], ['一千零五', 1005], ['三万', 30000],
    ['一万五', 15000], ['十万', 100000], ['千', 1000], ['万', 10000], ['一亿二千万', 120_000_000], ['壹佰贰拾', 120],
  ])('%s = %d', (s, n) => {
    expect(readChineseNumber(s)).toEqual({ kind: 'number', value: n });
  });
  it.each(['两三', '一两', '十七八', '十几', '几十', '数百', '三五'])('%s is a range', (s) => {
    expect(readChineseNumber(s).kind).toBe('range');
  });
  it.each(['', '二〇二六', '一百五千', '三二', '一千百', '万万', '一万二万', '五零', '几', '数'])('%s is not a number', (s) => {
    expect(readChineseNumber(s).kind).toBe('invalid');
  });

  it('reads every canonical numeral below 10^8', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999 }), (n) => {
        expect(readChineseNumber(toChinese(n))).toEqual({ kind: 'number', value: n });
      }),
      { numRuns: 3000 },
    );
  });
});

/** Reference writer: 10 → 十, 105 → 一百零五, 100010 → 十万零一十. */
function toChinese(n: number): string {
  const D = '零一二三四五六七八九';
  if (n === 0) return '零';
  const section = (x: number, leading: boolean): string => {
    let out = '';
    let zero = false;
    for (const [u, name] of [[1000, '千'], [100, '百'], [10, '十'], [1, '']] as const) {
      const d = Math.floor(x / u) % 10;
      if (d === 0) {
        if (out !== '' || !leading) zero = true;
        continue;
      }
      if (zero && out !== '') out += '零';
      else if (zero && !leading) out += '零';
      zero = false;
      out += u === 10 && d === 1 && out === '' && leading ? name : D[d]! + name;
    }
    return out;
  };
  const high = Math.floor(n / 10000);
  const low = n % 10000;
  if (high === 0) return section(low, true);
  const h = section(high, true) + '万';
  return low === 0 ? h : h + (low < 1000 ? '零' + section(low, false).replace(/^零/, '') : section(low, false));
}
