import { describe, expect, it } from 'vitest';
import type { CellValue, SheetGrid } from '../../../src/core/grid.js';
import { readWorkbooks } from '../../../src/core/read/readWorkbook.js';
import { standardTemplate } from '../../helpers/template.js';

const tpl = standardTemplate();
const read = (...sheets: SheetGrid[]) => readWorkbooks([{ file: 'f.xlsx', sheets }], tpl);
const grid = (values: CellValue[][], extra: Partial<SheetGrid> = {}): SheetGrid => ({ name: 'S', values, ...extra });
const codes = (fs: { code: string }[]) => fs.map((f) => f.code).sort();

/** A complete, clean sheet-form return; callers override rows. */
function cleanRows(): CellValue[][] {
  return [
    ['2026年10月社区创卫工作月报表', null, null, null, null],
    [null, null, null, null, null],
    ['填报单位：阳光社区（盖章）', null, '所属街道', '东城街道', null],
    ['报告期', '2026年10月', '填报人', '张三', null],
    ['序号', '指标名称', '单位', '本月数', '备注'],
    [1, '发放宣传资料', '份', 500, null],
    [2, '健康教育讲座', '期', 2, null],
    [3, '讲座参加人次', '人次', 120, null],
    [4, '健康知识调查人数', '人', 200, null],
    [5, '健康知识知晓人数', '人', 176, null],
    [6, '健康知识知晓率', '%', 88, null],
    [7, '健康行为形成人数', '人', 150, null],
    [8, '健康行为形成率', '%', 75, null],
    [9, '集中清理活动', '次', 4, null],
    [10, '出动人员', '人次', 60, null],
    [11, '清运垃圾', '吨', 12.5, null],
    [12, '投放鼠药（公斤）', null, 25, null],
    [13, '意外中毒事件', '起', 0, null],
    ['注：本表由社区填报。', null, null, null, null],
  ];
}

describe('sheet form', () => {
  it('reads header fields and indicators by label, with no findings on a clean return', () => {
    const { returns, findings } = read(grid(cleanRows(), { merges: [{ top: 0, left: 0, bottom: 0, right: 4 }] }));
    expect(findings).toEqual([]);
    expect(returns).toHaveLength(1);
    const r = returns[0]!;
    expect([r.community, r.street, r.period, r.reporter]).toEqual(['阳光社区', '东城街道', '2026-10', '张三']);
    expect(r.values['rodent_bait_kg']).toMatchObject({ value: 25, cell: 'D17' });
    expect(r.values['awareness_rate']!.value).toBe(88);
    expect(Object.keys(r.values)).toHaveLength(13);
  });

  it('finds the table wherever it is: shifted columns, blank rows, an extra 累计 column, used range not at A1', () => {
    const rows = cleanRows().map((row) => [null, ...row.slice(0, 3), `=累计`, ...row.slice(3)]);
    rows[4] = [null, '序号', '指标名称', '单位', '累计', '本月数', '备注'];
    rows.splice(8, 0, [null, null, null, null, null, null, null]);
    const { returns, findings } = read(grid(rows, { origin: { row: 2, col: 1 } }));
    expect(findings).toEqual([]);
    expect(returns[0]!.values['leaflets']).toMatchObject({ value: 500, cell: 'G8' });
  });

  it('reads Traditional labels and full-width text', () => {
    const rows = cleanRows();
    rows[2] = ['社區名稱：陽光社區', null, '所屬街道：東城街道', null, null];
    rows[3] = ['報告期：２０２６年１０月', null, null, null, null];
    rows[16] = [12, '投放鼠藥（公斤）', null, '２５', null];
    rows[10] = [6, '健康知識知曉率', '%', '88%', null];
    const { returns, findings } = read(grid(rows));
    expect(findings).toEqual([]);
    expect(returns[0]).toMatchObject({ community: '阳光社区', street: '东城街道', period: '2026-10' });
    expect(returns[0]!.values['rodent_bait_kg']!.value).toBe(25);
    expect(returns[0]!.values['awareness_rate']!.value).toBe(88);
  });

  it('converts a unit stated in the label and flags it', () => {
    const rows = cleanRows();
    rows[16] = [12, '投放鼠药（吨）', null, 0.25, null];
    const { returns, findings } = read(grid(rows));
    expect(returns[0]!.values['rodent_bait_kg']!.value).toBe(250);
    expect(findings.map((f) => [f.code, f.cell])).toEqual([['unit_converted', 'D17']]);
  });

  it('reports an unknown label with the closest indicator, a duplicate, and a required item missing', () => {
    const rows = cleanRows();
    rows[9] = [5, '健康知识知晓人次', '人', 176, null];
    rows.push([14, '发放宣传资料', '份', 10, null]);
    rows.splice(17, 1); // no 意外中毒事件 row at all
    const { findings } = read(grid(rows));
    expect(codes(findings)).toEqual(['indicator_duplicate', 'unknown_label']);
    const unknown = findings.find((f) => f.code === 'unknown_label')!;
    expect(unknown).toMatchObject({ cell: 'B10', args: { suggestionCode: 'aware' } });
  });

  it('reports community and period not found, and skips a sheet that is not a return', () => {
    const rows = cleanRows();
    rows[0] = ['社区创卫工作月报表', null, null, null, null];
    rows[2] = [null, null, null, null, null];
    rows[3] = [null, null, null, null, null];
    const notes = grid([['填表说明'], ['请于每月5日前报送']], { name: '说明' });
    const { returns, findings } = read(grid(rows), notes);
    expect(codes(findings)).toEqual(['community_not_found', 'period_not_found', 'sheet_skipped']);
    expect(returns).toHaveLength(1);
  });

  it('refuses an ambiguous period and keeps the finding on its cell', () => {
    const rows = cleanRows();
    rows[3] = ['报告期', 2026.1, null, null, null];
    const { returns, findings } = read(grid(rows));
    expect(returns[0]!.period).toBeNull();
    expect(findings.map((f) => [f.code, f.cell])).toEqual([['period_invalid', 'B4']]);
  });

  it('turns messy values into coded findings with their cells, never a silent 0', () => {
    const rows = cleanRows();
    rows[5] = [1, '发放宣传资料', '份', '500余', null];
    rows[8] = [4, '健康知识调查人数', '人', null, null];
    rows[13] = [9, '集中清理活动', '次', '3—4次', null];
    rows[15] = [11, '清运垃圾', '吨', '#DIV/0!', null];
    const { returns, findings } = read(grid(rows));
    const v = returns[0]!.values;
    expect([v['leaflets']!.value, v['surveyed']!.value, v['cleanups']!.value, v['garbage_t']!.value]).toEqual([500, null, null, null]);
    expect(findings.map((f) => [f.code, f.cell]).sort()).toEqual([
      ['approximate', 'D6'], ['cell_error', 'D16'], ['range_value', 'D14'], ['required_empty', 'D9'],
    ]);
  });
});

