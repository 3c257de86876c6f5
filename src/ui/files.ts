/** The page's view of a chosen file; kept apart from the readers so the first script stays small. */

/**
 * A file as the page holds it: `name` is its path as the user knows it — relative to the folder picked
 * (`2026-10/阳光社区.xlsx`, like the command line's names) or the bare name from a file dialog — and is the
 * file's identity in every finding and in the summary's 来源 column.
 */
export interface InputFile {
  name: string;
  bytes(): Promise<Uint8Array>;
}

import { fileKind, type BookKind } from '../io/fileKind.js';

export type FileKind = BookKind;

/** A path without the copy number fileSet.ts gives the second file of one name (`阳光社区.xlsx (2)`). */
export const withoutCopyNumber = (path: string): string => path.replace(/ \(\d+\)$/, '');

/** What a file name says it is (the same kinds the command line reads: src/io/fileKind.ts). */
export function kindOf(name: string): FileKind {
  return fileKind(withoutCopyNumber(name));
}

/** `2026-10/阳光社区.xlsx` from a folder pick or a dropped folder; the bare name from a file dialog. */
export function pathOf(f: File): string {
  return (f.webkitRelativePath || f.name).replace(/\\/g, '/').replace(/^\/+/, '');
}

/** The folder part of a path (`2026-10`), or '' for a bare name. */
export const folderOf = (path: string): string => path.slice(0, Math.max(0, path.lastIndexOf('/')));

/** The file part of a path. */
export const baseName = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

export const fromFile = (f: File, name = pathOf(f)): InputFile => ({
  name,
  bytes: async () => new Uint8Array(await f.arrayBuffer()),
});
