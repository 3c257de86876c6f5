import type { ExtractedDocument } from './types.js';

/** The stable JSON of `returns extract --format json` (documented in the README). */
export function extractJson(docs: readonly ExtractedDocument[]): unknown {
  return {
    documents: docs.map((d) => ({
      file: d.file,
      title: d.title,
      community: d.community,
      street: d.street,
      period: d.period,
      mentions: d.mentions.map((m) => ({
        indicator: m.indicator,
        value: m.value,
        unit: m.unit,
        text: m.text,
        approximate: m.approximate,
        sentence: m.sentence,
        start: m.start,
        end: m.end,
        flags: [...m.flags],
      })),
    })),
  };
}
