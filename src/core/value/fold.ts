import { toSimplified } from '../text/normalize.js';

/**
 * NFKC (full-width digits and signs → ASCII, ㎡ → m2, ＿ → _) then Traditional → Simplified, so that
 * 萬 / 億 / 餘 / 噸 / 處 read like 万 / 亿 / 余 / 吨 / 处. Unlike label folding, white space is kept: `4 950`
 * is a thousands grouping and must stay distinguishable from `4950`.
 */
export function foldValueText(s: string): string {
  // NFKC leaves these as they are; they are all white space or a minus sign as people type them.
  return toSimplified(s.normalize('NFKC')).replace(/[\u3000\u00a0\u2007\u202f]/g, ' ').replace(/\u2212/g, '-');
}
