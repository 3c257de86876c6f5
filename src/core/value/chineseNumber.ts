/**
 * Whole numbers written in Chinese numerals, as in work summaries: 三次, 十二, 两百, 一千五百, 一千五 (1500),
 * 近千, and the financial forms 壹贰叁. Input is already folded (Simplified). Vague forms are reported as
 * ranges, never read as one number: 两三次 / 十七八 (one of two numbers), 十几 / 几十 / 数百 (some number).
 */

const DIGITS: Readonly<Record<string, number>> = {
  零: 0, 〇: 0, 一: 1, 壹: 1, 二: 2, 两: 2, 贰: 2, 三: 3, 叁: 3, 四: 4, 肆: 4, 五: 5, 伍: 5,
  六: 6, 陆: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
const SMALL_UNITS: Readonly<Record<string, number>> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG_UNITS: Readonly<Record<string, number>> = { 万: 10_000, 亿: 100_000_000 };
const VAGUE = new Set(['几', '数']);

/** Characters that may start or continue a Chinese numeral. */
export const CHINESE_NUMERAL_CHAR = new RegExp(
  `[${[...Object.keys(DIGITS), ...Object.keys(SMALL_UNITS), ...Object.keys(BIG_UNITS), ...VAGUE].join('')}]`,
  'u',
);

export type ChineseNumber = { kind: 'number'; value: number } | { kind: 'range' } | { kind: 'invalid' };

/** Reads a whole string of numeral characters (no unit, no other text). */
export function readChineseNumber(s: string): ChineseNumber {
  if (s === '') return INVALID;
  // 几十 / 十几 / 数百 are vague; a lone 几 or 数 (数据, 几乎) is not a numeral at all.
  if ([...s].some((ch) => VAGUE.has(ch))) return s.length > 1 ? { kind: 'range' } : INVALID;
  let total = 0; // finished 万 / 亿 sections
  let section = 0; // the part below the current 万
  let digit: number | null = null; // a digit waiting for its unit
  let lastSmall = Infinity; // units must fall within a section (一千五百) …
  let lastBig = Infinity; // … and across sections (一亿二千万)
  let digitUnit: number | null = null; // the unit right before the pending digit: 一千五 = 1500, 一千零五 = 1005
  let prev = '';
  for (const ch of s) {
    const d = DIGITS[ch];
    const small = SMALL_UNITS[ch];
    const big = BIG_UNITS[ch];
    if (d === 0) {
      if (digit !== null) return INVALID; // 二〇二六 is a year written digit by digit, not a count
    } else if (d !== undefined) {
      // 两三次 / 一两次 / 十七八: two numbers offered, not one.
      if (digit !== null) return d > digit ? { kind: 'range' } : INVALID;
      digit = d;
      digitUnit = SMALL_UNITS[prev] ?? BIG_UNITS[prev] ?? null;
    } else if (small !== undefined) {
      if (small >= lastSmall) return INVALID;
      // Only a leading unit may stand without its digit: 十二 = 12, 千 = 1000 (as in 近千).
      if (digit === null && prev !== '') return INVALID;
      section += (digit ?? 1) * small;
      digit = null;
      lastSmall = small;
    } else if (big !== undefined) {
      if (big >= lastBig) return INVALID;
      let sec = section + (digit ?? 0);
      if (sec === 0) {
        if (prev !== '') return INVALID;
        sec = 1; // 万 = 10000, as in 近万
      }
      total = big === 100_000_000 ? (total + sec) * big : total + sec * big;
      section = 0;
      digit = null;
      lastSmall = Infinity;
      lastBig = big;
    } else return INVALID;
    prev = ch;
  }
  if (digit !== null) {
    // 一千五 = 1500, 一万五 = 15000: a final digit right after 百 or above counts in the next lower unit.
    section += digitUnit !== null && digitUnit >= 100 ? (digit * digitUnit) / 10 : digit;
  }
  return { kind: 'number', value: total + section };
}

const INVALID: ChineseNumber = { kind: 'invalid' };
