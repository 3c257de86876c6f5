/**
 * Browser mode's work, as plain functions over the files the user chose: read → core → output bytes.
 * The page (page.ts) is handed these and shows what they return.
 */
import type { Finding } from '../core/findings/codes.js';
import type { Lang } from '../core/findings/wording.js';
import { runJob, type JobResult } from '../core/job.js';
import { allOutputTables } from '../core/months/outputs.js';
import { summaryTable, type OutputTable } from '../core/output/tables.js';
import { loadTemplate } from '../core/template/loadTemplate.js';
import type { Template } from '../core/template/types.js';
import { standardTemplateGrids } from '../taskpane/standardTemplate.js';
import type { InputFile } from './files.js';
import { readFiles, readRosterFile } from './readFiles.js';

export interface BrowserJob {
  result: JobResult;
  template: Template;
  /** Number of files read. */
  files: number;
}

/** Reads the returns (and the roster), checks and combines them with the standard template. */
export async function runBrowserJob(files: readonly InputFile[], roster: InputFile | null, onProgress?: (done: number, total: number) => void): Promise<BrowserJob> {
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
  const result = runJob({ books: read.books, template: t.template, roster: r, findings: pre });
  return { result, template: t.template, files: read.books.length };
}

/** summary.xlsx: 汇总, 明细, 校验结果 — written by the command line's own exceljs code. */
export async function summaryXlsx(job: BrowserJob, lang: Lang): Promise<Uint8Array> {
  const { outputWorkbook } = await import('../io/writeXlsx.js');
  return outputWorkbook(allOutputTables(job.result.consolidation, job.result.findings, lang));
}

/** summary.csv: the 汇总 table, UTF-8 with BOM, formulas neutralised (the command line's writer). */
export async function summaryCsv(job: BrowserJob, lang: Lang): Promise<string> {
  const { tableToCsv } = await import('../io/writeCsv.js');
  return tableToCsv(summaryTable(job.result.consolidation, lang));
}

/** The 汇总 table as data, for the preview on the page. */
export const summaryPreview = (job: BrowserJob, lang: Lang): OutputTable => summaryTable(job.result.consolidation, lang);

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
