/**
 * English mode says everything in English where the template has the words: the summary's sub-totals
 * with ASCII brackets, rule messages with the template's English indicator names, and a rule's written
 * value as written (翠苑's 0.879, never 0.88). And a job run in Chinese can be shown in English without
 * running it again (the pane's language switch): the same messages as a job run in English.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAndRun } from '../../src/cli/load.js';
import { messageOf } from '../../src/core/findings/wording.js';
import { summaryTable } from '../../src/core/output/tables.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const inputs = [path.join(ROOT, 'examples/2026-10')];
const roster = path.join(ROOT, 'examples/roster.csv');
const en = loadAndRun(inputs, { roster, lang: 'en-US' });
const zh = loadAndRun(inputs, { roster, lang: 'zh-CN' });
const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

describe('English words', () => {
  it('sub-totals read "Sub-total (6)", not "Sub-total（6）"; Chinese keeps 小计（6）', async () => {
    const { result } = await en;
    const subs = result.summaryTable().rows.filter((_, i) => result.summaryTable().kinds[i] === 'subtotal').map((r) => String(r[2]));
    expect(subs.length).toBeGreaterThan(0);
    for (const s of subs) expect(s).toMatch(/^Sub-total \(\d+\)$/);
    const zhSubs = summaryTable(result.consolidation, 'zh-CN').rows.filter((r) => String(r[2]).startsWith('小计'));
    for (const r of zhSubs) expect(String(r[2])).toMatch(/^小计（\d+）$/);
  });

  it('rule messages name the indicators in English where the template has English names', async () => {
    const { result } = await en;
    const rules = result.findings.filter((f) => f.code === 'rule_failed');
    expect(rules.length).toBeGreaterThan(0);
    for (const f of rules) expect(messageOf(f, 'en-US'), messageOf(f, 'en-US')).not.toMatch(CJK);
    // Chinese keeps the Chinese names.
    for (const f of rules) expect(messageOf(f, 'zh-CN')).toMatch(CJK);
  });

  it('a rule message shows 翠苑’s rate as written, 0.879, in both languages', async () => {
    const { result } = await en;
    const cuiyuan = result.findings.find((f) => f.code === 'rule_failed' && f.community === '翠苑社区' && f.indicator === 'awareness_rate');
    expect(cuiyuan).toBeDefined();
    expect(cuiyuan!.args).toMatchObject({ leftValue: 0.879 });
    expect(messageOf(cuiyuan!, 'en-US')).toContain('is 0.879;');
    expect(messageOf(cuiyuan!, 'zh-CN')).toContain('为 0.879，');
    expect(messageOf(cuiyuan!, 'en-US')).not.toContain('0.88;');
  });

  it('a job run in Chinese reads the same in English as a job run in English (switching runs nothing)', async () => {
    const [a, b] = [(await zh).result.findings, (await en).result.findings];
    expect(a.map((f) => messageOf(f, 'en-US'))).toEqual(b.map((f) => messageOf(f, 'en-US')));
    expect(a.map((f) => f.indicatorNameEn)).toEqual(b.map((f) => f.indicatorNameEn));
  });
});
