import type { SummaryRow } from '../combine/types.js';
import { totalOf } from '../combine/totals.js';
import { byText } from '../months/rows.js';
import { applyExclusions, droppedIn } from './exclusions.js';
import { CHART_WORDS, indicatorName, periodText } from './words.js';
import { chartConfig, decimalsOf, fileSafe, latestPeriod, nameWithUnit, targetDataset, type ChartSource } from './common.js';
import { COLORS, formatNumber, SIZE } from './style.js';
import type { ChartDataset, ChartSpec } from './types.js';

/** Above this many communities the bars turn horizontal and the picture grows taller, one band per name. */
const HORIZONTAL_FROM = 24;

/**
 * (a) One indicator by community for one period: bars sorted from highest to lowest. For an indicator
 * with a target (a rate such as 知晓率, target 80) the target is drawn as a line across the plot and the
 * communities below it are coloured differently (orange, with their own legend entry). Communities with
 * no value are left out and named in the subtitle. Null when the indicator is unknown or no community
 * has a value.
 */
export function communityChart(src: ChartSource, code: string, period?: string | null): ChartSpec | null {
  const ind = src.indicators.find((i) => i.code === code);
  const p = period ?? latestPeriod(src.rows);
  if (!ind || !p) return null;
  const lang = src.lang ?? 'zh-CN';
  const w = CHART_WORDS[lang];
  const clean = applyExclusions(src.rows, src.excluded, ind);
  const inPeriod = firstPerCommunity(clean.rows.filter((r) => r.period === p));
  // The total said beside the bars is 汇总's: over every row, values with errors included.
  const asReported = firstPerCommunity(src.rows.filter((r) => r.period === p));
  const points = inPeriod
    .map((r) => ({ name: r.community, value: r.values[code] ?? null }))
    .filter((x): x is { name: string; value: number } => x.value !== null)
    .sort((a, b) => b.value - a.value || byText(a.name, b.name));
  if (points.length === 0) return null;
  const dropped = clean.dropped.get(p) ?? [];
  const empty = inPeriod.filter((r) => (r.values[code] ?? null) === null && !dropped.includes(r.community)).map((r) => r.community);

  const target = ind.target;
  const horizontal = points.length > HORIZONTAL_FROM;
  const labels = points.map((x) => x.name);
  const values = points.map((x) => x.value);
  const below = (v: number): boolean => target !== null && v < target;
  const unitSuffix = ind.unit === '%' ? '%' : '';
  const total = totalOf(asReported, src.indicators, null).values[code] ?? null;

  const datasets: ChartDataset[] = [];
  const bar = { type: 'bar' as const, pointStyle: 'rect', borderRadius: 3, maxBarThickness: 64 };
  if (target === null) {
    datasets.push({ ...bar, label: nameWithUnit(ind, lang), data: values, backgroundColor: COLORS.bar, borderColor: COLORS.bar });
  } else {
    // Two datasets in one column each, so the legend explains the colours; an empty one is left out.
    if (values.some((v) => !below(v))) datasets.push({ ...bar, label: w.met, data: values.map((v) => (below(v) ? null : v)), backgroundColor: COLORS.bar, borderColor: COLORS.bar });
    if (values.some(below)) datasets.push({ ...bar, label: w.below, data: values.map((v) => (below(v) ? v : null)), backgroundColor: COLORS.below, borderColor: COLORS.below });
    datasets.push(targetDataset(target, unitSuffix, horizontal, w.target(`${target}${unitSuffix}`)));
  }

  const facts: string[] = [w.communities(points.length)];
  if (total !== null) facts.push(w.total(ind.kind === 'rate', `${formatNumber(total, decimalsOf(ind))}${unitSuffix || ind.unit}`));
  if (target !== null) facts.push(`${w.target(`${target}${unitSuffix}`)}${lang === 'zh-CN' ? '，' : ', '}${w.belowTarget(values.filter(below).length)}`);
  if (empty.length) facts.push(w.noData(empty.join(w.listSep)));
  const left = droppedIn(clean.dropped, [p]);
  if (left) facts.push(w.notDrawn(left.join(w.listSep)));
  const title = w.byCommunity(periodText(p, lang), indicatorName(ind, lang));
  return {
    id: `${fileSafe(code)}-communities-${p}`,
    kind: 'communities',
    indicator: code,
    title,
    width: SIZE.width,
    height: horizontal ? Math.max(SIZE.height, 170 + 26 * points.length) : SIZE.height,
    config: chartConfig('bar', labels, datasets, {
      title,
      subtitle: facts.join(w.sep),
      categoryTitle: w.community,
      valueTitle: nameWithUnit(ind, lang),
      horizontal,
      overlap: target !== null,
      decimals: decimalsOf(ind),
      suffix: unitSuffix,
      ...(ind.kind === 'rate' ? { suggestedMax: 100 } : {}),
      hasTarget: target !== null,
      legend: target !== null,
    }),
    table: {
      categories: labels,
      series: [{ name: nameWithUnit(ind, lang), values }, ...(target !== null ? [{ name: w.target(`${target}${unitSuffix}`), values: values.map(() => target) }] : [])],
    },
  };
}

/** Of two rows for the same community (should not happen after combining) the first counts. */
export function firstPerCommunity(rows: readonly SummaryRow[]): SummaryRow[] {
  const seen = new Set<string>();
  return rows.filter((r) => (seen.has(r.community) ? false : (seen.add(r.community), true)));
}
