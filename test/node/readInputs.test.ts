import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInputs } from '../../src/node/readInputs.js';
import { fixturePath } from './fixtures.js';

let dir: string;
let month: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'read-inputs-'));
  month = path.join(dir, '2026-10');
  mkdirSync(path.join(month, '西湖街道'), { recursive: true });
  mkdirSync(path.join(month, '.git'));
  copyFileSync(fixturePath('book.xlsx'), path.join(month, '阳光社区.xlsx'));
  copyFileSync(fixturePath('book.xlsx'), path.join(month, '~$阳光社区.xlsx')); // Excel's lock file
  copyFileSync(fixturePath('gbk.csv'), path.join(month, '和平社区.CSV'));
  copyFileSync(fixturePath('utf16.txt'), path.join(month, '西湖街道', '汇总.txt'));
  copyFileSync(fixturePath('bom.csv'), path.join(month, '西湖街道', 'a.csv'));
  copyFileSync(fixturePath('corrupt.xlsx'), path.join(month, '坏文件.xlsx'));
  copyFileSync(fixturePath('shared.xlsx'), path.join(month, 'b.xlsm'));
  copyFileSync(fixturePath('bom.csv'), path.join(month, '.hidden.csv'));
  copyFileSync(fixturePath('bom.csv'), path.join(month, '.git', 'x.csv'));
  writeFileSync(path.join(month, '说明.docx'), 'not a return');
  writeFileSync(path.join(month, '旧表.xls'), Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0]));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readInputs', () => {
  it('walks a folder in a fixed order, naming files relative to its parent', async () => {
    const progress: [number, number][] = [];
    const r = await readInputs([month], { onProgress: (d, t) => progress.push([d, t]) });
    expect(r.books.map((b) => b.file)).toEqual([
      '2026-10/b.xlsm',
      '2026-10/和平社区.CSV',
      '2026-10/西湖街道/a.csv',
      '2026-10/西湖街道/汇总.txt',
      '2026-10/阳光社区.xlsx',
    ]);
    expect(r.problems.map((p) => p.file)).toEqual(['2026-10/坏文件.xlsx', '2026-10/旧表.xls']);
    expect(r.problems.map((p) => p.cause)).toEqual(['corrupt', 'corrupt']);
    // A file of a type that is not read is listed, so a return saved as .docx is never lost without a word.
    expect(r.findings.map((f) => [f.code, f.file, f.args])).toEqual([['file_skipped', '2026-10/说明.docx', { ext: '.docx' }]]);
    expect(r.encodings).toEqual({
      '2026-10/和平社区.CSV': 'gb18030',
      '2026-10/西湖街道/a.csv': 'utf-8-bom',
      '2026-10/西湖街道/汇总.txt': 'utf-16le',
    });
    expect(progress.at(-1)).toEqual([7, 7]);
    expect(progress.map((p) => p[0])).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('gives the same result twice', async () => {
    expect(await readInputs([month])).toEqual(await readInputs([month]));
  });

  it('takes files as given, reports missing paths and unsupported files, and never throws', async () => {
    const xlsx = path.join(month, '阳光社区.xlsx');
    const r = await readInputs([xlsx, path.join(dir, 'nope.xlsx'), path.join(month, '说明.docx'), xlsx]);
    expect(r.books.map((b) => b.file)).toEqual([xlsx.replace(/\\/g, '/')]);
    expect(r.problems.map((p) => [path.basename(p.file), p.cause])).toEqual([
      ['nope.xlsx', 'not_found'],
      ['说明.docx', 'unsupported_format'],
    ]);
  });

  it('only reads: the files are unchanged afterwards', async () => {
    const before = readFileSync(path.join(month, '和平社区.CSV'));
    await readInputs([month]);
    expect(readFileSync(path.join(month, '和平社区.CSV'))).toEqual(before);
  });
});

describe('readInputs on folders with symlink loops', () => {
  let loops: string;
  beforeAll(() => {
    loops = path.join(dir, 'loops', '2026-10');
    mkdirSync(path.join(loops, 'sub'), { recursive: true });
    copyFileSync(fixturePath('book.xlsx'), path.join(loops, '阳光社区.xlsx'));
    copyFileSync(fixturePath('bom.csv'), path.join(loops, 'sub', '和平社区.csv'));
    symlinkSync('.', path.join(loops, 'selfloop'));
    symlinkSync('..', path.join(loops, 'sub', 'up'));
  });

  it('finishes and reads each real file once (selfloop -> . and sub/up -> ..)', async () => {
    const r = await readInputs([loops]);
    expect(r.books.map((b) => b.file)).toEqual(['2026-10/sub/和平社区.csv', '2026-10/阳光社区.xlsx']);
    expect(r.problems).toEqual([]);
    expect(r.findings).toEqual([]);
  });

  it('reads a file given twice, once directly and once through a loop, once', async () => {
    const r = await readInputs([path.join(loops, '阳光社区.xlsx'), path.join(loops, 'selfloop', '阳光社区.xlsx'), loops]);
    expect(r.books).toHaveLength(2);
  });
});
