import { acrossMonths, type AcrossMonths } from '../core/months/acrossMonths.js';
import { momTable, ytdTable } from '../core/months/tables.js';
import type { OutputTable } from '../core/output/tables.js';
import { withHistory, type HistoryInput } from '../core/months/withHistory.js';
import { readInputs } from '../node/readInputs.js';
import { loadAndRun, type CommonOptions, type Loaded } from './load.js';

export interface MonthsLoaded {
  loaded: Loaded;
  history: HistoryInput;
  /** Across months for the chosen period; null when no period is known at all. Computed on first use. */
  readonly months: AcrossMonths | null;
}

/**
 * Loads the inputs as `loadAndRun` does, then earlier months from `historyPaths` (previous summary.xlsx
 * files or returns) as history only: they feed the history check and year-to-date figures, never the
 * current outputs. An unreadable history file is said on stderr and otherwise passed over. Our own
 * summaries found among the inputs join the history.
 */
export async function loadWithHistory(
  inputs: string[],
  opts: CommonOptions,
  historyPaths: readonly string[] = [],
  period: string | null = null,
): Promise<MonthsLoaded> {
  const loaded = await loadAndRun(inputs, opts);
  let history: HistoryInput = { rows: [], returns: 0 };
  for (const b of loaded.ownOutputs) console.error(`本工具写出的汇总，仅作历史数据 / our own summary, read as history only: ${b.file}`);
  if (historyPaths.length || loaded.ownOutputs.length) {
    const read = await readInputs([...historyPaths]);
    for (const p of read.problems) console.error(`历史数据无法读取 / history unreadable: ${p.file}: ${p.reason}`);
    const h = withHistory(loaded.result, [...loaded.ownOutputs, ...read.books], loaded.template);
    loaded.result = h.result;
    history = h.history;
  }
  // Months and year to date only when an output asks for them (validate and --format json never do).
  let months: AcrossMonths | null | undefined;
  return {
    loaded,
    history,
    get months() {
      if (months === undefined) months = acrossMonths(loaded.result.consolidation, history.rows, period);
      return months;
    },
  };
}

/** 累计 and 环比 sheets for combine's workbook, when there is more than one month to speak of. */
export function monthTables(m: MonthsLoaded): OutputTable[] {
  return m.months && m.months.periods.length > 1 ? [ytdTable(m.months), momTable(m.months)] : [];
}
