import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAndRun } from '../../src/cli/load.js';
import { messageOf } from '../../src/core/findings/wording.js';

const IO = (name: string) => fileURLToPath(new URL(`../fixtures/io/${name}`, import.meta.url));
let dir: string;

beforeAll(() => {
  dir = path.join(mkdtempSync(path.join(tmpdir(), 'hostile-')), '2026-10');
  mkdirSync(path.join(dir, 'sub'), { recursive: true });
  for (const f of ['xfd.xlsx', 'label.xlsx', 'bomb.xlsx', 'encrypted.xlsx']) copyFileSync(IO(f), path.join(dir, f));
  copyFileSync(IO('return.ods'), path.join(dir, 'sub', '阳光社区.ods'));
  copyFileSync(IO('return.et'), path.join(dir, '阳光社区（WPS）.et'));
  writeFileSync(path.join(dir, '说明.docx'), 'not a return');
  symlinkSync('.', path.join(dir, 'selfloop'));
  symlinkSync('..', path.join(dir, 'sub', 'up'));
});

afterAll(() => rmSync(path.dirname(dir), { recursive: true, force: true }));

// Through the command line's own path (read the folder, then the core job): every hostile file finishes
// and is reported with its code; nothing is silently dropped, nothing is echoed whole.
describe('a folder of hostile files, through loadAndRun', () => {
  it('finishes and reports each file with its own code', async () => {
    const loaded = await loadAndRun([dir], {});
    const byFile = (file: string) => loaded.result.findings.filter((f) => f.file === `2026-10/${file}`).map((f) => [f.code, f.args]);
    expect(byFile('bomb.xlsx')).toEqual([['file_unreadable', { cause: 'expands_too_large', detail: '> 100 MB' }]]);
    expect(byFile('encrypted.xlsx')).toEqual([['file_unreadable', { cause: 'encrypted' }]]);
    expect(byFile('说明.docx')).toEqual([['file_skipped', { ext: '.docx' }]]);
    expect(byFile('label.xlsx')).toContainEqual(['cell_text_truncated', { length: 1_000_000, kept: 32_767 }]);
    expect(loaded.unreadable).toBe(true);
    // The .ods and the .et (and the one-cell-at-XFD1048576 workbook) are read as returns.
    expect(loaded.result.returns.map((r) => r.file).sort()).toEqual(['2026-10/sub/阳光社区.ods', '2026-10/xfd.xlsx', '2026-10/阳光社区（WPS）.et', '2026-10/label.xlsx'].sort());
  });

  it('never puts more than Excel’s cell limit of text into a finding', async () => {
    const loaded = await loadAndRun([dir], {});
    for (const f of loaded.result.findings) {
      expect(JSON.stringify(f.args).length).toBeLessThan(40_000);
      expect(messageOf(f, 'zh-CN').length).toBeLessThan(40_000);
    }
  });
});
