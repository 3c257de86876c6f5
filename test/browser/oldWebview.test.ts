/**
 * Old webviews (IE11 / Trident and Edge Legacy / EdgeHTML, used by volume-licensed Office up to 2019):
 * the fallback script is ES5 only (acorn at ecmaVersion 5), and the built pages, loaded with such a
 * user agent, show what to do instead of a blank pane — in Chinese and English — and start nothing else.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'acorn';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPage, launch, OFFICE_JS, ROOT, serve } from './harness.js';

const SCRIPT = readFileSync(path.join(ROOT, 'src/taskpane/oldWebview.js'), 'utf8');

describe('the fallback script is ES5', () => {
  it('parses at ecmaVersion 5', () => {
    expect(() => parse(SCRIPT, { ecmaVersion: 5, sourceType: 'script' })).not.toThrow();
  });

  it.each(['const a = 1;', 'var f = () => 1;', 'var s = `x`;', 'var o = { a };', 'class A {}'])('the check refuses later syntax: %s', (code) => {
    expect(() => parse(code, { ecmaVersion: 5, sourceType: 'script' })).toThrow();
  });
});

const AGENTS = {
  trident: 'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; ms-office; MSOffice 16) like Gecko',
  edgehtml: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19041',
};

let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;

beforeAll(async () => {
  server = await serve(await buildPage());
  browser = await launch();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(userAgent: string | undefined, page: string) {
  const context = await browser.newContext({ locale: 'zh-CN', userAgent });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(server.url)) return route.continue();
    // Office.js answers as in Excel (a host that never becomes ready is enough here).
    if (url === OFFICE_JS) return route.fulfill({ status: 200, contentType: 'text/javascript', body: 'window.Office = { onReady: function () { return new Promise(function () {}); } };' });
    return route.abort('internetdisconnected');
  });
  const p = await context.newPage();
  const errors: string[] = [];
  p.on('pageerror', (e) => errors.push(String(e)));
  await p.goto(server.url + page);
  return { p, errors, close: () => context.close() };
}

describe('an old webview gets a message, not a blank pane', () => {
  for (const [name, ua] of Object.entries(AGENTS)) {
    for (const page of ['taskpane.html', 'index.html']) {
      it(`${name}: ${page}`, async () => {
        const { p, errors, close } = await open(ua, page);
        const app = p.locator('#app.old-webview');
        await app.waitFor({ timeout: 10_000 });
        const text = await app.innerText();
        expect(text).toContain('旧版浏览器控件');
        expect(text).toContain('Internet Explorer 11');
        expect(text).toContain('old webview');
        expect(await p.locator('#app a').first().getAttribute('href')).toBe(server.url + 'index.html');
        // Nothing else started: no pane, no browser tool over the message.
        await p.waitForTimeout(300);
        expect(await p.locator('#validate, #files').count()).toBe(0);
        expect(errors).toEqual([]);
        await close();
      });
    }
  }

  it('a current browser gets the page as usual', async () => {
    const { p, close } = await open(undefined, 'index.html');
    await p.locator('h1').waitFor();
    expect(await p.locator('#app.old-webview').count()).toBe(0);
    await close();
  });
});
