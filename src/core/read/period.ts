import type { CellValue } from '../grid.js';
import { isDateFormat, serialToParts } from '../value/excelFormat.js';

export type PeriodResult = { ok: true; period: string } | { ok: false; text: string };

const CN_DIGITS: Record<string, number> = { 〇: 0, 零: 0, O: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

function cnYear(s: string): number | null {
  if (![...s].every((c) => c in CN_DIGITS)) return null;
  return Number([...s].map((c) => CN_DIGITS[c]).join(''));
}

function cnMonth(s: string): number | null {
  const map: Record<string, number> = {
    一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 十一: 11, 十二: 12, 正: 1, 元: 1,
  };
  return map[s] ?? null;
}

function make(y: number, m: number): string | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || y < 1990 || y > 2100 || m < 1 || m > 12) return null;
  return `${y}-${String(m).padStart(2, '0')}`;
}

/**
 * Reads a reporting period as written: 2026年10月, 2026-10, 2026.10, 2026/10, 202610, 2026-10-05,
 * 二〇二六年十月, an Excel date. A General-format number 2026.1 is refused: Excel turned 2026.10 into it
 * and it could equally be January; guessing would file the return under the wrong month.
 */
export function parsePeriod(v: CellValue, numberFormat?: string | null): PeriodResult {
  if (v === null || v === '' || typeof v === 'boolean') return { ok: false, text: String(v ?? '') };
  if (typeof v === 'number') {
    if (isDateFormat(numberFormat)) {
      const q = serialToParts(v);
      const p = q && make(q.y, q.m);
      return p ? { ok: true, period: p } : { ok: false, text: String(v) };
    }
    if (Number.isInteger(v) && v >= 199001 && v <= 210012) {
      const p = make(Math.floor(v / 100), v % 100);
      if (p) return { ok: true, period: p };
    }
    const fixed = /0\.(0+)/.exec(numberFormat ?? '');
    if (fixed && fixed[1]!.length === 2) {
      const p = make(Math.floor(v), Math.round((v - Math.floor(v)) * 100));
      if (p) return { ok: true, period: p };
    }
    // 2026.11 / 2026.12 / 2026.05 are unambiguous; 2026.1 is not (see above).
    const s = String(v);
    const m2 = /^(\d{4})\.(\d{2})$/.exec(s);
    if (m2) {
      const p = make(Number(m2[1]), Number(m2[2]));
      if (p) return { ok: true, period: p };
    }
    return { ok: false, text: s };
  }
  const text = v.trim();
  const s = text.normalize('NFKC').replace(/\s+/g, '');
  let m = /(\d{4})\s*年\s*(\d{1,2})\s*月/.exec(s);
  if (m) {
    const p = make(Number(m[1]), Number(m[2]));
    return p ? { ok: true, period: p } : { ok: false, text };
  }
  m = /^(\d{4})[-./](\d{1,2})(?:[-./]\d{1,2})?(?:日)?$/.exec(s);
  if (m) {
    const p = make(Number(m[1]), Number(m[2]));
    return p ? { ok: true, period: p } : { ok: false, text };
  }
  m = /^(\d{4})(\d{2})$/.exec(s);
  if (m) {
    const p = make(Number(m[1]), Number(m[2]));
    return p ? { ok: true, period: p } : { ok: false, text };
  }
  m = /([〇零O一二三四五六七八九]{4})年(十[一二]?|[正元一二三四五六七八九])月/.exec(s);
  if (m) {
    const y = cnYear(m[1]!);
    const mo = cnMonth(m[2]!);
    const p = y !== null && mo !== null ? make(y, mo) : null;
    return p ? { ok: true, period: p } : { ok: false, text };
  }
  return { ok: false, text };
}

/** Finds a `2026年10月` inside a longer text, such as a title row. */
export function periodInText(text: string): string | null {
  const m = /(\d{4})\s*年\s*(\d{1,2})\s*月/.exec(text.normalize('NFKC'));
  return m ? make(Number(m[1]), Number(m[2])) : null;
}
