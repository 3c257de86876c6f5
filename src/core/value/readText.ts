import { CHINESE_NUMERAL_CHAR, readChineseNumber } from './chineseNumber.js';
import { multiplyExact } from './decimal.js';

/** What a cell's text says, before the template's unit and the value checks are applied. */
export type TextReading =
  | { kind: 'number'; value: number; approximate: boolean; unit: string | null }
  | { kind: 'cell_error' | 'formula_text' | 'placeholder' | 'date_value' | 'range_value' | 'not_a_number' };

type Shape = Exclude<TextReading['kind'], 'number'>;

/**
 * Whole-cell shapes that are recognised before any attempt to read a number, in this order. A new shape
 * is a new entry. Input is folded (NFKC, Simplified) and trimmed.
 */
const SHAPES: readonly { kind: Shape; test: RegExp }[] = [
  // Excel's error values: #DIV/0!, #N/A, #VALUE!, #REF!, #NAME?, #NUM!, #NULL!, #SPILL!, #CALC! and kin.
  { kind: 'cell_error', test: /^#(?:N\/A|[A-Z][A-Z0-9/._]*[!?]|DIV\/0!)$/i },
  { kind: 'formula_text', test: /^=/ },
  // A template blank left unfilled: 20__余元, ＿＿, xx, 20xx, ×××, ***, □□.
  { kind: 'placeholder', test: /_|[x×]{2,}|\*{2,}|□|○{2,}/i },
  // Dates and times: 2026-10-05, 2026/10/5, 2026.10.05, 2026-10, 10/5, 10月5日, 2026年10月, 10:30.
  {
    kind: 'date_value',
    test: /^(?:\d{4}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}[日号]?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?|(?:19|20)\d{2}[-/](?:0?[1-9]|1[0-2])|(?:0?[1-9]|1[0-2])\/(?:0?[1-9]|[12]\d|3[01])|(?:\d{2,4}年)?\d{1,2}月(?:\d{1,2}[日号])?|\d{2,4}年(?:\d{1,2}月)?|\d{1,2}:\d{2}(?::\d{2})?)$/,
  },
];

const APPROX_PREFIX = /^(?:大约|约合|约计|约|将近|接近|近|差不多)\s*/;
const APPROX_AFTER_NUMBER = /^\s*(?:余|多|许)/;
const APPROX_AROUND_UNIT = /^(?:左右|上下|以上)|(?:左右|上下|以上)$/;
const MULTIPLIERS: Readonly<Record<string, number>> = { 百: 100, 千: 1000, 万: 10_000, 亿: 100_000_000 };
// Only a valid thousands grouping counts (4,950 / 4 950 / 4'950); 4,95 is not a number.
const ARABIC = /^(?:\d{1,3}(?:(,| |'|’)\d{3})(?:\1\d{3})*(?![\d,'’])|\d+)(?:\.\d*)?|^\.\d+/;
const EXPONENT = /^[eE][+-]?\d+$/;
const RANGE_AFTER_FIRST = /^[^\d]{0,4}?\s*(?:-+|—+|–|~|〜|至|到)\s*(?:约|近)?\s*[\d〇零一二两三四五六七八九十百千万]/u;

/**
 * Reads one cell's text. `isUnit` says whether trailing text is a unit (known to the parser, or the
 * template's unit or one of its aliases); any other trailing text makes the cell not a number.
 */
export function readText(text: string, isUnit: (u: string) => boolean): TextReading {
  for (const shape of SHAPES) if (shape.test.test(text)) return { kind: shape.kind };
  return readNumber(text.replace(/^'/, ''), isUnit) ?? { kind: 'not_a_number' };
}

function readNumber(text: string, isUnit: (u: string) => boolean): TextReading | null {
  let s = text;
  let approximate = false;
  let percent = false;
  const prefix = APPROX_PREFIX.exec(s);
  if (prefix) [approximate, s] = [true, s.slice(prefix[0].length)];
  if (s.startsWith('百分之')) [percent, s] = [true, s.slice(3)];
  let sign = 1;
  if (s[0] === '+' || s[0] === '-') [sign, s] = [s[0] === '-' ? -1 : 1, s.slice(1).trimStart()];

  const first = readFirstNumber(s, isUnit);
  if (first === 'range') return { kind: 'range_value' };
  if (!first) return null;
  let { value } = first;
  let rest = first.rest;
  // 1.2E+04 as a CSV export writes a large number (checked first: 1.5e-7 is not the range 1.5 to 7).
  if (first.digits !== null && EXPONENT.test(rest)) [value, rest] = [Number(first.digits + rest), ''];
  if (RANGE_AFTER_FIRST.test(rest)) return { kind: 'range_value' };

  const after = APPROX_AFTER_NUMBER.exec(rest);
  if (after) [approximate, rest] = [true, rest.slice(after[0].length)];
  rest = rest.trim();
  const mult = MULTIPLIERS[rest[0] ?? ''];
  if (mult !== undefined && first.digits !== null && !isUnit(stripApprox(rest).unit)) {
    [value, rest] = [multiplyExact(value, mult), rest.slice(1)];
    const again = APPROX_AFTER_NUMBER.exec(rest);
    if (again) [approximate, rest] = [true, rest.slice(again[0].length)];
  }

  const tail = stripApprox(rest.trim());
  if (tail.approximate) approximate = true;
  let unit: string | null = tail.unit === '' ? null : tail.unit;
  if (unit !== null && !isUnit(unit)) return null;
  if (percent) {
    if (unit !== null) return null;
    unit = '%';
  }
  if (!Number.isFinite(value)) return null;
  value = sign * value;
  return { kind: 'number', value: value === 0 ? 0 : value, approximate, unit };
}

/** 100左右 / 100人左右 / 200人以上: the marker may sit before or after the unit. */
function stripApprox(rest: string): { unit: string; approximate: boolean } {
  const m = APPROX_AROUND_UNIT.exec(rest);
  if (!m) return { unit: unwrap(rest), approximate: false };
  return { unit: unwrap((rest.slice(0, m.index) + rest.slice(m.index + m[0].length)).trim()), approximate: true };
}

/** `90（公斤）` → 公斤. */
function unwrap(unit: string): string {
  const m = /^[([【]\s*([^()[\]【】]*?)\s*[)\]】]$/.exec(unit);
  return m ? m[1]! : unit;
}

interface First {
  value: number;
  rest: string;
  /** The Arabic digits read (grouping removed), or null for Chinese numerals. */
  digits: string | null;
}

function readFirstNumber(s: string, isUnit: (u: string) => boolean): First | 'range' | null {
  const a = ARABIC.exec(s);
  if (a) {
    const digits = a[0].replace(/[, '’]/g, '');
    return { value: Number(digits), rest: s.slice(a[0].length), digits };
  }
  let run = '';
  for (const ch of s) {
    if (!CHINESE_NUMERAL_CHAR.test(ch)) break;
    run += ch;
  }
  if (run === '') return null;
  // 五千克 is 5 千克, not 5000 克: give the last numeral character back when it begins the unit.
  const chars = [...run];
  if (chars.length > 1) {
    const shorter = chars.slice(0, -1).join('');
    const unitWithLast = stripApprox(s.slice(shorter.length).replace(APPROX_AFTER_NUMBER, '').trim()).unit;
    if (isUnit(unitWithLast)) run = shorter;
  }
  const n = readChineseNumber(run);
  if (n.kind === 'range') return 'range';
  if (n.kind === 'invalid') return null;
  return { value: n.value, rest: s.slice(run.length), digits: null };
}
