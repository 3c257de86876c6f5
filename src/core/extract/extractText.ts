import type { Template } from '../template/types.js';
import { CueDictionary } from './cues.js';
import { documentFields } from './documentFields.js';
import { foldWithOffsets, originalRange } from './foldedText.js';
import { findMentions } from './findMentions.js';
import { splitDocuments } from './splitDocuments.js';
import type { ExtractedDocument, Mention } from './types.js';

export type { ExtractedDocument, Mention, MentionFlag } from './types.js';

export interface ExtractOptions {
  /** Used for a document whose text states no month (YYYY-MM). */
  period?: string | null;
}

const dictionaries = new WeakMap<Template, CueDictionary>();

/**
 * A file's decoded text → its documents (篇一, 篇二 … or the whole text) with their mentions. Pure: the
 * same text and template give the same result in every door. Offsets are into `text` as given.
 */
export function extractText(text: string, file: string, template: Template, options: ExtractOptions = {}): ExtractedDocument[] {
  let dict = dictionaries.get(template);
  if (!dict) dictionaries.set(template, (dict = new CueDictionary(template)));
  const folded = foldWithOffsets(text);
  const docs: ExtractedDocument[] = [];
  for (const span of splitDocuments(folded.text, file)) {
    const found = findMentions(folded.text, span.start, span.end, dict);
    // Text before the first heading (an abstract, the collection's own title) is kept only if it reports numbers.
    if (span.preamble && found.length === 0) continue;
    const range = originalRange(folded, span.start, Math.max(span.start + 1, span.end));
    const titleRange = span.titleEnd > span.start ? originalRange(folded, span.start, span.titleEnd) : null;
    const fields = documentFields(folded.text.slice(span.start, span.end));
    const mentions: Mention[] = found.map((f) => {
      const at = originalRange(folded, f.start, f.end);
      const s = originalRange(folded, f.sentence.start, f.sentence.end);
      return {
        indicator: f.indicator.code,
        value: f.value,
        unit: f.unit,
        text: text.slice(at.start, at.end),
        approximate: f.approximate,
        sentence: text.slice(s.start, s.end).replace(/\s*\n\s*/g, '').trim(),
        start: at.start,
        end: at.end,
        flags: f.unitMismatch ? ['unit_mismatch'] : [],
      };
    });
    docs.push({
      file,
      title: titleRange ? text.slice(titleRange.start, titleRange.end).trim() : span.title,
      community: fields.community,
      street: fields.street,
      period: fields.period ?? options.period ?? null,
      start: range.start,
      end: range.end,
      mentions,
    });
  }
  return docs;
}
