/**
 * Browser mode's work, as plain functions over the files the user chose: read the bytes into grids, run
 * the core's one job, turn its tables into bytes. The page (page.ts) is handed these and shows what they
 * return; it never decides what a number means.
 */
import type { Finding } from '../core/findings/codes.js';
import type { Lang } from '../core/findings/wording.js';
import { runJob, type Job } from '../core/job.js';
import { loadTemplate } from '../core/template/loadTemplate.js';
import { standardTemplateGrids } from '../ui/standardTemplate.js';
import type { InputFile } from '../ui/files.js';
import { readFiles, readRosterFile } from '../ui/readFiles.js';

export interface BrowserJob {
  result: Job;
  /** Number of files read. */
  files: number;
}

/** Reads the returns (and the roster), and runs the one job with the standard template. */
export async function runBrowserJob(
  files: readonly InputFile[],
  roster: InputFile | null,
  lang: Lang,
  onProgress?: (done: number, total: number) => void,
): Promise<BrowserJob> {
  const t = loadTemplate(standardTemplateGrids(), 'templates/standard');
  const pre: Finding[] = [...t.findings];
  let r = null;
  if (roster) {
    const loaded = await readRosterFile(roster);
    r = loaded.roster;
    pre.push(...loaded.findings);
  }
  const read = await readFiles(files, onProgress);
  pre.push(...read.findings);
  const result = runJob({ books: read.books, template: t.template, roster: r, findings: pre, lang });
  return { result, files: read.books.length };
}

/**
 * summary.xlsx: the job's output sheets, written by the command line's own exceljs code; in `lang`
 * when the page was switched to another language since the job ran (汇总, 明细, 校验结果 again in it).
 */
export async function summaryXlsx(job: BrowserJob, lang: Lang = job.result.lang): Promise<Uint8Array> {
  const { outputWorkbook } = await import('../io/writeXlsx.js');
  const tables = job.result.outputTables();
  if (lang === job.result.lang) return outputWorkbook(tables);
  const { outputTables } = await import('../core/output/tables.js');
  const again = outputTables(job.result.consolidation, job.result.findings, lang);
  return outputWorkbook([...again, ...tables.slice(again.length)]);
}

/** summary.csv: the 汇总 table, UTF-8 with BOM, formulas neutralised (the command line's writer). */
export async function summaryCsv(job: BrowserJob, lang: Lang = job.result.lang): Promise<string> {
  const [{ tableToCsv }, { summaryTable }] = await Promise.all([import('../io/writeCsv.js'), import('../core/output/tables.js')]);
  return tableToCsv(lang === job.result.lang ? job.result.summaryTable() : summaryTable(job.result.consolidation, lang));
}

/** Saves bytes as a download (an object URL on a temporary link; nothing leaves the computer). */
export function download(name: string, data: Uint8Array | string, type: string): void {
  const blob = new Blob([data as BlobPart], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
