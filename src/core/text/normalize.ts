import { TRAD_SIMP_PAIRS } from './tradMap.js';

let tradMap: Map<string, string> | null = null;

/** Traditional → Simplified, one character at a time (OpenCC's character table). */
export function toSimplified(s: string): string {
  if (!tradMap) {
    tradMap = new Map();
    const chars = [...TRAD_SIMP_PAIRS];
    for (let i = 0; i + 1 < chars.length; i += 2) tradMap.set(chars[i]!, chars[i + 1]!);
    // 馀 is the older Simplified form of 余 (500馀) and is not in OpenCC's Traditional table.
    tradMap.set('馀', '余');
  }
  let out = '';
  for (const ch of s) out += tradMap.get(ch) ?? ch;
  return out;
}

/** NFKC (full-width → half-width, ㎡ → m2), Simplified script, no white space at all. */
export function foldText(s: string): string {
  return toSimplified(s.normalize('NFKC')).replace(/[\s\u3000\u00a0\u200b]+/g, '');
}

// 1. / 1、 / 一、 / (一) / （1） / ① / 1) at the start of a label: row numbering, not part of the name.
const NUMBERING = /^(?:[（(]?[0-9一二三四五六七八九十]{1,3}[)）.、．:：]|[①-⑳]|[0-9]{1,3}(?=[^0-9.]))/u;
// A bracketed tail: 投放鼠药（公斤） / 投放鼠药(公斤) / 投放鼠药[公斤] / 【】.
const BRACKET_TAIL = /[(（[【]([^()（）[\]【】]{1,8})[)）\]】]$/u;

export interface Label {
  /** The comparison key: folded, numbering, trailing colon and bracketed unit removed. */
  key: string;
  /** A unit written in brackets at the end of the label, folded; null if none. */
  unit: string | null;
}

/** Normalises a label as communities write it into a key that can be compared with the template. */
export function normalizeLabel(raw: string): Label {
  let s = foldText(raw);
  let unit: string | null = null;
  for (let i = 0; i < 3; i++) {
    const before = s;
    s = s.replace(NUMBERING, '').replace(/[:：]+$/u, '');
    const m = BRACKET_TAIL.exec(s);
    if (m) {
      if (unit === null) unit = m[1]!;
      s = s.slice(0, m.index);
    }
    if (s === before) break;
  }
  return { key: s, unit };
}

/** Levenshtein distance (small strings only: labels and community names). */
export function editDistance(a: string, b: string): number {
  const A = [...a];
  const B = [...b];
  let prev = Array.from({ length: B.length + 1 }, (_, j) => j);
  for (let i = 1; i <= A.length; i++) {
    const cur = [i];
    for (let j = 1; j <= B.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (A[i - 1] === B[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[B.length]!;
}

/**
 * The closest candidate to `key`, or null when nothing is close enough to be a plausible typo.
 * "Close" = at most a third of the characters differ (投放鼠要 → 投放鼠药), or one contains the other.
 */
export function closest<T>(key: string, candidates: readonly T[], keyOf: (c: T) => readonly string[]): T | null {
  let best: T | null = null;
  let bestScore = Infinity;
  const len = [...key].length;
  if (len === 0) return null;
  for (const c of candidates) {
    for (const k of keyOf(c)) {
      if (!k) continue;
      const klen = [...k].length;
      let score = editDistance(key, k) / Math.max(len, klen);
      if (k.includes(key) || key.includes(k)) score = Math.min(score, 0.3);
      if (score < bestScore) {
        bestScore = score;
        best = c;
      }
    }
  }
  return bestScore <= 0.34 ? best : null;
}
