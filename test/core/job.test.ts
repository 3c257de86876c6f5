import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { WorkbookGrids } from '../../src/core/grid.js';
import { runJob } from '../../src/core/job.js';
import { readInputs } from '../../src/node/readInputs.js';
import { standardTemplate } from '../helpers/template.js';

// Count how often the across-months view (year to date, month-on-month) is computed.
const calls = vi.hoisted(() => ({ acrossMonths: 0 }));
vi.mock('../../src/core/months/acrossMonths.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/core/months/acrossMonths.js')>();
  return {
    ...real,
    acrossMonths: (...args: Parameters<typeof real.acrossMonths>) => {
      calls.acrossMonths++;
      return real.acrossMonths(...args);
    },
  };
});

const EX = path.resolve(import.meta.dirname, '../../examples');
const tpl = standardTemplate();
let aug: WorkbookGrids[];
let sepOct: WorkbookGrids[];

beforeAll(async () => {
  aug = (await readInputs([path.join(EX, '2026-08')])).books;
  sepOct = (await readInputs([path.join(EX, '2026-09'), path.join(EX, '2026-10')])).books;
});

describe('the one job', () => {
  it('computes months only when a door asks, and then once', () => {
    calls.acrossMonths = 0;
    const job = runJob({ books: sepOct, template: tpl });
    expect(job.findings.length).toBeGreaterThan(0);
    expect(job.consolidation.periods).toEqual(['2026-09', '2026-10']);
    expect(calls.acrossMonths).toBe(0); // validate and the 汇总 table never pay for year to date
    expect(job.summaryTable().sheet).toBe('汇总');
    expect(calls.acrossMonths).toBe(0);
    const sheets = job.outputTables().map((t) => t.sheet);
    expect(sheets).toEqual(['汇总', '明细', '校验结果', '累计', '环比']);
    expect(job.outputTables()).toBe(job.outputTables());
    expect(job.months()).toBe(job.months());
    job.keyFigures();
    job.charts();
    expect(calls.acrossMonths).toBe(1);
  });

  it('one month: the output sheets never compute year to date or month-on-month', () => {
    calls.acrossMonths = 0;
    const job = runJob({ books: aug, template: tpl });
    expect(job.outputTables().map((t) => t.sheet)).toEqual(['汇总', '明细', '校验结果']);
    expect(job.json().periods).toEqual(['2026-08']);
    expect(calls.acrossMonths).toBe(0);
  });

  it('one number for one thing: key figures, chart subtitles and 汇总 give the same totals', () => {
    const job = runJob({ books: sepOct, template: tpl });
    const total = job.consolidation.totals.find((t) => t.period === '2026-10')!.values;
    for (const f of job.keyFigures()) expect(f.current, f.code).toBe(total[f.code] ?? null);
    const ytd = job.outputTables().find((t) => t.sheet === '累计')!;
    const ytdTotal = ytd.rows[ytd.kinds.indexOf('total')]!;
    const col = (code: string) => 4 + tpl.indicators.findIndex((i) => i.code === code);
    for (const f of job.keyFigures()) expect(f.ytd, f.code).toBe(ytdTotal[col(f.code)] ?? null);
    const garbage = job.charts().find((c) => c.id.startsWith('garbage_t-streets'))!;
    const subtitle = (garbage.config.options['plugins'] as { subtitle: { text: string } }).subtitle.text;
    expect(subtitle).toContain(`合计 ${total['garbage_t']!.toLocaleString('zh-CN', { maximumFractionDigits: 2 })}吨`);
    expect(subtitle).toContain('图中不含有错误的数值：湖滨社区');
  });

  it('history feeds months and charts, never the current summary or findings', () => {
    const plain = runJob({ books: sepOct, template: tpl });
    const job = runJob({ books: sepOct, template: tpl, history: aug });
    expect(job.consolidation.periods).toEqual(['2026-09', '2026-10']);
    expect(job.findings.some((f) => f.file.startsWith('2026-08/'))).toBe(false);
    expect(job.months()!.periods).toEqual(['2026-08', '2026-09', '2026-10']);
    expect(job.chartSource().rows.some((r) => r.period === '2026-08')).toBe(true);
    expect(plain.chartSource().rows.some((r) => r.period === '2026-08')).toBe(false);
    expect(job.summaryTable()).toEqual(plain.summaryTable());
  });

  it('speaks the chosen language in its tables and charts; `period` picks the month charts speak of', () => {
    const job = runJob({ books: sepOct, template: tpl, lang: 'en-US', period: '2026-09' });
    expect(job.summaryTable().columns[0]!.header).toBe('Period');
    expect(job.months()!.period).toBe('2026-09');
    expect(job.charts().map((c) => c.title)).toEqual([
      'Health knowledge awareness rate by community, Sep 2026',
      'Rodent bait laid by month (total)  Sep 2026',
      'Garbage cleared by street, Sep 2026',
    ]);
  });
});
