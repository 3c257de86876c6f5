/** The page's view of a chosen file; kept apart from the readers so the first script stays small. */

/** A file as the page holds it: its name and its bytes (a `File` from an input or a drop). */
export interface InputFile {
  name: string;
  bytes(): Promise<Uint8Array>;
}

export type FileKind = 'xlsx' | 'text' | 'legacy' | 'other';

/** What a file name says it is (the same extensions the command line accepts). */
export function kindOf(name: string): FileKind {
  const ext = /\.[^./\\]+$/.exec(name.toLowerCase())?.[0] ?? '';
  if (ext === '.xlsx' || ext === '.xlsm') return 'xlsx';
  if (ext === '.csv' || ext === '.txt') return 'text';
  if (ext === '.xls' || ext === '.et') return 'legacy';
  return 'other';
}

export const fromFile = (f: File): InputFile => ({
  // A folder picked with webkitdirectory gives `2026-10/阳光社区.xlsx`, like the command line's names.
  name: f.webkitRelativePath || f.name,
  bytes: async () => new Uint8Array(await f.arrayBuffer()),
});
