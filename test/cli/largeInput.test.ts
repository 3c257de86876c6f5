import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');

// 300,000 rows crashed the reader (`returns.push(...rows)` overflows the call stack near 120,000) and the
// months were quadratic. Three optional indicators (a template of its own) keep the test quick; the row count
// is what matters.
describe('a 300,000-row CSV', () => {
  it('combines: every row read, totals equal to the sums of the file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cr-large-'));
    const communities = 25_000;
    const lines = ['社区名称,所属街道,报告期,召开创卫工作会议(次),发放宣传资料(份),悬挂横幅标语(条)'];
    let leaflets = 0;
    for (let m = 1; m <= 12; m++) {
      const period = `2026-${String(m).padStart(2, '0')}`;
      for (let i = 0; i < communities; i++) {
        const l = 1000 + ((i * 7 + m * 13) % 400);
        if (m === 12) leaflets += l;
        lines.push(`社区${i},街道${i % 120},${period},${1 + ((i + m) % 3)},${l},${(i + m) % 9}`);
      }
    }
    expect(lines.length - 1).toBe(300_000);
    const csv = path.join(dir, 'big.csv');
    writeFileSync(csv, '\ufeff' + lines.join('\r\n') + '\r\n');
    const standard = readFileSync(path.join(ROOT, 'templates/standard/indicators.csv'), 'utf8').split(/\r?\n/);
    const tpl = path.join(dir, 'indicators.csv');
    writeFileSync(tpl, [standard[0], ...standard.filter((l) => /^(meetings|leaflets|banners),/.test(l)).map((l) => l.replace(',是,', ',否,'))].join('\n'));
    const args = [path.join(ROOT, 'bin/returns.js'), 'combine', csv, '--template', tpl, '--format', 'json'];
    const { stdout } = await run(process.execPath, args, { maxBuffer: 1 << 30 }).catch(
      (e: { stdout: string; stderr: string; code: number }) => {
        if (e.code !== 1) throw new Error(`exit ${e.code}: ${e.stderr.slice(-2000)}`);
        return e;
      },
    );
    const json = JSON.parse(stdout) as { returns: unknown[]; periods: string[]; totals: Record<string, number | null>; findings: { severity: string }[] };
    expect(json.returns).toHaveLength(300_000);
    expect(json.periods).toHaveLength(12);
    expect(json.totals['leaflets']).toBe(leaflets); // the latest period's total
    expect(json.findings.filter((f) => f.severity === 'error')).toEqual([]);
  }, 400_000);
});
