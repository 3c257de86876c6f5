/**
 * (a) Browser mode in headless chromium: the built page served from a static server, Office.js refused
 * (no network) — so the page is the browser tool. Opens the October examples and the roster, checks
 * that the findings are the ones the command line's runJob gives for the same files, combines, downloads
 * summary.xlsx and the CSV and reads them back, draws the charts and exports a PNG; saves screenshots.
 *
 * Then files and the results that belong to them:
 * - files are identified by their path: all 30 files of examples/2026-08..10 picked in one dialog (the
 *   names repeat every month) are kept and combined into all three months;
 * - the same bytes added twice (the files, then their folder) are kept once, with a visible note;
 * - any change of files or roster clears every result view (findings, summary, charts, downloads).
 * And the done-when of "one job for every door": the command line, the page and the task pane (the fake
 * Excel) give the same finding codes and totals for the same three months, and the same CSV bytes: the
 * page's download, and the pane's 汇总 sheet read back and written as CSV, equal the command line's CSV.
 * (One file, so the page is built and chromium launched once.)
 */
import { cp, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadAndRun } from '../../src/cli/load.js';
import { main } from '../../src/cli/main.js';
import { a1 } from '../../src/core/grid.js';
import { createExcelAdapter, type ExcelHost } from '../../src/excel/excelAdapter.js';
import { readInputs } from '../../src/node/readInputs.js';
import { createActions } from '../../src/taskpane/actions.js';
import { standardTemplateGrids } from '../../src/ui/standardTemplate.js';
import { tableToCsv } from '../../src/io/writeCsv.js';
import type { OutputTable } from '../../src/core/output/tables.js';
import type { CellValue } from '../../src/core/grid.js';
import type { FakeWorkbookState } from '../excel/fakeExcel.js';
import { FakeExcel, sheetFrom, type Cell, type FakeSheet } from '../excel/fakeExcel.js';
import { buildPage, expectReadableChart, launch, newContext, overflowing, ROOT, SCREENSHOTS, serve, watchErrors } from './harness.js';

const OCTOBER = path.join(ROOT, 'examples/2026-10');
const ROSTER = path.join(ROOT, 'examples/roster.csv');

let dir: string;
let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];
let work: string;
const MONTHS = ['2026-08', '2026-09', '2026-10'];

