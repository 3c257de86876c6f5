import type { CellValue } from '../grid.js';
import { groupBy } from '../groupBy.js';
import { cursorOf, indicatorHeader, materialise, numFmtOf, type OutputColumn, type OutputTable, type RowKind, type TableSource } from '../output/tables.js';
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
  return materialise(ytdSource(a));
}

/** 累计 row by row, into one reused row (ten times a city-year: 26,000 rows never held as arrays of cells). */
export function ytdSource(a: AcrossMonths): TableSource {
  const { ytd, indicators } = a;
  const range = `${periodLabel(ytd.months[0] ?? a.period)}—${periodLabel(a.period)}`;
  const columns: OutputColumn[] = [
    { header: '累计期间', width: 22 }, { header: '所属街道', width: 12 }, { header: COMMUNITY_HEADER.ytd, width: 14 }, { header: '月数', width: 6 },
    ...indicators.map((ind) => ({ header: indicatorHeader(ind), numFmt: numFmtOf(ind), width: Math.max(10, ind.name.length * 2 + 4) })),
  ];
  const ofStreet = groupBy(ytd.communities, (x) => x.street);
  let rowCount = 1;
  for (const s of ytd.streets) rowCount += (ofStreet.get(s.street)?.length ?? 0) + 1;
  function* lines(row: CellValue[]): Generator<RowKind> {
    const line = (r: YtdRow, community: string, street: string | null): void => {
      row[0] = range;
      row[1] = street;
      row[2] = community;
      row[3] = r.months.length;
      for (let i = 0; i < indicators.length; i++) row[4 + i] = r.values[indicators[i]!.code] ?? null;
    };
    for (const s of ytd.streets) {
      for (const c of ofStreet.get(s.street) ?? []) {
        line(c, c.community ?? '', c.street);
        yield 'return';
      }
      line(s, '小计', s.street);
      yield 'subtotal';
    }
    line(ytd.total, '合计', '合计');
    yield 'total';
  }
  return { sheet: MONTH_SHEETS.ytd, tableName: 'CR_YearToDate', columns, rowCount, cursor: () => cursorOf(columns.length, lines) };
}

/**
 * 环比: this month, last month, the change and the change in % for every indicator, per community,
 * street and total. A community with no return last month shows 上月未报 and no change.
 */
export function momTable(a: AcrossMonths): OutputTable {
  return materialise(momSource(a));
}

/** 环比 row by row, into one reused row (ten times a city-year: ~700,000 rows never held as arrays of cells). */
export function momSource(a: AcrossMonths): TableSource {
  const { mom, indicators } = a;
  const columns: OutputColumn[] = [
    { header: '所属街道', width: 12 }, { header: COMMUNITY_HEADER.mom, width: 14 }, { header: '指标', width: 20 }, { header: '单位', width: 8 },
    { header: periodLabel(mom.period), numFmt: '#,##0.##', width: 12 }, { header: periodLabel(mom.previous), numFmt: '#,##0.##', width: 12 },
    { header: '增减', numFmt: '+#,##0.##;-#,##0.##;0', width: 10 }, { header: '增减%', numFmt: '+0.0;-0.0;0.0', width: 9 }, { header: '说明', width: 14 },
  ];
  const ofStreet = groupBy(mom.communities, (x) => x.street);
  const linesOf = (r: ChangeRow): number => {
    let n = 0;
    for (const ind of indicators) {
      const ch = r.changes[ind.code]!;
      if (ch.current !== null || ch.previous !== null) n++;
    }
    return n;
  };
  let rowCount = linesOf(mom.total);
  for (const s of mom.streets) {
    for (const c of ofStreet.get(s.street) ?? []) rowCount += linesOf(c);
    rowCount += linesOf(s);
  }
  function* lines(row: CellValue[]): Generator<RowKind> {
    function* block(r: ChangeRow, street: string | null, community: string, kind: RowKind): Generator<RowKind> {
      for (const ind of indicators) {
        const ch = r.changes[ind.code]!;
        if (ch.current === null && ch.previous === null) continue;
        const note = !r.previousReported ? '上月未报' : ch.previous === null ? '上月未填' : ch.current === null ? '本月未填' : ind.kind === 'rate' ? '增减为百分点' : null;
        row[0] = street; row[1] = community; row[2] = ind.name; row[3] = ind.unit;
        row[4] = ch.current; row[5] = ch.previous; row[6] = ch.change; row[7] = ch.changePct; row[8] = note;
        yield kind;
      }
    }
    for (const s of mom.streets) {
      for (const c of ofStreet.get(s.street) ?? []) yield* block(c, c.street, c.community ?? '', 'return');
      yield* block(s, s.street, '小计', 'subtotal');
    }
    yield* block(mom.total, '合计', '合计', 'total');
  }
  return { sheet: MONTH_SHEETS.mom, tableName: 'CR_MonthOnMonth', columns, rowCount, cursor: () => cursorOf(columns.length, lines) };
}
