/**
 * The pane's 从文件 control in headless chromium, with the fake Excel host: the October folder picked,
 * imported as sheets (the workbook's sheets untouched) and combined from the files; every control of it
 * disabled while a run is in flight.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sheetFrom, type FakeWorkbookState } from '../excel/fakeExcel.js';
import { buildPage, fakeOfficeScript, launch, newContext, ROOT, serve, watchErrors } from './harness.js';

const OCT = path.join(ROOT, 'examples/2026-10');
type PageFake = { state: FakeWorkbookState; supported: Record<string, number> };

let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
let page: Page;
let errors: string[];
const initial: FakeWorkbookState = {
  name: '十月.xlsx',
  sheets: [sheetFrom('说明', [['本工作簿汇总十月报表']]), sheetFrom('阳光社区', [['我自己的表', 1]], { A1: { fill: '#FFFF00' } })],
  active: '说明',
  selection: null,
};
const fakeState = () => page.evaluate(() => (window as unknown as { __crFake: PageFake }).__crFake.state);
const statusText = () => page.locator('.status').innerText();

beforeAll(async () => {
  const dir = await buildPage();
  server = await serve(dir);
  browser = await launch();
  const context = await newContext(browser, server.url, await fakeOfficeScript());
  await context.addInitScript((state) => void ((window as unknown as { __crFakeState: unknown }).__crFakeState = state), initial);
  page = await context.newPage();
  await page.setViewportSize({ width: 380, height: 900 });
  errors = watchErrors(page);
  await page.goto(server.url + 'taskpane.html');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the pane takes files', () => {
  it('imports the picked October files as sheets, leaving the workbook\'s sheets as they were', async () => {
    await page.locator('#pane-files-import').waitFor();
    expect(await page.locator('#pane-files-import').isDisabled()).toBe(true); // nothing picked yet
    await page.locator('#pane-pick-files').setInputFiles(readdirSync(OCT).map((f) => path.join(OCT, f)));
    await expect.poll(() => page.locator('#pane-files-count').innerText()).toBe('已选择 10 个文件');
    const during = await page.evaluate(() => {
      (document.getElementById('pane-files-import') as HTMLButtonElement).click();
      const controls = [...document.querySelectorAll<HTMLButtonElement | HTMLInputElement>('#pane-files button, #pane-files input')];
      return { controls: controls.length, disabled: controls.filter((c) => c.disabled).length };
    });
    expect(during.controls).toBeGreaterThanOrEqual(6);
    expect(during.disabled).toBe(during.controls);
    await expect.poll(statusText, { timeout: 30_000 }).toContain('已插入 12 张工作表');
    const state = await fakeState();
    expect(state.sheets.slice(0, 2)).toEqual(initial.sheets);
    const names = state.sheets.slice(2).map((s) => s.name);
    expect(names).toContain('阳光社区(2)');
    expect(names).toContain('西湖街道_文三_古荡·文三社区');
    expect(await page.locator('#pane-files-import').isDisabled()).toBe(false);
  });

  it('从文件汇总 combines the picked files into the output sheets', async () => {
    await page.locator('#pane-files-combine').click();
    await expect.poll(statusText, { timeout: 30_000 }).toContain('已从 10 个文件汇总 11 份报表');
    const state = await fakeState();
    expect(state.sheets.map((s) => s.name).slice(-3)).toEqual(['汇总', '明细', '校验结果']);
    expect(state.sheets.slice(0, 2)).toEqual(initial.sheets);
    expect(errors).toEqual([]);
  });
});
