/**
 * The browser tests' harness: build the page (vite, into a temporary folder so a developer's dist-web is
 * never touched), serve it from a tiny static server on 127.0.0.1 (a random port), and drive Debian's
 * chromium with playwright-core. Microsoft's CDN is never reached: Office.js is either refused (the
 * page becomes the browser tool) or answered with the fake Excel host (see fakeOffice.ts).
 */
import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { readXlsx } from '../../src/io/readXlsx.js';
import { sheetFrom, type FakeSheet, type FakeWorkbookState } from '../excel/fakeExcel.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const SCREENSHOTS = path.join(ROOT, 'test-output/screenshots');
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.xml': 'application/xml',
};

/** Builds the page with the project's vite.config.ts into a fresh temporary folder. */
export async function buildPage(): Promise<string> {
  const out = await mkdtemp(path.join(tmpdir(), 'cr-web-'));
  const { build } = await import('vite');
  process.env['CR_WEB_OUT'] = out;
  try {
    await build({ configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'error', mode: 'production' });
  } finally {
    delete process.env['CR_WEB_OUT'];
  }
  return out;
}

/** A static file server for `dir` (what any intranet web server does), on 127.0.0.1 and a random port. */
export async function serve(dir: string): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    void (async () => {
      const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      const file = path.join(dir, pathname.endsWith('/') ? pathname + 'index.html' : pathname);
      if (!file.startsWith(dir)) return void res.writeHead(403).end();
      try {
        if (!(await stat(file)).isFile()) throw new Error('not a file');
        res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
        res.end(await readFile(file));
      } catch {
        res.writeHead(404).end('not found');
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** A zh-CN context whose only way out is the test server: anything else (the CDN) is refused at once. */
export async function newContext(browser: Browser, base: string, officeJs: string | null = null): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 }, acceptDownloads: true, deviceScaleFactor: 1 });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(base)) return route.continue();
    if (url === OFFICE_JS && officeJs !== null) return route.fulfill({ status: 200, contentType: 'text/javascript', body: officeJs });
    return route.abort('internetdisconnected');
  });
  return context;
}

/** Collects the page's uncaught errors and console errors, so a test can assert there were none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    // The refused CDN request is expected in browser mode.
    if (m.type() === 'error' && !m.text().includes('ERR_INTERNET_DISCONNECTED')) errors.push(m.text());
  });
  return errors;
}

/** fakeOffice.ts (and the fake Excel it imports) as one browser script. */
export async function fakeOfficeScript(): Promise<string> {
  const { build } = await import('vite');
  const out = (await build({
    configFile: false,
    logLevel: 'error',
    build: {
      write: false,
      minify: false,
      target: 'es2022',
      lib: { entry: path.join(ROOT, 'test/browser/fakeOffice.ts'), formats: ['iife'], name: 'CRFakeOffice', fileName: () => 'fake-office.js' },
    },
  })) as { output: { code?: string }[] }[] | { output: { code?: string }[] };
  const first = Array.isArray(out) ? out[0]! : out;
  return first.output[0]!.code!;
}

/**
 * Every visible box under `root` that holds text and whose text is wider than the box (scrollWidth >
 * clientWidth): what a reader sees cut off or running over. Inline boxes have no width of their own (their
 * block is measured instead); a box that ends its text with an ellipsis on purpose (text-overflow) is left
 * out, and so is the inside of a box that scrolls on purpose (overflow auto/scroll).
 */
export function overflowing(page: Page, root = '#app'): Promise<string[]> {
  return page.evaluate((sel) => {
    const out: string[] = [];
    const scrolls = (e: Element) => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX);
    for (const e of document.querySelectorAll<HTMLElement>(`${sel} *`)) {
      const s = getComputedStyle(e);
      if (s.display === 'none' || e.tagName === 'OPTION' || e.closest('.visually-hidden') || e.getClientRects().length === 0) continue;
      // A control (a select holds its text in options) must stay inside the box that holds it.
      if (['SELECT', 'BUTTON', 'TEXTAREA'].includes(e.tagName) && e.parentElement && ![...ancestors(e)].some(scrolls)) {
        const right = Math.min(e.parentElement.getBoundingClientRect().right, (e.closest('.card, section, main') ?? e.parentElement).getBoundingClientRect().right);
        if (e.getBoundingClientRect().right > right + 1) out.push(`${e.tagName.toLowerCase()}#${e.id} sticks out of its box`);
      }
      if (s.display === 'inline') continue;
      if (![...e.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim())) continue;
      if (s.textOverflow === 'ellipsis' || (e.parentElement && e.parentElement.closest(`${sel} *`) && [...ancestors(e)].some(scrolls))) continue;
      if (e.getClientRects().length === 0) continue;
      if (e.scrollWidth > e.clientWidth + 1) out.push(`${e.tagName.toLowerCase()}.${e.className} “${e.textContent!.trim().slice(0, 30)}” ${e.scrollWidth}>${e.clientWidth}`);
    }
    return out;
    function* ancestors(e: Element): Generator<Element> {
      for (let p = e.parentElement; p && p.id !== 'app'; p = p.parentElement) yield p;
    }
  }, root);
}

/** A chart laid out for the pane's width: labels not rotated, value labels drawn and none over another. */
export async function expectReadableChart(p: Page): Promise<void> {
  const fig = p.locator('figure.chart[data-ready="true"]');
  expect(await fig.getAttribute('data-label-rotation')).toBe('0');
  const boxes = JSON.parse((await fig.getAttribute('data-value-labels'))!) as { x: number; y: number; w: number; h: number }[];
  expect(boxes.length).toBeGreaterThan(0);
  for (const [i, a] of boxes.entries())
    for (const b of boxes.slice(i + 1)) expect(a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h, JSON.stringify([a, b])).toBe(false);
  // The subtitle on lines that fit the chart (chart.js squeezes a wider line into the width, unreadable).
  const measured = await fig.getAttribute('data-subtitle');
  expect(measured).not.toBeNull();
  const sub = JSON.parse(measured!) as { lines: string[]; widest: number; width: number } | null;
  if (sub) expect(sub.widest, sub.lines.join(' / ')).toBeLessThanOrEqual(sub.width - 20);
}

/** The first sheet of each October example return, as a sheet of one workbook named after the community. */
export async function octoberWorkbook(names: readonly string[]): Promise<FakeWorkbookState> {
  const sheets: FakeSheet[] = [];
  for (const name of names) {
    const { book } = readXlsx(new Uint8Array(await readFile(path.join(ROOT, 'examples/2026-10', `${name}.xlsx`))), `${name}.xlsx`);
    const g = book.sheets[0]!;
    const extras: Record<string, { numberFormat: string }> = {};
    g.numberFormats?.forEach((row, r) => row.forEach((f, c) => {
      if (f && (g.values[r]?.[c] ?? null) !== null) extras[`${String.fromCharCode(65 + c)}${r + 1}`] = { numberFormat: f };
    }));
    sheets.push(sheetFrom(name, g.values.map((row) => row.map((v) => v)), extras));
  }
  return { name: '十月报表.xlsx', sheets, active: sheets[0]!.name, selection: null };
}
