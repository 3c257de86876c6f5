/**
 * Files into the pane: the October example files picked in Excel are combined into the output sheets with
 * the command line's numbers, and inserted as sheets without touching the workbook's own.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAndRun } from '../../src/cli/load.js';
import { createExcelAdapter } from '../../src/excel/excelAdapter.js';
import { createActions } from '../../src/taskpane/actions.js';
import { comparePaths } from '../../src/ui/fileSet.js';
import type { InputFile } from '../../src/ui/files.js';
import { standardTemplateGrids } from '../../src/ui/standardTemplate.js';
import { FakeExcel, sheetFrom, type FakeSheet } from '../excel/fakeExcel.js';
import { hostOf, returnSheet, workbook } from '../excel/helpers.js';

const OCT = path.resolve(import.meta.dirname, '../../examples/2026-10');

/** The folder picked as the pane's folder picker gives it: paths relative to the folder's parent. */
const october = (): InputFile[] =>
  readdirSync(OCT)
    .map((n) => ({ name: `2026-10/${n}`, bytes: async () => new Uint8Array(readFileSync(path.join(OCT, n))) }))
    .sort((a, b) => comparePaths(a.name, b.name));

function pane(sheets: FakeSheet[], excelApi = 1.18) {
  const fake = new FakeExcel(workbook(sheets));
  fake.supported = { ExcelApi: excelApi };
  return { fake, actions: createActions(createExcelAdapter(hostOf(fake)), { lang: 'zh-CN', standardTemplate: standardTemplateGrids }) };
}

/** A sheet's cells as rows of values, as the user sees them. */
function rowsOf(sheet: FakeSheet): unknown[][] {
  const rows: unknown[][] = [];
  for (const [k, c] of Object.entries(sheet.cells)) {
    const [r, col] = k.split(',').map(Number) as [number, number];
    (rows[r] ??= [])[col] = c.value;
  }
  return rows;
}

