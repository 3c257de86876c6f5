import { totalOf } from '../combine/totals.js';
import { addMonths, monthsFrom } from '../months/periods.js';
import { byText } from '../months/rows.js';
import { firstPerCommunity } from './byCommunity.js';
import { applyExclusions, droppedIn } from './exclusions.js';
import { CHART_WORDS, indicatorName, periodText } from './words.js';
import { chartConfig, decimalsOf, fileSafe, latestPeriod, nameWithUnit, targetDataset, type ChartSource } from './common.js';
import { COLORS, SIZE } from './style.js';
import type { ChartDataset, ChartSpec } from './types.js';

/** At most this many months are drawn (the latest ones): two years still read at a glance. */
const MAX_MONTHS = 24;

export interface MonthsChartOptions {
  /** `total` (default): one series; `street`: one series per street. */
  by?: 'total' | 'street';
  /** The last month drawn (default: the latest present). */
  upTo?: string | null;
}

/**
 * (b) One indicator month by month, from the first month present to `upTo`, every calendar month in
 * between shown (a month nobody reported stays an empty slot rather than being skipped, so the axis does
 * not hide a gap). Counts and quantities as columns, rates as lines with the target line. Each month's
 * figure is the total of the communities that reported it (rates as Σnumerator / Σdenominator); the
 * subtitle says how many communities reported each month, because a missing community lowers a total.
 */
export function monthsChart(src: ChartSource, code: string, opts: MonthsChartOptions = {}): ChartSpec | null {
  const ind = src.indicators.find((i) => i.code === code);
  const last = opts.upTo ?? latestPeriod(src.rows);
  if (!ind || !last) return null;
  const lang = src.lang ?? 'zh-CN';
  const w = CHART_WORDS[lang];
  const periodLabel = (p: string, short = false): string => periodText(p, lang, short);
  const present = src.rows.map((r) => r.period).filter((p): p is string => p !== null && p <= last).sort();
  if (present.length === 0) return null;
  const span = Math.min(monthsFrom(present[0]!, last), MAX_MONTHS - 1);
  const periods = Array.from({ length: span + 1 }, (_, i) => addMonths(last, i - span));
  const oneYear = periods[0]!.slice(0, 4) === last.slice(0, 4);
  const labels = periods.map((p) => periodLabel(p, oneYear));
  const clean = applyExclusions(src.rows, src.excluded, ind);
  const rowsOf = (p: string) => firstPerCommunity(clean.rows.filter((r) => r.period === p));
  const rate = ind.kind === 'rate';
  const by = opts.by ?? 'total';

  const series: { name: string; values: (number | null)[] }[] = [];
  if (by === 'total') {
    series.push({ name: nameWithUnit(ind, lang), values: periods.map((p) => totalOf(rowsOf(p), src.indicators, null).values[code] ?? null) });
  } else {
    const streets = [...new Set(src.rows.filter((r) => periods.includes(r.period ?? '')).map((r) => r.street))].sort(byText);
    for (const s of streets) {
      const values = periods.map((p) => totalOf(rowsOf(p).filter((r) => r.street === s), src.indicators, s).values[code] ?? null);
      series.push({ name: s ?? w.noStreet, values });
    }
  }
  if (series.every((s) => s.values.every((v) => v === null))) return null;

  const datasets: ChartDataset[] = series.map((s, i) => {
    const color = by === 'total' ? COLORS.bar : COLORS.series[i % COLORS.series.length]!;
    return rate
      ? { type: 'line', label: s.name, data: s.values, borderColor: color, backgroundColor: color, borderWidth: 3, pointRadius: 5, pointStyle: 'circle', spanGaps: false, tension: 0 }
      : { type: 'bar', label: s.name, data: s.values, backgroundColor: color, borderColor: color, pointStyle: 'rect', borderRadius: 3, maxBarThickness: 80 };
  });
  const target = ind.target;
  if (target !== null) datasets.push(targetDataset(target, ind.unit === '%' ? '%' : '', false, w.target(`${target}${ind.unit === '%' ? '%' : ''}`)));

  const counts = periods.map((p, i) => `${labels[i]} ${rowsOf(p).filter((r) => (r.values[code] ?? null) !== null).length}`);
  const left = droppedIn(clean.dropped, periods);
  const subtitle =
    w.perMonth(counts.join(' · ')) + (target !== null ? `${w.sep}${w.target(`${target}${ind.unit === '%' ? '%' : ind.unit}`)}` : '') + (left ? `${w.sep}${w.barsWithout(left.join(w.listSep))}` : '');
  const range =
    periods.length <= 1
      ? periodLabel(last)
      : lang === 'zh-CN'
        ? `${periodLabel(periods[0]!)}—${oneYear ? periodLabel(last, true) : periodLabel(last)}`
        : oneYear
          ? `${periodLabel(periods[0]!, true)}–${periodLabel(last, true)} ${last.slice(0, 4)}`
          : `${periodLabel(periods[0]!)}–${periodLabel(last)}`;
  const title = w.overMonths(indicatorName(ind, lang), range, by, rate);
  return {
    id: `${fileSafe(code)}-months${by === 'street' ? '-streets' : ''}-${last}`,
    kind: 'months',
    indicator: code,
    title,
    width: SIZE.width,
    height: SIZE.height,
    config: chartConfig(rate ? 'line' : 'bar', labels, datasets, {
      title,
      subtitle,
      categoryTitle: w.month,
      valueTitle: nameWithUnit(ind, lang),
      decimals: decimalsOf(ind),
      suffix: ind.unit === '%' ? '%' : '',
      ...(rate ? { suggestedMax: 100 } : {}),
      hasTarget: target !== null,
      legend: by === 'street' || target !== null,
    }),
    table: {
      categories: labels,
      series: [...series, ...(target !== null ? [{ name: w.target(String(target)), values: periods.map(() => target) }] : [])],
    },
  };
}
