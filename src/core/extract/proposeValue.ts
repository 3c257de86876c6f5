import type { Mention } from './types.js';

/** The value a draft proposes for one indicator from its mentions, and how it was formed. */
export interface Proposal {
  /** Null when no mention could be used (every one has a unit that does not convert). */
  value: number | null;
  approximate: boolean;
  /** zh-CN: how the value was formed (取唯一一处 / 取总数 / 3 处相加 …). */
  how: string;
  used: Mention[];
}

const TOTAL_WORD = /(?:共计|总计|合计|累计|共|全年|总共)/u;

/**
 * One mention: its value. Several: a stated total (共 / 累计 / 合计 before the number) that the others,
 * written in other sentences, do not exceed is taken as the total (讲座共150人次 with 近100名 and 近40名 as
 * its parts); otherwise the mentions are added (致居民一封信300份，宣传单200份 → 500). Mentions whose unit
 * does not convert are never added; the review note lists them.
 */
export function proposeValue(mentions: readonly Mention[]): Proposal {
  const usable = mentions.filter((m) => !m.flags.includes('unit_mismatch'));
  const skipped = mentions.length - usable.length;
  const tail = skipped > 0 ? `；另有 ${skipped} 处单位无法换算，未计入` : '';
  if (usable.length === 0) return { value: null, approximate: false, how: `${mentions.length} 处单位无法换算，未填数值，请人工填写`, used: [] };
  const approx = (ms: readonly Mention[]) => ms.some((m) => m.approximate);
  if (usable.length === 1) {
    const m = usable[0]!;
    return { value: m.value, approximate: m.approximate, how: `取原文“${m.text}”${tail}`, used: [m] };
  }
  const totals = usable.filter((m) => TOTAL_WORD.test(m.sentence.slice(0, Math.max(0, m.sentence.indexOf(m.text)))));
  if (totals.length === 1) {
    const total = totals[0]!;
    const parts = usable.filter((m) => m !== total);
    const sum = addAll(parts.map((m) => m.value));
    if (parts.every((m) => m.sentence !== total.sentence) && sum <= total.value) {
      return {
        value: total.value,
        approximate: total.approximate,
        how: `取总数“${total.text}”，其余 ${parts.length} 处（${parts.map((m) => m.text).join('、')}）视为其中的分项${tail}`,
        used: [total],
      };
    }
  }
  const value = addAll(usable.map((m) => m.value));
  return { value, approximate: approx(usable), how: `${usable.length} 处相加：${usable.map((m) => fmt(m.value)).join(' + ')} = ${fmt(value)}${tail}`, used: usable };
}

/** Sums decimals without binary noise (0.1 + 0.2 = 0.3), at up to 6 decimal places. */
function addAll(vs: readonly number[]): number {
  return Math.round(vs.reduce((a, b) => a + b, 0) * 1e6) / 1e6;
}

function fmt(v: number): string {
  return String(v);
}
