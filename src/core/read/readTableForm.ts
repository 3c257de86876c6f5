import { finding, type Finding } from '../findings/codes.js';
import { a1, cellAt, columnLetters, gridWidth, isBlank, type CellValue, type SheetGrid } from '../grid.js';
import { foldText, normalizeLabel } from '../text/normalize.js';
import { cleanName, fieldOfCell, type FieldId } from './fields.js';
import type { IndicatorMatcher, LabelMatch } from './matcher.js';
import { parsePeriod, periodInText } from './period.js';
import { plainCellInto, plainKindOf, readValueCell, unitNeutral, type CellWhere } from './readValueCell.js';
import { TableReturn, TableValues, type ParsedReturn } from './types.js';

interface TableLayout {
  headerRow: number;
  fields: Partial<Record<FieldId, number>>;
  indicators: Map<number, LabelMatch>;
  remarkCol: number | null;
  unknown: number[];
}

// Sub-total and total rows, including our own 汇总 sheet's `小计（6）` (the count of returns in brackets).
const TOTAL_ROW = /^(?:合计|总计|小计|总数|全街道|全区|.*小计)(?:[（(]\s*\d+\s*[)）])?$/u;
/**
 * Community column headers a table (an online form's export, a colleague's sheet) uses besides the header
 * block's labels (fields.ts). Only in a header row that also names indicators: there a bare 名称 or 单位
 * cannot be an indicator table's label or unit column.
 */
export const TABLE_COMMUNITY_HEADERS = [
  '社区名', '社区名称', '名称', '单位', '单位名称', '填报单位', '居委会', '社区居委会', '村居委会', '村委会', '村居',
  '村(社区)', '社区(村)', '村(社区)名称', '社区(村)名称', '社区(居委会)', '社区名(村名)', '村名', '社区', '村',
].map(foldText);
const TABLE_COMMUNITY = new Set(TABLE_COMMUNITY_HEADERS);

const KNOWN_OTHER = new Set(['序号', '编号', '备注', '说明', '填报日期', '审核人', '负责人', '来源文件', '文件', '工作表', '单元格'].map(foldText));

/** A header row naming a community column and at least two indicators: a table-form return. */
export function findTableLayout(grid: SheetGrid, matcher: IndicatorMatcher): TableLayout | null {
  const width = gridWidth(grid);
  for (let r = 0; r < Math.min(grid.values.length, 30); r++) {
    const fields: Partial<Record<FieldId, number>> = {};
    const indicators = new Map<number, LabelMatch>();
    const unknown: number[] = [];
    let remarkCol: number | null = null;
    for (let c = 0; c < width; c++) {
      const v = cellAt(grid, r, c);
      if (typeof v !== 'string' || v.trim() === '') continue;
      const f = fieldOfCell(v);
      if (f && f.rest === '' && fields[f.id] === undefined) {
        fields[f.id] = c;
        continue;
      }
      if (!f && fields.community === undefined && TABLE_COMMUNITY.has(foldText(v))) {
        fields.community = c;
        continue;
      }
      const m = matcher.match(v);
      if (m) indicators.set(c, m);
      else if (['备注', '说明'].includes(normalizeLabel(v).key)) remarkCol ??= c;
      else if (!KNOWN_OTHER.has(normalizeLabel(v).key)) unknown.push(c);
    }
    if (fields.community !== undefined && indicators.size >= 2) return { headerRow: r, fields, indicators, remarkCol, unknown };
  }
  return null;
}

/**
 * For a sheet that gave no return: the first header row (within 30) naming at least two indicators —
 * a table-form return whose community column was not recognised — with the other headers it holds.
 */
