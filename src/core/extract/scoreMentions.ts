import { toSimplified } from '../text/normalize.js';
import type { Mention } from './types.js';

/** A hand-labelled expected mention: indicator, value in the template's unit, text as written, flags. */
export type ExpectedMention = [indicator: string, value: number, text: string, flags?: string[]];

export interface Score {
  expected: number;
  found: number;
  correct: number;
  precision: number;
  recall: number;
  f1: number;
  missed: ExpectedMention[];
  wrong: Mention[];
}

const keyOf = (indicator: string, value: number, text: string, flags: readonly string[]): string =>
  `${indicator}|${value}|${toSimplified(text)}|${[...flags].sort().join(',')}`;

/**
 * Precision and recall of found mentions against labelled ones, matched as multisets on indicator, value,
 * text (Simplified) and flags: a mention with the right number but the wrong indicator is both wrong and
 * missed. An empty label set with nothing found scores 1.
 */
export function scoreMentions(found: readonly Mention[], expected: readonly ExpectedMention[]): Score {
  const pool = new Map<string, ExpectedMention[]>();
  for (const e of expected) {
    const k = keyOf(e[0], e[1], e[2], e[3] ?? []);
    pool.set(k, [...(pool.get(k) ?? []), e]);
  }
  const wrong: Mention[] = [];
  let correct = 0;
  for (const m of found) {
    const list = pool.get(keyOf(m.indicator, m.value, m.text, m.flags));
    if (list && list.length > 0) {
      list.pop();
      correct++;
    } else wrong.push(m);
  }
  const missed = [...pool.values()].flat();
  const precision = found.length === 0 ? (expected.length === 0 ? 1 : 0) : correct / found.length;
  const recall = expected.length === 0 ? (found.length === 0 ? 1 : 0) : correct / expected.length;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { expected: expected.length, found: found.length, correct, precision, recall, f1, missed, wrong };
}

/** A labelled document: the mentions expected between its heading line and the next heading. */
export interface LabelledDocument {
  file: string;
  heading: string;
  seen: boolean;
  mentions: ExpectedMention[];
}

/**
 * Scores the mentions found in one file against a labelled document of it. The document is found by its
 * heading line (compared in Simplified script, so a Traditional copy is scored with the same labels) and
 * runs to the next line starting with `nextHeading`; found mentions are taken by position, however the
 * extractor split the file.
 */
export function scoreLabelled(text: string, found: readonly Mention[], label: LabelledDocument, nextHeading = '社区创卫工作总结'): Score | null {
  let pos = 0;
  let start = -1;
  let end = text.length;
  for (const line of text.split('\n')) {
    const folded = toSimplified(line.trim());
    if (start < 0 && folded === label.heading) start = pos;
    else if (start >= 0 && folded.startsWith(nextHeading)) {
      end = pos;
      break;
    }
    pos += line.length + 1;
  }
  if (start < 0) return null;
  return scoreMentions(found.filter((m) => m.start >= start && m.start < end), label.mentions);
}
