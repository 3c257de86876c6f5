/**
 * What kind of file a return is, by name and, when the bytes are at hand, by what they are: a zip is an
 * xlsx or ods, an OLE compound file an .xls/.et (or an encrypted xlsx), whatever the extension says.
 * `other` is a file that is not read (.docx, .pdf, …).
 */
export type BookKind = 'xlsx' | 'xls' | 'ods' | 'text' | 'other';

const BY_EXT: Readonly<Record<string, BookKind>> = {
  '.xlsx': 'xlsx',
  '.xlsm': 'xlsx',
  '.xls': 'xls',
  '.et': 'xls',
  '.ods': 'ods',
  '.csv': 'text',
  '.txt': 'text',
};

/** The extensions that are read, for messages and file pickers. */
export const READ_EXTENSIONS = Object.keys(BY_EXT);

/** The lower-case extension with its dot (`.xlsx`), or '' when there is none. */
export function extensionOf(name: string): string {
  return /\.[^./\\]+$/.exec(name.toLowerCase())?.[0] ?? '';
}

export function fileKind(name: string, bytes?: Uint8Array): BookKind {
  const byName = BY_EXT[extensionOf(name)] ?? 'other';
  if (!bytes || byName === 'other') return byName;
  if (isZip(bytes)) return byName === 'ods' ? 'ods' : 'xlsx';
  if (isOle(bytes)) return 'xls';
  return byName;
}

export function isZip(b: Uint8Array): boolean {
  return b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5 || b[2] === 7);
}

export function isOle(b: Uint8Array): boolean {
  return b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0 && b[4] === 0xa1 && b[5] === 0xb1 && b[6] === 0x1a && b[7] === 0xe1;
}
