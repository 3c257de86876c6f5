import type { Consolidation, TotalRow } from '../combine/types.js';
import type { Finding } from '../findings/codes.js';
import { messageOf, severityLabel, type Lang } from '../findings/wording.js';
import type { CellValue } from '../grid.js';
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
  const t = T[lang];
  const columns: OutputColumn[] = [
    { header: t.period, width: 10 },
    { header: t.street, width: 12 },
    { header: t.community, width: 14 },
    ...c.indicators.map((ind) => ({ header: indicatorHeader(ind), numFmt: numFmtOf(ind), width: Math.max(10, ind.name.length * 2 + 4) })),
    { header: t.file, width: 30 },
  ];
  const rows: CellValue[][] = [];
  const kinds: RowKind[] = [];
  const valuesOf = (v: Record<string, number | null>): CellValue[] => c.indicators.map((ind) => v[ind.code] ?? null);
  const periods = [...new Set(c.rows.map((r) => r.period))];
  for (const period of periods) {
    const inPeriod = c.rows.filter((r) => r.period === period);
    for (const street of [...new Set(inPeriod.map((r) => r.street))]) {
      for (const r of inPeriod.filter((x) => x.street === street)) {
        rows.push([r.period, r.street, r.community, ...valuesOf(r.values), `${r.file} / ${r.sheet}`]);
        kinds.push('return');
      }
      const sub = c.streets.find((s) => s.period === period && s.street === street);
      if (sub) {
        // Brackets of the language: 小计（6）, Sub-total (6).
        rows.push([period, street, lang === 'en-US' ? `${t.subtotal} (${sub.returns})` : `${t.subtotal}（${sub.returns}）`, ...valuesOf(sub.values), null]);
        kinds.push('subtotal');
      }
    }
    const total: (TotalRow & { period: string | null }) | undefined = c.totals.find((x) => x.period === period);
    if (total) {
      rows.push([period, t.total, `${t.returns} ${total.returns}`, ...valuesOf(total.values), null]);
      kinds.push('total');
    }
  }
  return { sheet: OUTPUT_SHEETS.summary, tableName: 'CR_Summary', columns, rows, kinds };
}

/** 明细: the long table, one line per community × indicator, with the source cell. */
export function detailTable(c: Consolidation, lang: Lang = 'zh-CN'): OutputTable {
  const t = T[lang];
  const columns: OutputColumn[] = [
    { header: t.community, width: 14 }, { header: t.street, width: 12 }, { header: t.period, width: 10 },
    { header: t.code, width: 18 }, { header: t.indicator, width: 20 }, { header: t.value, numFmt: '#,##0.##', width: 12 },
    { header: t.unit, width: 8 }, { header: t.raw, width: 14 }, { header: t.approx, width: 8 },
    { header: t.file, width: 30 }, { header: t.sheet, width: 14 }, { header: t.cell, width: 8 },
  ];
  const rows = c.details.map((d): CellValue[] => [
    d.community, d.street, d.period, d.code, d.name, d.value, d.unit, d.raw, d.approximate ? t.yes : null, d.file, d.sheet, d.cell,
  ]);
  return { sheet: OUTPUT_SHEETS.details, tableName: 'CR_Details', columns, rows, kinds: rows.map(() => 'return') };
}

/** 校验结果: every finding with its place, and a link to its cell where the door can make one. */
export function findingsTable(findings: readonly Finding[], lang: Lang = 'zh-CN'): OutputTable {
  const t = T[lang];
  const columns: OutputColumn[] = [
    { header: t.severity, width: 8 }, { header: t.findingCode, width: 20 }, { header: t.file, width: 28 },
    { header: t.sheet, width: 14 }, { header: t.cell, width: 8 }, { header: t.community, width: 14 },
    { header: t.period, width: 10 }, { header: t.indicator, width: 18 }, { header: t.message, width: 60 },
  ];
  const rows = findings.map((f): CellValue[] => [
    severityLabel(f.severity, lang), f.code, f.file, f.sheet ?? null, f.cell ?? null, f.community ?? null,
    f.period ?? null, (lang === 'en-US' ? f.indicatorNameEn : undefined) ?? f.indicatorName ?? null, messageOf(f, lang),
  ]);
  const links = findings.map((f) => (f.sheet && f.cell ? { sheet: f.sheet, cell: f.cell } : null));
  return { sheet: OUTPUT_SHEETS.findings, tableName: 'CR_Findings', columns, rows, kinds: rows.map(() => 'return'), links, linkColumn: 4 };
}

export function outputTables(c: Consolidation, findings: readonly Finding[], lang: Lang = 'zh-CN'): OutputTable[] {
  return [summaryTable(c, lang), detailTable(c, lang), findingsTable(findings, lang)];
}
