import { multiplyExact } from './decimal.js';
import { foldValueText } from './fold.js';

/**
 * Spellings that name the same unit, mapped to the spelling the template uses. 名 / 位 are classifiers for
 * persons and mean exactly 人. 人次 (attendances) is deliberately NOT 人 (persons): 150 人次 at three
 * lectures may be 50 people, so only a template's unitAliases may declare them equal.
 */
const SYNONYMS: Readonly<Record<string, string>> = {
  千克: '公斤', kg: '公斤', kgs: '公斤',
  g: '克',
  t: '吨', 公吨: '吨',
  平米: '平方米', 平方: '平方米', m2: '平方米', 'm^2': '平方米', sqm: '平方米',
  m: '米', 公尺: '米',
  千米: '公里', km: '公里',
  rmb: '元', 人民币: '元',
  名: '人', 位: '人',
  '人/次': '人次', '人·次': '人次',
};

/** Units that convert exactly into each other, as multiples of the group's smallest unit. */
const GROUPS: readonly Readonly<Record<string, number>>[] = [
  { 克: 1, 斤: 500, 公斤: 1000, 吨: 1_000_000 },
  { 元: 1, 千元: 1000, 万元: 10_000, 亿元: 100_000_000 },
  { 平方米: 1, 公顷: 10_000, 平方公里: 1_000_000 },
  { 米: 1, 公里: 1000 },
];

/**
 * Classifiers (量词) and units a cell may end with. Text after a number that is none of these, nor the
 * template's unit or aliases, is prose (`50名居民`, `十分重视`) and makes the cell not a number rather than
 * a unit mismatch.
 */
const CLASSIFIERS = new Set(
  ('个 只 张 份 条 块 处 次 场 期 人 人次 户 家 间 栋 幢 辆 台 件 套 本 册 幅 篇 面 棵 株 盒 袋 瓶 箱 包 桶 ' +
    '支 把 起 例 项 批 所 座 车 车次 趟 封 卷 副 组 队 支队 % ‰').split(' '),
);

/** Folds a unit as written (`（千克）`, `ＫＧ`, `噸`, `㎡`) to the spelling the template uses (`公斤`, `吨`, `平方米`). */
export function normalizeUnit(u: string): string {
  // Called for every value cell with the same few unit strings: remember them (bounded, for safety).
  const hit = unitCache.get(u);
  if (hit !== undefined) return hit;
  let s = foldValueText(u).replace(/\s+/g, '').toLowerCase();
  const bracketed = /^[([【]([^()[\]【】]*)[)\]】]$/.exec(s);
  if (bracketed) s = bracketed[1]!;
  const out = SYNONYMS[s] ?? s;
  if (unitCache.size > 10_000) unitCache.clear();
  unitCache.set(u, out);
  return out;
}

const unitCache = new Map<string, string>();

/** True when `u` is a unit or classifier this parser recognises on its own (without the template). */
export function isKnownUnit(u: string): boolean {
  const n = normalizeUnit(u);
  return CLASSIFIERS.has(n) || GROUPS.some((g) => n in g);
}

/**
 * Converts `value` from unit `from` to unit `to`. `aliases` are the units the template declares equivalent
 * to `to` for this indicator. Returns factor 1 for the same unit, a synonym or an alias, null when the two
 * units cannot be converted exactly (张 → 处, 平方米 → 处, 人 → 人次).
 */
export function convertUnit(
  value: number,
  from: string,
  to: string,
  aliases: readonly string[] = [],
): { value: number; factor: number } | null {
  const f = normalizeUnit(from);
  const t = normalizeUnit(to);
  if (f === t || aliases.some((a) => normalizeUnit(a) === f)) return { value, factor: 1 };
  for (const g of GROUPS) {
    const a = g[f];
    const b = g[t];
    if (a !== undefined && b !== undefined) {
      const factor = a / b;
      return { value: multiplyExact(value, factor), factor };
    }
  }
  return null;
}
