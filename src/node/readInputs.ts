import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { WorkbookGrids } from '../core/grid.js';
import { readCsv } from '../io/readCsv.js';
import { readXlsx, UnreadableFileError } from '../io/readXlsx.js';

/** A file that could not be read at all; the core reports it as `file_unreadable`. */
export interface InputProblem {
  file: string;
  reason: string;
}

export interface ReadInputsResult {
  /** One per readable file, in a deterministic order (arguments in the order given, folders sorted). */
  books: WorkbookGrids[];
  problems: InputProblem[];
  /** Text encoding per CSV/TXT file, keyed by `file`. */
  encodings: Record<string, string>;
}

export interface ReadInputsOptions {
  onProgress?(done: number, total: number): void;
}

type Kind = 'xlsx' | 'text' | 'legacy';

const KIND_BY_EXT: Record<string, Kind> = {
  '.xlsx': 'xlsx',
  '.xlsm': 'xlsx',
  '.csv': 'text',
  '.txt': 'text',
  '.xls': 'legacy',
  '.et': 'legacy',
};

interface Entry {
  abs: string;
  file: string;
}

/**
 * Files and folders → workbooks. A folder is walked recursively in name order; Excel lock files (`~$…`),
 * hidden files and files of other types inside folders are passed over. `file` is the path as given, or,
 * for a folder's contents, relative to the folder's parent (`2026-10/阳光社区.xlsx`), with forward slashes.
 * Files are only read. Never throws: a missing, unreadable or corrupt file becomes a problem.
 */
export async function readInputs(paths: string[], opts: ReadInputsOptions = {}): Promise<ReadInputsResult> {
  const problems: InputProblem[] = [];
  const entries: Entry[] = [];
  const seen = new Set<string>();
  const add = (e: Entry): void => {
    if (seen.has(e.abs)) return;
    seen.add(e.abs);
    entries.push(e);
  };

  for (const p of paths) {
    const abs = path.resolve(p);
    let isDir: boolean;
    try {
      isDir = (await stat(abs)).isDirectory();
    } catch (e) {
      problems.push({ file: slash(p), reason: reasonOf(e) });
      continue;
    }
    if (!isDir) {
      add({ abs, file: slash(p) });
      continue;
    }
    const base = path.dirname(abs);
    await walk(abs, base, add, problems);
  }

  const books: WorkbookGrids[] = [];
  const encodings: Record<string, string> = {};
  const total = entries.length;
  let done = 0;
  for (const e of entries) {
    const kind = KIND_BY_EXT[path.extname(e.file).toLowerCase()];
    try {
      if (kind === undefined) {
        problems.push({ file: e.file, reason: '不支持的文件类型，请使用 .xlsx、.csv 或 .txt（unsupported file type）' });
      } else if (kind === 'legacy') {
        problems.push({ file: e.file, reason: '旧版 .xls/.et 格式不支持，请另存为 .xlsx（old binary format）' });
      } else {
        const bytes = await readFile(e.abs);
        if (kind === 'xlsx') {
          books.push(await readXlsx(bytes, e.file));
        } else {
          const { book, encoding } = readCsv(bytes, e.file);
          books.push(book);
          encodings[e.file] = encoding;
        }
      }
    } catch (err) {
      problems.push({ file: e.file, reason: reasonOf(err) });
    }
    opts.onProgress?.(++done, total);
  }
  return { books, problems, encodings };
}

async function walk(dir: string, base: string, add: (e: Entry) => void, problems: InputProblem[]): Promise<void> {
  let names: string[];
  try {
    names = (await readdir(dir)).sort(compareNames);
  } catch (e) {
    problems.push({ file: slash(path.relative(base, dir)), reason: reasonOf(e) });
    return;
  }
  for (const name of names) {
    if (name.startsWith('.') || name.startsWith('~$')) continue;
    const abs = path.join(dir, name);
    let isDir: boolean;
    try {
      isDir = (await stat(abs)).isDirectory();
    } catch (e) {
      problems.push({ file: slash(path.relative(base, abs)), reason: reasonOf(e) });
      continue;
    }
    if (isDir) await walk(abs, base, add, problems);
    else if (KIND_BY_EXT[path.extname(name).toLowerCase()] !== undefined) add({ abs, file: slash(path.relative(base, abs)) });
  }
}

/** Code-point order, so the result does not depend on the machine's locale. */
function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function slash(p: string): string {
  return p.replace(/\\/g, '/');
}

function reasonOf(e: unknown): string {
  if (e instanceof UnreadableFileError) return e.message;
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return '文件或文件夹不存在（not found）';
  if (code === 'EACCES' || code === 'EPERM') return '没有读取权限（permission denied）';
  if (code === 'EISDIR') return '这是文件夹，不是文件（is a directory）';
  return `无法读取（${e instanceof Error ? e.message : String(e)}）`;
}
