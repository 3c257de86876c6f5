/**
 * The web page in both languages at both sizes (1366×768, 360×800): the on-screen language switch draws
 * every view again in the other language — findings, the summary's headers, the charts' titles and
 * axes, the buttons — from the same job (nothing read again), keeps the files, and is remembered; the
 * screenshots of every view go to test-output/screenshots. And 复制图片 answers at once: 正在复制…, then
 * 已复制 where the clipboard takes the picture, or what to do instead where it is refused.
 */
import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPage, expectReadableChart, launch, newContext, overflowing, ROOT, SCREENSHOTS, serve, watchErrors } from './harness.js';

const OCTOBER = path.join(ROOT, 'examples/2026-10');
const ROSTER = path.join(ROOT, 'examples/roster.csv');
const CJK = /[\u3400-\u9fff]/;

let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;

beforeAll(async () => {
  server = await serve(await buildPage());
  browser = await launch();
  await mkdir(SCREENSHOTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const examples = async (): Promise<string[]> => (await readdir(OCTOBER)).sort().map((f) => path.join(OCTOBER, f));
const statusText = (page: Page) => page.locator('.status').innerText();

async function open(context: BrowserContext, width: number, height: number, query = ''): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  await page.setViewportSize({ width, height });
  const errors = watchErrors(page);
  await page.goto(server.url + 'index.html' + query);
  await expect.poll(() => page.locator('#files').count()).toBe(1);
  return { page, errors };
}

async function pick(page: Page): Promise<void> {
  await page.locator('#files').setInputFiles(await examples());
  await page.locator('#roster').setInputFiles(ROSTER);
  await expect.poll(() => page.locator('.file-list li').count()).toBe((await examples()).length);
  await expect.poll(() => page.locator('.inputs .roster-name').innerText()).toBe('roster.csv');
}

/** Every line the status showed from now on (to see that a switch reads nothing again). */
const watchStatus = (page: Page) =>
  page.evaluate(() => {
    const seen: string[] = ((window as unknown as { __status: string[] }).__status = []);
    new MutationObserver(() => seen.push(document.querySelector('.status')?.textContent ?? '')).observe(document.getElementById('app')!, { subtree: true, childList: true, characterData: true });
  });
const statusSeen = (page: Page) => page.evaluate(() => (window as unknown as { __status: string[] }).__status);

const shot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: path.join(SCREENSHOTS, `page-${name}.png`), fullPage });
/** The results card at the top of the window, as the page brings it after 校验/汇总. */
const toResults = (page: Page) => page.locator('.results').evaluate((e) => e.scrollIntoView({ block: 'start' }));
/** File chips whose name runs over the size beside it. */
const chipsOverlapping = (page: Page) =>
  page.locator('.file-list li').evaluateAll((els) =>
    els.filter((li) => li.querySelector('.name')!.getBoundingClientRect().right > li.querySelector('.size')!.getBoundingClientRect().left + 0.5 || [...li.querySelectorAll('.name > span')].some((s) => s.getBoundingClientRect().right > li.querySelector('.size')!.getBoundingClientRect().left + 0.5)).map((li) => li.getAttribute('data-path')),
  );

