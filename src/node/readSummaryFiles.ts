import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { readSummary, SUMMARY_EXTENSIONS } from '../io/readSummary.js';

export interface SummaryFile {
  /** The path as given, or relative to a given folder's parent, with forward slashes. */
  file: string;
  text: string;
  encoding: string;
}

export interface SummaryProblem {
  file: string;
  reason: string;
}

// .doc is not read, but one inside a folder is reported with its reason rather than passed over.
const isSummary = (name: string): boolean => [...SUMMARY_EXTENSIONS, '.doc'].includes(path.extname(name).toLowerCase());

/**
 * Files and folders → summary texts. Folders are walked in name order for .txt and .docx; hidden and
 * lock files (~$) are passed over. Only reads. A missing or unreadable file is a problem, never skipped.
 */
export async function readSummaryFiles(paths: readonly string[]): Promise<{ files: SummaryFile[]; problems: SummaryProblem[] }> {
  const files: SummaryFile[] = [];
  const problems: SummaryProblem[] = [];
  const entries: { abs: string; file: string }[] = [];
  for (const p of paths) {
    const abs = path.resolve(p);
    try {
      if ((await stat(abs)).isDirectory()) await walk(abs, path.dirname(abs), entries);
      else entries.push({ abs, file: slash(p) });
    } catch (e) {
      problems.push({ file: slash(p), reason: reasonOf(e) });
    }
  }
  for (const e of entries) {
    try {
      const r = readSummary(e.file, new Uint8Array(await readFile(e.abs)));
      if (r.ok) files.push({ file: e.file, text: r.text, encoding: r.encoding });
      else problems.push({ file: e.file, reason: r.reason });
    } catch (err) {
      problems.push({ file: e.file, reason: reasonOf(err) });
    }
  }
  return { files, problems };
}

async function walk(dir: string, base: string, out: { abs: string; file: string }[]): Promise<void> {
  const names = (await readdir(dir)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) {
    if (name.startsWith('.') || name.startsWith('~$')) continue;
    const abs = path.join(dir, name);
    if ((await stat(abs)).isDirectory()) await walk(abs, base, out);
    else if (isSummary(name)) out.push({ abs, file: slash(path.relative(base, abs)) });
  }
}

function slash(p: string): string {
  return p.replace(/\\/g, '/');
}

function reasonOf(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return '文件或文件夹不存在（not found）';
  if (code === 'EACCES' || code === 'EPERM') return '没有读取权限（permission denied）';
  return e instanceof Error ? e.message : String(e);
}
