/**
 * The task pane at its real width (360×800) in both languages, over the fake Excel host: the language
 * switch in the pane redraws every view in the other language without running anything again (no
 * Excel.run, no sync), keeps what was chosen, and is remembered where storage is allowed — and works
 * where the webview refuses storage (and, as Office.js does, has no history.pushState). Screenshots of
 * every view in zh-CN and en-US go to test-output/screenshots; no text runs out of its box in either.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeWorkbookState } from '../excel/fakeExcel.js';
import { buildPage, expectReadableChart, fakeOfficeScript, launch, newContext, octoberWorkbook, overflowing, SCREENSHOTS, serve, watchErrors } from './harness.js';

let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
let officeJs: string;
let state: FakeWorkbookState;

beforeAll(async () => {
  let dir: string;
  [dir, officeJs, state] = await Promise.all([buildPage(), fakeOfficeScript(), octoberWorkbook(['建设村', '新华社区', '阳光社区', '幸福里社区', '朝阳社区', '柳营村'])]);
  server = await serve(dir);
  browser = await launch();
  await mkdir(SCREENSHOTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

type PageFake = { syncs: unknown[]; runs: number; resetCounters(): void };
const CJK = /[\u3400-\u9fff]/;

/** A pane over the October workbook; `init` runs in the page before its scripts (to refuse storage). */
async function pane(init?: () => void): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await newContext(browser, server.url, officeJs);
  await context.addInitScript((s) => void ((window as unknown as { __crFakeState: unknown }).__crFakeState = s), state);
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  await page.setViewportSize({ width: 360, height: 800 });
  const errors = watchErrors(page);
  await page.goto(server.url + 'taskpane.html');
  await page.locator('#validate').waitFor();
  return { context, page, errors };
}

const counters = (page: Page) => page.evaluate(() => {
  const f = (window as unknown as { __crFake: PageFake }).__crFake;
  return { syncs: f.syncs.length, runs: f.runs };
});
const resetCounters = (page: Page) => page.evaluate(() => (window as unknown as { __crFake: PageFake }).__crFake.resetCounters());
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `pane-360-${name}.png`), fullPage: true });

