import { countBySeverity, encodingFinding, type Finding } from '../core/findings/codes.js';
import { messageOf, type Lang } from '../core/findings/wording.js';
import type { WorkbookGrids } from '../core/grid.js';
import { runJob, type Job } from '../core/job.js';
import type { Template } from '../core/template/types.js';
import { loadRosterFile } from '../node/loadRosterFile.js';
import { loadTemplateFile, STANDARD_TEMPLATE_DIR } from '../node/loadTemplateFile.js';
import { problemFinding, readInputs } from '../node/readInputs.js';
import { progressBar } from './progress.js';

export interface CommonOptions {
  template?: string | undefined;
  roster?: string | undefined;
  /** `YYYY-MM` for returns that state no period (validate, combine). */
  period?: string | undefined;
  /** Earlier months, read as history only (previous summary.xlsx files or returns). */
  history?: readonly string[] | undefined;
  /** The period charts and the report speak of (chart, report; default: the latest). */
  reportPeriod?: string | null | undefined;
  lang?: Lang | undefined;
}

export interface Loaded {
  /** The one job's result: findings, consolidation and every view a command writes. */
  result: Job;
  template: Template;
  files: number;
  /** Workbooks this tool wrote (a summary.xlsx inside an input folder): history only, never returns. */
  ownOutputs: WorkbookGrids[];
  /** True when input could not be read (a file, the template or the roster): exit code 2. */
  unreadable: boolean;
}

/**
 * Walks the inputs, reads the template, the roster and any history, and runs the core job. Only file
 * reading happens here; everything the commands print or write comes from the job.
 */
export async function loadAndRun(inputs: string[], opts: CommonOptions): Promise<Loaded> {
  const tpl = await loadTemplateFile(opts.template ?? STANDARD_TEMPLATE_DIR);
  const pre: Finding[] = [...tpl.findings];
  let roster = null;
  if (opts.roster) {
    const r = await loadRosterFile(opts.roster);
    roster = r.roster;
    pre.push(...r.findings);
  }
  const bar = progressBar('读取 reading');
  const read = await readInputs(inputs, { onProgress: bar });
  bar.end();
  for (const p of read.problems) pre.push(problemFinding(p));
  pre.push(...read.findings);
  for (const [file, encoding] of Object.entries(read.encodings)) {
    const f = encodingFinding(file, encoding);
    if (f) pre.push(f);
  }
  // Our own summary.xlsx inside an input folder is not a return of the period it summarises (reading it
  // would duplicate every community); it still serves as history.
  const books = read.books.filter((b) => !b.ownOutput);
  const ownOutputs = read.books.filter((b) => b.ownOutput);
  for (const b of ownOutputs) console.error(`本工具写出的汇总，仅作历史数据 / our own summary, read as history only: ${b.file}`);
  let history: WorkbookGrids[] = [...ownOutputs];
  if (opts.history?.length) {
    const h = await readInputs([...opts.history]);
    for (const p of h.problems) console.error(`历史数据无法读取 / history unreadable: ${p.file}: ${messageOf(problemFinding(p), opts.lang ?? 'zh-CN')}`);
    history = [...history, ...h.books];
  }
  const result = runJob({
    books, template: tpl.template, roster, defaultPeriod: opts.period ?? null, findings: pre,
    history, period: opts.reportPeriod ?? null, lang: opts.lang ?? 'zh-CN',
  });
  const unreadable =
    read.problems.length > 0 ||
    tpl.template.indicators.length === 0 ||
    pre.some((f) => f.severity === 'error' && (f.code.startsWith('template_') || f.code.startsWith('roster_') || f.code === 'file_unreadable'));
  return { result, template: tpl.template, files: books.length, ownOutputs, unreadable };
}

export function exitCodeOf(loaded: Loaded): number {
  if (loaded.unreadable) return 2;
  return countBySeverity(loaded.result.findings).error > 0 ? 1 : 0;
}
