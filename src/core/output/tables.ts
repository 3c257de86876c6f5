import type { Consolidation, SummaryRow, TotalRow } from '../combine/types.js';
import type { Finding } from '../findings/codes.js';
import { messageOf, severityLabel, type Lang } from '../findings/wording.js';
import type { CellValue } from '../grid.js';
import { ValuesReader } from '../read/returnValues.js';
import type { Indicator } from '../template/types.js';

export type RowKind = 'header' | 'return' | 'subtotal' | 'total';

export interface OutputColumn {
  header: string;
  /** Excel number format for the column's cells. */
  numFmt?: string;
  width?: number;
}

/** One output sheet as plain data; each door (exceljs, Excel.js, CSV) writes it its own way. */
export interface OutputTable {
  /** Sheet name: 汇总, 明细, 校验结果. */
  sheet: string;
  /** Excel table name (ASCII, unique in a workbook). */
  tableName: string;
  columns: OutputColumn[];
  rows: CellValue[][];
  /** Per row: what it is, for bold sub-totals and totals. */
  kinds: RowKind[];
  /** Per row, the cell a hyperlink in `linkColumn` should jump to (校验结果), or null. */
  links?: ({ sheet: string; cell: string } | null)[];
  linkColumn?: number;
}

/** Rows produced one at a time into one reused array, for writers that stream (summary.xlsx). */
export interface RowCursor {
  /** The current row: overwritten by every `next`, so copy it to keep it. */
  readonly row: CellValue[];
  /** Fills `row` with the next row and returns its kind; null after the last row. */
  next(): RowKind | null;
  /**
   * With a source's `runs`, per run a number that names the run's cells in the current row: rows where a
   * run has the same number (≥ 0) have the same values in its cells, so a writer may copy what it wrote
   * for them before. -1 claims nothing. Filled by `next`, like `row`.
   */
  readonly runKeys?: Int32Array;
}

/**
 * An output sheet whose rows are made on demand: 明细 at ten times a city-year is 8.3 million rows, too
 * many to hold as arrays of cells. `materialise` turns one into an `OutputTable` (the same rows).
 */
export interface TableSource {
  sheet: string;
  tableName: string;
  columns: OutputColumn[];
  rowCount: number;
  /** A new cursor over the rows, from the first. */
  cursor(): RowCursor;
  /**
   * Runs of adjacent columns, [from, to), whose cells come round together row after row (明细: a return's
   * community, street and period; an indicator's code and name), each named row by row by the cursor's
   * `runKeys`.
   */
  runs?: readonly (readonly [number, number])[];
}

/** An `OutputTable` read through a cursor. */
export function sourceOf(t: OutputTable): TableSource {
  return {
    sheet: t.sheet, tableName: t.tableName, columns: t.columns, rowCount: t.rows.length,
    cursor() {
      let i = -1;
      const c = {
        row: [] as CellValue[],
        next(): RowKind | null {
          if (++i >= t.rows.length) return null;
          c.row = t.rows[i]!;
          return t.kinds[i] ?? 'return';
        },
      };
      return c;
    },
  };
}

/** A cursor over a generator that fills one reused row and yields each row's kind. */
export function cursorOf(width: number, lines: (row: CellValue[]) => Generator<RowKind>): RowCursor {
  const row: CellValue[] = new Array(width).fill(null);
  const it = lines(row);
  return {
    row,
    next(): RowKind | null {
      const r = it.next();
      return r.done ? null : r.value;
    },
  };
}

/** A cursor over `items`, one 'return' line each, filled by `fill` into one reused row (no generator: a
 * city-year's 校验结果 is tens of thousands of lines). */
function eachCursor<T>(items: readonly T[], width: number, fill: (row: CellValue[], item: T) => void): RowCursor {
  const row: CellValue[] = new Array(width).fill(null);
  let i = 0;
  return {
    row,
    next(): RowKind | null {
      if (i >= items.length) return null;
      fill(row, items[i++]!);
      return 'return';
    },
  };
}

/** Every row of a source, copied out. */
export function materialise(s: TableSource): OutputTable {
  const rows: CellValue[][] = [];
  const kinds: RowKind[] = [];
  const cur = s.cursor();
  for (let k = cur.next(); k !== null; k = cur.next()) {
    rows.push(cur.row.slice());
    kinds.push(k);
  }
  return { sheet: s.sheet, tableName: s.tableName, columns: s.columns, rows, kinds };
}