describe('the task pane in both languages (360×800)', () => {
  it('switches language in place: findings, chart, buttons redrawn, nothing run again, the choice kept', async () => {
    const { context, page, errors } = await pane();
    expect(await page.evaluate(() => history.pushState)).toBeNull();
    const lang = page.locator('#pane-lang');
    expect(await lang.innerText()).toBe('English');
    expect(await page.locator('h1').innerText()).toBe('社区报表 校验汇总');
    await shot(page, 'zh-start');
    expect(await overflowing(page)).toEqual([]);

    // 校验 in Chinese, then English: the same findings, in English, and Excel not asked again.
    await page.locator('#validate').click();
    await expect.poll(() => page.locator('.status').innerText(), { timeout: 30_000 }).toMatch(/错误 \d+ 个/);
    await shot(page, 'zh-findings');
    expect(await overflowing(page)).toEqual([]);
    const codes = () => page.locator('.findings [data-code]').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
    const zhCodes = await codes();
    const zhRule = await page.locator('.findings [data-code="rule_failed"] .msg').first().innerText();
    expect(zhRule).toMatch(CJK);
    await resetCounters(page);
    await lang.click();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en-US');
    expect(await page.locator('h1').innerText()).toBe('Community Returns');
    expect(await page.locator('#validate').innerText()).toBe('Check');
    expect(await page.locator('#pane-files legend').innerText()).toBe('From files');
    expect(await page.locator('#scope option[value="all"]').innerText()).toBe('All returns');
    expect(await lang.innerText()).toBe('中文');
    expect(await codes()).toEqual(zhCodes);
    const enRules = await page.locator('.findings [data-code="rule_failed"] .msg').allInnerTexts();
    expect(enRules.length).toBeGreaterThan(0);
    for (const m of enRules) expect(m).not.toMatch(CJK);
    expect(await page.locator('.status').innerText()).toMatch(/^\d+ errors, \d+ warnings, \d+ notes$/);
    expect(await counters(page)).toEqual({ syncs: 0, runs: 0 });
    expect(await page.evaluate(() => localStorage.getItem('community-returns.lang'))).toBe('en-US');
    await shot(page, 'en-findings');
    // The pane as it opens beside the sheet (one window, for the README).
    await page.screenshot({ path: path.join(SCREENSHOTS, 'pane-360-en-findings-window.png') });
    expect(await overflowing(page)).toEqual([]);

    // Charts in English, another choice made, then back to Chinese: the same choice, Chinese words.
    await page.locator('#charts').click();
    await page.locator('figure.chart[data-ready="true"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('figure.chart canvas').getAttribute('aria-label')).not.toMatch(CJK);
    await expectReadableChart(page);
    await shot(page, 'en-chart');
    expect(await overflowing(page)).toEqual([]);
    await page.locator('#chart-kind').selectOption('streets');
    await page.locator('figure.chart[data-ready="true"][data-chart*="streets"]').waitFor();
    const enTitle = await page.locator('figure.chart canvas').getAttribute('aria-label');
    const chartId = await page.locator('figure.chart').getAttribute('data-chart');
    await shot(page, 'en-chart-streets');
    await resetCounters(page);
    await lang.click();
    await page.locator('figure.chart[data-ready="true"][data-chart*="streets"]').waitFor();
    expect(await page.locator('#chart-kind').inputValue()).toBe('streets');
    expect(await page.locator('figure.chart').getAttribute('data-chart')).toBe(chartId);
    const zhTitle = await page.locator('figure.chart canvas').getAttribute('aria-label');
    expect(zhTitle).not.toBe(enTitle);
    expect(zhTitle).toMatch(CJK);
    expect(await page.locator('label[for="chart-kind"] > span').innerText()).toBe('图表类型');
    expect(await page.getByRole('button', { name: '插入图表' }).count()).toBe(1);
    expect(await counters(page)).toEqual({ syncs: 0, runs: 0 });
    await shot(page, 'zh-chart-streets');
    await page.locator('#chart-kind').selectOption('communities');
    await page.locator('figure.chart[data-ready="true"][data-chart*="communities"]').waitFor();
    await expectReadableChart(page);
    await shot(page, 'zh-chart');
    expect(await overflowing(page)).toEqual([]);

    // The extract view keeps the text pasted so far across a switch.
    await page.locator('#extract').click();
    await page.locator('#extract-text').waitFor();
    await page.locator('#extract-text').fill('据统计辖区各单位共计投放鼠药90公斤，各重点单位投放鼠夹200余个。');
    await shot(page, 'zh-extract');
    expect(await overflowing(page)).toEqual([]);
    await lang.click();
    await expect.poll(() => page.locator('#extract-text').inputValue()).toContain('投放鼠药90公斤');
    expect(await page.locator('#extract').innerText()).toBe('From a summary');
    // What it found, in English: the indicators by their English names, the count in ASCII brackets.
    await page.locator('#extract-run').click();
    await expect.poll(() => page.locator('.mention-indicator').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const chosen = await page.locator('.mention-indicator').evaluateAll((els) => els.map((s) => (s as HTMLSelectElement).selectedOptions[0]!.textContent));
    expect(chosen).toContain('Rodent bait laid');
    for (const c of chosen) expect(c).not.toMatch(CJK);
    expect(await page.locator('#extract-docs summary').first().innerText()).not.toMatch(/[（）]/);
    await shot(page, 'en-extract');
    expect(await overflowing(page)).toEqual([]);
    await page.locator('#charts').click();
    await page.locator('figure.chart[data-ready="true"]').waitFor({ timeout: 30_000 });
    await shot(page, 'en-chart');

    // Remembered: the pane opens in English next time, and the actions speak it (汇总 in English).
    await page.reload();
    await page.locator('#validate').waitFor();
    expect(await page.locator('h1').innerText()).toBe('Community Returns');
    await shot(page, 'en-start');
    expect(await overflowing(page)).toEqual([]);
    await page.locator('#combine').click();
    await expect.poll(() => page.locator('.status').innerText(), { timeout: 30_000 }).toContain('Combined 6 returns');
    // English punctuation between the parts of the line, not the Chinese ；.
    expect(await page.locator('.status').innerText()).toMatch(/校验结果; \d+ errors, \d+ warnings, \d+ notes$/);
    await shot(page, 'en-combined');
    expect(await overflowing(page)).toEqual([]);
    await page.locator('#pane-lang').click();
    await page.locator('#combine').click();
    await expect.poll(() => page.locator('.status').innerText(), { timeout: 30_000 }).toContain('已汇总 6 份报表');
    await shot(page, 'zh-combined');
    expect(await overflowing(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('where the webview refuses storage, the pane opens in the host language and still switches', async () => {
    const { context, page, errors } = await pane(() => {
      Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });
    });
    expect(await page.locator('h1').innerText()).toBe('社区报表 校验汇总');
    await page.locator('#pane-lang').click();
    expect(await page.locator('h1').innerText()).toBe('Community Returns');
    await page.locator('#validate').click();
    await expect.poll(() => page.locator('.status').innerText(), { timeout: 30_000 }).toMatch(/^\d+ errors/);
    expect(errors).toEqual([]);
    await context.close();
  });
});
