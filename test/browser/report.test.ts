/**
 * The meeting report (`returns report`) as chromium lays it out, on screen at 1366 px and printed on A4
 * (210 mm at 96 dpi, less the browser's default margins): no community name breaks onto a second line
 * (no "新华社/区"), every chart image keeps its shape and is never drawn wider than its own 1200 px, and
 * no text runs out of its box. Measured in the DOM, in both languages; screenshots into test-output.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { launch, overflowing, ROOT, SCREENSHOTS } from './harness.js';

const months = ['2026-08', '2026-09', '2026-10'].map((m) => path.join(ROOT, 'examples', m));
const roster = path.join(ROOT, 'examples/roster.csv');
let tmp: string;
let browser: Browser;
const reports: Record<'zh' | 'en', string> = { zh: '', en: '' };

beforeAll(async () => {
  vi.spyOn(console, 'log').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  tmp = await mkdtemp(path.join(tmpdir(), 'cr-report-'));
  for (const lang of ['zh', 'en'] as const) {
    reports[lang] = path.join(tmp, `report-${lang}.html`);
    await main(['report', ...months, '--roster', roster, '--out', reports[lang], '--lang', lang]);
  }
  browser = await launch();
  await mkdir(SCREENSHOTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  vi.restoreAllMocks();
  await browser?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/**
 * Text that takes more than one line where it must not: the cells of the 社区 column (and of the
 * severity and cell columns), every header, and a file's own name (its folder may go on a line of its own).
 */
function wrapped(page: Page, header: string): Promise<string[]> {
  return page.evaluate((h) => {
    const out: string[] = [];
    const lines = (e: Element): number => {
      const range = document.createRange();
      range.selectNodeContents(e);
      // One rectangle per line box the text takes (a name broken in two gives two different tops).
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    };
    const check = (e: Element | undefined): void => {
      if (e?.textContent && lines(e) > 1) out.push(`${e.textContent} (${lines(e)} lines)`);
    };
    for (const table of document.querySelectorAll('table')) {
      const heads = [...table.querySelectorAll('thead th')];
      heads.forEach(check);
      const col = heads.findIndex((th) => th.textContent === h);
      if (col < 0) continue;
      for (const row of table.querySelectorAll('tbody tr')) check(row.children[col]);
    }
    for (const e of document.querySelectorAll('td.s, .nb')) check(e);
    // In the key-figure cards, every community name and count ("11 个社区", "10 communities"), whatever the markup.
    for (const card of document.querySelectorAll('.card')) {
      const walk = document.createTreeWalker(card, NodeFilter.SHOW_TEXT);
      for (let n = walk.nextNode(); n; n = walk.nextNode()) {
        for (const m of n.textContent!.matchAll(/\d+ ?个社区|\d+ communities|[\u4e00-\u9fff]{2,6}(?:社区|村)/g)) {
          const range = document.createRange();
          range.setStart(n, m.index);
          range.setEnd(n, m.index + m[0].length);
          const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
          if (tops > 1) out.push(`${m[0]} (${tops} lines)`);
        }
      }
    }
    return out;
  }, header);
}

/** Images drawn wider than their own pixels, or not in their own proportions. */
function badImages(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.images].flatMap((img) => {
      // The picture itself (its content box: the frame's border is not the picture).
      const [width, height] = [img.clientWidth, img.clientHeight];
      const out: string[] = [];
      if (img.naturalWidth === 0) out.push(`${img.alt}: not decoded`);
      if (width > img.naturalWidth + 0.5) out.push(`${img.alt}: ${width} px wide, drawn from ${img.naturalWidth}`);
      if (Math.abs(width / height - img.naturalWidth / img.naturalHeight) > 0.01) out.push(`${img.alt}: ${width}×${height} from ${img.naturalWidth}×${img.naturalHeight}`);
      return out;
    }),
  );
}

// On screen, and printed on A4 portrait: 794 px less Chrome's default 0.4 in margins ≈ 718 px of paper.
const LAYOUTS = [
  { name: '1366', width: 1366, height: 768, media: 'screen' as const },
  { name: 'a4', width: 718, height: 1040, media: 'print' as const },
];

describe('the report as chromium lays it out', () => {
  for (const lang of ['zh', 'en'] as const) {
    for (const layout of LAYOUTS) {
      it(`${lang} at ${layout.name} (${layout.media}): names on one line, images in shape, no text out of its box`, async () => {
        const page = await browser.newPage({ viewport: { width: layout.width, height: layout.height }, deviceScaleFactor: 1 });
        await page.emulateMedia({ media: layout.media });
        await page.goto(pathToFileURL(reports[lang]).href);
        await page.waitForFunction(() => [...document.images].every((i) => i.complete));
        expect(await page.locator('img').count()).toBe(3);
        const header = lang === 'zh' ? '社区' : 'Community';
        expect(await page.locator(`thead th:text-is("${header}")`).count()).toBeGreaterThan(0);
        expect(await wrapped(page, header)).toEqual([]);
        expect(await badImages(page)).toEqual([]);
        expect(await overflowing(page, 'main')).toEqual([]);
        // Nothing wider than the page either (a table pushed past the paper's edge is cut off in print).
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(layout.width);
        await page.screenshot({ path: path.join(SCREENSHOTS, `report-${layout.name}-${lang}.png`), fullPage: true });
        await page.close();
      });
    }
  }

  it('the measure sees a name broken onto two lines and an image stretched past its pixels', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(pathToFileURL(reports.zh).href);
    await page.waitForFunction(() => [...document.images].every((i) => i.complete));
    await page.addStyleTag({ content: 'td.c{white-space:normal!important;width:1em;max-width:1em} figure img{width:1240px!important;max-width:none!important;height:600px!important}' });
    expect((await wrapped(page, '社区')).length).toBeGreaterThan(0);
    expect((await badImages(page)).join()).toMatch(/12[34]\d px wide, drawn from 1200/);
    await page.close();
  });
});