export const OUTPUT_SHEETS = { summary: '汇总', details: '明细', findings: '校验结果' } as const;

const T = {
  'zh-CN': {
    period: '报告期', street: '所属街道', community: '社区', file: '来源', subtotal: '小计', total: '合计', returns: '份数',
    code: '指标代码', indicator: '指标', value: '数值', unit: '单位', raw: '原始填写', approx: '约数', sheet: '工作表', cell: '单元格',
    severity: '严重程度', findingCode: '代码', message: '说明', yes: '是', missing: '未上报',
  },
  'en-US': {
    period: 'Period', street: 'Street', community: 'Community', file: 'Source', subtotal: 'Sub-total', total: 'Total', returns: 'Returns',
    code: 'Code', indicator: 'Indicator', value: 'Value', unit: 'Unit', raw: 'As written', approx: 'Approximate', sheet: 'Sheet', cell: 'Cell',
    severity: 'Severity', findingCode: 'Code', message: 'Message', yes: 'yes', missing: 'not reported',
  },
} as const;

/** Number format of an indicator's column: whole counts, 2 decimals for quantities and money, 0.0 for %. */
export function numFmtOf(ind: Indicator): string {
  switch (ind.kind) {
    case 'count':
      return '#,##0';
    case 'quantity':
    case 'money':
      return '#,##0.##';
    case 'rate':
      return '0.0';
  }
}

export function indicatorHeader(ind: Indicator): string {
  return ind.unit ? `${ind.name}(${ind.unit})` : ind.name;
}

/**
 * 汇总: per period, each street's communities followed by the street's 小计, then the period's 合计.
 * Rates in 小计/合计 rows are recomputed from summed components (see combine/totals.ts).
 */
export function summaryTable(c: Consolidation, lang: Lang = 'zh-CN'): OutputTable {
  return materialise(summarySource(c, lang));
}

/** 汇总 row by row, into one reused row (at ten times a city-year, 288,000 rows × 33 cells never held as arrays). */
export function summarySource(c: Consolidation, lang: Lang = 'zh-CN'): TableSource {
  const t = T[lang];
  const columns: OutputColumn[] = [
    { header: t.period, width: 10 },
    { header: t.street, width: 12 },
    { header: t.community, width: 14 },
    ...c.indicators.map((ind) => ({ header: indicatorHeader(ind), numFmt: numFmtOf(ind), width: Math.max(10, ind.name.length * 2 + 4) })),
    { header: t.file, width: 30 },
  ];
  // Grouped with maps in one pass (rows come sorted by period, then street: first appearance is that order).
  const byPeriod = new Map<string | null, Map<string | null, SummaryRow[]>>();
  for (const r of c.rows) {
    let streets = byPeriod.get(r.period);
    if (!streets) byPeriod.set(r.period, (streets = new Map()));
    const own = streets.get(r.street);
    if (own) own.push(r);
    else streets.set(r.street, [r]);
  }
  const subOf = new Map<string | null, Map<string | null, (typeof c.streets)[number]>>();
  for (const s of c.streets) {
    let m = subOf.get(s.period);
    if (!m) subOf.set(s.period, (m = new Map()));
    if (!m.has(s.street)) m.set(s.street, s);
  }
  const totalOf = new Map<string | null, TotalRow & { period: string | null }>();
  for (const x of c.totals) if (!totalOf.has(x.period)) totalOf.set(x.period, x);
  let rowCount = c.rows.length;
  for (const [period, streets] of byPeriod) {
    for (const street of streets.keys()) if (subOf.get(period)?.get(street)) rowCount++;
    if (totalOf.get(period)) rowCount++;
  }
  const inds = c.indicators;
  function* lines(row: CellValue[]): Generator<RowKind> {
    const fill = (a: CellValue, b: CellValue, name: CellValue, values: Record<string, number | null>, last: CellValue): void => {
      row[0] = a;
      row[1] = b;
      row[2] = name;
      valuesInto(row, 3, values, inds);
      row[3 + inds.length] = last;
    };
    for (const [period, streets] of byPeriod) {
      for (const [street, own] of streets) {
        for (const r of own) {
          fill(r.period, r.street, r.community, r.values, `${r.file} / ${r.sheet}`);
          yield 'return';
        }
        const sub = subOf.get(period)?.get(street);
        if (sub) {
          // Brackets of the language: 小计（6）, Sub-total (6).
          fill(period, street, lang === 'en-US' ? `${t.subtotal} (${sub.returns})` : `${t.subtotal}（${sub.returns}）`, sub.values, null);
          yield 'subtotal';
        }
      }
      const total = totalOf.get(period);
      if (total) {
        fill(period, t.total, `${t.returns} ${total.returns}`, total.values, null);
        yield 'total';
      }
    }
  }
  return {
    sheet: OUTPUT_SHEETS.summary, tableName: 'CR_Summary', columns, rowCount,
    cursor: () => cursorOf(columns.length, lines),
  };
}

