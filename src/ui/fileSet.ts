/**
 * The files the page holds, identified by their path. Pure, so the rules are tested without a browser:
 * - two files with one path but different bytes are both kept (the second as `阳光社区.xlsx (2)`), never
 *   dropped — a file dialog gives bare names, and the same name recurs in every month's folder;
 * - the same bytes added twice (the files, then their folder) are kept once, and the caller says so;
 * - hidden files and Excel lock files (`~$…`) are passed over, as the command line does;
 * - the order is the command line's: path segment by segment, in code-point order.
 */
import { baseName, folderOf, withoutCopyNumber } from './files.js';

export interface Candidate<F> {
  path: string;
  /** The file's bytes, read once when it is added (the page reads them again from here). */
  bytes: Uint8Array;
  /** A quick digest of the bytes (see `digest`); equal digests are confirmed byte by byte. */
  hash: string;
  file: F;
}

export interface Chosen<F> extends Candidate<F> {
  /** Another kept file has the same base name: show the folder (or the number) beside it. */
  sameName: boolean;
}

export interface AddResult<F> {
  files: Chosen<F>[];
  /** Paths not added because a kept file has exactly these bytes, with the path kept for them. */
  sameBytes: { path: string; keptAs: string }[];
}

/**
 * FNV-1a (32-bit) of the bytes, as hex: enough to find candidates for "the same file" quickly; `addFiles`
 * confirms byte by byte. (crypto.subtle is missing on a plain-http intranet page, so it cannot be relied on.)
 */
export function digest(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return `${(h >>> 0).toString(16).padStart(8, '0')}-${bytes.length}`;
}

function sameBytes_(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const skipped = (path: string): boolean => path.split('/').some((p) => p.startsWith('.') || p.startsWith('~$'));

/** Path order of the command line's folder walk: segment by segment, code points. */
export function comparePaths(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  }
  return x.length - y.length;
}

export function addFiles<F>(current: readonly Chosen<F>[], incoming: readonly Candidate<F>[]): AddResult<F> {
  const files = current.map((f) => ({ ...f }));
  const sameBytes: AddResult<F>['sameBytes'] = [];
  for (const c of incoming) {
    if (skipped(c.path)) continue;
    const twin = files.find((f) => f.hash === c.hash && sameBytes_(f.bytes, c.bytes));
    if (twin) {
      // The same file again: keep one. A path with its folder says more than a bare name: keep that one.
      if (!folderOf(twin.path) && folderOf(c.path) && baseName(c.path) === twin.path && !files.some((f) => f.path === c.path)) twin.path = c.path;
      sameBytes.push({ path: c.path, keptAs: twin.path });
      continue;
    }
    let path = c.path;
    for (let n = 2; files.some((f) => f.path === path); n++) path = `${c.path} (${n})`;
    files.push({ ...c, path, sameName: false });
  }
  files.sort((a, b) => comparePaths(a.path, b.path));
  const nameOf = (path: string): string => baseName(withoutCopyNumber(path));
  const count = new Map<string, number>();
  for (const f of files) count.set(nameOf(f.path), (count.get(nameOf(f.path)) ?? 0) + 1);
  for (const f of files) f.sameName = (count.get(nameOf(f.path)) ?? 0) > 1;
  return { files, sameBytes };
}
