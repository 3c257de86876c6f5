/**
 * A failed rule reads in words in both languages (应不大于, "at most", 占…的百分比), never as the raw
 * operators of rules.csv (`<=`, `≈ … ÷ … × 100`), and keeps both numbers.
 */
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/findings/codes.js';
import { messageOf } from '../../../src/core/findings/wording.js';

const rule = (op: string, left: string, right: string, leftValue: number, rightValue: number, tolerance = 0): Finding =>
  ({
    code: 'rule_failed',
    severity: 'error',
    file: 'a.xlsx',
    args: { rule: 'R', left, op, right, leftValue, rightValue, tolerance, note: { zh: null, en: null } },
  }) as Finding;

describe('rule_failed in words', () => {
  it.each([
    [rule('<=', '健康知识知晓人数', '健康知识调查人数', 820, 800), '健康知识知晓人数为 820，应不大于健康知识调查人数（800）', '健康知识知晓人数 is 820; it should be at most 健康知识调查人数 (800)'],
    [rule('>=', '讲座参加人次', '健康教育讲座', 1, 3), '讲座参加人次为 1，应不小于健康教育讲座（3）', '讲座参加人次 is 1; it should be at least 健康教育讲座 (3)'],
    [
      rule('≈', '健康知识知晓率', '健康知识知晓人数 ÷ 健康知识调查人数 × 100', 0.88, 87.88, 0.5),
      '健康知识知晓率为 0.88，应约等于健康知识知晓人数占健康知识调查人数的百分比（87.88），允许相差 0.5',
      '健康知识知晓率 is 0.88; it should be about 健康知识知晓人数 as a percentage of 健康知识调查人数 (87.88), within 0.5',
    ],
    [rule('==', 'a + b', 'c', 3, 4), 'a加b为 3，应等于c（4）', 'a plus b is 3; it should be equal to c (4)'],
  ])('%#', (f, zh, en) => {
    expect(messageOf(f, 'zh-CN')).toBe(zh);
    expect(messageOf(f, 'en-US')).toBe(en);
    for (const m of [messageOf(f, 'zh-CN'), messageOf(f, 'en-US')]) expect(m).not.toMatch(/<=|>=|==|≈|÷|×/);
  });
});
