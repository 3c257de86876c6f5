/** The page's view of a chosen file; kept apart from the readers so the first script stays small. */

/** A file as the page holds it: its name and its bytes (a `File` from an input or a drop). */
export interface InputFile {
  name: string;
  bytes(): Promise<Uint8Array>;
}

import { fileKind, type BookKind } from '../io/fileKind.js';

export type FileKind = BookKind;

/** What a file name says it is (the same kinds the command line reads: src/io/fileKind.ts). */
export function kindOf(name: string): FileKind {
  return fileKind(name);
}

export const fromFile = (f: File): InputFile => ({
  // A folder picked with webkitdirectory gives `2026-10/阳光社区.xlsx`, like the command line's names.
  name: f.webkitRelativePath || f.name,
  bytes: async () => new Uint8Array(await f.arrayBuffer()),
});
