import type { Indicator } from '../template/types.js';
import { readChineseNumber } from '../value/chineseNumber.js';
import { convertUnit } from '../value/units.js';
import { readText } from '../value/readText.js';
import { unitFit, type CueDictionary, type CueHit } from './cues.js';
import { clauseSpans, sentenceSpans, type Span } from './sentences.js';

/** Units and classifiers a reported count or quantity ends with, longest first. */
const UNITS = [
  '平方公里', '平方米', '立方米', '平米', '平方', '立方', '人次', '车次', '公斤', '千克', '万元', '千元', '公里',
  'm2', 'kg', '元', '吨', '斤', '米', '份', '张', '条', '块', '处', '次', '场', '期', '人', '名', '位', '个', '盒', '只',
  '幅', '起', '户', '册', '本', '辆', '车', '盏', '篇', '项', '家', '间', '袋', '瓶', '箱', '套', '件', '批', '所', '座',
  '趟', '封', '棵', '株', '方', '%',
];
const UNIT_SET = new Set(UNITS);
const NUM = String.raw`(?:\d+(?:,\d{3})*(?:\.\d+)?|[零〇一二两三四五六七八九十百千万]+)`;
/**
 * A number with its unit: an approximation word before (约 近 将近 上百), 余/多/来 after the number or its
 * 万/千 multiplier, the unit, and 左右/上下/以上 after it. Not inside a longer number or word (iso9001).
 */
const NUMBER_WITH_UNIT = new RegExp(
  String.raw`(?<![\d.a-zA-Z])(大约|约合|约计|约|将近|接近|近|差不多|上(?=[百千万]))?(${NUM})\s*(余|多|来|许)?\s*([万千百](?!元|克|米))?\s*(余|多)?\s*(${UNITS.join('|')})(左右|上下|以上)?`,
  'gu',
);

/** A number found in the folded text, before it is tied to an indicator. */
export interface FoundMention {
  indicator: Indicator;
  value: number;
  unit: string;
  approximate: boolean;
  unitMismatch: boolean;
  /** Folded offsets of the number with its unit, and of its sentence. */
  start: number;
  end: number;
  sentence: Span;
}

/** Finds the mentions in text[from, to) (folded text). */
export function findMentions(text: string, from: number, to: number, dict: CueDictionary): FoundMention[] {
  const out: FoundMention[] = [];
  const sentences = sentenceSpans(text, from, to);
  const cues = dict.hits(text, from, to);
  sentences.forEach((sentence, si) => {
    const clauses = clauseSpans(text, sentence);
    const body = text.slice(sentence.start, sentence.end);
    NUMBER_WITH_UNIT.lastIndex = 0;
    for (let m = NUMBER_WITH_UNIT.exec(body); m; m = NUMBER_WITH_UNIT.exec(body)) {
      const start = sentence.start + m.index;
      const end = start + m[0].length;
      const number = readNumber(m);
      if (!number || isNotACount(text, start, sentence, m)) continue;
      const clause = clauses.find((c) => c.start <= start && start < c.end)!;
      const pick = chooseIndicator(text, { start, end }, clause, sentence, si > 0 ? sentences[si - 1]! : null, number.unit, cues, dict);
      if (!pick) continue;
      const { indicator, fit } = pick;
      let value = number.value;
      let unitMismatch = fit === 'mismatch';
      if (!unitMismatch) {
        const converted = convertUnit(value, number.unit, indicator.unit, indicator.unitAliases);
        if (converted) value = converted.value;
        else if (indicator.kind !== 'rate') unitMismatch = true;
      }
      out.push({ indicator, value, unit: number.unit, approximate: number.approximate, unitMismatch, start, end, sentence });
    }
  });
  return out;
}

interface NumberRead {
  value: number;
  unit: string;
  approximate: boolean;
}

/** The value parser reads the matched text (余/多/近/约, 万, Chinese numerals); 上百 is read here. */
function readNumber(m: RegExpExecArray): NumberRead | null {
  const [all, prefix, numeral, , , , unit] = m;
  if (prefix === '上') {
    const n = readChineseNumber(numeral!);
    return n.kind === 'number' ? { value: n.value, unit: unit!, approximate: true } : null;
  }
  const r = readText(all.replace(/\s+/g, ''), (u) => UNIT_SET.has(u));
  if (r.kind !== 'number' || r.unit === null) return null;
  return { value: r.value, unit: r.unit.replace(/^(?:余|多)/, ''), approximate: r.approximate };
}

/**
 * Numbers that are not counts of anything reported: ranks (第三), ranges (3—4次), frequencies (每月一次,
 * 每天检查3次), one or two written in words (一个, 两次, 二期 are manners of speaking), phone numbers.
 */
function isNotACount(text: string, start: number, sentence: Span, m: RegExpExecArray): boolean {
  const before = text.slice(sentence.start, start);
  const numeral = m[2]!;
  if (/第\s*$/u.test(before)) return true;
  if (/[\d零一二两三四五六七八九十][-—–~〜至到]\s*$/u.test(before)) return true;
  if (/每[^，,。；;\d]{0,6}$/u.test(before)) return true;
  if (/^[\d,.]+$/.test(numeral) && numeral.replace(/\D/g, '').length >= 7 && !numeral.includes(',')) return true;
  if (!/\d/.test(numeral) && m[1] === undefined) {
    const n = readChineseNumber(numeral);
    if (n.kind !== 'number' || n.value <= 2) return true;
  }
  return false;
}

/**
 * The indicator a number reports: the nearest cue before it in its clause, else after it in its clause,
 * else in the earlier clauses of its sentence, else in the previous sentence — the unit deciding among
 * the indicators a cue names. Outside its own clause only exact units count (宣传栏…半年共进行宣传3期).
 */
function chooseIndicator(
  text: string,
  num: Span,
  clause: Span,
  sentence: Span,
  previous: Span | null,
  unit: string,
  cues: readonly CueHit[],
  dict: CueDictionary,
): { indicator: Indicator; fit: 'exact' | 'mismatch' } | null {
  const after = text.slice(num.end, clause.end);
  const accept = (hits: CueHit[], exactOnly: boolean) => {
    for (const h of hits) {
      let best: { indicator: Indicator; fit: 'exact' | 'mismatch' } | null = null;
      for (const ind of h.indicators) {
        const fit = unitFit(ind, unit);
        if (!fit || (exactOnly && fit !== 'exact')) continue;
        if (dict.notAfter(ind).some((w) => after.includes(w))) continue;
        if (!best || (best.fit === 'mismatch' && fit === 'exact')) best = { indicator: ind, fit };
      }
      if (best) return best;
    }
    return null;
  };
  const nearestFirst = (a: CueHit, b: CueHit) => b.end - a.end || b.end - b.start - (a.end - a.start);
  const within = (s: Span, lo: number, hi: number) => cues.filter((h) => h.start >= Math.max(s.start, lo) && h.end <= Math.min(s.end, hi));
  return (
    accept(within(clause, clause.start, num.start).sort(nearestFirst), false) ??
    accept(within(clause, num.end, clause.end).sort((a, b) => a.start - b.start), false) ??
    accept(within(sentence, sentence.start, clause.start).sort(nearestFirst), true) ??
    (previous ? accept(within(previous, previous.start, previous.end).sort(nearestFirst), true) : null)
  );
}