/**
 * row[from …]: each indicator's value in `values`, null where it has none. A function of its own, small: the
 * records of returns, sub-totals and totals differ in shape, and V8 recompiles what reads them as it meets
 * each (this alone, not the generator around it).
 */
function valuesInto(row: CellValue[], from: number, values: Record<string, number | null>, inds: readonly Indicator[]): void {
  for (let i = 0; i < inds.length; i++) row[from + i] = values[inds[i]!.code] ?? null;
}

/** 明细: the long table, one line per community × indicator, with the source cell. */
export function detailTable(c: Consolidation, lang: Lang = 'zh-CN'): OutputTable {
  return materialise(detailSource(c, lang));
}

function detailColumns(lang: Lang): OutputColumn[] {
  const t = T[lang];
  return [
    { header: t.community, width: 14 }, { header: t.street, width: 12 }, { header: t.period, width: 10 },
    { header: t.code, width: 18 }, { header: t.indicator, width: 20 }, { header: t.value, numFmt: '#,##0.##', width: 12 },
    { header: t.unit, width: 8 }, { header: t.raw, width: 14 }, { header: t.approx, width: 8 },
    { header: t.file, width: 30 }, { header: t.sheet, width: 14 }, { header: t.cell, width: 8 },
  ];
}

/**
 * 明细's cells that come round together: community, street and period, and source file and sheet, the same
 * for a return's lines (keyed by the return); code and name, and unit, the same for an indicator's (keyed
 * by the indicator).
 */
const DETAIL_RUNS: readonly (readonly [number, number])[] = [[0, 3], [3, 5], [6, 7], [9, 11]];

/**
 * 明细 rows above which summary.xlsx leaves 明细 out unless it is asked for. A district's year — 300
 * communities (the most DOMAIN.md expects) × 12 months × ~30 indicators — is ~110,000 rows and keeps it; a
 * city's year is ~834,000: a 29 MB file that Excel opens slowly, twice the time to write, for a trail that
 * is read by filtering one community at a time. 汇总 and 校验结果 (which names each finding's file · sheet ·
 * cell) are the same either way.
 */
export const DETAILS_DEFAULT_LIMIT = 200_000;

/** Whether summary.xlsx gets 明细: as asked (`true`/`false`), or by default only up to DETAILS_DEFAULT_LIMIT rows. */
export function includeDetails(rows: number, asked?: boolean): boolean {
  return asked ?? rows <= DETAILS_DEFAULT_LIMIT;
}

/** How many rows 明细 has: one per value of every combined return. */
export function detailRowCount(c: Consolidation): number {
  const returns = c.combined;
  if (!returns) return c.details.length;
  const indicators = c.indicators;
  // A table row's values are read from its table's columns, not made into objects (read/returnValues.ts).
  const counter = new ValuesReader(indicators);
  let rowCount = 0;
  for (let r = 0; r < returns.length; r++) {
    counter.at(returns[r]!);
    for (let i = 0; i < indicators.length; i++) if (counter.has(i)) rowCount++;
  }
  return rowCount;
}