beforeAll(async () => {
  vi.spyOn(console, 'log').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  // The three months in one folder, so that the command line and the page's folder pick name the files alike.
  work = await mkdtemp(path.join(tmpdir(), 'cr-doors-'));
  for (const m of MONTHS) await cp(path.join(ROOT, 'examples', m), path.join(work, 'months', m), { recursive: true });
  dir = await buildPage();
  server = await serve(dir);
  browser = await launch();
  context = await newContext(browser, server.url);
  page = await context.newPage();
  errors = watchErrors(page);
  await mkdir(SCREENSHOTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  vi.restoreAllMocks();
  await browser?.close();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  if (work) await rm(work, { recursive: true, force: true });
});

const statusText = () => page.locator('.status').innerText();
/** The command line's job over the October examples, run once. */
let octoberRun: ReturnType<typeof loadAndRun> | null = null;
const october = () => (octoberRun ??= loadAndRun([OCTOBER], { roster: ROSTER }));

async function examples(): Promise<string[]> {
  return (await readdir(OCTOBER)).sort().map((f) => path.join(OCTOBER, f));
}

describe('browser mode (no Office host)', () => {
  it('opens as the browser tool, says that nothing is uploaded, and loads only a small script first', async () => {
    const scripts: string[] = [];
    page.on('request', (r) => void (r.resourceType() === 'script' && scripts.push(r.url())));
    await page.goto(server.url + 'taskpane.html');
    await expect.poll(() => page.locator('#files').count()).toBe(1);
    expect(await page.locator('#privacy').innerText()).toContain('不会上传');
    expect(await page.locator('h1').innerText()).toBe('社区报表 校验·汇总·图表');
    // Neither exceljs nor chart.js before they are needed.
    expect(scripts.some((s) => /exceljs|auto-/.test(s))).toBe(false);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'browser-1-start.png'), fullPage: true });
  });

  it('checks the October returns: the same findings (number and codes) as runJob in Node', async () => {
    await page.locator('#files').setInputFiles(await examples());
    await page.locator('#roster').setInputFiles(ROSTER);
    await expect.poll(() => page.locator('.file-list li').count()).toBe((await examples()).length);
    await expect.poll(() => page.locator('.inputs .roster-name').innerText()).toBe('roster.csv');
    await page.locator('#validate').click();
    await expect.poll(statusText, { timeout: 30_000 }).toMatch(/错误 \d+ 个/);

    const node = await october();
    const expected = node.result.findings.map((f) => f.code).sort();
    const shown = (await page.locator('.findings [data-code]').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')!))).sort();
    expect(shown.length).toBe(expected.length);
    expect(shown).toEqual(expected);
    expect(await page.locator('.findings').getAttribute('data-count')).toBe(String(expected.length));
    // Every finding with a cell shows file · sheet as its group and the cell in its second line.
    const withCell = node.result.findings.find((f) => f.code === 'range_value')!;
    const item = page.locator(`.findings [data-code="range_value"]`).first();
    expect(await item.innerText()).toContain(withCell.cell!);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'browser-2-findings.png'), fullPage: true });
  });

  it('combines and downloads summary.xlsx with the same sheets and totals as the command line', async () => {
    await page.locator('#combine').click();
    await expect.poll(statusText, { timeout: 30_000 }).toContain('已汇总');
    await expect.poll(() => page.locator('#summary-table tbody tr').count()).toBeGreaterThan(5);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'browser-3-summary.png'), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download-xlsx').click()]);
    expect(download.suggestedFilename()).toBe('summary.xlsx');
    const saved = path.join(dir, 'summary.xlsx');
    await download.saveAs(saved);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile(saved)) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '明细', '校验结果']);

    const node = await october();
    const c = node.result.consolidation;
    const sum = wb.getWorksheet('汇总')!;
    const header = Array.from(sum.getRow(1).values as unknown[], (v) => (v === undefined || v === null ? null : String(v)));
    let totalRow: ExcelJS.Row | null = null;
    sum.eachRow((row) => {
      if (row.getCell(2).value === '合计') totalRow = row;
    });
    expect(totalRow).not.toBeNull();
    const total = c.totals[0]!.values;
    for (const ind of c.indicators) {
      const col = header.findIndex((h) => h !== null && h.startsWith(ind.name));
      expect(col, ind.name).toBeGreaterThan(0);
      const got = (totalRow! as ExcelJS.Row).getCell(col).value;
      const want = total[ind.code] ?? null;
      if (want === null) expect(got === null || got === '').toBe(true);
      else expect(got).toBeCloseTo(want, 6);
    }
    expect(wb.getWorksheet('校验结果')!.rowCount).toBe(node.result.findings.length + 1);
  });

  it('downloads the CSV with a BOM', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download-csv').click()]);
    const saved = path.join(dir, 'summary.csv');
    await download.saveAs(saved);
    const bytes = await readFile(saved);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('合计');
  });

  it('draws the charts (chart.js loaded on demand) and exports a PNG with a white background', async () => {
    const charts: string[] = [];
    page.on('request', (r) => void (r.url().includes('/auto-') && charts.push(r.url())));
    await page.getByRole('tab', { name: '图表' }).click();
    await page.locator('figure.chart[data-ready="true"]').waitFor({ timeout: 30_000 });
    expect(charts.length).toBe(1);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'browser-4-chart-communities.png'), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 PNG' }).click()]);
    const png = await readFile(await download.path());
    expect([...png.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    expect(png.readUInt32BE(16)).toBe(1200);
    // The corner pixel is white, not transparent: decode it in the page.
    const corner = await page.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      return [...ctx.getImageData(2, 2, 1, 1).data];
    }, png.toString('base64'));
    expect(corner).toEqual([255, 255, 255, 255]);

    await page.locator('#chart-kind').selectOption('streets');
    await page.locator('#chart-indicator').selectOption('garbage_t');
    await page.locator('figure.chart[data-ready="true"][data-chart^="garbage_t-streets"]').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'browser-5-chart-streets.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('index.html (no Office.js at all) is the same tool', async () => {
    const p = await context.newPage();
    await p.goto(server.url + 'index.html');
    await expect.poll(() => p.locator('#files').count()).toBe(1);
    await p.close();
  });
});

