import { describe, expect, it } from 'vitest';
import { extractText } from '../../../src/core/extract/extractText.js';
import { proposeValue } from '../../../src/core/extract/proposeValue.js';
import type { Mention } from '../../../src/core/extract/types.js';
import { standardTemplate } from '../../helpers/template.js';

const tpl = standardTemplate();
const mentionsOf = (text: string) => extractText(text, 'a.txt', tpl).flatMap((d) => d.mentions);
const brief = (m: Mention) => [m.indicator, m.value, m.text, m.approximate, m.flags];

describe('extractText: numbers that report an indicator', () => {
  const rows: [string, ReturnType<typeof brief>[]][] = [
    ['共发放致居民一封信300份，发放宣传单200份，拉横幅5条。', [['leaflets', 300, '300份', false, []], ['leaflets', 200, '200份', false, []], ['banners', 5, '5条', false, []]]],
    ['据统计共计投放鼠药90公斤。', [['rodent_bait_kg', 90, '90公斤', false, []]]],
    // 吨 → 公斤 and 万 multipliers exactly as for returns.
    ['本月投放鼠药0.5吨。', [['rodent_bait_kg', 500, '0.5吨', false, []]]],
    ['发放宣传资料1.2万份。', [['leaflets', 12000, '1.2万份', false, []]]],
    // Approximations: 余 多 近 约 左右 上下 上百.
    ['张贴宣传画100余张，清运裸露垃圾近5吨。', [['posters', 100, '100余张', true, []], ['garbage_t', 5, '近5吨', true, []]]],
    ['组织志愿者约200人次，拉横幅10条左右。', [['volunteers', 200, '约200人次', true, []], ['banners', 10, '10条左右', true, []]]],
    ['向居民发放倡议书上百份。', [['leaflets', 100, '上百份', true, []]]],
    ['义诊服务群众300多人。', [['clinic_people', 300, '300多人', true, []]]],
    // Full-width digits and Traditional script.
    ['拉橫幅５條，投放鼠藥９０公斤。', [['banners', 5, '５條', false, []], ['rodent_bait_kg', 90, '９０公斤', false, []]]],
    // Chinese numerals of three and more.
    ['举办健康讲座三期，参加居民一百二十人次。', [['lectures', 3, '三期', false, []], ['lecture_attendance', 120, '一百二十人次', false, []]]],
    // A unit that does not convert is kept, flagged, never converted by guess.
    ['张贴海报100余份，整治卫生死角7起，清理牛皮癣600平方米。', [
      ['posters', 100, '100余份', true, ['unit_mismatch']], ['dead_corners', 7, '7起', false, ['unit_mismatch']], ['ads_removed', 600, '600平方米', false, ['unit_mismatch']],
    ]],
    // The cue after the number, in an earlier clause, or in the previous sentence (exact units only there).
    ['共开展健康教育讲座2次，有150人次参加了听讲活动。', [['lectures', 2, '2次', false, []], ['lecture_attendance', 150, '150人次', false, []]]],
    ['设置了健康教育宣传栏。半年共进行宣传3期，张贴宣传画16张。', [['boards', 3, '3期', false, []], ['posters', 16, '16张', false, []]]],
    ['健康知识知晓率达到85%。', [['awareness_rate', 85, '85%', false, []]]],
  ];
  it.each(rows)('%s', (text, expected) => {
    expect(mentionsOf(text).map(brief)).toEqual(expected);
  });
});

describe('extractText: numbers that are not mentions', () => {
  it.each([
    '20xx年3月4日，社区开展了妇女保健讲座。', // dates
    '2026年社区共开展创卫工作。', // years
    '我社区在全区考核中排名第3名。', // ranks
    '以“洁净家园”、“卫生楼幢评选”两个活动为载体，组织了两次灭鼠活动，举办了二期学习班。', // 两个 / 两次 / 二期
    '联系电话13812345678，联系人张三。', // phone numbers
    '有近80%的村主次道未硬底化，垃圾分类覆盖率达95%。', // percentages of other things
    '对路段卫生每天检查督导3—4次，一年罚款2—3次。', // frequencies and ranges
    '社区宣传队员25人参加了春节文艺演出，巾帼志愿者20人参加了启动仪式。', // people at events that are not indicators
    '新建5米宽15米长人行梯道一条，安装防蚊闸150个。', // quantities of things the template does not count
  ])('%s', (text) => {
    expect(mentionsOf(text).map(brief)).toEqual([]);
  });
});

