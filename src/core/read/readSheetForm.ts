import { finding, type Finding } from '../findings/codes.js';
import { a1, cellAt, gridWidth, isBlank, type SheetGrid } from '../grid.js';
import { foldText, normalizeLabel } from '../text/normalize.js';
import { fieldOfCell, findFields, cleanName, type FieldHit } from './fields.js';
import type { IndicatorMatcher, LabelMatch } from './matcher.js';
import { parsePeriod, periodInText } from './period.js';
import { readValueCell } from './readValueCell.js';
import type { ParsedReturn } from './types.js';

/** Column headers of the indicator table in a sheet-form return. */
const VALUE_HEADERS = ['本月数', '本月', '本月完成', '本月完成数', '本期数', '本期', '当月数', '当月', '数量', '数值', '完成数', '完成情况', '月报数', '填报数', '实际完成', '数据', '本月数值', '合计'];
const UNIT_HEADERS = ['单位', '计量单位', '单位名称'];
const REMARK_HEADERS = ['备注', '说明', '备注说明'];
const IGNORED_HEADERS = ['累计', '累计数', '本年累计', '年累计', '上月数', '上月', '同比', '环比', '序号', '编号'];
const NOTE_ROW = /^(?:注|备注|说明|填表说明|填报说明|审核人|负责人|单位负责人|填报日期|报送日期|制表日期|签字|盖章)/u;

const VALUE_SET = new Set(VALUE_HEADERS.map(foldText));
const UNIT_SET = new Set(UNIT_HEADERS.map(foldText));
const REMARK_SET = new Set(REMARK_HEADERS.map(foldText));
const IGNORED_SET = new Set(IGNORED_HEADERS.map(foldText));

interface Layout {
  labelCol: number;
  valueCol: number;
  unitCol: number | null;
  remarkCol: number | null;
  headerRow: number | null;
  /** Rows with a label in labelCol, in order, and what they matched. */
  matches: Map<number, LabelMatch>;
}

/** Decides the columns: the label column is the one where most indicator names stand. */
function findLayout(grid: SheetGrid, matcher: IndicatorMatcher): Layout | null {
  const width = gridWidth(grid);
  const perCol = new Map<number, Map<number, LabelMatch>>();
  for (let r = 0; r < grid.values.length; r++) {
    // Each row only as far as its own last cell, so the cost follows the cells, not the widest row.
    const rowWidth = grid.values[r]!.length;
    for (let c = 0; c < rowWidth; c++) {
      const v = cellAt(grid, r, c);
      if (typeof v !== 'string' || v.trim() === '' || fieldOfCell(v) || NOTE_ROW.test(foldText(v))) continue;
      const m = matcher.match(v);
      if (!m) continue;
      let col = perCol.get(c);
      if (!col) perCol.set(c, (col = new Map()));
      col.set(r, m);
    }
  }
  let labelCol = -1;
  let best = 0;
  for (const [c, rows] of perCol) if (rows.size > best) [labelCol, best] = [c, rows.size];
  if (best < 2) return null;
  const matches = perCol.get(labelCol)!;
  const firstRow = Math.min(...matches.keys());

  // The table's header row: the nearest row above the first indicator naming a value column.
  let headerRow: number | null = null;
  let valueCol = -1;
  let unitCol: number | null = null;
  let remarkCol: number | null = null;
  for (let r = firstRow - 1; r >= Math.max(0, firstRow - 6) && headerRow === null; r--) {
    for (let c = 0; c < width; c++) {
      const v = cellAt(grid, r, c);
      if (typeof v !== 'string') continue;
      const key = normalizeLabel(v).key;
      if (c !== labelCol && VALUE_SET.has(key) && valueCol < 0) valueCol = c;
      else if (UNIT_SET.has(key) && unitCol === null) unitCol = c;
      else if (REMARK_SET.has(key) && remarkCol === null) remarkCol = c;
    }
    if (valueCol >= 0) headerRow = r;
    else [unitCol, remarkCol] = [null, null];
  }
  if (valueCol < 0) {
    // No header names the value column: take the column right of the labels filled most often,
    // skipping ones headed 累计 / 上月 and the like.
    const ignored = new Set<number>();
    for (let r = Math.max(0, firstRow - 3); r < firstRow; r++) {
      for (let c = 0; c < width; c++) {
        const v = cellAt(grid, r, c);
        if (typeof v === 'string' && IGNORED_SET.has(normalizeLabel(v).key)) ignored.add(c);
      }
    }
    let bestFill = 0;
    for (let c = labelCol + 1; c < width; c++) {
      if (ignored.has(c) || c === unitCol) continue;
      let fill = 0;
      for (const r of matches.keys()) if (!isBlank(cellAt(grid, r, c))) fill++;
      if (fill > bestFill) [valueCol, bestFill] = [c, fill];
    }
    if (valueCol < 0) valueCol = labelCol + 1;
  }
  return { labelCol, valueCol, unitCol, remarkCol, headerRow, matches };
}

