/**
 * Every word a chart or the meeting report prints, per language: titles, axis titles, legends, subtitle
 * facts. Indicator names come from the template (its 英文名称 column in English, else the Chinese name).
 */
import type { Lang } from '../findings/wording.js';
import { periodLabel } from '../months/periods.js';
import type { Indicator } from '../template/types.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2026-10` → `2026年10月` / `Oct 2026`; with `short`, `10月` / `Oct`. */
export function periodText(p: string, lang: Lang = 'zh-CN', short = false): string {
  if (lang === 'zh-CN') return periodLabel(p, short);
  const m = /^(\d{4})-(\d{2})$/.exec(p);
  if (!m) return p;
  const name = MONTHS[Number(m[2]) - 1] ?? m[2]!;
  return short ? name : `${name} ${m[1]}`;
}

/** The indicator's name in `lang` (English where the template has one). */
export const indicatorName = (ind: Indicator, lang: Lang = 'zh-CN'): string => (lang === 'en-US' && ind.nameEn ? ind.nameEn : ind.name);

export interface ChartWords {
  sep: string;
  listSep: string;
  community: string;
  street: string;
  month: string;
  noStreet: string;
  target: (t: string) => string;
  met: string;
  below: string;
  communities: (n: number) => string;
  streetsAndCommunities: (s: number, c: number) => string;
  total: (rate: boolean, value: string) => string;
  belowTarget: (n: number) => string;
  noData: (names: string) => string;
  /** Values with an error finding: not drawn, still in the total beside them (the summary sheet's). */
  notDrawn: (names: string) => string;
  /** Bars that are totals drawn without those values, while the summary sheet's totals keep them. */
  barsWithout: (names: string) => string;
  byCommunity: (period: string, name: string) => string;
  byStreet: (period: string, name: string) => string;
  overMonths: (name: string, range: string, by: 'total' | 'street', rate: boolean) => string;
  perMonth: (counts: string) => string;
  vsPrevRate: (up: boolean, points: string) => string;
  vsPrev: (value: string, pct: string | null) => string;
}

export const CHART_WORDS: Record<Lang, ChartWords> = {
  'zh-CN': {
    sep: '　|　',
    listSep: '、',
    community: '社区',
    street: '街道',
    month: '月份',
    noStreet: '（未填街道）',
    target: (t) => `目标 ${t}`,
    met: '达到目标',
    below: '低于目标',
    communities: (n) => `${n} 个社区`,
    streetsAndCommunities: (s, c) => `${s} 个街道，${c} 个社区`,
    total: (rate, v) => `${rate ? '总体' : '合计'} ${v}`,
    belowTarget: (n) => `${n} 个社区低于目标`,
    noData: (names) => `无数据：${names}`,
    notDrawn: (names) => `有错误的数值未画出：${names}（合计同汇总表，含这些数值）`,
    barsWithout: (names) => `图中不含有错误的数值：${names}（汇总表的合计含这些数值）`,
    byCommunity: (p, name) => `${p} 各社区${name}`,
    byStreet: (p, name) => `${p} 各街道${name}`,
    overMonths: (name, range, by, rate) => `${name}逐月${by === 'street' ? '情况（分街道）' : rate ? '情况' : '合计'}　${range}`,
    perMonth: (counts) => `各月计入社区数：${counts}`,
    vsPrevRate: (up, points) => `比上月${up ? '提高' : '下降'} ${points} 个百分点`,
    vsPrev: (v, pct) => `上月 ${v}${pct ? `（${pct}）` : ''}`,
  },
  'en-US': {
    sep: '  |  ',
    listSep: ', ',
    community: 'Community',
    street: 'Street',
    month: 'Month',
    noStreet: '(no street)',
    target: (t) => `Target ${t}`,
    met: 'Target met',
    below: 'Below target',
    communities: (n) => `${n} communities`,
    streetsAndCommunities: (s, c) => `${s} streets, ${c} communities`,
    total: (rate, v) => `${rate ? 'Overall' : 'Total'} ${v}`,
    belowTarget: (n) => `${n} below target`,
    noData: (names) => `no data: ${names}`,
    notDrawn: (names) => `values with errors not drawn: ${names} (the total, as in the summary sheet, includes them)`,
    barsWithout: (names) => `bars leave out values with errors: ${names} (the summary sheet's totals include them)`,
    byCommunity: (p, name) => `${name} by community, ${p}`,
    byStreet: (p, name) => `${name} by street, ${p}`,
    overMonths: (name, range, by, rate) => `${name} by month${by === 'street' ? ', by street' : rate ? '' : ' (total)'}  ${range}`,
    perMonth: (counts) => `communities counted per month: ${counts}`,
    vsPrevRate: (up, points) => `${up ? 'up' : 'down'} ${points} points on last month`,
    vsPrev: (v, pct) => `last month ${v}${pct ? ` (${pct})` : ''}`,
  },
};
