/** Why a mention needs a closer look; the value is kept either way. */
export type MentionFlag =
  /** The unit as written cannot be converted exactly into the template's unit (张贴海报100余份 for 张): `value` is the number as written. */
  | 'unit_mismatch';

/**
 * One number in a summary that reports one of the template's indicators. `start`/`end` are offsets into the
 * file's decoded text in UTF-16 code units (JavaScript string indices), `end` exclusive: text.slice(start, end)
 * is `text`.
 */
export interface Mention {
  indicator: string;
  /** In the template's unit (吨 → 公斤, 万 multipliers applied); the number as written when flagged unit_mismatch. */
  value: number;
  /** The unit as written (份, 余张 → 张, 平米); empty when none. */
  unit: string;
  /** The number with its unit exactly as it stands in the text (近5吨, 500余张, 上百份). */
  text: string;
  /** 余 / 多 / 近 / 约 / 左右 / 上下 / 上百: the text gives an approximation, not an exact count. */
  approximate: boolean;
  /** The sentence the number stands in, as written. */
  sentence: string;
  start: number;
  end: number;
  flags: MentionFlag[];
}

/** One summary (篇一, 篇二 …, or the whole file) and what was read from it. */
export interface ExtractedDocument {
  file: string;
  title: string;
  community: string | null;
  street: string | null;
  /** YYYY-MM when the text states a month (or --period gave one); null otherwise. */
  period: string | null;
  /** Offsets of the document in the file's decoded text. */
  start: number;
  end: number;
  mentions: Mention[];
}
