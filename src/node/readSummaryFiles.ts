import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { MAX_SUMMARY_BYTES, readSummary, SUMMARY_EXTENSIONS, type SummaryUnreadable } from '../io/readSummary.js';
import { causeOf } from './fsCause.js';

export interface SummaryFile {
  /** The path as given, or relative to a given folder's parent, with forward slashes. */
  file: string;
  text: string;
  encoding: string;
}

/** A summary that could not be read: its path and the typed cause (`unreadableText` words it in either language). */
export interface SummaryProblem extends SummaryUnreadable {
  file: string;
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
      problems.push({ file: slash(p), ...causeOf(e) });
    }
  }
  for (const e of entries) {
    try {
      // Too large to be a summary: refused before its bytes are read.
      if ((await stat(e.abs)).size > MAX_SUMMARY_BYTES) {
        problems.push({ file: e.file, cause: 'too_large', detail: `> ${MAX_SUMMARY_BYTES / 1024 / 1024} MB` });
        continue;
      }
      const r = readSummary(e.file, new Uint8Array(await readFile(e.abs)));
      if (r.ok) files.push({ file: e.file, text: r.text, encoding: r.encoding });
      else problems.push({ file: e.file, cause: r.cause, ...(r.detail ? { detail: r.detail } : {}) });
    } catch (err) {
      problems.push({ file: e.file, ...causeOf(err) });
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
