import { toSimplified } from '../text/normalize.js';

/**
 * The text as the rules read it — NFKC (full-width digits → ASCII, ㎡ → m2) and Simplified script — with
 * the way back to the original: `toOriginal[i]` is the offset in the original text of folded character i
 * (one extra entry for the end). Mentions are found in the folded text and reported in the original's offsets.
 */
export interface FoldedText {
  text: string;
  toOriginal: number[];
}

export function foldWithOffsets(original: string): FoldedText {
  let text = '';
  const toOriginal: number[] = [];
  let i = 0;
  for (const ch of original) {
    let f = toSimplified(ch.normalize('NFKC'));
    if (/^[\u3000\u00a0\u2007\u202f]$/.test(f)) f = ' ';
    if (f === '\u2212') f = '-';
    // A character NFKC drops entirely (a zero-width one) keeps its place: offsets stay monotone.
    if (f === '') f = ' ';
    for (let k = 0; k < f.length; k++) toOriginal.push(i);
    text += f;
    i += ch.length;
  }
  toOriginal.push(i);
  return { text, toOriginal };
}

/** Original offsets of the folded range [from, to). */
export function originalRange(folded: FoldedText, from: number, to: number): { start: number; end: number } {
  const start = folded.toOriginal[from]!;
  // The end is the start of the next original character after the last folded one in the range.
  const last = folded.toOriginal[to - 1]!;
  let end = folded.toOriginal[to]!;
  if (end === last) end = last + 1;
  return { start, end };
}
