import type { CellValue, SheetGrid } from '../core/grid.js';
import type { Template } from '../core/template/types.js';

/**
 * A blank sheet-form return for a template, laid out as communities know it: a merged title, the
 * header block (labels the reader finds by name), then 序号 | 指标 | 单位 | 本月数 | 备注.
 */
export function blankReturn(template: Template, name = '填报表'): SheetGrid {
  const values: CellValue[][] = [
    ['社区创卫工作月报表', null, null, null, null],
    ['社区名称', null, null, '所属街道', null],
    ['报告期', null, null, '填报人', null],
    ['联系电话', null, null, null, null],
    ['序号', '指标', '单位', '本月数', '备注'],
    ...template.indicators.map((ind, i): CellValue[] => [i + 1, ind.name, ind.unit, null, null]),
  ];
  return { name, values, merges: [{ top: 0, left: 0, bottom: 0, right: 4 }] };
}