/**
 * Reads a sheet-form return: header fields and indicator rows found by their labels wherever they are.
 * Returns null when the sheet holds no indicator table at all (not a return).
 */
export function readSheetForm(
  grid: SheetGrid,
  file: string,
  matcher: IndicatorMatcher,
  findings: Finding[],
): ParsedReturn | null {
  const layout = findLayout(grid, matcher);
  if (!layout) return null;
  const { labelCol, valueCol, unitCol, remarkCol, headerRow, matches } = layout;
  const tableRows = new Set(matches.keys());
  const fields = findFields(grid, headerRow === null ? tableRows : new Set([...tableRows, headerRow]));
  const sheet = grid.name;

  const community = fields.community ? cleanName(fields.community.value) : '';
  const street = fields.street ? cleanName(fields.street.value) : '';
  const where = { file, sheet, community: community || undefined };
  const period = readPeriod(grid, fields.period, where, findings);
  const at = { ...where, period: period ?? undefined };
  if (!community) findings.push(finding('community_not_found', {}, { file, sheet }));

  const ret: ParsedReturn = {
    file,
    sheet,
    form: 'sheet',
    row: null,
    community: community || null,
    communityCell: fields.community ? a1(grid, fields.community.row, fields.community.col) : null,
    street: street || null,
    period,
    reporter: fields.reporter ? String(fields.reporter.value).trim() : null,
    phone: fields.phone ? String(fields.phone.value).trim() : null,
    values: {},
  };

  const start = headerRow !== null ? headerRow + 1 : Math.min(...tableRows);
  for (let r = start; r < grid.values.length; r++) {
    const label = cellAt(grid, r, labelCol);
    if (typeof label !== 'string' || label.trim() === '') continue;
    const m = matches.get(r);
    if (!m) {
      reportUnknown(grid, r, labelCol, valueCol, label, matcher, at, findings);
      continue;
    }
    const ind = m.indicator;
    const prior = ret.values[ind.code];
    if (prior) {
      findings.push(
        finding('indicator_duplicate', { firstCell: prior.cell }, { ...at, cell: a1(grid, r, valueCol), indicator: ind.code, indicatorName: ind.name }),
      );
      continue;
    }
    const unitText = unitCol !== null ? cellAt(grid, r, unitCol) : null;
    const statedUnit = m.unit ?? (typeof unitText === 'string' && unitText.trim() ? foldText(unitText) : null);
    const remarkV = remarkCol !== null ? cellAt(grid, r, remarkCol) : null;
    const remark = isBlank(remarkV) ? null : String(remarkV).trim();
    ret.values[ind.code] = readValueCell(grid, r, valueCol, ind, statedUnit, remark, at, findings);
  }
  return ret;
}

function readPeriod(
  grid: SheetGrid,
  hit: FieldHit | undefined,
  where: { file: string; sheet: string; community?: string | undefined },
  findings: Finding[],
): string | null {
  if (hit) {
    const p = parsePeriod(hit.value, hit.numberFormat);
    if (p.ok) return p.period;
    findings.push(finding('period_invalid', { text: p.text }, { ...where, cell: a1(grid, hit.row, hit.col) }));
    return null;
  }
  // No 报告期 field: a title such as “2026年10月社区创卫工作月报表” states it plainly.
  for (let r = 0; r < Math.min(3, grid.values.length); r++) {
    for (const v of grid.values[r] ?? []) {
      if (typeof v !== 'string') continue;
      const p = periodInText(v);
      if (p) return p;
    }
  }
  findings.push(finding('period_not_found', {}, where));
  return null;
}

/** A label that is not an indicator: a note row, a section heading, or (reported) an unknown item. */
function reportUnknown(
  grid: SheetGrid,
  r: number,
  labelCol: number,
  valueCol: number,
  label: string,
  matcher: IndicatorMatcher,
  at: { file: string; sheet: string; community?: string | undefined; period?: string | undefined },
  findings: Finding[],
): void {
  const folded = foldText(label);
  if (NOTE_ROW.test(folded) || fieldOfCell(label) || matcher.isGroupHeading(label)) return;
  const key = normalizeLabel(label).key;
  if (IGNORED_SET.has(key) || VALUE_SET.has(key) || key === '' || /^[0-9.]+$/.test(key)) return;
  const suggestion = matcher.suggest(label);
  const hasValue = !isBlank(cellAt(grid, r, valueCol));
  // A heading row with nothing in it and no likeness to any indicator is layout, not data.
  if (!hasValue && !suggestion) return;
  findings.push(
    finding(
      'unknown_label',
      { label: label.trim(), suggestion: suggestion?.name ?? null, suggestionCode: suggestion?.code ?? null },
      { ...at, cell: a1(grid, r, labelCol) },
    ),
  );
}
