import type { CellValue, SheetGrid } from '../grid.js';
import type { Template } from '../template/types.js';

/**
 * Where things stand in {@link blankReturn}'s grid (0-based row, column): the per-community forms fill
 * the header cells and put data validation and protection on exactly these cells.
 */
export const BLANK_RETURN_LAYOUT = {
  title: [0, 0],
  community: [1, 1],
  street: [1, 3],
  period: [2, 1],
  reporter: [2, 3],
  phone: [3, 1],
  tableHeaderRow: 4,
  firstIndicatorRow: 5,
  valueCol: 3,
  remarkCol: 4,
  width: 5,
} as const;

/** The header values a per-community form is handed already filled in. */
export interface BlankReturnHeader {
  community: string;
  street: string | null;
}

/** `2026-10` → `2026年10月`, the way the header and title write a period. */
export function periodText(period: string): string {
  return `${period.slice(0, 4)}年${Number(period.slice(5, 7))}月`;
}

/**
 * A blank sheet-form return built from the template: merged title, header block, and one row per
 * indicator (序号 | 指标名称 | 单位 | 本月数 | 备注). Used by `returns template`, `returns forms` (with the
 * community's header filled in) and the add-in's 插入填报表, and read back by the same label-based reader.
 */
export function blankReturn(template: Template, period: string | null = null, name = '填报表', header: BlankReturnHeader | null = null): SheetGrid {
  const title = period ? `${periodText(period)}社区创卫工作月报表` : '社区创卫工作月报表';
  const values: CellValue[][] = [
    [title, null, null, null, null],
    ['社区名称', header?.community ?? null, '所属街道', header?.street ?? null, null],
    ['报告期', period ? periodText(period) : null, '填报人', null, null],
    ['联系电话', null, null, null, null],
    ['序号', '指标名称', '单位', '本月数', '备注'],
  ];
  template.indicators.forEach((ind, i) => values.push([i + 1, ind.name, ind.unit, null, null]));
  values.push(['注：空白表示未上报，没有发生请填 0；请填写确切数字，不要填写“约”“余”或范围。', null, null, null, null]);
  const last = values.length - 1;
  return {
    name,
    values,
    merges: [
      { top: 0, left: 0, bottom: 0, right: 4 },
      { top: last, left: 0, bottom: last, right: 4 },
    ],
  };
}
