import { excludedByFindings, type ChartSource, type ChartSpec } from './charts/index.js';
import { indicatorCharts, meetingCharts } from './charts/meetingSet.js';
import { monthsChart } from './charts/overMonths.js';
import { denseValues } from './check/dense.js';
import { PANEL_CHECKS, returnKey } from './check/panelChecks.js';
import { checkReturn } from './check/returnChecks.js';
import type { Roster } from './check/roster.js';
import { combineReturns } from './combine/combineReturns.js';
import type { Consolidation } from './combine/types.js';
import { compareFindings, finding, type Finding } from './findings/codes.js';
import type { Lang } from './findings/wording.js';
import type { WorkbookGrids } from './grid.js';
import { acrossMonths, type AcrossMonths } from './months/acrossMonths.js';
import { keyFigures, type KeyFigure } from './months/keyFigures.js';
import { uniqueRows } from './months/rows.js';
import { momSource, ytdSource } from './months/tables.js';
import { withHistory, type HistoryInput } from './months/withHistory.js';
import { toJson } from './output/json.js';
import { detailRowCount, materialise, outputSources, outputTables, summaryTable, type OutputTable, type TableSource } from './output/tables.js';
import { pushAll } from './groupBy.js';
import { readWorkbooks } from './read/readWorkbook.js';
import type { ParsedReturn } from './read/types.js';
import type { Template } from './template/types.js';

export interface JobInput {
  /** The returns, one workbook per file, each named by its path (relative to the folder picked). */
  books: readonly WorkbookGrids[];
  template: Template;
  roster?: Roster | null;
  /** `YYYY-MM` used for returns that state no period (an info finding says so). */
  defaultPeriod?: string | null;
  /** Findings produced before the core saw the grids (unreadable files, template, encodings). */
  findings?: readonly Finding[];
  /**
   * Earlier months read only as history (previous summary.xlsx files or returns): they feed the history
   * check, the year to date, month-on-month and the charts, never the current summary or findings.
   */
  history?: readonly WorkbookGrids[];
  /** The period the charts, the report and the key figures speak of (default: the latest present). */
  period?: string | null;
  /** Language of the output tables and chart words (default zh-CN). */
  lang?: Lang;
}

/** What reading, checking and combining produce: the data every other view is made from. */
export interface JobResult {
  returns: ParsedReturn[];
  findings: Finding[];
  consolidation: Consolidation;
}

/**
 * Everything a door shows, from one run. The findings and the consolidation are computed at once; every
 * other view (months, the output sheets, the chart source, charts, key figures, JSON) only when a door
 * asks for it, and then once — validating never pays for year-to-date or month-on-month.
 */
export interface Job extends JobResult {
  template: Template;
  lang: Lang;
  /** Earlier months read as history (empty without `history`). */
  history: HistoryInput;
  /** Year to date, month-on-month and per-period totals for `period`; null when no period is known. */
  months(): AcrossMonths | null;
  /** 汇总 — also what the CSV is written from. */
  summaryTable(): OutputTable;
  /** Every output sheet: 汇总, 明细, 校验结果, and 累计 and 环比 when the months span more than one. */
  outputTables(): OutputTable[];
  /**
   * The same sheets as `outputTables`, every one made row by row as a writer asks for it (summary.xlsx at
   * ten times a city-year: 8.3 million 明细 rows and ~700,000 环比 rows never held as arrays of cells).
   * `details: false` leaves 明细 (one row per value) out.
   */
  outputSources(options?: { details?: boolean }): TableSource[];
  /** How many rows 明细 has (one per value): what decides whether summary.xlsx gets it by default. */
  detailRows(): number;
  /** The rows the charts draw (history included), with the values that have an error finding marked out. */
  chartSource(): ChartSource;
  /** The meeting set, or the four charts of one indicator. */
  charts(indicator?: string): ChartSpec[];
  /** The headline figures of `months().period`: the same totals as 汇总, 累计 and 环比. */
  keyFigures(): KeyFigure[];
  /** The documented JSON result. */
  json(): ReturnType<typeof toJson>;
}

/**
 * Reads every sheet, checks every return, checks across returns and combines: the part every door needs
 * at once. Pure: same input, same output (findings in a stable order).
 */