describe('files into the pane (October examples, fake Excel)', () => {
  it('combines picked files into 汇总 with the same rows and totals as the command line', async () => {
    const { fake, actions } = pane([returnSheet('东关社区', 1)]);
    const r = await actions.combineFiles(october());
    const cli = await loadAndRun([OCT], {});
    const json = cli.result.json();
    expect(r.returns).toBe(cli.result.consolidation.rows.length);
    // The sheet written is the command line's summary table, cell for cell.
    const summary = cli.result.summaryTable();
    const written = rowsOf(fake.state.sheets.find((s) => s.name === '汇总')!);
    expect(written[0]).toEqual(summary.columns.map((c) => c.header));
    const cellsOf = (r: unknown[] | undefined): unknown[] => Array.from({ length: summary.columns.length }, (_, j) => (r?.[j] === '' || r?.[j] === undefined ? null : r[j]));
    summary.rows.forEach((row, i) => expect(cellsOf(written[i + 1])).toEqual(cellsOf(row)));
    expect(written.length).toBe(summary.rows.length + 1);
    // Headline totals of the command line's JSON appear on 汇总.
    const totals = json.totals as Record<string, number | null>;
    expect(totals['leaflets']).toBe(13340);
    expect(written.some((row) => row.includes(13340))).toBe(true);
    // The same findings, by code, place and file.
    const key = (f: { code: string; file: string; sheet?: string | null; cell?: string | null }) => `${f.code}|${f.file}|${f.sheet ?? ''}|${f.cell ?? ''}`;
    expect(r.findings.map(key).sort()).toEqual(cli.result.findings.map(key).sort());
    // No file's sheet is in the workbook: no link points at a cell of it (the 东关社区 sheet here is another one).
    const checks = fake.state.sheets.find((s) => s.name === '校验结果')!;
    expect(Object.values(checks.cells).some((c) => c.formula?.startsWith('=HYPERLINK'))).toBe(false);
    expect(fake.syncs.every((s) => !s.failed && s.bytes < 5 * 1024 * 1024)).toBe(true);
  });

  it('inserts the picked files as sheets, leaving the existing sheets exactly as they were; later links go to them', async () => {
    const mine = [returnSheet('东关社区', 1), sheetFrom('Sheet1', [['我的表']]), sheetFrom('阳光社区', [['我的阳光社区']])];
    const { fake, actions } = pane(mine);
    const before = structuredClone(fake.state.sheets);
    const r = await actions.importFiles(october());
    expect(fake.state.sheets.slice(0, 3)).toEqual(before);
    expect(r.findings.map((f) => f.code)).toEqual(['encoding_detected']); // 和平社区.csv in GB18030, read all the same
    const names = fake.state.sheets.slice(3).map((s) => s.name);
    expect(names).toEqual(r.inserted.map((s) => s.name));
    expect(names).toContain('阳光社区(2)');
    expect(names).toContain('和平社区');
    expect(r.inserted.find((s) => s.file === '2026-10/和平社区.csv')!.formatted).toBe(false);
    expect(r.inserted.find((s) => s.file === '2026-10/朝阳社区.xlsx')!.formatted).toBe(true);
    expect(r.inserted.find((s) => s.file === '2026-10/幸福里社区.xlsx')!.formatted).toBe(false); // Sheet1 is taken
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);

    // Combining the same files now links 校验结果 to the inserted sheets' cells.
    await actions.combineFiles(october());
    const checks = fake.state.sheets.find((s) => s.name === '校验结果')!;
    const links = Object.values(checks.cells).flatMap((c) => (c.formula?.startsWith('=HYPERLINK') ? [c.formula] : []));
    expect(links.length).toBeGreaterThan(0);
    for (const l of links) expect(names.some((n) => l.includes(`#'${n}'!`) || l.includes(`#${n}!`))).toBe(true);
    expect(fake.state.sheets.slice(0, 3)).toEqual(before);
  });

  it('on a host without ExcelApi 1.13 inserts every sheet by value', async () => {
    const { fake, actions } = pane([returnSheet('东关社区', 1)], 1.12);
    const r = await actions.importFiles(october());
    expect(r.inserted.every((s) => !s.formatted)).toBe(true);
    expect(fake.state.sheets.length).toBe(1 + r.inserted.length);
  });

  it('生成填报表 inserts one form per community of the 名册 sheet, with the period filled in; existing sheets untouched', async () => {
    const roster = readFileSync(path.resolve(OCT, '../roster.csv'), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/).map((l) => l.split(','));
    const mine = [returnSheet('东关社区', 1), sheetFrom('名册', roster)];
    const { fake, actions } = pane(mine);
    const before = structuredClone(fake.state.sheets);
    const r = await actions.generateForms('2026-11');
    expect(r.roster).toBe(true);
    expect(fake.state.sheets.slice(0, 2)).toEqual(before);
    const communities = roster.slice(1).map((row) => row[0]!);
    expect(r.inserted.map((s) => s.name).sort()).toEqual([...communities].sort());
    expect(r.inserted.every((s) => s.formatted)).toBe(true);
    // Each inserted form names its community and the period, as the reader reads it.
    for (const s of r.inserted) {
      const rows = rowsOf(fake.state.sheets.find((x) => x.name === s.name)!);
      const flat = rows.flat();
      expect(flat).toContain(s.name);
      expect(flat.some((v) => typeof v === 'string' && v.includes('2026年11月'))).toBe(true);
    }
  });

  it('生成填报表 without a 名册 sheet says so and adds nothing', async () => {
    const { fake, actions } = pane([returnSheet('东关社区', 1)]);
    const r = await actions.generateForms('2026-11');
    expect(r).toMatchObject({ roster: false, inserted: [] });
    expect(fake.state.sheets.map((s) => s.name)).toEqual(['东关社区']);
  });
});
