/**
 * (a) Browser mode in headless chromium: the built page served from a static server, Office.js refused
 * (no network) — so the page is the browser tool. Opens the October examples and the roster, checks
 * that the findings are the ones the command line's runJob gives for the same files, combines, downloads
 * summary.xlsx and the CSV and reads them back, draws the charts and exports a PNG; saves screenshots.
 */
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAndRun } from '../../src/cli/load.js';
import { buildPage, launch, newContext, ROOT, SCREENSHOTS, serve, watchErrors } from './harness.js';

const OCTOBER = path.join(ROOT, 'examples/2026-10');
const ROSTER = path.join(ROOT, 'examples/roster.csv');

let dir: string;
let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];

beforeAll(async () => {
  dir = await buildPage();
  server = await serve(dir);
  browser = await launch();
  context = await newContext(browser, server.url);
  page = await context.newPage();
  errors = watchErrors(page);
  await mkdir(SCREENSHOTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const statusText = () => page.locator('.status').innerText();

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
    await expect.poll(() => page.locator('.roster-name').innerText()).toBe('roster.csv');
    await page.locator('#validate').click();
    await expect.poll(statusText, { timeout: 30_000 }).toMatch(/错误 \d+ 个/);

    const node = await loadAndRun([OCTOBER], { roster: ROSTER });
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

    const node = await loadAndRun([OCTOBER], { roster: ROSTER });
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