/** `returns combine <the three months> --roster … --csv … --json …`, run once and shared. */
let cli: Promise<CliResult> | null = null;
interface CliResult {
  exit: number;
  returns: unknown[];
  findings: { code: string }[];
  totalsByPeriod: { period: string; returns: number; values: Record<string, number | null> }[];
  template: { code: string; name: string; unit: string }[];
}
function commandLine(): Promise<CliResult> {
  cli ??= (async () => {
    const json = path.join(work, 'cli.json');
    const exit = await main(['combine', path.join(work, 'months'), '--roster', ROSTER, '--csv', path.join(work, 'cli.csv'), '--json', json]);
    return { exit, ...(JSON.parse(await readFile(json, 'utf8')) as Omit<CliResult, 'exit'>) };
  })();
  return cli;
}

const allFiles = async (): Promise<string[]> =>
  (await Promise.all(MONTHS.map(async (m) => (await readdir(path.join(ROOT, 'examples', m))).sort().map((f) => path.join(ROOT, 'examples', m, f))))).flat();
const shownCodes = async (): Promise<string[]> =>
  (await page.locator('.findings [data-code]').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')!))).sort();

async function fresh(): Promise<void> {
  // In Chinese, whatever language an earlier test switched to (the page remembers the last choice).
  await page.goto(server.url + 'index.html?lang=zh');
  await expect.poll(() => page.locator('#files').count()).toBe(1);
}

async function combine(): Promise<void> {
  await page.locator('#combine').click();
  await expect.poll(statusText, { timeout: 60_000 }).toContain('已汇总');
}

describe('the page identifies files by their path', () => {
  it('keeps all 30 files picked in one dialog (names repeat every month) and combines all three months', async () => {
    await fresh();
    const files = await allFiles();
    expect(files).toHaveLength(30);
    await page.locator('#files').setInputFiles(files);
    await page.locator('#roster').setInputFiles(ROSTER);
    await expect.poll(() => page.locator('.file-list li').count()).toBe(30);
    // A file dialog gives bare names: the second and third 阳光社区.xlsx are kept, marked as same-named.
    const paths = await page.locator('.file-list li').evaluateAll((els) => els.map((e) => e.getAttribute('data-path')!));
    expect(paths.filter((p) => p.startsWith('阳光社区.xlsx'))).toEqual(['阳光社区.xlsx', '阳光社区.xlsx (2)', '阳光社区.xlsx (3)']);
    expect(await page.locator('.file-list li[data-path="阳光社区.xlsx (2)"] .same').count()).toBe(1);
    await combine();
    const periods = await page.locator('#summary-table tbody tr.total td:first-child').allInnerTexts();
    expect(periods).toEqual(MONTHS);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'browser-6-thirty-files.png'), fullPage: true });
    // The same returns and findings as the command line over the three folders.
    const cli = await commandLine();
    expect(await statusText()).toContain(`已汇总 ${cli.returns.length} 份报表`);
    expect(await shownCodes()).toEqual(cli.findings.map((f) => f.code).sort());
  });

  it('keeps the same bytes added twice once, with a visible note, and the folder beside the name', async () => {
    await fresh();
    // Three October files, then their folder (a copy holding the same three, plus the correction of one).
    const picked = ['和平社区.csv', '阳光社区.xlsx', '阳光社区（更正）.xlsx'];
    const dir10 = path.join(work, 'three', '2026-10');
    await mkdir(dir10, { recursive: true });
    for (const f of picked) await cp(path.join(ROOT, 'examples/2026-10', f), path.join(dir10, f));
    await page.locator('#files').setInputFiles(picked.map((f) => path.join(ROOT, 'examples/2026-10', f)));
    await expect.poll(() => page.locator('.file-list li').count()).toBe(3);
    await page.locator('#folder').setInputFiles(dir10);
    await expect.poll(() => page.locator('#file-notice').isVisible()).toBe(true);
    expect(await page.locator('.file-list li').count()).toBe(3);
    expect(await page.locator('#file-notice').innerText()).toContain('3 个文件与已选文件内容完全相同，只保留一份');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'browser-7-same-bytes.png'), fullPage: true });
    // The kept copies now carry their folder, as the command line names them.
    const paths = await page.locator('.file-list li').evaluateAll((els) => els.map((e) => e.getAttribute('data-path')!));
    expect(paths.every((p) => p.startsWith('2026-10/'))).toBe(true);
    await page.locator('#validate').click();
    await expect.poll(statusText, { timeout: 60_000 }).toMatch(/错误 \d+ 个/);
    // Byte-identical files are not a duplicate return.
    const dups = (await shownCodes()).filter((c) => c === 'duplicate_return');
    expect(dups).toHaveLength(2); // 阳光社区 and its correction (更正): a real duplicate, both copies named
  });
});

