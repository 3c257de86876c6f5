import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isOwnOutput } from '../../src/io/ownOutput.js';
import { returns, hashTree } from '../helpers/cli.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

type Json = { returns: unknown[]; findings: { code: string; file: string; cell: string | null }[] };

describe('outputs never harm inputs', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'cr-safe-'));
  let before: Record<string, string>;

  beforeAll(async () => {
    cpSync(path.join(ROOT, 'examples'), path.join(work, 'examples'), { recursive: true });
    symlinkSync(path.join(work, 'examples/2026-10'), path.join(work, 'link'));
    const t = await returns(['template', '--out', 'tpl/模板.xlsx'], work);
    expect(t.code).toBe(0);
    before = hashTree(path.join(work, 'examples'));
  });

  const IN = 'examples/2026-10';
  const ROSTER = 'examples/roster.csv';
  // [what the user typed, the finding code]
  it.each([
    [['combine', IN, '--out', `${IN}/阳光社区.xlsx`], 'output_is_input'],
    [['combine', IN, '--csv', `${IN}/网上填报汇总.csv`], 'output_is_input'],
    [['combine', IN, '--json', `${IN}/和平社区.csv`], 'output_is_input'],
    [['combine', IN, '--roster', ROSTER, '--csv', ROSTER], 'output_is_input'],
    [['combine', IN, '--out', 'link/阳光社区.xlsx'], 'output_is_input'], // the same file through a symbolic link
    [['combine', IN, '--out', `examples/2026-09/../2026-10/建设村.xlsx`], 'output_is_input'],
    [['combine', IN, '--history', 'examples/2026-09', '--out', 'examples/2026-09/紫荆社区.xlsx'], 'output_is_input'],
    [['combine', IN, '--csv', `${IN}/summary.csv`], 'output_in_input_folder'],
    [['combine', IN, '--out', 'x.xlsx', '--json', './x.xlsx'], 'output_twice'],
    [['report', IN, '--out', `${IN}/新华社区.xlsx`], 'output_is_input'],
    [['chart', IN, '--out', IN], 'output_is_input'],
    [['chart', IN, '--out', `${IN}/朝阳社区.xlsx`], 'output_is_input'],
  ])('%j → exit 2, %s, inputs unchanged', async (args, code) => {
    const r = await returns(args, work);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`[${code}]`);
    expect(r.stdout).toBe(''); // refused before anything was read
    expect(hashTree(path.join(work, 'examples'))).toEqual(before);
  });

  it('template --out naming the template it reads → exit 2, the template unchanged', async () => {
    const bytes = readFileSync(path.join(work, 'tpl/模板.xlsx'));
    const r = await returns(['template', '--template', 'tpl/模板.xlsx', '--out', 'tpl/模板.xlsx'], work);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('[output_is_input]');
    expect(readFileSync(path.join(work, 'tpl/模板.xlsx')).equals(bytes)).toBe(true);
  });

  it('a re-run with --out inside the input folder gives the same findings as the first run', async () => {
    cpSync(path.join(ROOT, 'examples/2026-10'), path.join(work, 'again'), { recursive: true });
    const args = ['combine', 'again', '--roster', ROSTER, '--out', 'again/summary.xlsx', '--format', 'json'];
    const first = await returns(args, work);
    expect(first.code).toBe(1);
    expect(isOwnOutput(readFileSync(path.join(work, 'again/summary.xlsx')))).toBe(true);
    const firstBytes = readFileSync(path.join(work, 'again/summary.xlsx'));
    const second = await returns(args, work);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('again/summary.xlsx');
    const [a, b] = [JSON.parse(first.stdout) as Json, JSON.parse(second.stdout) as Json];
    expect(b.returns).toHaveLength(a.returns.length);
    expect(b.findings).toEqual(a.findings);
    // …and the summary it replaced is the same bytes again.
    expect(readFileSync(path.join(work, 'again/summary.xlsx')).equals(firstBytes)).toBe(true);
  });

  it('an unmarked workbook in the way inside an input folder is an input, not ours to replace', async () => {
    const r = await returns(['combine', IN, '--out', `${IN}/幸福里社区.xlsx`], work);
    expect(r.code).toBe(2);
    expect(isOwnOutput(readFileSync(path.join(work, IN, '幸福里社区.xlsx')))).toBe(false);
  });

  it.each([
    ['a folder', (d: string) => (mkdirSync(path.join(d, 'folder.xlsx')), 'folder.xlsx'), '这是一个文件夹'],
    ['a file in the way of its folder', (d: string) => (writeFileSync(path.join(d, 'plain'), 'x'), 'plain/summary.xlsx'), '路径中有同名文件挡住了文件夹'],
  ])('an unwritable --out (%s) → exit 2, a coded finding printed with the others, no stack trace', async (_, make, why) => {
    const dir = mkdtempSync(path.join(work, 'unw-'));
    const out = make(dir);
    const r = await returns(['combine', path.join(work, IN), '--roster', path.join(work, ROSTER), '--out', out, '--json', 'ok.json'], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('[output_unwritable]');
    expect(r.stdout).toContain(`--out 无法写出：${why}（原有文件未改动）`);
    expect(r.stdout).toContain('[duplicate_return]'); // the findings are still printed
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(path.join(dir, 'ok.json'))).toBe(true); // the other output is written
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('an unwritable --json under --format json → the finding is in the JSON, exit 2', async () => {
    const dir = mkdtempSync(path.join(work, 'unwj-'));
    mkdirSync(path.join(dir, 'x.json'));
    const r = await returns(['combine', path.join(work, IN), '--json', 'x.json', '--format', 'json'], dir);
    expect(r.code).toBe(2);
    expect((JSON.parse(r.stdout) as Json).findings.filter((f) => f.code === 'output_unwritable').map((f) => f.file)).toEqual(['x.json']);
    // The cause is a code, worded by the language asked for (never an exception's text).
    const unw = (JSON.parse(r.stdout) as { findings: { code: string; args: Record<string, unknown> }[] }).findings.find((f) => f.code === 'output_unwritable');
    expect(unw?.args).toEqual({ option: '--json', cause: 'is_directory' });
    const en = await returns(['combine', path.join(work, IN), '--json', 'x.json', '--lang', 'en'], dir);
    expect(en.code).toBe(2);
    expect(en.stdout).toContain('--json cannot be written: it is a folder (any existing file is unchanged)');
  });

  it('summary.xlsx is byte-identical under TZ=UTC and TZ=Asia/Shanghai (and another locale)', async () => {
    const outs = [];
    for (const [tz, lang] of [['UTC', 'C.UTF-8'], ['Asia/Shanghai', 'zh_CN.UTF-8'], ['America/Los_Angeles', 'de_DE.UTF-8']] as const) {
      const file = `tz-${tz.replace('/', '_')}.xlsx`;
      const r = await returns(['combine', 'examples', '--roster', ROSTER, '--out', file], work, { TZ: tz, LANG: lang, LC_ALL: lang });
      expect(r.code).toBe(1);
      outs.push(readFileSync(path.join(work, file)));
    }
    expect(outs[1]!.equals(outs[0]!)).toBe(true);
    expect(outs[2]!.equals(outs[0]!)).toBe(true);
  });

  it('the JSON is compact unless --pretty, and the same data either way', async () => {
    const compact = await returns(['validate', IN, '--format', 'json'], work);
    const pretty = await returns(['validate', IN, '--format', 'json', '--pretty'], work);
    expect(compact.stdout.trimEnd()).not.toContain('\n');
    expect(pretty.stdout).toContain('\n  "findings": [\n');
    expect(JSON.parse(pretty.stdout)).toEqual(JSON.parse(compact.stdout));
  });
});
