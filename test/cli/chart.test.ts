import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadImage } from '@napi-rs/canvas';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { readWorkbooks } from '../../src/core/read/readWorkbook.js';
import { readInputs } from '../../src/node/readInputs.js';
import { standardTemplate } from '../helpers/template.js';

const ex = fileURLToPath(new URL('../../examples/', import.meta.url));
const months = ['2026-08', '2026-09', '2026-10'].map((m) => ex + m);
const roster = ex + 'roster.csv';
const books0 = (r: { books: { sheets: import('../../src/core/grid.js').SheetGrid[] }[] }) => r.books[0]!.sheets;
const tmp = mkdtempSync(path.join(tmpdir(), 'cr-chart-'));

// The commands print their progress and reports; keep the test output readable.
beforeAll(() => {
  vi.spyOn(console, 'log').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterAll(() => vi.restoreAllMocks());

describe('returns chart', () => {
  it('renders the meeting set for the latest month of the examples', async () => {
    const out = path.join(tmp, 'charts');
    const code = await main(['chart', ...months, '--roster', roster, '--out', out]);
    expect(code).toBe(1); // the examples hold errors: same exit code as combine
    const files = readdirSync(out).sort();
    expect(files).toEqual(['awareness_rate-communities-2026-10.png', 'garbage_t-streets-2026-10.png', 'rodent_bait_kg-months-2026-10.png']);
    for (const f of files) {
      const img = await loadImage(readFileSync(path.join(out, f)));
      expect([img.width, img.height]).toEqual([1200, 675]);
    }
  });

  it('renders one indicator for a chosen period, and refuses unknown ones', async () => {
    const out = path.join(tmp, 'one');
    await main(['chart', ...months, '--indicator', 'garbage_t', '--period', '2026-09', '--out', out]);
    expect(readdirSync(out).sort()).toEqual([
      'garbage_t-communities-2026-09.png', 'garbage_t-months-2026-09.png', 'garbage_t-months-streets-2026-09.png', 'garbage_t-streets-2026-09.png',
    ]);
    expect(await main(['chart', ...months, '--indicator', 'nope', '--out', out])).toBe(2);
    expect(await main(['chart', ...months, '--period', '2026-13'])).toBe(2);
    expect(await main(['chart'])).toBe(2);
    expect(await main(['chart', '--help'])).toBe(0);
  });
});

describe('returns report', () => {
  it('writes one self-contained HTML file with figures, charts, open findings and who has not reported', async () => {
    const file = path.join(tmp, 'report.html');
    await main(['report', ...months, '--roster', roster, '--out', file]);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('<html lang="zh-CN">');
    expect(html.match(/<img [^>]*src="data:image\/png;base64,/g)).toHaveLength(3);
    expect(html).not.toMatch(/(src|href)="(?!data:)/); // no external resources
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).toContain('2026年10月 社区创卫工作月报');
    expect(html).toContain('应报 12 个社区，已报 11 个，未报 1 个');
    expect(html).toMatch(/<td>西湖街道<\/td><td class="bad c">紫荆社区<\/td>/);
    // A community's name is never broken onto two lines; a 1200 px chart is never stretched past its size.
    expect(html).toContain('td.c{white-space:nowrap}');
    expect(html).toMatch(/figure img\{[^}]*max-width:100%;width:auto;height:auto/);
    // a finding with its place: 湖滨社区's 17360 吨 in 网上填报汇总.csv T3
    expect(html).toMatch(/<td class="c">湖滨社区<\/td><td class="k">2026-10\/<span class="nb">网上填报汇总\.csv<\/span><\/td><td class="k">网上填报汇总<\/td><td class="s">T3<\/td><td>「清运垃圾」为 17360，高于模板上限 500/);
    // only this period's findings stand: August's approximate 300多 is not listed
    expect(html).not.toContain('300多');
    expect(html).toContain('健康知识知晓率');
    expect(html).toContain('本年累计');
  });
});

describe('one number for one thing', () => {
  it("the report's key figures are 汇总's totals, with the communities whose values have errors named beside them", async () => {
    const file = path.join(tmp, 'report-en.html');
    const json = path.join(tmp, 'three.json');
    await main(['report', ...months, '--roster', roster, '--out', file, '--lang', 'en']);
    await main(['combine', ...months, '--roster', roster, '--json', json]);
    const html = readFileSync(file, 'utf8');
    const totals = (JSON.parse(readFileSync(json, 'utf8')) as { totals: Record<string, number | null> }).totals;
    const shown = Object.fromEntries([...html.matchAll(/<div class="card" data-code="(\w+)" data-value="([^"]*)">/g)].map((m) => [m[1], m[2] === '' ? null : Number(m[2])]));
    expect(Object.keys(shown)).toEqual(expect.arrayContaining(['awareness_rate', 'lecture_attendance', 'garbage_t']));
    for (const [code, v] of Object.entries(shown)) expect(v, code).toBe(totals[code] ?? null);
    // 湖滨社区's 17360 吨 has an error: in the total, as in 汇总, and said so on the card
    expect(html).toMatch(/data-flagged="garbage_t">includes values with errors: .*?湖滨社区/);
    // in English: frame, titles and indicator names
    expect(html).toContain('<html lang="en-US">');
    expect(html).toContain('<h1>Community health campaign report, Oct 2026</h1>');
    expect(html).toContain('Health knowledge awareness rate');
    expect(html).not.toMatch(/主要指标|待处理问题|未上报社区|本年累计|社区创卫工作月报/);
    // findings name the indicator in English too, where the template has an English name
    expect(html).toContain('&quot;Garbage cleared&quot; is 17360, above the template maximum');
  });
});

describe('returns combine --history', () => {
  it("reads last month's summary.xlsx as history: its 汇总 rows, not its 小计/合计", async () => {
    const summary = path.join(tmp, 'aug-sep.xlsx');
    await main(['combine', months[0]!, months[1]!, '--out', summary]);
    const { books } = await readInputs([summary]);
    const read = readWorkbooks(books, standardTemplate()).returns.filter((r) => r.community);
    expect(new Set(read.map((r) => r.sheet))).toEqual(new Set(['汇总']));
    // The reader skips 合计 (street column 合计) but takes `小计（6）` for a community: its TOTAL_ROW pattern
    // does not allow the count in brackets. withHistory drops those rows; see the next test.
    const subtotals = read.filter((r) => /^小计/.test(r.community ?? ''));
    expect(read.length - subtotals.length).toBe(24); // 12 communities × 2 months
    expect(read.some((r) => /合计/.test(r.community ?? ''))).toBe(false);
    const chaoyang = read.filter((r) => r.community === '朝阳社区').map((r) => [r.period, r.values['rodent_bait_kg']?.value]);
    expect(chaoyang).toEqual([['2026-08', 12], ['2026-09', 14]]);
  });

  it('feeds the history check and the year-to-date, never the current outputs', async () => {
    const summary = path.join(tmp, 'aug-sep.xlsx');
    const json = path.join(tmp, 'oct.json');
    const xlsx = path.join(tmp, 'oct.xlsx');
    await main(['combine', months[2]!, '--history', summary, '--json', json, '--out', xlsx]);
    const r = JSON.parse(readFileSync(json, 'utf8')) as { findings: { code: string; file: string; cell: string | null }[]; returns: { period: string }[] };
    const hist = r.findings.filter((f) => f.code === 'outlier_history').map((f) => `${f.file} ${f.cell}`);
    expect(hist).toEqual(expect.arrayContaining(['2026-10/朝阳社区.xlsx D24', '2026-10/网上填报汇总.csv T3', '2026-10/建设村.xlsx D27']));
    expect(r.findings.some((f) => f.file.includes('aug-sep'))).toBe(false);
    // no 小计 from the history summary became a community of the year-to-date
    const ytd = books0(await readInputs([xlsx])).find((s) => s.name === '累计')!;
    const communities = ytd.values.slice(1).map((row) => String(row[2]));
    expect(ytd.values[0]![2]).toBe('社区（累计）'); // not 社区: read back, it must not look like a table-form return
    expect(communities.filter((c) => c.startsWith('小计'))).toEqual(['小计', '小计']);
    expect(ytd.values.slice(1).find((row) => row[2] === '朝阳社区')![3]).toBe(3); // 3 months: Aug, Sep from history + Oct
    expect(new Set(r.returns.map((x) => x.period))).toEqual(new Set(['2026-10']));
    const { books } = await readInputs([xlsx]);
    expect(books[0]!.sheets.map((s) => s.name)).toEqual(['汇总', '明细', '校验结果', '累计', '环比']);
  });

  it('finds the same history jumps as a run over all three folders', async () => {
    const json = path.join(tmp, 'all.json');
    await main(['combine', ...months, '--json', json]);
    const r = JSON.parse(readFileSync(json, 'utf8')) as { findings: { code: string; file: string; cell: string | null }[] };
    const hist = r.findings.filter((f) => f.code === 'outlier_history').map((f) => `${f.file} ${f.cell}`);
    expect(hist).toEqual(expect.arrayContaining(['2026-10/朝阳社区.xlsx D24', '2026-10/网上填报汇总.csv T3', '2026-10/建设村.xlsx D27']));
  });
});