describe('the page as a statistician reads it (1366×768 and 360×800, zh-CN and en-US)', () => {
  it('focus follows 校验 and 汇总; the community column stays put; numbers read by their kind', async () => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await fresh();
    // The hidden file inputs are not tab stops: their buttons are.
    await expect.poll(() => page.locator('input[type=file]').count()).toBeGreaterThanOrEqual(4);
    expect(new Set(await page.locator('input[type=file]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).tabIndex)))).toEqual(new Set([-1]));
    await page.locator('#files').setInputFiles(await examples());
    await page.locator('#roster').setInputFiles(ROSTER);
    await expect.poll(() => page.locator('.inputs .roster-name').innerText()).toBe('roster.csv');
    await expect.poll(() => page.locator('.file-list li').count()).toBe((await examples()).length);
    const active = () => page.evaluate(() => document.activeElement?.id ?? '');
    const topOf = (sel: string) => page.locator(sel).evaluate((e) => e.getBoundingClientRect().top);

    await page.locator('#validate').focus();
    await page.keyboard.press('Enter');
    await expect.poll(statusText, { timeout: 30_000 }).toMatch(/错误 \d+ 个/);
    expect(await active()).toBe('panel-0');
    expect(await topOf('#panel-0')).toBeLessThan(150);
    // The focused panel has a visible outline.
    expect(await page.locator('#panel-0').evaluate((e) => getComputedStyle(e).outlineStyle)).toBe('solid');

    // Filters: severity, community, indicator, file; and errors first across files.
    const node = (await october()).result.findings;
    const items = () => page.locator('#panel-0 [data-code]').evaluateAll((els) => els.map((e) => ({ sev: e.getAttribute('data-severity')!, where: e.querySelector('.where')!.textContent! })));
    await page.locator('#findings-severity').selectOption('error');
    expect((await items()).map((i) => i.sev)).toEqual(node.filter((f) => f.severity === 'error').map(() => 'error'));
    await page.locator('#findings-severity').selectOption('');
    await page.locator('#findings-order').selectOption('severity');
    const ordered = await items();
    expect(ordered).toHaveLength(node.length);
    const rank = { error: 0, warning: 1, info: 2 } as Record<string, number>;
    expect(ordered.map((i) => rank[i.sev])).toEqual([...ordered.map((i) => rank[i.sev]!)].sort());
    // The errors come from several files, listed together.
    expect(new Set(ordered.filter((i) => i.sev === 'error').map((i) => i.where.split(' · ')[0])).size).toBeGreaterThan(1);
    expect(await page.locator('#panel-0 section.group h2').first().innerText()).toMatch(/^错误/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'page-1366-zh-findings-errors-first.png') });
    await page.locator('#findings-community').selectOption('翠苑社区');
    const cuiyuanItems = await items();
    expect(cuiyuanItems.length).toBe(node.filter((f) => f.community === '翠苑社区').length);
    expect(cuiyuanItems.every((i) => i.where.includes('翠苑社区'))).toBe(true);
    await page.locator('#findings-indicator').selectOption('健康知识知晓率');
    expect((await items()).length).toBe(node.filter((f) => f.community === '翠苑社区' && f.indicatorName === '健康知识知晓率').length);
    expect(await page.locator('#panel-0 .filter-count').innerText()).toMatch(/^显示 \d+ 项（共 \d+ 项）$/);
    await page.locator('#findings-community').selectOption('');
    await page.locator('#findings-indicator').selectOption('');
    // The page names a picked file by its bare name, the command line by its path.
    const file = path.basename(node.find((f) => f.severity === 'error')!.file);
    await page.locator('#findings-file').selectOption(file);
    expect((await items()).length).toBe(node.filter((f) => path.basename(f.file) === file).length);
    // Rule messages read in words, in Chinese only.
    await page.locator('#findings-file').selectOption('');
    const messages = await page.locator('#panel-0 [data-code="rule_failed"] .msg').allInnerTexts();
    expect(messages.length).toBeGreaterThan(0);
    for (const m of messages) expect(m).not.toMatch(/<=|>=|≈|÷|×|[A-Za-z]/);

    await page.locator('#combine').focus();
    await page.keyboard.press('Enter');
    await expect.poll(statusText, { timeout: 30_000 }).toContain('已汇总');
    expect(await active()).toBe('panel-1');
    // The results are brought into view: the table starts near the top, most of the window shows rows.
    const tableTop = await topOf('#summary-table');
    expect(tableTop).toBeGreaterThanOrEqual(0);
    expect(tableTop).toBeLessThan(200);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'page-1366-zh-summary.png') });

    // Frozen column: scrolled sideways twice, the community cell stays at the same x (the table's left edge).
    const wrap = page.locator('#panel-1 .table-wrap');
    const cellX = () => page.locator('#summary-table tbody tr').first().locator('th.sticky').evaluate((e) => e.getBoundingClientRect().left);
    const wrapX = await wrap.evaluate((e) => e.getBoundingClientRect().left + e.clientLeft);
    await wrap.evaluate((e) => void (e.scrollLeft = 400));
    const x1 = await cellX();
    await wrap.evaluate((e) => void (e.scrollLeft = e.scrollWidth));
    expect(await wrap.evaluate((e) => e.scrollLeft)).toBeGreaterThan(1000);
    expect(await cellX()).toBe(x1);
    expect(x1).toBeCloseTo(wrapX, 0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'page-1366-zh-summary-scrolled.png') });
    await wrap.evaluate((e) => void (e.scrollLeft = 0));

    // Numbers by kind: counts grouped and whole, rates with one decimal and %, 翠苑's 0.879 as written.
    const cells = await page.locator('#summary-table').evaluate((t) => {
      const heads = [...t.querySelectorAll('thead th')].map((h) => h.textContent!);
      const col = (start: string) => heads.findIndex((h) => h.startsWith(start));
      const rows = [...t.querySelectorAll('tbody tr')].map((r) => ({ kind: r.className, cells: [...r.children].map((c) => ({ text: c.firstChild?.textContent ?? '', cls: c.className })) }));
      return { leaflets: col('发放宣传资料'), rate: col('健康知识知晓率'), garbage: col('清运垃圾'), rows };
    });
    const column = (i: number) => cells.rows.map((r) => ({ kind: r.kind, ...r.cells[i]! })).filter((c) => c.text !== '');
    expect(column(cells.leaflets).every((c) => /^\d{1,3}(,\d{3})*$/.test(c.text))).toBe(true);
    expect(column(cells.leaflets).some((c) => c.text.includes(','))).toBe(true);
    for (const c of column(cells.rate)) {
      if (c.cls.includes('as-written')) expect(c.kind).toBe('return');
      else expect(c.text).toMatch(/^\d+\.\d%$/);
    }
    const cuiyuan = cells.rows.find((r) => r.cells[2]!.text === '翠苑社区')!;
    expect(cuiyuan.cells[cells.rate]).toEqual({ text: '0.879', cls: 'num as-written' });
    const decimals = new Set(column(cells.garbage).map((c) => (c.text.split('.')[1] ?? '').length));
    expect(decimals.size).toBe(1);
    // A total rate the columns shown cannot reproduce says from how many returns it comes, and why.
    const whys = page.locator('#summary-table .why');
    expect(await whys.count()).toBeGreaterThan(0);
    expect(await whys.first().evaluate((e) => e.parentElement!.title)).toContain('不能用本行的');
    expect(await page.locator('.table-notes li').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  it('at 360×800 in English: the same views, screenshots of each', async () => {
    await page.setViewportSize({ width: 360, height: 800 });
    await fresh();
    // The on-screen language switch.
    await page.locator('#lang-switch').click();
    await expect.poll(() => page.locator('h1').innerText()).toContain('Community Returns');
    expect(new URL(page.url()).search).toBe('?lang=en');
    expect(await page.locator('.file-list li').count()).toBe(0);
    expect(await page.locator('#lang-switch').innerText()).toBe('中文');
    // A folder pick: each chip shows the end of its path, the file's own name whole.
    await page.locator('#folder').setInputFiles(path.join(work, 'months', '2026-08'));
    await expect.poll(() => page.locator('.file-list li').count()).toBe(10);
    // The folder gives way first: a name is cut only where its folder is down to its ellipsis.
    const chips = await page.locator('.file-list li').evaluateAll((els) =>
      els.map((li) => {
        const base = li.querySelector<HTMLElement>('.base')!;
        const folder = li.querySelector<HTMLElement>('.folder')!;
        const atMin = folder.getBoundingClientRect().width <= parseFloat(getComputedStyle(folder).minWidth) + 1;
        return { name: base.textContent, cut: base.scrollWidth > base.clientWidth, atMin };
      }),
    );
    expect(chips.filter((c) => !c.cut).length).toBeGreaterThanOrEqual(8);
    expect(chips.filter((c) => c.cut && !c.atMin)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'page-360-en-folder.png'), fullPage: true });
    await page.getByRole('button', { name: 'Remove all' }).click();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'page-360-en-start.png'), fullPage: true });
    await page.locator('#files').setInputFiles(await examples());
    await expect.poll(() => page.locator('.file-list li').count()).toBe((await examples()).length);
    await page.locator('#validate').click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id ?? ''), { timeout: 30_000 }).toBe('panel-0');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'page-360-en-findings.png') });
    await page.locator('#combine').click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id ?? ''), { timeout: 30_000 }).toBe('panel-1');
    expect(await page.locator('#summary-table thead th.sticky').innerText()).toBe('Community');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'page-360-en-summary.png') });
    await page.getByRole('tab', { name: 'Charts' }).click();
    await page.locator('figure.chart[data-ready="true"]').waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'page-360-en-charts.png'), fullPage: true });
    await expectReadableChart(page);
    await page.locator('#chart-kind').selectOption('streets');
    await page.locator('figure.chart[data-ready="true"][data-chart*="streets"]').waitFor();
    await expectReadableChart(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'page-360-en-chart-streets.png'), fullPage: true });
    expect(await overflowing(page)).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(errors).toEqual([]);
  });
});