describe('table form', () => {
  it('reads one return per row, with units in headers and a title period', () => {
    const g = grid([
      ['2026年10月 网上填报汇总'],
      ['序号', '社区名称', '所属街道', '发放宣传资料', '投放鼠药(吨)', '健康知識知曉率', '备注'],
      [1, '湖滨社区', '西湖街道', 300, 0.03, '87.5%', null],
      [2, '翠苑社区', '西湖街道', '1.2万', 0.02, 90, null],
      [null, '合计', null, 12300, 0.05, null, null],
    ]);
    const { returns, findings } = read(g);
    expect(returns.map((r) => [r.community, r.period, r.row, r.values['leaflets']!.value, r.values['rodent_bait_kg']!.value, r.values['awareness_rate']!.value])).toEqual([
      ['湖滨社区', '2026-10', 3, 300, 30, 87.5],
      ['翠苑社区', '2026-10', 4, 12000, 20, 90],
    ]);
    expect(codes(findings)).toEqual(['unit_converted', 'unit_converted']);
  });

  it('reads our own 汇总 sheet back, skipping its 小计 and 合计 rows', () => {
    const g = grid([
      ['报告期', '所属街道', '社区', '发放宣传资料(份)', '清运垃圾(吨)', '来源'],
      ['2026-10', '东城街道', '阳光社区', 1730, 13.5, 'a.xlsx / 月报表'],
      ['2026-10', '东城街道', '小计（1）', 1730, 13.5, null],
      ['2026-10', '合计', '份数 1', 1730, 13.5, null],
    ]);
    const { returns, findings } = read(g);
    expect(returns.map((r) => [r.community, r.period, r.values['leaflets']!.value])).toEqual([['阳光社区', '2026-10', 1730]]);
    expect(findings).toEqual([]);
  });

  it('reports a bad period per row', () => {
    const g = grid([
      ['社区名称', '报告期', '发放宣传资料', '清运垃圾'],
      ['湖滨社区', '2026-10', 1, 2],
      ['翠苑社区', '十月', 1, 2],
    ]);
    const { findings } = read(g);
    expect(findings.map((f) => [f.code, f.cell, f.community])).toEqual([['period_invalid', 'B3', '翠苑社区']]);
  });
});
