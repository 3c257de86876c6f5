// Makes the extraction test fixtures from the real summaries in ../shared/seeds (run once, commit the
// output; tests never need LibreOffice or iconv): Traditional-script copies (OpenCC, Simplified → Taiwan
// Traditional), a GBK .txt (iconv) and a .docx written by LibreOffice from a .txt.
// Run: node scripts/make-extract-fixtures.mjs
import * as OpenCC from 'opencc-js';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const seeds = path.resolve(root, '../shared/seeds');
const out = path.join(root, 'test/fixtures/extract');
const toTrad = OpenCC.Converter({ from: 'cn', to: 'tw' });

for (const name of ['000_b5df7ddf021696d8', '002_0f366e330dcb8b89']) {
  const text = readFileSync(path.join(seeds, `${name}.txt`), 'utf8');
  writeFileSync(path.join(out, `${name}_traditional.txt`), toTrad(text));
}

// GBK, as Notepad on a Chinese Windows saves "ANSI".
const gbk = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK', path.join(seeds, '002_0f366e330dcb8b89.txt')]);
writeFileSync(path.join(out, '002_0f366e330dcb8b89_gbk.txt'), gbk);

// .docx by LibreOffice Writer from the UTF-8 text.
const tmp = mkdtempSync(path.join(tmpdir(), 'cr-docx-'));
try {
  copyFileSync(path.join(seeds, '000_b5df7ddf021696d8.txt'), path.join(tmp, 'summary.txt'));
  execFileSync('soffice', ['--headless', '--infilter=Text (encoded):UTF8,LF,,', '--convert-to', 'docx:MS Word 2007 XML', '--outdir', tmp, path.join(tmp, 'summary.txt')], {
    stdio: 'inherit',
    env: { ...process.env, HOME: tmp },
  });
  renameSync(path.join(tmp, 'summary.docx'), path.join(out, '000_b5df7ddf021696d8.docx'));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
console.log(`wrote fixtures to ${path.relative(root, out)}`);
