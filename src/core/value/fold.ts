import { TRAD_SIMP_PAIRS } from '../text/tradMap.js';

let tradMap: Map<string, string> | null = null;

/**
 * NFKC (full-width digits and signs → ASCII, ㎡ → m2, ＿ → _) then Traditional → Simplified, one character
 * at a time, so that 萬 / 億 / 餘 / 噸 / 處 read like 万 / 亿 / 余 / 吨 / 处. White space is kept: `4 950`
 * is a thousands grouping and must stay distinguishable from `4950`.
 */
export function foldValueText(s: string): string {
  if (!tradMap) {
    tradMap = new Map();
    const chars = [...TRAD_SIMP_PAIRS];
    for (let i = 0; i + 1 < chars.length; i += 2) tradMap.set(chars[i]!, chars[i + 1]!);
    // 馀 is the older Simplified form of 余 and is not in OpenCC's Traditional table.
    tradMap.set('馀', '余');
  }
  let out = '';
  for (const ch of s.normalize('NFKC')) out += tradMap.get(ch) ?? ch;
  // NFKC leaves these as they are; they are all white space or a minus sign as people type them.
  return out.replace(/[\u3000\u00a0\u2007\u202f]/g, ' ').replace(/\u2212/g, '-');
}
