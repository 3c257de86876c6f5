import { countBySeverity, encodingFinding, finding, type Finding } from '../core/findings/codes.js';
import type { WorkbookGrids } from '../core/grid.js';
import { runJob, type JobResult } from '../core/job.js';
import type { Template } from '../core/template/types.js';
import { loadRosterFile } from '../node/loadRosterFile.js';
import { loadTemplateFile, STANDARD_TEMPLATE_DIR } from '../node/loadTemplateFile.js';
import { readInputs } from '../node/readInputs.js';
import { progressBar } from './progress.js';

export interface CommonOptions {
  template?: string | undefined;
  roster?: string | undefined;
  period?: string | undefined;
}

export interface Loaded {
  result: JobResult;
  template: Template;
  files: number;
  /** Workbooks this tool wrote (a summary.xlsx inside an input folder): history only, never returns. */
  ownOutputs: WorkbookGrids[];
  /** True when input could not be read (a file, the template or the roster): exit code 2. */
  unreadable: boolean;
}

/** Reads the template, the roster and the inputs, and runs the core job. */
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
  for (const p of read.problems) pre.push(finding('file_unreadable', { reason: p.reason }, { file: p.file }));
  for (const [file, encoding] of Object.entries(read.encodings)) {
    const f = encodingFinding(file, encoding);
    if (f) pre.push(f);
  }
  // Our own summary.xlsx inside an input folder is not a return of the period it summarises (reading it
  // would duplicate every community); it still serves as history (src/cli/history.ts).
  const books = read.books.filter((b) => !b.ownOutput);
  const ownOutputs = read.books.filter((b) => b.ownOutput);
  const result = runJob({ books, template: tpl.template, roster, defaultPeriod: opts.period ?? null, findings: pre });
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
