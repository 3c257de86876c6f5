/**
 * (b) Excel mode in headless chromium: the same built page, with office.js answered by the fake Excel
 * host (fakeOffice.ts, bundled for the browser) over a workbook holding five of the October returns.
 * Clicks 校验, 汇总, 图表 and 插入图表, and checks the workbook the page changed — marks, output sheets,
 * the native chart — and the number of syncs against the same actions run in Node on the same workbook.
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExcelAdapter, MARK_COLORS, type ExcelHost } from '../../src/excel/excelAdapter.js';
import { createActions } from '../../src/taskpane/actions.js';
import { parseCsv } from '../../src/ui/standardTemplate.js';
import { FakeExcel, type FakeWorkbookState } from '../excel/fakeExcel.js';
import { buildPage, fakeOfficeScript, octoberWorkbook, launch, expectReadableChart, newContext, overflowing, ROOT, SCREENSHOTS, serve, watchErrors } from './harness.js';

const FILES = ['建设村', '新华社区', '阳光社区', '幸福里社区', '朝阳社区', '柳营村'];

/** The first sheet of each example return, as a sheet of one workbook named after the community. */
const workbook = (): Promise<FakeWorkbookState> => octoberWorkbook(FILES);

/** The standard template for the Node run, read the way the page's bundle reads it (?raw text). */
async function standardTemplate() {
  const grid = async (f: string) => ({ name: f, values: parseCsv(await readFile(path.join(ROOT, 'templates/standard', f), 'utf8')).map((r) => r.map((v) => (v === '' ? null : v))) });
  return { indicators: await grid('indicators.csv'), rules: await grid('rules.csv') };
}

type PageFake = {
  state: FakeWorkbookState;
  syncs: unknown[];
  runs: number;
  pendingEvents: number;
  handlerErrors: unknown[];
  resetCounters(): void;
  userEdit(sheet: string, a1: string, value: string): void;
  userAddSheet(name: string): void;
};

let dir: string;
let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
let page: Page;
let errors: string[];
let initial: FakeWorkbookState;

const fakeState = () => page.evaluate(() => (window as unknown as { __crFake: PageFake }).__crFake.state);
const fakeSyncs = () => page.evaluate(() => (window as unknown as { __crFake: PageFake }).__crFake.syncs.length);
const resetSyncs = () => page.evaluate(() => (window as unknown as { __crFake: PageFake }).__crFake.resetCounters());
const statusText = () => page.locator('.status').innerText();

