// Draws assets/form-validation.png, the README's picture of a per-community form and its validation:
//  1. `returns forms` writes 阳光社区's October form; a few value cells are filled with exceljs, and 发放宣传资料
//     gets “500余”, the value being typed;
//  2. LibreOffice (headless) prints the form to PDF (one A4 page, the form's own print set-up), pdftoppm
//     turns it into a PNG, and pdftotext -bbox says where the cell is on the page;
//  3. headless chromium lays the cell's input message and its error alert over that picture — their texts
//     read from the dataValidation the form stores for that cell (a headless LibreOffice has no screen
//     to pop them up on) — and takes the screenshot.
//
// Run from the repository root: node scripts/render-form-picture.mjs
// (needs soffice, pdftoppm/pdftotext (poppler-utils) and chromium on PATH)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { chromium } from 'playwright-core';
import { SaxesParser } from 'saxes';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'assets/form-validation.png');
const CELL = 'D7'; // 发放宣传资料
const TYPED = '500余';
const DPI = 120;
const tmp = mkdtempSync(path.join(tmpdir(), 'cr-picture-'));

try {
  // 1. The form, a few rows filled in as a community would.
  execFileSync(process.execPath, ['bin/returns.js', 'forms', '--roster', 'examples/roster.csv', '--period', '2026-10', '--out', tmp], { cwd: ROOT });
  const formFile = path.join(tmp, '阳光社区.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(formFile);
  const ws = wb.worksheets[0];
  Object.entries({ D3: '王芳', B4: '0571-87001234', D6: 2, [CELL]: TYPED }).forEach(([a, v]) => (ws.getCell(a).value = v));
  const filled = path.join(tmp, 'form.xlsx');
  await wb.xlsx.writeFile(filled);

  // The input message and error alert of that cell, as the form stores them.
  const sheetXml = strFromU8(unzipSync(new Uint8Array(readFileSync(formFile)))['xl/worksheets/sheet1.xml']);
  let dv = null;
  const parser = new SaxesParser();
  parser.on('error', (e) => {
    throw e;
  });
  parser.on('opentag', (t) => {
    if (t.name === 'dataValidation' && t.attributes.sqref === CELL) dv = t.attributes;
  });
  parser.write(sheetXml).close();
  if (!dv) throw new Error(`no data validation on ${CELL}`);

  // 2. LibreOffice prints it; poppler rasterises it and finds the cell.
  execFileSync('soffice', [`-env:UserInstallation=file://${path.join(tmp, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', tmp, filled], { stdio: 'ignore' });
  const pdf = path.join(tmp, 'form.pdf');
  const pages = /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))[1];
  if (pages !== '1') throw new Error(`the form printed on ${pages} pages, not one`);
  execFileSync('pdftoppm', ['-r', String(DPI), '-png', '-singlefile', pdf, path.join(tmp, 'page')]);
  const words = [...execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' }).matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    x0: +m[1], y0: +m[2], x1: +m[3], y1: +m[4], text: m[5],
  }));
  const word = (t) => words.find((w) => w.text === t) ?? (() => { throw new Error(`"${t}" not found in the PDF`); })();
  const px = (pt) => (pt * DPI) / 72;
  const cx = (w) => (w.x0 + w.x1) / 2;
  const cy = (w) => (w.y0 + w.y1) / 2;
  const [head, remark, row, next] = [word('本月数'), word('备注'), word('发放宣传资料'), word('悬挂横幅标语')];
  const rowH = cy(next) - cy(row);
  // Column D is 14 of the 14 + 26 width units between the centres of 本月数 and 备注 (times two).
  const colW = ((cx(remark) - cx(head)) * 2 * 14) / 40;
  const cell = { left: px(cx(head) - colW / 2), top: px(cy(row) - rowH / 2), width: px(colW), height: px(rowH) };

  // 3. Chromium lays the messages over the printed form.
  const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const png = readFileSync(path.join(tmp, 'page.png')).toString('base64');
  const crop = { top: px(word('2026年10月社区创卫工作月报表').y0 - 20), height: px(360) };
  const html = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><style>
    body { margin: 0; font-family: 'Noto Sans CJK SC', sans-serif; background: #fff; }
    #shot { position: relative; width: ${px(595)}px; height: ${crop.height}px; overflow: hidden; }
    #page { position: absolute; left: 0; top: ${-crop.top}px; }
    .cell { position: absolute; border: 2px solid #107c41; box-sizing: border-box; background: #fff; font: 14px 'Noto Sans CJK SC'; padding: 0 4px; display: flex; align-items: center; }
    .tip { position: absolute; width: 240px; background: #ffffe1; border: 1px solid #767676; box-shadow: 2px 2px 4px rgba(0,0,0,.25); padding: 6px 8px; font-size: 12px; line-height: 1.45; }
    .tip b { display: block; margin-bottom: 2px; }
    .dlg { position: absolute; width: 430px; background: #fff; border: 1px solid #8a8a8a; box-shadow: 0 8px 24px rgba(0,0,0,.3); font-size: 13px; }
    .dlg .bar { padding: 8px 12px; background: #f3f3f3; border-bottom: 1px solid #e0e0e0; }
    .dlg .body { display: flex; gap: 14px; padding: 16px 16px 8px; line-height: 1.55; }
    .dlg .x { flex: none; width: 32px; height: 32px; border-radius: 50%; background: #d13438; color: #fff; font: bold 20px/32px sans-serif; text-align: center; }
    .dlg .btns { display: flex; justify-content: flex-end; gap: 8px; padding: 10px 16px 14px; }
    .dlg button { min-width: 72px; padding: 4px 10px; font: 13px 'Noto Sans CJK SC'; background: #fdfdfd; border: 1px solid #adadad; }
    .dlg button.def { border: 2px solid #0078d4; }
  </style><div id="shot"><img id="page" src="data:image/png;base64,${png}">
  <div class="cell" style="left:${cell.left}px;top:${cell.top - crop.top}px;width:${cell.width}px;height:${cell.height}px">${esc(TYPED)}</div>
  <div class="tip" style="left:${cell.left + 24}px;top:${cell.top - crop.top + cell.height + 4}px"><b>${esc(dv.promptTitle)}</b>${esc(dv.prompt)}</div>
  <div class="dlg" style="left:${px(595) / 2 - 310}px;top:${cell.top - crop.top + cell.height + 120}px">
    <div class="bar">${esc(dv.errorTitle)}</div>
    <div class="body"><div class="x">✕</div><div>${esc(dv.error)}</div></div>
    <div class="btns"><button class="def">重试(R)</button><button>取消</button><button>帮助(H)</button></div>
  </div></div></html>`;
  writeFileSync(path.join(tmp, 'shot.html'), html);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: Math.ceil(px(595)), height: Math.ceil(crop.height) }, locale: 'zh-CN' });
    await page.goto(`file://${path.join(tmp, 'shot.html')}`);
    await page.locator('#shot').screenshot({ path: OUT });
  } finally {
    await browser.close();
  }
  console.log(`wrote ${path.relative(ROOT, OUT)}`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
