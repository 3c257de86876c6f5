import { periodInText } from '../read/period.js';

/** Characters after which a name begins (为城中社区, 在妙高镇政府, 对社区): the name is what follows. */
const CUT = /[为在对由使以与和及把将从向让给是我本该各全此于、的了到]/gu;
/** Words that stand before 社区 / 街道 without naming one. */
const NOT_NAMES = new Set([
  '创卫', '卫生', '创建', '整个', '优秀', '全体', '健康', '文明', '和谐', '示范', '城市', '农村', '所在', '相关', '辖区',
  '主要', '城区', '广大', '其他', '有关', '周边', '各个', '多个', '上级', '当前', '现代', '温馨', '平安', '生态', '新型',
]);

/**
 * The community, street and period a summary states. A name is the 2–4 Han characters directly before
 * 社区 (or 街道 / 镇政府) after a punctuation mark or a word such as 为 / 在; the one written at least twice
 * most often wins. Nothing is guessed: a summary that names none gives null.
 */
export function documentFields(text: string): { community: string | null; street: string | null; period: string | null } {
  return {
    community: mostFrequent(text, /社区|居委会/gu, (n, word) => n + word),
    street: mostFrequent(text, /街道办事处|街道|镇人民政府|镇政府/gu, (n, word) => (word.startsWith('镇') ? `${n}镇` : `${n}街道`)),
    period: periodInText(text.slice(0, 300)),
  };
}

function mostFrequent(text: string, word: RegExp, spell: (name: string, word: string) => string): string | null {
  const counts = new Map<string, { n: number; first: number }>();
  for (const m of text.matchAll(word)) {
    const before = /[\u4e00-\u9fa5]{1,6}$/u.exec(text.slice(Math.max(0, m.index! - 6), m.index!))?.[0] ?? '';
    const name = before.split(CUT).pop() ?? '';
    if (name.length < 2 || name.length > 4 || NOT_NAMES.has(name) || /社区|街道/u.test(name)) continue;
    const key = spell(name, m[0]);
    const c = counts.get(key);
    if (c) c.n++;
    else counts.set(key, { n: 1, first: m.index! });
  }
  let best: string | null = null;
  let top = { n: 1, first: -Infinity };
  for (const [k, c] of counts) if (c.n > top.n || (c.n === top.n && c.first < top.first)) [best, top] = [k, c];
  return best;
}
