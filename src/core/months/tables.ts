import type { CellValue } from '../grid.js';
import { groupBy } from '../groupBy.js';
import { indicatorHeader, numFmtOf, type OutputColumn, type OutputTable, type RowKind } from '../output/tables.js';
import type { AcrossMonths } from './acrossMonths.js';
import type { ChangeRow } from './monthOnMonth.js';
import { periodLabel } from './periods.js';
import type { YtdRow } from './yearToDate.js';

/** Sheet names of the across-months outputs. */
export const MONTH_SHEETS = { ytd: '累计', mom: '环比' } as const;

/**
 * Not plain 社区: read back (a summary.xlsx given as history or input), a sheet with a 社区 column and
 * indicator columns is a table-form return, and cumulative sums must never pass for a month's figures.
 */
const COMMUNITY_HEADER = { ytd: '社区（累计）', mom: '社区（环比）' } as const;

/**
 * 累计: year-to-date per community, street sub-totals and the total, January to the period. Rates are
 * ratios of cumulative sums (see yearToDate.ts). 月数 says how many monthly returns each line sums.
 */
export function ytdTable(a: AcrossMonths): OutputTable {
  const { ytd, indicators } = a;
  const range = `${periodLabel(ytd.months[0] ?? a.period)}—${periodLabel(a.period)}`;
  const columns: OutputColumn[] = [
    { header: '累计期间', width: 22 }, { header: '所属街道', width: 12 }, { header: COMMUNITY_HEADER.ytd, width: 14 }, { header: '月数', width: 6 },
    ...indicators.map((ind) => ({ header: indicatorHeader(ind), numFmt: numFmtOf(ind), width: Math.max(10, ind.name.length * 2 + 4) })),
  ];
  const rows: CellValue[][] = [];
  const kinds: RowKind[] = [];
  const line = (r: YtdRow, community: string, kind: RowKind, street: string | null): void => {
    rows.push([range, street, community, r.months.length, ...indicators.map((i) => r.values[i.code] ?? null)]);
    kinds.push(kind);
  };
  const ofStreet = groupBy(ytd.communities, (x) => x.street);
  for (const s of ytd.streets) {
    for (const c of ofStreet.get(s.street) ?? []) line(c, c.community ?? '', 'return', c.street);
    line(s, '小计', 'subtotal', s.street);
  }
  line(ytd.total, '合计', 'total', '合计');
  return { sheet: MONTH_SHEETS.ytd, tableName: 'CR_YearToDate', columns, rows, kinds };
}

/**
 * 环比: this month, last month, the change and the change in % for every indicator, per community,
 * street and total. A community with no return last month shows 上月未报 and no change.
 */
export function momTable(a: AcrossMonths): OutputTable {
  const { mom, indicators } = a;
  const columns: OutputColumn[] = [
    { header: '所属街道', width: 12 }, { header: COMMUNITY_HEADER.mom, width: 14 }, { header: '指标', width: 20 }, { header: '单位', width: 8 },
    { header: periodLabel(mom.period), numFmt: '#,##0.##', width: 12 }, { header: periodLabel(mom.previous), numFmt: '#,##0.##', width: 12 },
    { header: '增减', numFmt: '+#,##0.##;-#,##0.##;0', width: 10 }, { header: '增减%', numFmt: '+0.0;-0.0;0.0', width: 9 }, { header: '说明', width: 14 },
  ];
  const rows: CellValue[][] = [];
  const kinds: RowKind[] = [];
  const block = (r: ChangeRow, street: string | null, community: string, kind: RowKind): void => {
    for (const ind of indicators) {
      const ch = r.changes[ind.code]!;
      if (ch.current === null && ch.previous === null) continue;
      const note = !r.previousReported ? '上月未报' : ch.previous === null ? '上月未填' : ch.current === null ? '本月未填' : ind.kind === 'rate' ? '增减为百分点' : null;
      rows.push([street, community, ind.name, ind.unit, ch.current, ch.previous, ch.change, ch.changePct, note]);
      kinds.push(kind);
    }
  };
  const ofStreet = groupBy(mom.communities, (x) => x.street);
  for (const s of mom.streets) {
    for (const c of ofStreet.get(s.street) ?? []) block(c, c.street, c.community ?? '', 'return');
    block(s, s.street, '小计', 'subtotal');
  }
  block(mom.total, '合计', '合计', 'total');
  return { sheet: MONTH_SHEETS.mom, tableName: 'CR_MonthOnMonth', columns, rows, kinds };
}
