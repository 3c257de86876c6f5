/**
 * 从工作总结摘录 in headless chromium, in both doors: the page (Office.js refused) and the task pane (the
 * fake Excel host). A real summary is pasted; the highlighted mentions must be exactly the ones
 * extractText finds in Node; one is rejected and one corrected; the page's downloaded draft.xlsx and the
 * pane's inserted sheets are read back through the core's reader and checks.
 */
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractText } from '../../src/core/extract/extractText.js';
import type { SheetGrid } from '../../src/core/grid.js';
import { runJob } from '../../src/core/job.js';
import { readXlsx } from '../../src/io/readXlsx.js';
import type { FakeWorkbookState } from '../excel/fakeExcel.js';
import { standardTemplate } from '../helpers/template.js';
import { buildPage, fakeOfficeScript, launch, newContext, ROOT, SCREENSHOTS, serve, watchErrors } from './harness.js';

const SEED = path.resolve(ROOT, '../shared/seeds/000_b5df7ddf021696d8.txt');

let dir: string;
let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
let text: string;

beforeAll(async () => {
  [dir, text] = await Promise.all([buildPage(), readFile(SEED, 'utf8')]);
  server = await serve(dir);
  browser = await launch();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Pastes the summary, extracts, checks the highlights against Node, rejects one and corrects one. */
async function extractAndEdit(page: Page, root: string): Promise<void> {
  const expected = extractText(text, '粘贴的文本', standardTemplate());
  await page.locator(`${root} #extract-text`).fill(text);
  await page.locator(`${root} #extract-run`).click();
  await expect.poll(() => page.locator(`${root} #extract-status`).innerText(), { timeout: 30_000 }).toContain('找到');
  const marks = await page.locator(`${root} mark.mention`).evaluateAll((els) => els.map((e) => [e.textContent, (e as HTMLElement).dataset['indicator']]));
  expect(marks).toEqual(expected.flatMap((d) => d.mentions.map((m) => [m.text, m.indicator])));
  expect(await page.locator(`${root} article.extract-doc`).count()).toBe(expected.length);
  expect(await page.locator(`${root} mark.mention.mismatch`).count()).toBe(1); // 板报和宣传栏8处

  // Document 三: reject 拉横幅5条; correct 宣传单200份 to 250.
  const doc3 = page.locator(`${root} article.extract-doc`).nth(2);
  const rows = doc3.locator('table.mentions tbody tr');
  await rows.nth(2).locator('.mention-reject').click();
  await rows.nth(1).locator('.mention-value').fill('250');
  expect(await doc3.locator('mark.mention.rejected').innerText()).toBe('5条');
}

describe('the page extracts from a pasted summary and downloads the draft', () => {
  let page: Page;
  let errors: string[];
  beforeAll(async () => {
    page = await (await newContext(browser, server.url)).newPage();
    errors = watchErrors(page);
    await page.goto(server.url + 'taskpane.html');
    await page.locator('#extract #extract-text').waitFor({ timeout: 30_000 });
  }, 60_000);

  it('highlights the mentions extractText finds, and the corrected draft reads back with every value flagged', async () => {
    await extractAndEdit(page, '#extract');
    await mkdir(SCREENSHOTS, { recursive: true });
    await page.locator('#extract article.extract-doc').nth(2).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'extract-page.png') });
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#extract #extract-deliver').click()]);
    expect(download.suggestedFilename()).toBe('draft.xlsx');
    const bytes = new Uint8Array(await readFile((await download.path())!));
    const job = runJob({ books: [readXlsx(bytes, 'draft.xlsx').book], template: standardTemplate() });
    expect(job.returns).toHaveLength(9);
    const doc3 = job.returns[2]!.values;
    expect(doc3['leaflets']!.value).toBe(550); // 300 + the corrected 250
    expect(doc3['banners']!.value).toBeNull(); // rejected
    const flagged = job.findings.filter((f) => f.code === 'extracted_for_review' && f.sheet === job.returns[2]!.sheet).map((f) => f.indicator).sort();
    expect(flagged).toEqual(['boards', 'leaflets']);
    expect(errors).toEqual([]);
  }, 60_000);
});

describe('the task pane extracts from a pasted summary and inserts the draft sheets', () => {
  let page: Page;
  let errors: string[];
  const initial: FakeWorkbookState = { name: '总结.xlsx', sheets: [], active: '', selection: null };
  beforeAll(async () => {
    const context = await newContext(browser, server.url, await fakeOfficeScript());
    const state = { ...initial, sheets: [{ name: 'Sheet1', visibility: 'Visible', cells: {}, merges: [], tables: [], notes: [], comments: [] }], active: 'Sheet1' };
    await context.addInitScript((s) => void ((window as unknown as { __crFakeState: unknown }).__crFakeState = s), state);
    page = await context.newPage();
    await page.setViewportSize({ width: 380, height: 900 });
    errors = watchErrors(page);
    await page.goto(server.url + 'taskpane.html');
    await page.locator('button#extract').waitFor({ timeout: 30_000 });
  }, 60_000);

  it('inserts one sheet-form return per summary that the core reads back', async () => {
    await page.locator('button#extract').click();
    await expect.poll(() => page.locator('.extract-box #extract-text').count(), { timeout: 30_000 }).toBe(1);
    await extractAndEdit(page, '.extract-box');
    await page.locator('.extract-box article.extract-doc').nth(2).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'extract-pane.png') });
    await page.locator('.extract-box #extract-deliver').click();
    await expect.poll(() => page.locator('.extract-box #extract-status').innerText(), { timeout: 30_000 }).toContain('已插入工作表');
    const state = await page.evaluate(() => (window as unknown as { __crFake: { state: FakeWorkbookState } }).__crFake.state);
    const drafts = state.sheets.filter((s) => s.name !== 'Sheet1');
    expect(drafts).toHaveLength(9);
    const grids: SheetGrid[] = drafts.map((s) => {
      const values: (string | number | boolean | null)[][] = [];
      for (const [key, cell] of Object.entries(s.cells)) {
        const [r, c] = key.split(',').map(Number) as [number, number];
        (values[r] ??= [])[c] = cell.value === '' ? null : cell.value;
      }
      return { name: s.name, values: Array.from(values, (row) => Array.from(row ?? [], (v) => v ?? null)) };
    });
    const job = runJob({ books: [{ file: '总结.xlsx', sheets: grids }], template: standardTemplate() });
    expect(job.returns).toHaveLength(9);
    expect(job.returns[2]!.values['leaflets']!.value).toBe(550);
    expect(job.returns[2]!.values['banners']!.value).toBeNull();
    expect(job.findings.filter((f) => f.code === 'extracted_for_review')).toHaveLength(
      extractText(text, 'x', standardTemplate()).reduce((n, d) => n + new Set(d.mentions.map((m) => m.indicator)).size, 0) - 1,
    );
    expect(errors).toEqual([]);
  }, 90_000);
});