describe('results belong to the files they came from', () => {
  it('any change of files or roster clears the findings, the summary, the charts and the downloads', async () => {
    await fresh();
    const dir10 = path.join(ROOT, 'examples/2026-10');
    await page.locator('#files').setInputFiles(['和平社区.csv', '建设村.xlsx', '阳光社区.xlsx'].map((f) => path.join(dir10, f)));
    await expect.poll(() => page.locator('.file-list li').count()).toBe(3);
    const cleared = async (): Promise<void> => {
      await expect.poll(() => page.locator('#summary-table').count()).toBe(0);
      expect(await page.locator('.findings [data-code]').count()).toBe(0);
      expect(await page.locator('.charts canvas').count()).toBe(0);
      expect(await page.locator('#download-xlsx').isDisabled()).toBe(true);
      expect(await page.locator('#download-csv').isDisabled()).toBe(true);
      expect(await statusText()).not.toContain('已汇总');
      expect(await statusText()).toContain('之前的结果已清除');
    };
    const results = async (charts = false): Promise<void> => {
      await combine();
      expect(await page.locator('#summary-table').count()).toBe(1);
      expect(await page.locator('.findings [data-code]').count()).toBeGreaterThan(0);
      if (!charts) return;
      await page.getByRole('tab', { name: '图表' }).click();
      await page.locator('figure.chart[data-ready="true"]').waitFor({ timeout: 30_000 });
      await page.getByRole('tab', { name: /校验结果/ }).click();
    };

    await results(true);
    await page.locator('.file-list li').first().getByRole('button').click(); // remove one file
    await cleared();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'browser-8-cleared.png'), fullPage: true });

    await results();
    await page.locator('#roster').setInputFiles(ROSTER); // a roster changes who is missing
    await cleared();

    await results();
    await page.getByRole('button', { name: '全部移除' }).click();
    await cleared();
    expect(await page.locator('.file-list li').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});