describe('the page switches language in place', () => {
  it('1366×768: findings, summary, charts drawn again in English from the same job; then 360×800 in Chinese', async () => {
    const context = await newContext(browser, server.url);
    const { page, errors } = await open(context, 1366, 768);
    await shot(page, '1366-zh-start');
    expect(await overflowing(page)).toEqual([]);
    await pick(page);
    await page.locator('#combine').click();
    await expect.poll(() => statusText(page), { timeout: 30_000 }).toContain('已汇总');
    await page.getByRole('tab', { name: '图表' }).click();
    await page.locator('figure.chart[data-ready="true"]').waitFor({ timeout: 30_000 });
    await toResults(page);
    await shot(page, '1366-zh-chart');
    expect(await overflowing(page)).toEqual([]);
    await page.getByRole('tab', { name: '汇总表' }).click();
    const codes = () => page.locator('#panel-0 [data-code]').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')).sort());
    const zhCodes = await codes();

    await watchStatus(page);
    await page.locator('#lang-switch').click();
    await expect.poll(() => page.locator('h1').innerText()).toBe('Community Returns: check, combine, chart');
    expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
    expect(await page.evaluate(() => localStorage.getItem('community-returns.lang'))).toBe('en-US');
    // The same results, shown again: the summary stays the tab shown, the files stay chosen.
    await expect.poll(() => page.locator('#summary-table').count()).toBe(1);
    expect(await page.locator('#tab-1').getAttribute('aria-selected')).toBe('true');
    expect(await page.locator('.file-list li').count()).toBe((await examples()).length);
    expect(await page.locator('.inputs .roster-name').innerText()).toBe('roster.csv');
    expect(await chipsOverlapping(page)).toEqual([]);
    expect(await codes()).toEqual(zhCodes);
    await expect.poll(() => statusText(page)).toMatch(/^\d+ errors, \d+ warnings, \d+ notes$/);
    expect((await statusSeen(page)).filter((s) => /Reading|正在读取|Working|正在处理/.test(s))).toEqual([]);
    // The summary speaks English: headers, sub-totals with ASCII brackets.
    const heads = await page.locator('#summary-table thead th').allInnerTexts();
    expect(heads.slice(0, 3)).toEqual(['Period', 'Street', 'Community']);
    expect(heads).toContain('Health knowledge awareness rate (%)');
    const subs = await page.locator('#summary-table tr.subtotal th.sticky').allInnerTexts();
    expect(subs.length).toBeGreaterThan(0);
    for (const s of subs) expect(s).toMatch(/^Sub-total \(\d+\)/);
    expect(await page.locator('#download-csv').isDisabled()).toBe(false);
    await toResults(page);
    await shot(page, '1366-en-summary');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download-csv').click()]);
    expect(await readFile(await download.path(), 'utf8')).toMatch(/Sub-total \(\d+\)/);

    await page.getByRole('tab', { name: /^Findings/ }).click();
    const rules = await page.locator('#panel-0 [data-code="rule_failed"] .msg').allInnerTexts();
    expect(rules.length).toBeGreaterThan(0);
    for (const m of rules) expect(m).not.toMatch(CJK);
    expect(await page.getByRole('tab', { name: /^Findings/ }).innerText()).toMatch(/^Findings \(\d+\)$/);
    await toResults(page);
    await shot(page, '1366-en-findings');
    await page.getByRole('tab', { name: 'Charts' }).click();
    await page.locator('figure.chart[data-ready="true"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('figure.chart canvas').getAttribute('aria-label')).not.toMatch(CJK);
    await toResults(page);
    await shot(page, '1366-en-chart');
    await page.locator('#chart-kind').selectOption('months');
    await page.locator('figure.chart[data-ready="true"][data-chart*="months"]').waitFor();
    await toResults(page);
    await shot(page, '1366-en-chart-months');
    await page.locator('#chart-kind').selectOption('streets');
    await page.locator('figure.chart[data-ready="true"][data-chart*="streets"]').waitFor();
    await toResults(page);
    await shot(page, '1366-en-chart-streets');
    await page.evaluate(() => window.scrollTo(0, 0));
    expect(await overflowing(page)).toEqual([]);

    // Back in Chinese at the pane's width: the charts tab stays, drawn in Chinese.
    await page.setViewportSize({ width: 360, height: 800 });
    await page.locator('#lang-switch').click();
    await expect.poll(() => page.locator('h1').innerText()).toBe('社区报表 校验·汇总·图表');
    await page.locator('figure.chart[data-ready="true"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('figure.chart canvas').getAttribute('aria-label')).toMatch(CJK);
    await expectReadableChart(page);
    await shot(page, '360-zh-chart', true);
    await page.locator('figure.chart').screenshot({ path: path.join(SCREENSHOTS, 'page-360-zh-chart-figure.png') });
    expect(await overflowing(page)).toEqual([]);
    await page.getByRole('tab', { name: '汇总表' }).click();
    expect(await page.locator('#summary-table thead th').nth(3).innerText()).toMatch(/^召开创卫工作会议/);
    await page.locator('#panel-1').scrollIntoViewIfNeeded();
    await shot(page, '360-zh-summary');
    expect(await overflowing(page)).toEqual([]);
    await page.getByRole('tab', { name: /^校验结果/ }).click();
    await page.locator('#panel-0').scrollIntoViewIfNeeded();
    await shot(page, '360-zh-findings');
    expect(await overflowing(page)).toEqual([]);
    expect(await overflowing(page, '.results')).toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, '360-zh-start', true);
    expect(await chipsOverlapping(page)).toEqual([]);
    expect(errors).toEqual([]);

    // Remembered without ?lang=: the page opens in the language chosen last.
    await page.locator('#lang-switch').click();
    await expect.poll(() => page.locator('h1').innerText()).toContain('Community Returns');
    const again = await open(context, 1366, 768);
    expect(await again.page.locator('h1').innerText()).toContain('Community Returns');
    await shot(again.page, '1366-en-start');
    expect(await overflowing(again.page)).toEqual([]);
    await context.close();
  });
});

describe('复制图片 answers at once', () => {
  /** Clicks 复制图片 and reads the status in the same task: what the user sees without waiting. */
  const clickCopy = (page: Page) =>
    page.evaluate(() => {
      const b = [...document.querySelectorAll('button')].find((x) => x.textContent === '复制图片')!;
      b.click();
      return { status: document.querySelector('.status')!.textContent, busy: b.getAttribute('aria-busy') };
    });

  async function charts(context: BrowserContext): Promise<{ page: Page; errors: string[] }> {
    const r = await open(context, 1366, 768, '?lang=zh');
    await pick(r.page);
    await r.page.locator('#combine').click();
    await expect.poll(() => statusText(r.page), { timeout: 30_000 }).toContain('已汇总');
    await r.page.getByRole('tab', { name: '图表' }).click();
    await r.page.locator('figure.chart[data-ready="true"]').waitFor({ timeout: 30_000 });
    return r;
  }

  it('where the clipboard takes it: 正在复制图片… at once, then 已复制, and a 1200 px PNG on the clipboard', async () => {
    const context = await newContext(browser, server.url);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url.replace(/\/$/, '') });
    const { page, errors } = await charts(context);
    expect(await clickCopy(page)).toEqual({ status: '正在复制图片…', busy: 'true' });
    await expect.poll(() => statusText(page), { timeout: 30_000 }).toContain('已复制到剪贴板');
    expect(await page.locator('.status').getAttribute('class')).toBe('status');
    const width = await page.evaluate(async () => {
      const [item] = await navigator.clipboard.read();
      const img = await createImageBitmap(await item!.getType('image/png'));
      return img.width;
    });
    expect(width).toBe(1200);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('where the clipboard is refused: 正在复制图片… at once, then what to do instead, marked as failed', async () => {
    const context = await newContext(browser, server.url);
    const { page, errors } = await charts(context);
    // Refused as a user or a policy refuses it (playwright can only grant): chromium's own permission call.
    const cdp = await context.newCDPSession(page);
    const { targetInfo } = await cdp.send('Target.getTargetInfo');
    for (const name of ['clipboard-write', 'clipboard-read'])
      await cdp.send('Browser.setPermission', { permission: { name }, setting: 'denied', origin: server.url.replace(/\/$/, ''), browserContextId: targetInfo.browserContextId });
    expect(await page.evaluate(async () => (await navigator.permissions.query({ name: 'clipboard-write' as PermissionName })).state)).toBe('denied');
    expect((await clickCopy(page)).status).toBe('正在复制图片…');
    await expect.poll(() => statusText(page), { timeout: 30_000 }).toContain('导出 PNG');
    expect(await page.locator('.status').getAttribute('class')).toBe('status failed');
    expect(await page.getByRole('button', { name: '复制图片' }).getAttribute('aria-busy')).toBeNull();
    expect(errors).toEqual([]);
    await context.close();
  });
});