export function checkAndCombine(input: Pick<JobInput, 'books' | 'template' | 'roster' | 'defaultPeriod' | 'findings'>): JobResult {
  const { template } = input;
  const roster = input.roster ?? null;
  const read = readWorkbooks(input.books, template);
  const findings: Finding[] = [...(input.findings ?? []), ...read.findings];
  const returns = read.returns;

  if (input.defaultPeriod) {
    for (const ret of returns) {
      if (ret.period !== null) continue;
      const i = findings.findIndex((f) => f.code === 'period_not_found' && f.file === ret.file && f.sheet === ret.sheet);
      if (i < 0) continue;
      ret.period = input.defaultPeriod;
      findings[i] = finding('period_from_option', { period: input.defaultPeriod }, { file: ret.file, sheet: ret.sheet, community: ret.community ?? undefined });
    }
  }
  // The roster is authoritative for a community's street when the return does not state one.
  if (roster) {
    const streetOf = new Map(roster.entries.map((e) => [e.community, e.street]));
    for (let q = 0; q < returns.length; q++) {
      const ret = returns[q]!;
      if (!ret.street && ret.community) ret.street = streetOf.get(ret.community) ?? null;
    }
  }
  // (Loops over the returns by index: each runs once, largely as baseline code, where a for-of makes an
  // iterator result object per return.)
  for (let q = 0; q < returns.length; q++) {
    const ret = returns[q]!;
    if (ret.community && !ret.street) {
      findings.push(finding('street_not_found', {}, { file: ret.file, sheet: ret.sheet, community: ret.community, cell: ret.communityCell ?? undefined }));
    }
    checkReturn(ret, template, findings);
  }
  // The returns' values as numbers, once, for the checks that compute with them (peer and history outliers).
  // And each return's community-period key, once, for the duplicates check and the filter below.
  const dense = denseValues(returns, template.indicators);
  const keys = returns.map(returnKey);
  for (const check of PANEL_CHECKS) pushAll(findings, check({ returns, template, roster, dense, keys }));

  // Into the summary: returns that name a community, and of duplicates only the first in file order
  // (summing both would double the totals; the duplicate_return errors name both copies).
  const seen = new Set<string>();
  const at: number[] = [];
  for (let q = 0; q < returns.length; q++) {
    if (!returns[q]!.community) continue;
    const key = keys[q] ?? null;
    if (key !== null) {
      if (seen.has(key)) continue;
      seen.add(key);
    }
    at.push(q);
  }
  const combined = at.map((q) => returns[q]!);
  findings.sort(compareFindings);
  // The combined returns' numbers are already in `dense`: read there, not made again.
  return { returns, findings, consolidation: combineReturns(combined, template, roster, { numbers: dense, at }) };
}

/** Memoises a view: computed the first time a door asks, never before. */
function once<T>(make: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = make();
      done = true;
    }
    return value;
  };
}

/** The one job every door runs (command line, web page, task pane, report). See `Job`. */
export function runJob(input: JobInput): Job {
  let result = checkAndCombine(input);
  let history: HistoryInput = { rows: [], returns: 0 };
  if (input.history?.length) {
    const h = withHistory(result, input.history, input.template);
    result = h.result;
    history = h.history;
  }
  const lang = input.lang ?? 'zh-CN';
  {
    // English messages name the indicator as the template's English column does, where it has one; set
    // whatever the job's language, so a door can show the same findings in English without running again.
    const en = new Map(input.template.indicators.flatMap((i) => (i.nameEn ? [[i.code, i.nameEn] as const] : [])));
    for (const f of result.findings) if (f.indicator && en.has(f.indicator)) f.indicatorNameEn = en.get(f.indicator);
  }
  const c = result.consolidation;
  // No view below refers to `input`: a closure that did would keep the read workbooks (every cell of every
  // input, hundreds of MB at ten times a city-year) alive for as long as the job, outputs included.
  const reportPeriod = input.period ?? null;
  const months = once(() => acrossMonths(c, history.rows, reportPeriod));
  const chartSource = once(
    (): ChartSource => ({ indicators: c.indicators, rows: uniqueRows(c.rows, history.rows), excluded: excludedByFindings(result.findings), lang }),
  );
  const period = (): string | null => months()?.period ?? null;
  // 累计 and 环比 only when there is more than one month to speak of; one month never computes them.
  // Row sources: a writer makes their rows as it reads them (环比 at ten times a city-year is ~700,000 rows).
  const monthSources = once((): TableSource[] => {
    const several = new Set([...c.periods, ...history.rows.map((r) => r.period)]).size > 1;
    const m = several ? months() : null;
    return m && m.periods.length > 1 ? [ytdSource(m), momSource(m)] : [];
  });
  const job: Job = {
    ...result,
    template: input.template,
    lang,
    history,
    months,
    summaryTable: once(() => summaryTable(c, lang)),
    outputTables: once(() => [...outputTables(c, result.findings, lang), ...monthSources().map(materialise)]),
    // Not memoised: each call gives fresh cursors (the rows are made as the writer reads them).
    // The job's findings: a door that adds one before writing (明细 left out) sees it in 校验结果.
    outputSources: (options) => [...outputSources(c, job.findings, lang, options?.details ?? true), ...monthSources()],
    detailRows: once(() => detailRowCount(c)),
    chartSource,
    charts: (indicator) => {
      const p = period();
      if (!p) return [];
      const src = chartSource();
      if (!indicator) return meetingCharts(src, p);
      const [communities, ...rest] = indicatorCharts(src, indicator, p);
      const streets = monthsChart(src, indicator, { by: 'street', upTo: p });
      return [communities, ...rest.slice(0, 1), streets, ...rest.slice(1)].filter((s): s is ChartSpec => !!s);
    },
    keyFigures: once(() => {
      const m = months();
      return m ? keyFigures(m, chartSource().excluded ?? []) : [];
    }),
    // The job's own findings, so that a door that adds one (a write that failed) sees it in the JSON too.
    json: () => toJson({ ...result, findings: job.findings }, lang),
  };
  return job;
}
