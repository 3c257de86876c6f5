import type { UnreadableCause } from '../core/findings/codes.js';
import { decodeText } from './decodeText.js';
import { readDocxText, UnreadableDocxError } from './readDocx.js';

/** Why a summary could not be read: a typed cause (worded in core/findings/wording.ts) and a short technical hint. */
export interface SummaryUnreadable {
  cause: UnreadableCause;
  /** A part name, a limit, an extension — never an exception's message. */
  detail?: string;
}

/** A work summary's text, or why it could not be read. */
export type SummaryText = { ok: true; text: string; encoding: string } | ({ ok: false } & SummaryUnreadable);

/** The file types a summary is read from. */
export const SUMMARY_EXTENSIONS = ['.txt', '.docx'] as const;

/** The largest summary read (a month's summaries are a few hundred KB; anything this big is not one). */
export const MAX_SUMMARY_BYTES = 50 * 1024 * 1024;

/** Files that are certainly not text: read as text they would only give noise. */
const NOT_SUMMARIES = new Set(['.pdf', '.wps', '.rtf', '.odt', '.xlsx', '.xls', '.et', '.ods', '.zip', '.rar', '.7z', '.png', '.jpg', '.jpeg', '.gif', '.bmp', '.exe']);

/** An OLE2 compound file: a .doc, or a .docx saved with a password (Office encrypts it into one). */
const isCompoundFile = (b: Uint8Array): boolean => b.length >= 4 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

/** Bytes of a .txt (UTF-8, GBK/GB18030, UTF-16) or .docx file → its text. Never throws. */
export function readSummary(name: string, bytes: Uint8Array): SummaryText {
  const ext = /\.[^.\\/]+$/.exec(name)?.[0].toLowerCase() ?? '';
  if (bytes.length > MAX_SUMMARY_BYTES) return { ok: false, cause: 'too_large', detail: `> ${MAX_SUMMARY_BYTES / 1024 / 1024} MB` };
  if (ext === '.doc') return { ok: false, cause: 'legacy_word', detail: '.doc' };
  if (NOT_SUMMARIES.has(ext)) return { ok: false, cause: 'unsupported_summary', detail: ext };
  if (ext === '.docx') {
    if (bytes.length === 0) return { ok: false, cause: 'empty_file' };
    if (isCompoundFile(bytes)) return { ok: false, cause: 'encrypted_document' };
    try {
      return { ok: true, text: readDocxText(bytes), encoding: 'docx' };
    } catch (e) {
      if (e instanceof UnreadableDocxError) return { ok: false, cause: 'corrupt_document', detail: e.part };
      throw e;
    }
  }
  const { text, encoding } = decodeText(bytes);
  return { ok: true, text, encoding };
}