/** Every sheet of every file as one fake Excel workbook (sheet names made unique, ≤ 31 characters). */
async function paneWorkbook(folder: string): Promise<FakeSheet[]> {
  const { books } = await readInputs([folder]);
  const roster = (await readInputs([ROSTER])).books[0]!.sheets[0]!;
  const sheets: FakeSheet[] = [];
  for (const [i, book] of books.entries()) {
    for (const g of book.sheets) {
      const extras: Record<string, Partial<Cell>> = {};
      g.values.forEach((row, r) =>
        row.forEach((_, c) => {
          const f = g.formulas?.[r]?.[c];
          const fmt = g.numberFormats?.[r]?.[c];
          if (f || (fmt && fmt !== 'General')) extras[a1(g, r, c)] = { ...(f ? { formula: f } : {}), ...(fmt && fmt !== 'General' ? { numberFormat: fmt } : {}) };
        }),
      );
      const s = sheetFrom(`${i + 1}-${g.name}`.slice(0, 31), g.values, extras);
      s.merges = (g.merges ?? []).map((m) => `${a1(g, m.top, m.left)}:${a1(g, m.bottom, m.right)}`);
      sheets.push(s);
    }
  }
  sheets.push(sheetFrom('名册', roster.values));
  return sheets;
}

/**
 * A sheet the pane wrote, read back as a statistician sees it (header row, then rows; an empty cell is
 * null) and written with the command line's CSV writer: the pane's CSV, byte for byte comparable.
 */
