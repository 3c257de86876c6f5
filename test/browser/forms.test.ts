/**
 * The page's 生成填报表 in headless chromium: roster and period in, one .zip out, holding one form per
 * community with the same bytes as `returns forms` writes (the same src/io/formXlsx.ts in both doors).
 */
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { communityFormXlsx } from '../../src/io/formXlsx.js';
import { loadTemplateFile } from '../../src/node/loadTemplateFile.js';
import { readXlsx } from '../../src/io/readXlsx.js';
import { buildPage, launch, newContext, ROOT, SCREENSHOTS, serve, watchErrors } from './harness.js';

const ROSTER = path.join(ROOT, 'examples/roster.csv');
const COMMUNITIES = (await readFile(ROSTER, 'utf8')).replace(/^\uFEFF/, '').trim().split(/\r?\n/).slice(1).map((l) => l.split(',') as [string, string]);

let dir: string;
let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
let page: Page;
let errors: string[];

beforeAll(async () => {
  dir = await buildPage();
  server = await serve(dir);
  browser = await launch();
  page = await (await newContext(browser, server.url)).newPage();
  errors = watchErrors(page);
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.goto(server.url + 'taskpane.html');
  await page.locator('#forms-generate').waitFor();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function generate(): Promise<{ name: string; raw: Uint8Array; files: Record<string, Uint8Array> }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#forms-generate').click()]);
  const raw = new Uint8Array(await readFile(await download.path()));
  return { name: download.suggestedFilename(), raw, files: unzipSync(raw) };
}

describe('生成填报表 on the page', () => {
  it('asks for a roster before it makes anything', async () => {
    await page.locator('#forms-generate').click();
    await expect.poll(() => page.locator('#forms .forms-status').innerText()).toBe('请先选择名册');
  });

  it('downloads one .zip with one form per community, byte for byte what returns forms writes', async () => {
    await page.locator('#forms-roster').setInputFiles(ROSTER);
    await page.locator('#forms-period').fill('2026-10');
    const { name, raw, files } = await generate();
    expect(name).toBe('填报表-2026-10.zip');
    expect(Object.keys(files).sort()).toEqual(COMMUNITIES.map(([c]) => `${c}.xlsx`).sort());
    await expect.poll(() => page.locator('#forms .forms-status').innerText()).toBe('已生成 12 份填报表：填报表-2026-10.zip');

    const tpl = await loadTemplateFile();
    for (const [community, street] of COMMUNITIES) {
      const node = await communityFormXlsx(tpl.template, '2026-10', { community, street });
      expect(Buffer.from(files[`${community}.xlsx`]!).equals(Buffer.from(node)), community).toBe(true);
    }
    const book = readXlsx(files['柳营村.xlsx']!, '柳营村.xlsx').book;
    expect(book.sheets[0]!.values[1]).toEqual(['社区名称', '柳营村', '所属街道', '西湖街道']);
    // The first entry's local header: its name is flagged UTF-8 (bit 11), so Windows' and macOS' unzip
    // show 阳光社区.xlsx, not mojibake.
    const view = new DataView(raw.buffer, raw.byteOffset);
    expect(view.getUint32(0, true)).toBe(0x04034b50);
    expect(view.getUint16(6, true) & 0x800).toBe(0x800);
    expect(strFromU8(raw.subarray(30, 30 + view.getUint16(26, true)))).toBe('阳光社区.xlsx');
    expect(errors).toEqual([]);
    await page.locator('#forms').screenshot({ path: path.join(SCREENSHOTS, 'browser-forms.png') });
  });

  it('uses the roster chosen above when none is chosen in the section', async () => {
    const fresh = await page.context().newPage();
    await fresh.goto(server.url + 'taskpane.html');
    await fresh.locator('#roster').setInputFiles(ROSTER);
    await fresh.locator('#forms-period').fill('2026-09');
    const [download] = await Promise.all([fresh.waitForEvent('download'), fresh.locator('#forms-generate').click()]);
    expect(download.suggestedFilename()).toBe('填报表-2026-09.zip');
    const files = unzipSync(new Uint8Array(await readFile(await download.path())));
    expect(Object.keys(files)).toHaveLength(COMMUNITIES.length);
    expect(readXlsx(files['阳光社区.xlsx']!, 'x').book.sheets[0]!.values[2]![1]).toBe('2026年9月');
    expect(await fresh.locator('#forms .forms-roster-name').innerText()).toBe('使用上方的名册：roster.csv');
    await fresh.close();
  });
});
