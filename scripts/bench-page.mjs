// npm run bench:page — the plain web page's cost in headless chromium: the JavaScript loaded before the
// user can do anything (gzip, as a web server would send it, with its largest files named), the time until it is
// usable, and what is loaded when first needed: the core and readers at the first 校验 (exceljs only if it is
// still asked for), chart.js at the first chart. Builds the page into a
// temporary folder, serves it from 127.0.0.1, refuses every other request (as on a PC without internet).
// Prints figures; it is not a test. Usage: node scripts/bench-page.mjs [--runs N]
import { createServer } from 'node:http';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { build } from 'vite';

const ROOT = path.resolve(import.meta.dirname, '..');
const RUNS = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png' };

const out = await mkdtemp(path.join(tmpdir(), 'cr-bench-'));
process.env.CR_WEB_OUT = out;
await build({ configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'error' });

const server = createServer(async (req, res) => {
  const file = path.join(out, decodeURIComponent(new URL(req.url, 'http://x').pathname));
  try {
    if (!file.startsWith(out) || !(await stat(file)).isFile()) throw new Error();
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    res.end(await readFile(file));
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}/`;

const gz = async (url) => gzipSync(await readFile(path.join(out, new URL(url).pathname))).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const name = (url) => new URL(url).pathname.replace(/^\/(assets\/)?/, '');
const top = (sizes, n = 6) =>
  [...sizes].sort((a, b) => b[1] - a[1]).slice(0, n).map(([f, b]) => `${f} ${kb(b)}`).join(', ') + (sizes.length > n ? ', …' : '');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const examples = (await readdir(path.join(ROOT, 'examples/2026-10'))).sort().map((f) => path.join(ROOT, 'examples/2026-10', f));

const rows = [];
for (const page of ['index.html', 'taskpane.html']) {
  const usable = [];
  const checks = [];
  const charts = [];
  let initial = null;
  let lazy = null;
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    await context.route('**/*', (r) => (r.request().url().startsWith(base) ? r.continue() : r.abort('internetdisconnected')));
    const p = await context.newPage();
    const scripts = [];
    p.on('request', (r) => void (r.resourceType() === 'script' && r.url().startsWith(base) && scripts.push(r.url())));
    await p.goto(base + page);
    await p.waitForFunction(() => performance.getEntriesByName('cr-usable').length > 0);
    usable.push(await p.evaluate(() => performance.getEntriesByName('cr-usable')[0].startTime));
    const first = [...new Set(scripts)];
    if (!initial) {
      const sizes = await Promise.all(first.map(async (u) => [name(u), await gz(u)]));
      initial = { files: first.length, gzip: sizes.reduce((a, [, b]) => a + b, 0), sizes };
    }

    await p.locator('#files').setInputFiles(examples);
    await p.locator('#roster').setInputFiles(path.join(ROOT, 'examples/roster.csv'));
    const t0 = await p.evaluate(() => performance.now());
    const beforeCheck = new Set(scripts);
    await p.locator('#validate').click();
    await p.waitForFunction(() => /错误 \d+ 个/.test(document.querySelector('.status')?.textContent ?? ''), null, { timeout: 120_000 }); // a loaded machine is slow
    checks.push((await p.evaluate(() => performance.now())) - t0);
    const atCheck = [...new Set(scripts)].filter((u) => !beforeCheck.has(u));
    await p.locator('#combine').click();
    await p.waitForFunction(() => document.querySelector('.status')?.textContent?.includes('已汇总'), null, { timeout: 120_000 });
    const t1 = await p.evaluate(() => performance.now());
    await p.getByRole('tab', { name: '图表' }).click();
    await p.locator('figure.chart[data-ready="true"]').waitFor();
    charts.push((await p.evaluate(() => performance.now())) - t1);
    if (!lazy) {
      const later = [...new Set(scripts)].filter((s) => !first.includes(s));
      const size = async (re) => (await Promise.all(later.filter((s) => re.test(s)).map(gz))).reduce((a, b) => a + b, 0);
      lazy = {
        all: await size(/./),
        exceljs: await size(/exceljs/),
        chartjs: await size(/\/auto-/),
        check: await Promise.all(atCheck.map(async (u) => [name(u), await gz(u)])),
      };
    }
    await context.close();
  }
  rows.push({ page, initial, usable: median(usable), check: median(checks), chart: median(charts), lazy });
}
await browser.close();
server.close();
await rm(out, { recursive: true, force: true });

console.log(`Page benchmark — headless chromium, median of ${RUNS} runs, every request but 127.0.0.1 refused`);
for (const r of rows) {
  console.log(`\n${r.page}`);
  console.log(`  initial JavaScript      ${kb(r.initial.gzip)} gzip in ${r.initial.files} file(s)   (target ≤ 150 KB)`);
  console.log(`  usable after            ${r.usable.toFixed(0)} ms from navigation start`);
  console.log(`                          largest: ${top(r.initial.sizes)}`);
  console.log(`  check 10 example files  ${r.check.toFixed(0)} ms (loads ${kb(r.lazy.check.reduce((a, [, b]) => a + b, 0))} gzip in ${r.lazy.check.length} file(s); exceljs ${r.lazy.exceljs ? kb(r.lazy.exceljs) : 'not loaded'})`);
  console.log(`                          ${top(r.lazy.check)}`);
  console.log(`  first chart             ${r.chart.toFixed(0)} ms (loads chart.js: ${kb(r.lazy.chartjs)} gzip)`);
}
