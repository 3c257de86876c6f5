import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { returns, hashTree } from '../helpers/cli.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const EXAMPLES = path.join(ROOT, 'examples');

type Json = {
  returns: { community: string; street: string | null; period: string; file: string; sheet: string; values: Record<string, number | null> }[];
  streets: { street: string; period: string; returns: number; values: Record<string, number | null> }[];
  totals: Record<string, number | null>;
  findings: { code: string; severity: string; file: string; sheet: string | null; cell: string | null; community: string | null; indicator: string | null; message: string }[];
  missing: string[];
};

describe('returns combine on the bundled October returns', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'cr-cli-'));
  let first: { code: number; stdout: string };
  let json: Json;
  let before: Record<string, string>;

  beforeAll(async () => {
    before = hashTree(EXAMPLES);
    first = await returns(['combine', 'examples/2026-10', '--roster', 'examples/roster.csv', '--out', path.join(out, 'a/summary.xlsx'), '--csv', path.join(out, 'a/summary.csv'), '--json', path.join(out, 'a/summary.json')]);
    json = JSON.parse(readFileSync(path.join(out, 'a/summary.json'), 'utf8')) as Json;
  });

  it('exits 1 because the examples contain errors, and prints a readable summary', () => {
    expect(first.code).toBe(1);
    expect(first.stdout).toContain('读取 10 个文件，识别 12 份报表');
    expect(first.stdout).toContain('未上报：紫荆社区');
  });

  it('produces the documented JSON shape', () => {
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['returns', 'streets', 'totals', 'findings', 'missing']));
    expect(json.returns).toHaveLength(11); // 12 returns less the duplicate 阳光社区（更正）
    expect(json.missing).toEqual(['紫荆社区']);
    expect(json.streets.map((s) => [s.street, s.returns])).toEqual([['东城街道', 6], ['西湖街道', 5]]);
    for (const f of json.findings) expect(f).toMatchObject({ code: expect.any(String), severity: expect.stringMatching(/^(error|warning|info)$/), message: expect.any(String) });
  });

  // The answer key of examples/README.md: each messy case is read (with its flag) or reported at its cell.
  it.each([
    ['2026-10/和平社区.csv', 'D26', 'approximate'],
    ['2026-10/和平社区.csv', null, 'encoding_detected'],
    ['2026-10/幸福里社区.xlsx', 'D22', 'approximate'],
    ['2026-10/幸福里社区.xlsx', 'D32', 'unit_converted'],
    ['2026-10/幸福里社区.xlsx', 'D19', 'cell_error'],
    ['2026-10/建设村.xlsx', 'D27', 'unit_converted'],
    ['2026-10/建设村.xlsx', 'D21', 'range_value'],
    ['2026-10/建设村.xlsx', 'D33', 'remark_missing'],
    ['2026-10/新华社区.xlsx', 'B25', 'placeholder'],
    ['2026-10/新华社区.xlsx', 'B16', 'required_empty'],
    ['2026-10/新华社区.xlsx', 'A13', 'unknown_label'],
    ['2026-10/朝阳社区.xlsx', 'D28', 'placeholder'],
    ['2026-10/朝阳社区.xlsx', 'D11', 'rule_failed'],
    ['2026-10/柳营村.xlsx', 'D26', 'unit_mismatch'],
    ['2026-10/西湖街道_文三_古荡.xlsx', null, 'sheet_skipped'],
    ['2026-10/西湖街道_文三_古荡.xlsx', 'D18', 'rule_failed'],
    ['2026-10/西湖街道_文三_古荡.xlsx', 'D19', 'rule_failed'],
    ['2026-10/西湖街道_文三_古荡.xlsx', 'D36', 'date_value'],
    ['2026-10/网上填报汇总.csv', 'O2', 'rate_fraction'],
    ['2026-10/网上填报汇总.csv', 'T3', 'above_max'],
    ['2026-10/网上填报汇总.csv', 'T3', 'outlier_peer'],
    ['2026-10/阳光社区.xlsx', 'B2', 'duplicate_return'],
    ['2026-10/阳光社区（更正）.xlsx', 'B2', 'duplicate_return'],
    ['2026-10/阳光社区.xlsx', 'D19', 'formula_value'],
    ['examples/roster.csv', null, 'missing_return'],
  ])('%s %s → %s', (file, cell, code) => {
    expect(json.findings.some((f) => f.file === file && f.code === code && (cell === null || f.cell === cell))).toBe(true);
  });

  it('reads the messy numbers as numbers in template units', () => {
    const v = (community: string) => json.returns.find((r) => r.community === community)!.values;
    expect(v('和平社区')['disinfected_m2']).toBe(4950); // 4,950
    expect(v('幸福里社区')['leaflets']).toBe(1080); // full-width １０８０
    expect(v('幸福里社区')['vector_funds']).toBe(9800); // 0.98万元
    expect(v('建设村')['rodent_bait_kg']).toBe(250); // 0.25吨
    expect(v('建设村')['cleanups']).toBeNull(); // 3—4次
    expect(v('柳营村')['ads_removed']).toBeNull(); // 平方米 for 处
    expect(v('幸福里社区')['behaviour_rate']).toBeNull(); // #DIV/0!
  });

  it('sums counts and recomputes rates from sums in the totals', () => {
    const sum = (code: string) => json.returns.reduce((a, r) => a + (r.values[code] ?? 0), 0);
    expect(json.totals['leaflets']).toBe(sum('leaflets'));
    const both = json.returns.filter((r) => r.values['aware'] != null && r.values['surveyed'] != null);
    const ratio = both.reduce((a, r) => a + r.values['aware']!, 0) / both.reduce((a, r) => a + r.values['surveyed']!, 0);
    expect(json.totals['awareness_rate']).toBeCloseTo(ratio * 100, 2);
  });

  it('writes summary.xlsx with 汇总, 明细 and 校验结果 as Excel tables', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, 'a/summary.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '明细', '校验结果']);
    for (const ws of wb.worksheets) expect(Object.keys((ws as unknown as { tables: object }).tables)).toHaveLength(1);
    const sheet = wb.getWorksheet('汇总')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const col = header.indexOf('发放宣传资料(份)') + 1;
    const totalRow = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(2).value === '合计')!;
    expect(totalRow.getCell(col).value).toBe(json.totals['leaflets']);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(wb.getWorksheet('校验结果')!.rowCount).toBe(json.findings.length + 1);
  });

  it('leaves 明细 out with --no-details, says so, and the rest stays as it was', async () => {
    const r = await returns(['combine', 'examples/2026-10', '--roster', 'examples/roster.csv', '--out', path.join(out, 'c/summary.xlsx'), '--no-details']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('明细 工作表未写出（--no-details）');
    const [lean, full] = [new ExcelJS.Workbook(), new ExcelJS.Workbook()];
    await lean.xlsx.readFile(path.join(out, 'c/summary.xlsx'));
    await full.xlsx.readFile(path.join(out, 'a/summary.xlsx'));
    // Without --out there is nothing to leave it out of: a usage error, not a silent no-op.
    const alone = await returns(['combine', 'examples/2026-10', '--no-details', '--json', path.join(out, 'c/x.json')]);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--no-details applies to --out');
    expect(lean.worksheets.map((w) => w.name)).toEqual(['汇总', '校验结果']);
    for (const name of ['汇总', '校验结果']) {
      const rows = (wb: ExcelJS.Workbook) => wb.getWorksheet(name)!.getSheetValues().map((v) => JSON.stringify(v));
      expect(rows(lean), name).toEqual(rows(full));
    }
  });

  it('writes a UTF-8 CSV with a BOM', () => {
    const csv = readFileSync(path.join(out, 'a/summary.csv'));
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString('utf8')).toContain('东城街道');
  });

  it('gives byte-identical output on a re-run, and never writes to its inputs', async () => {
    await returns(['combine', 'examples/2026-10', '--roster', 'examples/roster.csv', '--out', path.join(out, 'b/summary.xlsx'), '--csv', path.join(out, 'b/summary.csv'), '--json', path.join(out, 'b/summary.json')]);
    for (const f of ['summary.xlsx', 'summary.csv', 'summary.json']) {
      expect(readFileSync(path.join(out, 'b', f)).equals(readFileSync(path.join(out, 'a', f))), f).toBe(true);
    }
    expect(hashTree(EXAMPLES)).toEqual(before);
  });

  it('prints the same JSON on stdout with --format json, in English with --lang en', async () => {
    const r = await returns(['validate', 'examples/2026-10', '--format', 'json', '--lang', 'en']);
    const j = JSON.parse(r.stdout) as Json;
    expect(r.code).toBe(1);
    expect(j.findings.find((f) => f.code === 'range_value')!.message).toMatch(/is a range/);
  });
});