describe('extractText: offsets, sentences, documents', () => {
  it('start/end index the file text exactly, also after full-width and Traditional characters', () => {
    const text = '\ufeff標題\n社區創衛工作總結篇一\n城中社區拉橫幅５條。城中社区发放宣传单２００份。\n社区创卫工作总结篇二\n投放鼠药90公斤。';
    const docs = extractText(text, 'a.txt', tpl);
    expect(docs.map((d) => d.title)).toEqual(['社區創衛工作總結篇一', '社区创卫工作总结篇二']);
    for (const m of docs.flatMap((d) => d.mentions)) expect(text.slice(m.start, m.end)).toBe(m.text);
    expect(docs[0]!.mentions.map((m) => m.sentence)).toEqual(['城中社區拉橫幅５條。', '城中社区发放宣传单２００份。']);
    expect(docs[0]!.community).toBe('城中社区');
  });

  it('a paragraph broken across lines is one sentence; headings are not', () => {
    const text = '20xx年5月24日，社区开展了药品真伪辨别讲座，近40名居民\n\n参加了讲座，大家懂得了药品真伪辨别。';
    const [m] = mentionsOf(text);
    expect(brief(m!)).toEqual(['lecture_attendance', 40, '近40名', true, []]);
    expect(m!.sentence).toBe('20xx年5月24日，社区开展了药品真伪辨别讲座，近40名居民参加了讲座，大家懂得了药品真伪辨别。');
  });

  it('splits at 篇一/篇二, 总结一/总结二, 【二】 and at a second 现将…总结如下; text before the first heading is dropped only if it reports nothing', () => {
    const text = ['合集说明，没有数字。', '工作总结篇一', '发放宣传单200份。', '工作总结【二】', '一年来，现将工作总结如下：', '拉横幅5条。', '开年以来，现将工作汇报如下：', '义诊3场。'].join('\n');
    const docs = extractText(text, 'a.txt', tpl);
    expect(docs.map((d) => [d.title, d.mentions.map((m) => m.indicator)])).toEqual([
      ['工作总结篇一', ['leaflets']],
      ['工作总结【二】', ['banners']],
      ['工作总结【二】（其二）', ['clinics']],
    ]);
  });

  it('community, street and period are taken only where the text says them', () => {
    const text = '2026年10月阳光社区创卫工作总结\n在东城街道指导下，阳光社区发放宣传单200份。东城街道检查了阳光社区。';
    const [d] = extractText(text, 'a.txt', tpl);
    expect([d!.community, d!.street, d!.period]).toEqual(['阳光社区', '东城街道', '2026-10']);
    const [none] = extractText('发放宣传单200份。', 'b.txt', tpl, { period: '2026-09' });
    expect([none!.community, none!.street, none!.period]).toEqual([null, null, '2026-09']);
  });
});

describe('proposeValue: how several mentions become one value', () => {
  const m = (value: number, text: string, sentence: string, extra: Partial<Mention> = {}): Mention => ({
    indicator: 'x', value, unit: '', text, approximate: false, sentence, start: 0, end: 0, flags: [], ...extra,
  });
  it('adds mentions of different things in one sentence', () => {
    const p = proposeValue([m(300, '300份', '共发放一封信300份，宣传单200份。'), m(200, '200份', '共发放一封信300份，宣传单200份。')]);
    expect([p.value, p.how]).toEqual([500, '2 处相加：300 + 200 = 500']);
  });
  it('takes a stated total whose parts are told in other sentences', () => {
    const p = proposeValue([m(150, '150人次', '共开展讲座2次，有150人次参加。'), m(100, '近100名', '妇女讲座近100名参加。', { approximate: true }), m(40, '近40名', '近40名居民参加。')]);
    expect(p.value).toBe(150);
    expect(p.how).toContain('取总数');
  });
  it('never adds a unit that does not convert; with none usable it proposes nothing', () => {
    expect(proposeValue([m(8, '8处', 's', { flags: ['unit_mismatch'] })]).value).toBeNull();
    const p = proposeValue([m(8, '8处', 's', { flags: ['unit_mismatch'] }), m(2, '2块', 't')]);
    expect([p.value, p.how]).toEqual([2, '取原文“2块”；另有 1 处单位无法换算，未计入']);
  });
});
