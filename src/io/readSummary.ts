import { decodeText } from './decodeText.js';
import { readDocxText, UnreadableDocxError } from './readDocx.js';

/** A work summary's text, or why it could not be read. */
export type SummaryText = { ok: true; text: string; encoding: string } | { ok: false; reason: string };

/** The file types a summary is read from. */
export const SUMMARY_EXTENSIONS = ['.txt', '.docx'] as const;

/** Bytes of a .txt (UTF-8, GBK/GB18030, UTF-16) or .docx file → its text. Never throws. */
export function readSummary(name: string, bytes: Uint8Array): SummaryText {
  const ext = /\.[^.\\/]+$/.exec(name)?.[0].toLowerCase() ?? '';
  if (ext === '.docx') {
    try {
      return { ok: true, text: readDocxText(bytes), encoding: 'docx' };
    } catch (e) {
      if (e instanceof UnreadableDocxError) return { ok: false, reason: e.message };
      throw e;
    }
  }
  if (ext === '.doc') return { ok: false, reason: '.doc (Word 97–2003) is not read: save it as .docx or .txt' };
  const { text, encoding } = decodeText(bytes);
  return { ok: true, text, encoding };
}