export function headerWithoutCommunity(grid: SheetGrid, matcher: IndicatorMatcher): { row: number; indicators: number; headers: string[] } | null {
  const width = gridWidth(grid);
  for (let r = 0; r < Math.min(grid.values.length, 30); r++) {
    let indicators = 0;
    const headers: string[] = [];
    for (let c = 0; c < width; c++) {
      const v = cellAt(grid, r, c);
      if (typeof v !== 'string' || v.trim() === '') continue;
      if (matcher.match(v)) indicators++;
      else headers.push(v.trim());
    }
    if (indicators >= 2) return { row: r, indicators, headers };
  }
  return null;
}

/** Reads a table-form sheet: one return per row below the header. */
export function readTableForm(
  grid: SheetGrid,
  file: string,
  layout: TableLayout,
  matcher: IndicatorMatcher,
  findings: Finding[],
): ParsedReturn[] {
  const sheet = grid.name;
  const { headerRow, fields, indicators, remarkCol } = layout;
  // A period stated once above the table (a title) applies to rows that have no period column.
  let titlePeriod: string | null = null;
  for (let r = 0; r < headerRow && !titlePeriod; r++) {
    for (const v of grid.values[r] ?? []) if (typeof v === 'string' && (titlePeriod = periodInText(v))) break;
  }
  for (const c of layout.unknown) {
    const label = String(cellAt(grid, headerRow, c));
    const s = matcher.suggest(label);
    if (s) {
      findings.push(
        finding('unknown_label', { label: label.trim(), suggestion: s.name, suggestionCode: s.code }, { file, sheet, cell: a1(grid, headerRow, c) }),
      );
    }
  }
  const seenCodes = new Map<string, number>();
  for (const [c, m] of indicators) {
    const first = seenCodes.get(m.indicator.code);
    if (first !== undefined) {
      findings.push(
        finding('indicator_duplicate', { firstCell: a1(grid, headerRow, first) }, {
          file, sheet, cell: a1(grid, headerRow, c), indicator: m.indicator.code, indicatorName: m.indicator.name,
        }),
      );
      indicators.delete(c);
    } else seenCodes.set(m.indicator.code, c);
  }

  // A city's table repeats the same few thousand names and twelve periods: each distinct text is cleaned,
  // tested and parsed once (the functions are pure).
  const cleaned = new Map<string, string>();
  const clean = (v: CellValue): string => {
    if (typeof v !== 'string') return cleanName(v);
    let c = cleaned.get(v);
    if (c === undefined) cleaned.set(v, (c = cleanName(v)));
    return c;
  };
  const totals = new Map<string, boolean>();
  const isTotal = (name: string): boolean => {
    let t = totals.get(name);
    if (t === undefined) totals.set(name, (t = TOTAL_ROW.test(name)));
    return t;
  };
  const periods = new Map<string, ReturnType<typeof parsePeriod>>();
  const periodOf = (text: string): ReturnType<typeof parsePeriod> => {
    let p = periods.get(text);
    if (p === undefined) periods.set(text, (p = parsePeriod(text, undefined)));
    return p;
  };
  const out: ParsedReturn[] = [];
  // Per value column, what every row shares. `plain`: no formulas or number formats in the sheet (a CSV)
  // and a stated unit that needs no conversion, so a plain number is read without the parser.
  const originRow = grid.origin?.row ?? 0;
  const noFormats = !grid.formulas && !grid.numberFormats;
  const cols = [...indicators].map(([c, m]) => ({
    c, ind: m.indicator, unit: m.unit,
    plain: noFormats && unitNeutral(m.indicator, m.unit),
  }));
  const k = cols.length;
  // The values go into the table's columns of numbers (types.ts: TableValues), not an object per cell.
  const store = new TableValues(
    cols.map((col) => col.ind.code),
    cols.map((col) => col.c),
    cols.map((col) => columnLetters(col.c + (grid.origin?.col ?? 0) + 1)),
    Math.max(0, grid.values.length - headerRow - 1),
  );
  const numbers = store.numbers;
  // The plain path's rule per value column, as numbers (kind −1: the column always takes the parser).
  const gridCols = Int32Array.from(cols, (col) => col.c);
  const plainKinds = Int8Array.from(cols, (col) => (col.plain ? plainKindOf(col.ind) : -1));
  const mins = Float64Array.from(cols, (col) => col.ind.min ?? -Infinity);
  const maxs = Float64Array.from(cols, (col) => col.ind.max ?? Infinity);
  // The location of a row's findings: made for the rows that have one.
  const whereOf = (community: string): CellWhere => ({ file, sheet, community: community || undefined });
  // a1(grid, r, community column), its letters made once.
  const communityLetters = columnLetters(fields.community! + (grid.origin?.col ?? 0) + 1);
  for (let r = headerRow + 1; r < grid.values.length; r++) {
    const row = grid.values[r] ?? [];
    if (blankRow(row)) continue;
    const communityV = cellAt(grid, r, fields.community!);
    const community = clean(communityV);
    if (isTotal(community)) continue;
    const streetCol = fields.street;
    const street = streetCol !== undefined ? clean(cellAt(grid, r, streetCol)) : '';
    if (community && isTotal(street)) continue;
    if (!community) findings.push(finding('community_not_found', {}, { ...whereOf(community), cell: a1(grid, r, fields.community!) }));
    let period: string | null = titlePeriod;
    if (fields.period !== undefined) {
      const pv = cellAt(grid, r, fields.period);
      const nf = grid.numberFormats?.[r]?.[fields.period];
      const p = nf === undefined && typeof pv === 'string' ? periodOf(pv) : parsePeriod(pv, nf);
      if (p.ok) period = p.period;
      else if (isBlank(pv) && titlePeriod) period = titlePeriod;
      else {
        period = null;
        findings.push(
          isBlank(pv)
            ? finding('period_not_found', {}, { ...whereOf(community), cell: a1(grid, r, fields.period) })
            : finding('period_invalid', { text: p.text }, { ...whereOf(community), cell: a1(grid, r, fields.period) }),
        );
      }
    } else if (!titlePeriod) findings.push(finding('period_not_found', {}, whereOf(community)));
    let at: CellWhere | null = null; // the parser's findings' location, made for the first cell that needs it
    const remarkV = remarkCol !== null ? cellAt(grid, r, remarkCol) : null;
    const remark = isBlank(remarkV) ? null : String(remarkV).trim();
    const j = store.rows.length;
    store.rows.push(row);
    const base = j * k;
    for (let i = 0; i < k; i++) {
      const kind = plainKinds[i]!;
      // readValueCell's own fast path, without its lookups, writing the number in place (nothing boxed).
      if (kind >= 0 && plainCellInto(row[gridCols[i]!] ?? null, kind as 0 | 1 | 2, mins, maxs, i, numbers, base + i)) continue;
      const col = cols[i]!;
      const v = readValueCell(grid, r, col.c, col.ind, col.unit, remark, (at ??= { ...whereOf(community), period: period ?? undefined }), findings);
      numbers[base + i] = v.value === null ? NaN : v.value;
      if (v.approximate) store.approximate[base + i] = 1;
    }
    out.push(
      new TableReturn(
        file,
        sheet,
        r + 1 + originRow,
        community || null,
        communityLetters + String(r + 1 + originRow),
        street || null,
        period,
        fields.reporter !== undefined ? String(cellAt(grid, r, fields.reporter) ?? '').trim() || null : null,
        fields.phone !== undefined ? String(cellAt(grid, r, fields.phone) ?? '').trim() || null : null,
        store,
        j,
        remark,
      ),
    );
  }
  return out;
}

/** row.every(isBlank), as a plain loop (a hole is skipped, as every skips it). */
function blankRow(row: readonly CellValue[]): boolean {
  for (let i = 0; i < row.length; i++) {
    const v = row[i];
    if (v === undefined ? i in row : !isBlank(v)) return false;
  }
  return true;
}