describe('exit codes and usage', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cr-cli-'));

  it.each([
    [['--help'], 0],
    [['combine', '--help'], 0],
    [['frobnicate'], 2],
    [['validate'], 2],
    [['validate', 'examples/2026-10', '--period', '2026-13'], 2],
    [['validate', 'no/such/folder'], 2],
  ])('returns %j exits %i', async (args, code) => {
    expect((await returns(args)).code).toBe(code);
  });

  it('exits 2 with template findings, not a stack trace, for a broken template', async () => {
    const bad = path.join(dir, 'bad.csv');
    writeFileSync(bad, '名称,单位\n甲,次\n');
    const r = await returns(['validate', 'examples/2026-10/柳营村.xlsx', '--template', bad]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('template_missing_column');
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('exits 2 for a corrupt file and still reports the others', async () => {
    const corrupt = path.join(dir, 'corrupt.xlsx');
    writeFileSync(corrupt, 'PK\u0003\u0004 not really a zip');
    const r = await returns(['validate', corrupt, 'examples/2026-10/柳营村.xlsx']);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('file_unreadable');
    expect(r.stdout).toContain('柳营村');
  });

  it('neutralises text that would run as a formula in the CSV', async () => {
    const input = path.join(dir, 'inj.csv');
    writeFileSync(input, '\ufeff社区名称,所属街道,报告期,发放宣传资料,清运垃圾\n=HYPERLINK("http://x"),东城街道,2026-10,1,2\n');
    await returns(['combine', input, '--csv', path.join(dir, 'inj-out.csv')]);
    const text = readFileSync(path.join(dir, 'inj-out.csv'), 'utf8');
    expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(text).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it('writes a blank return that, once filled in, reads back with no errors (template and reader agree)', async () => {
    const file = path.join(dir, 'tpl.xlsx');
    expect((await returns(['template', '--out', file, '--period', '2026-10'])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['填报表', '指标', '规则']);
    const ws = wb.getWorksheet('填报表')!;
    ws.getCell('B2').value = '阳光社区';
    ws.getCell('D2').value = '东城街道';
    ws.eachRow((row) => {
      if (typeof row.getCell(1).value === 'number') row.getCell(4).value = 0;
    });
    const filled = path.join(dir, 'filled.xlsx');
    await wb.xlsx.writeFile(filled);
    const r = await returns(['validate', filled, '--format', 'json']);
    const j = JSON.parse(r.stdout) as Json;
    expect(j.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(r.code).toBe(0);
    expect(j.returns[0]).toMatchObject({ community: '阳光社区', street: '东城街道', period: '2026-10' });
  });
});
