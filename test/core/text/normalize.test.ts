import { describe, expect, it } from 'vitest';
import { closest, normalizeLabel, toSimplified } from '../../../src/core/text/normalize.js';

describe('normalizeLabel', () => {
  it.each([
    ['投放鼠药（公斤）', '投放鼠药', '公斤'],
    ['投放鼠藥(公斤)', '投放鼠药', '公斤'],
    [' 1.  投放 鼠药 ：', '投放鼠药', null],
    ['一、宣传教育', '宣传教育', null],
    ['（三）清运垃圾【吨】', '清运垃圾', '吨'],
    ['⑤健康知識知曉率', '健康知识知晓率', null],
    ['社區名稱：', '社区名称', null],
    ['设置毒饵站（盒）', '设置毒饵站', '盒'],
    ['１２．張貼海報', '张贴海报', null],
  ])('%s → %s', (raw, key, unit) => {
    expect(normalizeLabel(raw)).toEqual({ key, unit });
  });

  it('converts Traditional to Simplified', () => {
    expect(toSimplified('健康知識調查人數、病媒防制經費、萬元')).toBe('健康知识调查人数、病媒防制经费、万元');
  });
});

describe('closest', () => {
  const names = ['投放鼠药', '健康知识知晓人数', '清运垃圾', '集中清理活动'];
  it.each([
    ['投放鼠要', '投放鼠药'],
    ['健康知识知晓人次', '健康知识知晓人数'],
    ['清运垃极', '清运垃圾'],
    ['填表说明', null],
    ['合计', null],
  ])('%s → %s', (key, expected) => {
    expect(closest(key, names, (n) => [n])).toBe(expected);
  });
});
