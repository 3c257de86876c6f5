/**
 * File names made from community names: safe on Windows (the statisticians' PCs), macOS and in a zip,
 * and distinct from one another (a name that folds onto an earlier one gets ` (2)`, ` (3)` …).
 */

// Characters Windows refuses in a file name, plus control characters.
const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f\u007f]/g;
// Device names Windows reserves whatever the extension (CON.xlsx is not a file you can create).
const RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i;
/** Keeps a name well under Windows' 255-character limit, room left for the folder and the suffix. */
const MAX_BASE = 80;

/** One name → a safe base name (no extension): forbidden characters become `_`, trailing dots and spaces go. */
export function safeBaseName(name: string): string {
  let s = name.normalize('NFC').replace(FORBIDDEN, '_').trim().replace(/[. ]+$/, '');
  if (s.length > MAX_BASE) s = s.slice(0, MAX_BASE).replace(/[. ]+$/, '');
  if (s === '' || /^_+$/.test(s)) s = '未命名';
  if (RESERVED.test(s)) s = `_${s}`;
  return s;
}

/**
 * Safe, unique file names for a list of names, in order: `阳光社区.xlsx`, `A_B社区.xlsx`, and ` (2)` for
 * a second name that gives the same file (compared without case, as Windows and macOS do).
 */
export function uniqueFileNames(names: readonly string[], ext: string): string[] {
  const used = new Set<string>();
  return names.map((n) => {
    const base = safeBaseName(n);
    let file = `${base}${ext}`;
    for (let i = 2; used.has(file.toLowerCase()); i++) file = `${base} (${i})${ext}`;
    used.add(file.toLowerCase());
    return file;
  });
}
