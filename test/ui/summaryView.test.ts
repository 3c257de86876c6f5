/**
 * The summary view's numbers by kind, over the October examples as the command line reads them:
 * counts whole and grouped, rates with one decimal and %, quantities with one number of decimals per
 * column, a written value the column would round (翠苑's 0.879) shown as written, and a note wherever a
 * total rate cannot be recomputed from the columns shown.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAndRun } from '../../src/cli/load.js';
import type { TotalRow } from '../../src/core/combine/types.js';
import type { Indicator } from '../../src/core/template/types.js';
import { columnFormats, formatValue, rateNote } from '../../src/ui/summaryView.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const october = loadAndRun([path.join(ROOT, 'examples/2026-10')], { roster: path.join(ROOT, 'examples/roster.csv') });

describe('formatValue', () => {
  const count = { kind: 'count', decimals: 0 } as const;
  const rate = { kind: 'rate', decimals: 1 } as const;
  const tonnes = { kind: 'quantity', decimals: 1 } as const;
  it.each([
    [12345, count, true, 'zh-CN', '12,345', false],
    [85, rate, true, 'zh-CN', '85.0%', false],
    [82.1, rate, true, 'en-US', '82.1%', false],
    [86.957, rate, false, 'zh-CN', '87.0%', false], // a computed total rate is rounded
    [0.879, rate, true, 'zh-CN', '0.879', true], // written as a fraction: as written, no %
    [86.96, rate, true, 'zh-CN', '86.96', true],
    [3, tonnes, true, 'zh-CN', '3.0', false],
    [15.6, tonnes, true, 'zh-CN', '15.6', false],
    [1234.25, tonnes, false, 'zh-CN', '1,234.3', false],
  ] as const)('%s as %o (written %s, %s) reads %s', (v, f, written, lang, text, asWritten) => {
    expect(formatValue(v, f, written, lang)).toEqual({ text, asWritten });
  });
});

describe('the October summary', () => {
  it('gives every indicator one number of decimals by its kind', async () => {
    const { result } = await october;
    const table = result.summaryTable();
    const f = columnFormats(result.consolidation.indicators, table);
    const of = (code: string) => f[result.consolidation.indicators.findIndex((i) => i.code === code)]!;
    expect(of('leaflets')).toEqual({ kind: 'count', decimals: 0 });
    expect(of('awareness_rate')).toEqual({ kind: 'rate', decimals: 1 });
    // 清运垃圾 is written with one decimal (15.6 t) somewhere and never with two.
    expect(of('garbage_t').decimals).toBe(1);
  });

  it('explains each total rate that the numerator and denominator shown cannot reproduce, and only those', async () => {
    const { result } = await october;
    const c = result.consolidation;
    const byCode = new Map(c.indicators.map((i) => [i.code, i]));
    const rate = byCode.get('awareness_rate')!;
    const all: TotalRow[] = [...c.streets, ...c.totals];
    for (const total of all) {
      const note = rateNote(total, rate, byCode, 'zh-CN');
      const partial = total.reported['awareness_rate'] !== total.reported['aware'] || total.reported['awareness_rate'] !== total.reported['surveyed'];
      expect(note !== null, `${total.street ?? '合计'}`).toBe(partial);
      if (note) expect(note).toContain(`${total.reported['awareness_rate']} 份报表`);
    }
    // Not every total is complete in the examples (a community with 调查人数 but no 知晓人数).
    expect(all.some((t) => rateNote(t, rate, byCode, 'en-US') !== null)).toBe(true);
    const count: Indicator = byCode.get('leaflets')!;
    expect(rateNote(c.totals[0]!, count, byCode, 'zh-CN')).toBeNull();
  });
});