function sheetCsv(state: FakeWorkbookState, name: string, drop: (header: string) => boolean = () => false): Buffer {
  const sheet = state.sheets.find((s) => s.name === name)!;
  const keys = Object.keys(sheet.cells).map((k) => k.split(',').map(Number) as [number, number]);
  const rows = Math.max(...keys.map(([r]) => r)) + 1;
  const cols = Math.max(...keys.map(([, c]) => c)) + 1;
  const value = (r: number, c: number): CellValue => {
    const v = sheet.cells[`${r},${c}`]?.value;
    return v === undefined || v === '' ? null : v;
  };
  const keep = Array.from({ length: cols }, (_, c) => c).filter((c) => !drop(String(value(0, c))));
  const table = {
    columns: keep.map((c) => ({ header: String(value(0, c)) })),
    rows: Array.from({ length: rows - 1 }, (_, r) => keep.map((c) => value(r + 1, c))),
  } as unknown as OutputTable;
  return Buffer.from(tableToCsv(table), 'utf8');
}

/** The command line's CSV without the columns `drop` names (parsed and written again by the same writer). */
async function csvWithout(file: string, drop: (header: string) => boolean): Promise<Buffer> {
  const Papa = (await import('papaparse')).default;
  const rows = Papa.parse<string[]>((await readFile(file, 'utf8')).replace(/^\ufeff/, ''), { skipEmptyLines: true, dynamicTyping: true }).data;
  const keep = rows[0]!.map((_, c) => c).filter((c) => !drop(String(rows[0]![c])));
  const table = {
    columns: keep.map((c) => ({ header: String(rows[0]![c]) })),
    rows: rows.slice(1).map((r) => keep.map((c) => (r[c] === '' || r[c] === null || r[c] === undefined ? null : (r[c] as CellValue)))),
  } as unknown as OutputTable;
  return Buffer.from(tableToCsv(table), 'utf8');
}

