import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import type { Dirent } from 'node:fs';
import path from 'node:path';
import { finding, type Finding, type UnreadableCause } from '../core/findings/codes.js';
import type { WorkbookGrids } from '../core/grid.js';
import { extensionOf, fileKind } from '../io/fileKind.js';
import { LIMITS, mb } from '../io/limits.js';
import { readBook } from '../io/readBook.js';
import { causeOf } from './fsCause.js';

/** A file that could not be read at all; the core reports it as `file_unreadable`. */
export interface InputProblem {
  file: string;
  cause: UnreadableCause;
  /** A short technical hint (an errno code, a limit), never an exception's message. */
  detail?: string | undefined;
}

export interface ReadInputsResult {
  /** One per readable file, in a deterministic order (arguments in the order given, folders sorted). */
  books: WorkbookGrids[];
  problems: InputProblem[];
  /** Files in folders that are not read (`file_skipped`) and cells cut at the text limit (`cell_text_truncated`). */
  findings: Finding[];
  /** Text encoding per CSV/TXT file, keyed by `file`. */
  encodings: Record<string, string>;
}

export interface ReadInputsOptions {
  onProgress?(done: number, total: number): void;
}

interface Entry {
  abs: string;
  file: string;
  /** The real path when already known (a plain file in a folder whose real path is known). */
  real?: string;
}

/** The `file_unreadable` finding for a problem. */
export function problemFinding(p: InputProblem): Finding {
  return finding('file_unreadable', p.detail === undefined ? { cause: p.cause } : { cause: p.cause, detail: p.detail }, { file: p.file });
}

/**
 * Files and folders → workbooks. A folder is walked recursively in name order; Excel/WPS lock files
 * (`~$…`) and hidden files are passed over; any other file that is not of a type we read (.docx, .pdf)
 * is listed as `file_skipped`, so a return in the wrong format is never lost without a word. Each real
 * path is visited once, so symlink loops (`selfloop -> .`, `sub/up -> ..`) end and no file is read
 * twice. `file` is the path as given, or, for a folder's contents, relative to the folder's parent
 * (`2026-10/阳光社区.xlsx`), with forward slashes. Files are only read. Never throws.
 */
export async function readInputs(paths: string[], opts: ReadInputsOptions = {}): Promise<ReadInputsResult> {
  const problems: InputProblem[] = [];
  const findings: Finding[] = [];
  const entries: Entry[] = [];
  const seenFiles = new Set<string>();
  const seenDirs = new Set<string>();
  const add = async (e: Entry): Promise<void> => {
    const real = e.real ?? (await realpath(e.abs).catch(() => e.abs));
    if (seenFiles.has(real)) return;
    seenFiles.add(real);
    entries.push(e);
  };
  const walker: Walker = { seenDirs, add, problems, findings };

  for (const p of paths) {
    const abs = path.resolve(p);
    let isDir: boolean;
    try {
      isDir = (await stat(abs)).isDirectory();
    } catch (e) {
      problems.push({ file: slash(p), ...causeOf(e) });
      continue;
    }
    if (!isDir) {
      await add({ abs, file: slash(p) });
      continue;
    }
    await walk(abs, path.dirname(abs), walker);
  }

  const books: WorkbookGrids[] = [];
  const encodings: Record<string, string> = {};
  const total = entries.length;
  let done = 0;
  for (const e of entries) {
    const problem = await readEntry(e, books, findings, encodings);
    if (problem) problems.push(problem);
    opts.onProgress?.(++done, total);
  }
  return { books, problems, findings, encodings };
}

async function readEntry(e: Entry, books: WorkbookGrids[], findings: Finding[], encodings: Record<string, string>): Promise<InputProblem | null> {
  if (fileKind(e.file) === 'other') return { file: e.file, cause: 'unsupported_format', detail: extensionOf(e.file) || undefined };
  let bytes: Uint8Array;
  // Synchronous on purpose: one file at a time anyway, and thousands of small returns cost less without
  // a thread-pool round trip per call.
  try {
    const fd = openSync(e.abs, 'r');
    try {
      const size = fstatSync(fd).size;
      if (size > LIMITS.fileBytes) return { file: e.file, cause: 'too_large', detail: `${mb(size)} > ${mb(LIMITS.fileBytes)}` };
      const buf = readFileSync(fd);
      bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength); // a view, not a copy
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    return { file: e.file, ...causeOf(err) };
  }
  const r = await readBook(bytes, e.file);
  if ('problem' in r) return { file: e.file, ...r.problem };
  books.push(r.book);
  findings.push(...r.findings);
  if (r.encoding) encodings[e.file] = r.encoding;
  return null;
}

interface Walker {
  seenDirs: Set<string>;
  add(e: Entry): Promise<void>;
  problems: InputProblem[];
  findings: Finding[];
}

async function walk(dir: string, base: string, w: Walker): Promise<void> {
  let entries: Dirent[];
  let real: string;
  try {
    real = await realpath(dir);
    if (w.seenDirs.has(real)) return; // a symlink back into a folder already walked
    w.seenDirs.add(real);
    entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => compareNames(a.name, b.name));
  } catch (e) {
    w.problems.push({ file: slash(path.relative(base, dir)), ...causeOf(e) });
    return;
  }
  const relDir = slash(path.relative(base, dir)); // once per folder, not per file
  for (const d of entries) {
    const name = d.name;
    if (name.startsWith('.') || name.startsWith('~$')) continue;
    const abs = path.join(dir, name);
    const file = relDir === '' ? name : `${relDir}/${name}`;
    let isDir = d.isDirectory();
    // Only a symlink (or an entry the folder listing cannot type) needs a stat to know what it points at.
    if (d.isSymbolicLink() || (!d.isFile() && !isDir)) {
      try {
        isDir = (await stat(abs)).isDirectory();
      } catch (e) {
        w.problems.push({ file, ...causeOf(e) });
        continue;
      }
    }
    if (isDir) await walk(abs, base, w);
    else if (fileKind(name) !== 'other') await w.add(d.isFile() ? { abs, file, real: path.join(real, name) } : { abs, file });
    else w.findings.push(finding('file_skipped', { ext: extensionOf(name) }, { file }));
  }
}

/** Code-point order, so the result does not depend on the machine's locale. */
function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function slash(p: string): string {
  return p.replace(/\\/g, '/');
}