/** 明细 row by row, straight from the combined returns' values (no detail objects, no arrays of cells). */
export function detailSource(c: Consolidation, lang: Lang = 'zh-CN'): TableSource {
  const t = T[lang];
  const columns = detailColumns(lang);
  const base = { sheet: OUTPUT_SHEETS.details, tableName: 'CR_Details', columns };
  const returns = c.combined;
  if (!returns) {
    // A consolidation made without its returns (tests build some by hand): from the detail objects.
    const details = c.details;
    return {
      ...base, rowCount: details.length,
      cursor: () => eachCursor(details, 12, (row, d) => {
        row[0] = d.community; row[1] = d.street; row[2] = d.period; row[3] = d.code; row[4] = d.name; row[5] = d.value;
        row[6] = d.unit; row[7] = d.raw; row[8] = d.approximate ? t.yes : null; row[9] = d.file; row[10] = d.sheet; row[11] = d.cell;
      }),
    };
  }
  const indicators = c.indicators;
  return {
    ...base, rowCount: detailRowCount(c), runs: DETAIL_RUNS,
    cursor() {
      let r = 0;
      let k = 0;
      const row: CellValue[] = new Array(12).fill(null);
      const runKeys = new Int32Array(DETAIL_RUNS.length);
      const v = new ValuesReader(indicators);
      return {
        row,
        runKeys,
        next(): RowKind | null {
          // The same lines, in the same order, as combineReturns' details: each return's values in template order.
          for (; r < returns.length; r++, k = 0) {
            const ret = returns[r]!;
            if (k === 0) v.at(ret);
            while (k < indicators.length) {
              const i = k++;
              if (!v.has(i)) continue;
              const ind = indicators[i]!;
              const raw = v.raw(i);
              row[0] = ret.community ?? ''; row[1] = ret.street; row[2] = ret.period; row[3] = ind.code; row[4] = ind.name;
              row[5] = v.value(i); row[6] = ind.unit; row[7] = raw === null ? '' : String(raw); row[8] = v.approximate(i) ? t.yes : null;
              row[9] = ret.file; row[10] = ret.sheet; row[11] = v.cell(i);
              runKeys[0] = r; runKeys[1] = i; runKeys[2] = i; runKeys[3] = r;
              return 'return';
            }
          }
          return null;
        },
      };
    },
  };
}

/** 校验结果: every finding with its place, and a link to its cell where the door can make one. */
export function findingsTable(findings: readonly Finding[], lang: Lang = 'zh-CN'): OutputTable {
  const links = findings.map((f) => (f.sheet && f.cell ? { sheet: f.sheet, cell: f.cell } : null));
  return { ...materialise(findingsSource(findings, lang)), links, linkColumn: 4 };
}

/** 校验结果 row by row (a city-year has tens of thousands of findings). */
export function findingsSource(findings: readonly Finding[], lang: Lang = 'zh-CN'): TableSource {
  const t = T[lang];
  const columns: OutputColumn[] = [
    { header: t.severity, width: 8 }, { header: t.findingCode, width: 20 }, { header: t.file, width: 28 },
    { header: t.sheet, width: 14 }, { header: t.cell, width: 8 }, { header: t.community, width: 14 },
    { header: t.period, width: 10 }, { header: t.indicator, width: 18 }, { header: t.message, width: 60 },
  ];
  return {
    sheet: OUTPUT_SHEETS.findings, tableName: 'CR_Findings', columns, rowCount: findings.length,
    cursor: () => eachCursor(findings, 9, (row, f) => {
      row[0] = severityLabel(f.severity, lang); row[1] = f.code; row[2] = f.file; row[3] = f.sheet ?? null; row[4] = f.cell ?? null;
      row[5] = f.community ?? null; row[6] = f.period ?? null;
      row[7] = (lang === 'en-US' ? f.indicatorNameEn : undefined) ?? f.indicatorName ?? null; row[8] = messageOf(f, lang);
    }),
  };
}

export function outputTables(c: Consolidation, findings: readonly Finding[], lang: Lang = 'zh-CN'): OutputTable[] {
  return [summaryTable(c, lang), detailTable(c, lang), findingsTable(findings, lang)];
}

/** The same sheets as `outputTables`, 明细 and 校验结果 made row by row as a writer asks for them. */
export function outputSources(c: Consolidation, findings: readonly Finding[], lang: Lang = 'zh-CN', details = true): TableSource[] {
  return details
    ? [summarySource(c, lang), detailSource(c, lang), findingsSource(findings, lang)]
    : [summarySource(c, lang), findingsSource(findings, lang)];
}