describe('one job for every door', () => {
  it('the command line, the page and the task pane give the same finding codes, totals and CSV bytes for three months', async () => {
    const folder = path.join(work, 'months');
    // Command line
    const cli = await commandLine();
    expect(cli.exit).toBe(1);
    const csv = path.join(work, 'cli.csv');
    expect(cli.totalsByPeriod.map((t) => t.period)).toEqual(MONTHS);

    // The page: the folder picked, the roster, 汇总, the CSV downloaded
    await fresh();
    await page.locator('#folder').setInputFiles(folder);
    await page.locator('#roster').setInputFiles(ROSTER);
    await expect.poll(() => page.locator('.file-list li').count()).toBe(30);
    await combine();
    expect(await shownCodes()).toEqual(cli.findings.map((f) => f.code).sort());
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download-csv').click()]);
    const pageCsv = await readFile(await download.path());
    expect(pageCsv.equals(await readFile(csv))).toBe(true);

    // The task pane over a workbook holding every sheet of the same files (and a 名册 sheet)
    const sheets = await paneWorkbook(folder);
    const fake = new FakeExcel({ name: '三个月.xlsx', sheets, active: sheets[0]!.name, selection: null });
    const host = { run: (cb: never) => fake.run(cb), isSetSupported: (n: string, v: string) => fake.isSetSupported(n, v) } as unknown as ExcelHost;
    const actions = createActions(createExcelAdapter(host), { lang: 'zh-CN', standardTemplate: standardTemplateGrids });
    const r = await actions.combine();
    // encoding_detected says how a CSV file's bytes were decoded: a workbook's cells have no encoding.
    const bytesOnly = new Set(['encoding_detected']);
    expect(r.findings.map((f) => f.code).sort()).toEqual(cli.findings.map((f) => f.code).filter((c) => !bytesOnly.has(c)).sort());
    const sum = fake.state.sheets.find((s) => s.name === '汇总')!;
    const cell = (row: number, col: number) => sum.cells[`${row},${col}`]?.value ?? null;
    const header = Array.from({ length: 60 }, (_, c) => cell(0, c));
    const totalRows = Array.from({ length: 500 }, (_, row) => row).filter((row) => cell(row, 1) === '合计');
    expect(totalRows.map((row) => cell(row, 0))).toEqual(MONTHS);
    for (const [i, row] of totalRows.entries()) {
      const t = cli.totalsByPeriod[i]!;
      for (const ind of cli.template) {
        const col = header.findIndex((h) => h === (ind.unit ? `${ind.name}(${ind.unit})` : ind.name));
        expect(col, ind.name).toBeGreaterThan(0);
        const v = cell(row, col);
        expect(v === '' ? null : v, `${t.period} ${ind.code}`).toBe(t.values[ind.code] ?? null);
      }
    }
    // Its CSV: every column the command line's has, byte for byte, but 来源. The workbook route reads
    // returns from sheets of this workbook, so 来源 names the workbook and sheet (三个月.xlsx / 1-…), not
    // a file: that is where the statistician finds the return, and a file path would point nowhere.
    const source = (h: string) => h === '来源';
    expect(sum.cells['0,' + header.indexOf('来源')]?.value).toBe('来源');
    const paneCsv = sheetCsv(fake.state, '汇总', source);
    expect(paneCsv.toString('utf8')).toBe((await csvWithout(csv, source)).toString('utf8'));
    expect(paneCsv.toString('utf8').split('\r\n').length).toBeGreaterThan(30);
    // With 来源 the two differ, and only there.
    expect(sheetCsv(fake.state, '汇总').equals(await readFile(csv))).toBe(false);

    // The pane's file route (从文件汇总): the same files picked by their folder, identified by their path
    // as the page and the command line identify them, combined by the same job — its 汇总 is the command
    // line's CSV byte for byte, 来源 included.
    const filesFake = new FakeExcel({ name: '汇总用.xlsx', sheets: [sheetFrom('名册', (await readInputs([ROSTER])).books[0]!.sheets[0]!.values)], active: '名册', selection: null });
    const filesHost = { run: (cb: never) => filesFake.run(cb), isSetSupported: (n: string, v: string) => filesFake.isSetSupported(n, v) } as unknown as ExcelHost;
    const filesActions = createActions(createExcelAdapter(filesHost), { lang: 'zh-CN', standardTemplate: standardTemplateGrids });
    const picked = [];
    for (const m of MONTHS) {
      for (const f of (await readdir(path.join(folder, m))).sort()) {
        const abs = path.join(folder, m, f);
        picked.push({ name: `months/${m}/${f}`, bytes: async () => new Uint8Array(await readFile(abs)) });
      }
    }
    const byFiles = await filesActions.combineFiles(picked);
    expect(byFiles.files).toBe(30);
    expect(byFiles.findings.map((f) => f.code).sort()).toEqual(cli.findings.map((f) => f.code).sort());
    expect(sheetCsv(filesFake.state, '汇总').equals(await readFile(csv))).toBe(true);
  });
});
