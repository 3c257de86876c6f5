import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DETAILS_DEFAULT_LIMIT, includeDetails } from '../../src/core/output/tables.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');

/** Runs the CLI; exit 1 (errors found) is an answer like 0. */
async function returns(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(ROOT, 'bin/returns.js'), ...args], { maxBuffer: 1 << 28 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/** The sheet names of a workbook, and whether any part of it holds `text` (校验结果's cells). */
function workbookOf(file: string): { sheets: string[]; holds: (text: string) => boolean; dimension: (sheet: string) => string } {
  const parts = unzipSync(readFileSync(file));
  const xml = (name: string): string => strFromU8(parts[name]!);
  const wb = xml('xl/workbook.xml');
  const sheets = [...wb.matchAll(/<sheet name="([^"]*)"/g)].map((m) => m[1]!);
  return {
    sheets,
    holds: (text) => Object.keys(parts).some((p) => p.endsWith('.xml') && xml(p).includes(text)),
    dimension: (sheet) => {
      const file = `xl/worksheets/sheet${sheets.indexOf(sheet) + 1}.xml`;
      return /<dimension ref="([^"]*)"/.exec(xml(file))![1]!;
    },
  };
}

describe('明细 above the default size', () => {
  it('is written up to the limit, left out above it unless asked', () => {
    expect(includeDetails(DETAILS_DEFAULT_LIMIT)).toBe(true);
    expect(includeDetails(DETAILS_DEFAULT_LIMIT + 1)).toBe(false);
    expect(includeDetails(DETAILS_DEFAULT_LIMIT + 1, true)).toBe(true);
    expect(includeDetails(3, false)).toBe(false);
  });

  // 6,900 communities × the 29 standard indicators = 200,100 values: just over the limit.
  it('leaves 明细 out with a coded note in the report, the JSON and 校验结果; --details writes it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cr-details-'));
    const template = readFileSync(path.join(ROOT, 'templates/standard/indicators.csv'), 'utf8').replace(/^\ufeff/, '');
    const indicators = template.split(/\r?\n/).slice(1).filter(Boolean).map((l) => l.split(',').slice(0, 4));
    expect(indicators).toHaveLength(29);
    const fixed: Record<string, number> = { surveyed: 100, aware: 80, awareness_rate: 80, behaviour: 70, behaviour_rate: 70 };
    const header = ['社区名称', '所属街道', '报告期', ...indicators.map(([, name, unit]) => `${name}(${unit})`)];
    const lines = [header.join(',')];
    const communities = 6_900;
    for (let i = 0; i < communities; i++) {
      lines.push([`社区${i}`, `街道${i % 50}`, '2026-10', ...indicators.map(([code]) => fixed[code!] ?? 1 + (i % 7))].join(','));
    }
    const csv = path.join(dir, 'city.csv');
    writeFileSync(csv, '\ufeff' + lines.join('\r\n') + '\r\n');
    const values = communities * 29;
    expect(values).toBeGreaterThan(DETAILS_DEFAULT_LIMIT);

    const a = await returns(['combine', csv, '--out', path.join(dir, 'a.xlsx'), '--json', path.join(dir, 'a.json')]);
    expect(a.code, a.stderr).toBeLessThan(2);
    const lastLine = a.stdout.trimEnd().split('\n').at(-1)!;
    expect(lastLine).toBe(`明细 工作表未写入：共 200,100 行（每个数值一行），超过默认上限 200,000 行（文件大，Excel 打开慢）；汇总和校验结果完整。需要明细时加 --details 重新生成`);
    expect(a.stdout).toContain('[details_left_out]');
    const noted = (JSON.parse(readFileSync(path.join(dir, 'a.json'), 'utf8')) as { findings: { code: string; severity: string; file: string; args: unknown }[] }).findings
      .filter((f) => f.code === 'details_left_out');
    expect(noted).toHaveLength(1);
    expect(noted[0]).toMatchObject({ severity: 'info', file: path.join(dir, 'a.xlsx'), args: { rows: values, limit: DETAILS_DEFAULT_LIMIT, option: '--details' } });
    const lean = workbookOf(path.join(dir, 'a.xlsx'));
    expect(lean.sheets).toEqual(['汇总', '校验结果']);
    expect(lean.holds('details_left_out')).toBe(true); // its row in 校验结果

    const b = await returns(['combine', csv, '--out', path.join(dir, 'b.xlsx'), '--details', '--json', path.join(dir, 'b.json')]);
    expect(b.code, b.stderr).toBeLessThan(2);
    expect(b.stdout).not.toContain('details_left_out');
    const json = JSON.parse(readFileSync(path.join(dir, 'b.json'), 'utf8')) as { findings: { code: string }[] };
    expect(json.findings.filter((f) => f.code === 'details_left_out')).toEqual([]);
    const full = workbookOf(path.join(dir, 'b.xlsx'));
    expect(full.sheets).toEqual(['汇总', '明细', '校验结果']);
    expect(full.dimension('明细')).toBe(`A1:L${values + 1}`);
    expect(full.holds('details_left_out')).toBe(false);

    // Without --out there is nothing to write it into: a usage error, as --no-details has.
    const alone = await returns(['combine', csv, '--details']);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--details applies to --out');
    const both = await returns(['combine', csv, '--details', '--no-details', '--out', path.join(dir, 'c.xlsx')]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('contradict');
  }, 120_000);
});
