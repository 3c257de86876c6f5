import { totalOf } from '../combine/totals.js';
import { groupBy } from '../groupBy.js';
import { previousPeriod } from '../months/periods.js';
import { byText } from '../months/rows.js';
import { firstPerCommunity } from './byCommunity.js';
import { applyExclusions, droppedIn } from './exclusions.js';
import { CHART_WORDS, indicatorName, periodText } from './words.js';
import { chartConfig, decimalsOf, fileSafe, latestPeriod, nameWithUnit, targetDataset, type ChartSource } from './common.js';
import { COLORS, formatNumber, SIZE } from './style.js';
import type { ChartDataset, ChartSpec } from './types.js';

/**
 * (c) Streets compared for one period: each street's total (a rate recomputed from its communities'
 * numerators and denominators), highest first. For a count or quantity, last month's figures stand
 * beside this month's in a lighter colour when last month is known; for a rate with a target, the target
 * line and the below-target colour as in the community chart.
 */
export function streetChart(src: ChartSource, code: string, period?: string | null): ChartSpec | null {
  const ind = src.indicators.find((i) => i.code === code);
  const p = period ?? latestPeriod(src.rows);
  if (!ind || !p) return null;
  const prevP = previousPeriod(p);
  const lang = src.lang ?? 'zh-CN';
  const w = CHART_WORDS[lang];
  const periodLabel = (x: string): string => periodText(x, lang);
  const clean = applyExclusions(src.rows, src.excluded, ind);
  const cur = firstPerCommunity(clean.rows.filter((r) => r.period === p));
  const prev = firstPerCommunity(clean.rows.filter((r) => r.period === prevP));
  const curBy = groupBy(cur, (r) => r.street);
  const prevBy = groupBy(prev, (r) => r.street);
  const totalFor = (rows: typeof cur, street: string | null) => totalOf(rows, src.indicators, street).values[code] ?? null;
  const points = [...curBy]
    .map(([s, rs]) => ({ street: s, value: totalFor(rs, s), previous: prev.length ? totalFor(prevBy.get(s) ?? [], s) : null, returns: rs.length }))
    .filter((x): x is { street: string | null; value: number; previous: number | null; returns: number } => x.value !== null)
    .sort((a, b) => b.value - a.value || byText(a.street, b.street));
  if (points.length === 0) return null;

  const labels = points.map((x) => x.street ?? w.noStreet);
  const values = points.map((x) => x.value);
  const target = ind.target;
  const unitSuffix = ind.unit === '%' ? '%' : '';
  const bar = { type: 'bar' as const, pointStyle: 'rect', borderRadius: 3, maxBarThickness: 120 };
  const datasets: ChartDataset[] = [];
  const withPrevious = target === null && points.some((x) => x.previous !== null);
  if (target !== null) {
    if (values.some((v) => v >= target)) datasets.push({ ...bar, label: w.met, data: values.map((v) => (v < target ? null : v)), backgroundColor: COLORS.bar, borderColor: COLORS.bar });
    if (values.some((v) => v < target)) datasets.push({ ...bar, label: w.below, data: values.map((v) => (v < target ? v : null)), backgroundColor: COLORS.below, borderColor: COLORS.below });
    datasets.push(targetDataset(target, unitSuffix, false, w.target(`${target}${unitSuffix}`)));
  } else {
    datasets.push({ ...bar, label: periodLabel(p), data: values, backgroundColor: COLORS.bar, borderColor: COLORS.bar });
    if (withPrevious) {
      datasets.push({ ...bar, label: periodLabel(prevP), data: points.map((x) => x.previous), backgroundColor: COLORS.previous, borderColor: COLORS.previous });
    }
  }
  // The totals said in words are 汇总's and 环比's: over every row, values with errors included.
  const asReported = firstPerCommunity(src.rows.filter((r) => r.period === p));
  const prevAsReported = firstPerCommunity(src.rows.filter((r) => r.period === prevP));
  const total = totalOf(asReported, src.indicators, null).values[code] ?? null;
  const prevTotal = prevAsReported.length ? (totalOf(prevAsReported, src.indicators, null).values[code] ?? null) : null;
  const d = decimalsOf(ind);
  const facts = [w.streetsAndCommunities(points.length, cur.length)];
  if (total !== null) facts.push(w.total(ind.kind === 'rate', `${formatNumber(total, d)}${unitSuffix || ind.unit}`));
  if (total !== null && prevTotal !== null) {
    const ch = total - prevTotal;
    facts.push(
      ind.kind === 'rate'
        ? w.vsPrevRate(ch >= 0, formatNumber(Math.abs(ch), 1))
        : w.vsPrev(`${formatNumber(prevTotal, d)}${ind.unit}`, prevTotal > 0 ? `${ch >= 0 ? '+' : '−'}${formatNumber(Math.abs((ch / prevTotal) * 100), 1)}%` : null),
    );
  }
  if (target !== null) facts.push(w.target(`${target}${unitSuffix}`));
  const left = droppedIn(clean.dropped, withPrevious ? [p, prevP] : [p]);
  if (left) facts.push(w.barsWithout(left.join(w.listSep)));
  const title = w.byStreet(periodText(p, lang), indicatorName(ind, lang));
  return {
    id: `${fileSafe(code)}-streets-${p}`,
    kind: 'streets',
    indicator: code,
    title,
    width: SIZE.width,
    height: SIZE.height,
    config: chartConfig('bar', labels, datasets, {
      title,
      subtitle: facts.join(w.sep),
      categoryTitle: w.street,
      valueTitle: nameWithUnit(ind, lang),
      overlap: target !== null,
      decimals: d,
      suffix: unitSuffix,
      ...(ind.kind === 'rate' ? { suggestedMax: 100 } : {}),
      hasTarget: target !== null,
      legend: target !== null || withPrevious,
    }),
    table: {
      categories: labels,
      series: [
        { name: periodLabel(p), values },
        ...(withPrevious ? [{ name: periodLabel(prevP), values: points.map((x) => x.previous) }] : []),
        ...(target !== null ? [{ name: w.target(String(target)), values: values.map(() => target) }] : []),
      ],
    },
  };
}
