import { finding, type Finding } from '../findings/codes.js';
import { a1, cellAt, formulaAt, numberFormatAt, type SheetGrid } from '../grid.js';
import type { Indicator } from '../template/types.js';
import { parseValue } from '../value/parseValue.js';
import type { ReturnValue } from './types.js';

export interface CellWhere {
  file: string;
  sheet: string;
  community?: string | undefined;
  period?: string | undefined;
}

/**
 * Reads one indicator's cell through the value parser and turns its issues into located findings.
 * `statedUnit` is the unit written in the label brackets or the unit column.
 */
export function readValueCell(
  grid: SheetGrid,
  row: number,
  col: number,
  ind: Indicator,
  statedUnit: string | null,
  remark: string | null,
  where: CellWhere,
  findings: Finding[],
): ReturnValue {
  const raw = cellAt(grid, row, col);
  const cell = a1(grid, row, col);
  const parsed = parseValue(raw, {
    kind: ind.kind,
    unit: ind.unit,
    unitAliases: ind.unitAliases,
    min: ind.min,
    max: ind.max,
    statedUnit,
    numberFormat: numberFormatAt(grid, row, col),
    formula: formulaAt(grid, row, col),
  });
  // Most cells have nothing to say: the location is only built for those that do.
  if (parsed.issues.length || (parsed.empty && ind.required)) {
    const at = { ...where, cell, indicator: ind.code, indicatorName: ind.name };
    for (const issue of parsed.issues) findings.push(finding(issue.code, issue.args as never, at));
    if (parsed.empty && ind.required) findings.push(finding('required_empty', {}, at));
  }
  return { value: parsed.value, raw, cell, approximate: parsed.approximate, remark };
}
