import type { CellValue, SheetGrid } from '../grid.js';
import type { Template } from '../template/types.js';

/**
 * A blank sheet-form return built from the template: merged title, header block, and one row per
 * indicator (序号 | 指标名称 | 单位 | 本月数 | 备注). Used by `returns template` and the add-in's 插入填报表,
 * and read back by the same label-based reader.
 */
export function blankReturn(template: Template, period: string | null = null, name = '填报表'): SheetGrid {
  const title = period ? `${period.slice(0, 4)}年${Number(period.slice(5, 7))}月社区创卫工作月报表` : '社区创卫工作月报表';
  const values: CellValue[][] = [
    [title, null, null, null, null],
    ['社区名称', null, '所属街道', null, null],
    ['报告期', period ? `${period.slice(0, 4)}年${Number(period.slice(5, 7))}月` : null, '填报人', null, null],
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