beforeAll(async () => {
  [dir, initial] = await Promise.all([buildPage(), workbook()]);
  server = await serve(dir);
  browser = await launch();
  const context = await newContext(browser, server.url, await fakeOfficeScript());
  await context.addInitScript((state) => void ((window as unknown as { __crFakeState: unknown }).__crFakeState = state), initial);
  page = await context.newPage();
  // The task pane's real width beside the sheet.
  await page.setViewportSize({ width: 360, height: 800 });
  errors = watchErrors(page);
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.goto(server.url + 'taskpane.html');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The same actions in Node over the same workbook: what the page must have done. */
async function inNode() {
  const fake = new FakeExcel(structuredClone(initial));
  const host = { run: (cb: never) => fake.run(cb), isSetSupported: (n: string, v: string) => fake.isSetSupported(n, v) } as unknown as ExcelHost;
  const template = await standardTemplate();
  return { fake, actions: createActions(createExcelAdapter(host), { lang: 'zh-CN', standardTemplate: () => template }) };
}

describe('Excel mode (fake Excel host in the page)', () => {
  it('opens as the task pane', async () => {
    await page.locator('#validate').waitFor();
    // The pane watches the workbook for the user's changes (its handlers registered before any click).
    await expect.poll(() => page.locator('#app').getAttribute('data-watch')).toBe('on');
    expect(await page.locator('h1').innerText()).toBe('社区报表 校验汇总');
    expect(await page.locator('#files').count()).toBe(0);
    // The overflow measure sees a line that runs out of its box (and then nothing, once it is gone).
    await page.evaluate(() => document.getElementById('app')!.insertAdjacentHTML('beforeend', '<p id="probe" style="width:60px;white-space:nowrap">健康知识知晓率与知晓人数不符</p>'));
    expect((await overflowing(page)).join()).toContain('健康知识知晓率');
    await page.evaluate(() => document.getElementById('probe')!.remove());
    expect(await overflowing(page)).toEqual([]);
  });

  it('校验 marks the same cells as the actions in Node, in the same number of syncs', async () => {
    await resetSyncs();
    await page.locator('#validate').click();
    await expect.poll(statusText, { timeout: 30_000 }).toMatch(/错误 \d+ 个/);
    const node = await inNode();
    node.fake.resetCounters();
    const findings = await node.actions.validate('all');
    const state = await fakeState();
    expect(state).toEqual(node.fake.state);
    expect(await fakeSyncs()).toBe(node.fake.syncs.length);
    // The first click of a fresh pane: the sheet names, the sheets, the cells, the marks.
    expect(await fakeSyncs()).toBeLessThanOrEqual(4);
    // 建设村 D21 holds “3—4次”: marked as an error, with the add-in's note.
    const cell = state.sheets.find((s) => s.name === '建设村')!.cells['20,3']!;
    expect(cell.fill).toBe(MARK_COLORS.error);
    expect(state.sheets.find((s) => s.name === '建设村')!.notes.some((n) => n.cell === 'D21')).toBe(true);
    expect(await page.locator('.findings [data-code]').count()).toBe(findings.length);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'excel-1-findings.png'), fullPage: false });
    // Focus follows the action to the findings; no text runs out of its box at 360 px.
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('findings');
    expect(await overflowing(page)).toEqual([]);

    // A click on a finding selects its cell in the workbook.
    await page.locator('.findings [data-code="range_value"]').first().click();
    await expect.poll(async () => (await fakeState()).selection).toEqual({ sheet: '建设村', address: 'D21' });
  });

  it('汇总 writes 汇总, 明细 and 校验结果 and leaves the returns as they were', async () => {
    const marked = await fakeState();
    await resetSyncs();
    await page.locator('#combine').click();
    await expect.poll(statusText, { timeout: 30_000 }).toContain('已汇总 6 份报表');
    const state = await fakeState();
    expect(state.sheets.map((s) => s.name).slice(-3)).toEqual(['汇总', '明细', '校验结果']);
    const sum = state.sheets.find((s) => s.name === '汇总')!;
    expect(Object.values(sum.cells).some((c) => c.value === '合计')).toBe(true);
    expect(sum.tables[0]?.name).toBe('CR_Summary');
    const syncs = await fakeSyncs();
    expect(syncs).toBeGreaterThan(0);
    expect(syncs).toBeLessThanOrEqual(3);
    for (const name of FILES) expect(state.sheets.find((s) => s.name === name)).toEqual(marked.sheets.find((s) => s.name === name));
  });

  it('图表 draws the chart in the pane; 插入图表 puts a native chart on 图表, titled, target as a line', async () => {
    await page.locator('#charts').click();
    await page.locator('figure.chart[data-ready="true"]').waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'excel-2-chart.png'), fullPage: false });
    expect(await overflowing(page)).toEqual([]);
    await expectReadableChart(page);
    await resetSyncs();
    await page.getByRole('button', { name: '插入图表' }).click();
    await expect.poll(statusText, { timeout: 30_000 }).toContain('已在“图表”工作表插入图表');
    const state = await fakeState();
    const sheet = state.sheets.find((s) => s.name === '图表')!;
    expect(state.active).toBe('图表');
    const chart = sheet.charts![0]!;
    expect(chart.type).toBe('ColumnClustered');
    expect(chart.seriesBy).toBe('Columns');
    expect(chart.title).toContain('健康知识知晓率');
    expect(chart.title).toContain('2026年10月');
    expect(chart.categoryTitle).toBe('社区');
    expect(chart.valueTitle).toContain('%');
    expect(chart.seriesTypes).toEqual({ 1: 'Line' });
    // The bound block: a header row and one row per community, the values of the summary.
    const rows = Number(/(\d+)$/.exec(chart.source)![1]) - Number(/[A-Z]+(\d+):/.exec(chart.source)![1]);
    expect(rows).toBe(6);
    expect(await fakeSyncs()).toBeLessThanOrEqual(3);

    // A second chart goes below the first, not over it.
    await page.getByRole('button', { name: '插入图表' }).click();
    await expect.poll(async () => (await fakeState()).sheets.find((s) => s.name === '图表')!.charts!.length).toBe(2);
    const [a, b] = (await fakeState()).sheets.find((s) => s.name === '图表')!.charts!;
    expect(Number(/\d+/.exec(b!.position![0])![0])).toBeGreaterThan(Number(/\d+/.exec(a!.position![1])![0]));
    expect(errors).toEqual([]);
  });

  it('a second click during a run does nothing: every control is disabled while the run is in flight', async () => {
    await resetSyncs();
    const before = (await fakeState()).sheets.map((s) => s.name).sort();
    const during = await page.evaluate(() => {
      const click = (id: string) => (document.getElementById(id) as HTMLButtonElement).click();
      click('combine');
      const controls = [...document.querySelectorAll<HTMLButtonElement | HTMLSelectElement>('button, select')];
      const disabled = controls.filter((c) => c.disabled).length;
      // Clicked again, and the other actions too, while 汇总 runs.
      click('combine');
      click('validate');
      click('clear');
      (document.querySelector('.charts button.primary') as HTMLButtonElement | null)?.click();
      return { controls: controls.length, disabled, busy: document.getElementById('app')!.getAttribute('aria-busy') };
    });
    expect(during.disabled).toBe(during.controls);
    expect(during.busy).toBe('true');
    await expect.poll(statusText, { timeout: 30_000 }).toContain('已汇总 6 份报表');
    await expect.poll(() => page.evaluate(() => document.getElementById('app')!.hasAttribute('aria-busy'))).toBe(false);
    // One 汇总 only: its two Excel.run batches, nothing marked or cleared, the same sheets.
    expect(await page.evaluate(() => (window as unknown as { __crFake: PageFake }).__crFake.runs)).toBe(2);
    expect((await fakeState()).sheets.map((s) => s.name).sort()).toEqual(before);
    expect(await page.locator('#validate').isDisabled()).toBe(false);
    expect(errors).toEqual([]);
  });

  it("results go out of date when the user edits a return, never after the pane's own writes", async () => {
    const fake = () => page.evaluate(() => (window as unknown as { __crFake: PageFake }).__crFake);
    /** Every event delivered, and the handlers done (they wait for the pane's own calls to end). */
    const settled = async () => {
      await expect.poll(async () => (await fake()).pendingEvents).toBe(0);
      await page.evaluate(() => new Promise((r) => setTimeout(r, 50)));
    };
    const stale = () => page.locator('#stale-note');
    // 校验 and 汇总 wrote marks, the record sheet and the output sheets: none of it is the user's change.
    await page.locator('#validate').click();
    await expect.poll(statusText, { timeout: 30_000 }).toMatch(/错误 \d+ 个/);
    await settled();
    await page.locator('#combine').click();
    await expect.poll(statusText, { timeout: 30_000 }).toContain('已汇总 6 份报表');
    await settled();
    expect(await stale().isHidden()).toBe(true);
    expect(await page.locator('#app').getAttribute('data-stale')).toBeNull();

    // The user types a new number into a return: the findings on screen are marked out of date.
    await page.evaluate(() => (window as unknown as { __crFake: PageFake }).__crFake.userEdit('建设村', 'D7', '999'));
    await expect.poll(() => stale().isVisible()).toBe(true);
    expect(await stale().innerText()).toContain('工作簿已更改，结果可能已过时');
    expect(await page.locator('.findings').getAttribute('class')).toContain('stale');
    expect(await overflowing(page)).toEqual([]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'excel-3-stale.png'), fullPage: false });
    // Run again: fresh results, the note gone.
    await page.locator('#validate').click();
    await expect.poll(statusText, { timeout: 30_000 }).toMatch(/错误 \d+ 个/);
    await settled();
    expect(await stale().isHidden()).toBe(true);
    // A sheet the user adds (a roster, a copied return…) marks them too.
    await page.evaluate(() => (window as unknown as { __crFake: PageFake }).__crFake.userAddSheet('名册'));
    await expect.poll(() => stale().isVisible()).toBe(true);
    // The note speaks the language switched to, like every other word of the pane.
    await page.locator('#pane-lang').click();
    expect(await stale().innerText()).toContain('The workbook has changed');
    await page.locator('#pane-lang').click();
    expect(await stale().innerText()).toContain('工作簿已更改');
    expect((await fake()).handlerErrors).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('an Excel without the event API (ExcelApi 1.8): no crash, and the pane says results refresh on re-run', async () => {
    const context = await newContext(browser, server.url, await fakeOfficeScript());
    await context.addInitScript((state) => {
      const w = window as unknown as { __crFakeState: unknown; __crFakeSupported: unknown };
      w.__crFakeState = state;
      w.__crFakeSupported = { ExcelApi: 1.8 };
    }, initial);
    const old = await context.newPage();
    const oldErrors = watchErrors(old);
    await old.setViewportSize({ width: 360, height: 800 });
    await old.goto(server.url + 'taskpane.html');
    await expect.poll(() => old.locator('#app').getAttribute('data-watch')).toBe('off');
    expect(await old.locator('#watch-note').innerText()).toContain('无法告知工作簿的更改');
    await old.locator('#validate').click();
    await expect.poll(() => old.locator('.status').innerText(), { timeout: 30_000 }).toMatch(/错误 \d+ 个/);
    await old.evaluate(() => (window as unknown as { __crFake: PageFake }).__crFake.userEdit('建设村', 'D7', '999'));
    await old.waitForTimeout(100);
    expect(await old.locator('#stale-note').isHidden()).toBe(true);
    expect(oldErrors).toEqual([]);
    await context.close();
  });
});
