import type { SummaryRow } from '../combine/types.js';
import type { Lang } from '../findings/wording.js';
import type { Indicator } from '../template/types.js';
import { indicatorName } from './words.js';
import type { ExcludedValue } from './exclusions.js';
import { CHART_PLUGINS } from './plugins.js';
import { COLORS, font } from './style.js';
import type { ChartConfig, ChartDataset } from './types.js';

/** What the chart builders need: the indicators (the template's, with targets) and summary rows. */
export interface ChartSource {
  indicators: readonly Indicator[];
  /** One row per community and period; a Consolidation's rows or AcrossMonths' rows (history included). */
  rows: readonly SummaryRow[];
  /** Values left out of the charts (see exclusions.ts; `excludedByFindings` makes this from the findings). */
  excluded?: readonly ExcludedValue[];
  /** Language of titles, axes and legends (default zh-CN). */
  lang?: Lang;
}

/** `健康知识知晓率（%）` / `Health knowledge awareness rate (%)` */
export const nameWithUnit = (ind: Indicator, lang: Lang = 'zh-CN'): string => {
  const name = indicatorName(ind, lang);
  return ind.unit ? (lang === 'zh-CN' ? `${name}（${ind.unit}）` : `${name} (${ind.unit})`) : name;
};

/** Decimals shown on value labels: counts whole, rates one, quantities and money up to two. */
export const decimalsOf = (ind: Indicator): number => (ind.kind === 'count' ? 0 : ind.kind === 'rate' ? 1 : 2);

export const fileSafe = (s: string): string => s.replace(/[^A-Za-z0-9_-]+/g, '_');

/** The latest period among the rows. */
export function latestPeriod(rows: readonly SummaryRow[]): string | null {
  let p: string | null = null;
  for (const r of rows) if (r.period && (p === null || r.period > p)) p = r.period;
  return p;
}

/**
 * A horizontal target line across the whole plot area: a two-point line dataset on its own hidden 0–1
 * axis, so it spans from edge to edge instead of from the first bar's centre to the last's, with no
 * plugin needed (it also shows in the legend as 目标 80%).
 */
export function targetDataset(target: number, unit: string, horizontal: boolean, label?: string): ChartDataset {
  const pts = horizontal ? [{ x: target, y: 0 }, { x: target, y: 1 }] : [{ x: 0, y: target }, { x: 1, y: target }];
  return {
    type: 'line',
    label: label ?? `目标 ${target}${unit}`,
    data: pts,
    ...(horizontal ? { yAxisID: 'yTarget', xAxisID: 'x' } : { xAxisID: 'xTarget', yAxisID: 'y' }),
    borderColor: COLORS.target,
    backgroundColor: COLORS.target,
    borderWidth: 3,
    borderDash: [10, 6],
    pointRadius: 0,
    pointHoverRadius: 0,
    pointStyle: 'line',
    fill: false,
    order: -1,
  };
}

export interface BaseOptions {
  title: string;
  subtitle: string | null;
  categoryTitle: string;
  valueTitle: string;
  horizontal?: boolean;
  /** Overlapping bar datasets in one column (above/below target), not side by side. */
  overlap?: boolean;
  decimals: number;
  suffix?: string;
  /** For rates: let the axis reach 100. */
  suggestedMax?: number;
  hasTarget: boolean;
  legend: boolean;
  valueLabels?: boolean;
}

export function chartConfig(type: 'bar' | 'line', labels: string[], datasets: ChartDataset[], o: BaseOptions): ChartConfig {
  const axisTitle = (text: string) => ({ display: true, text, font: font(16, 'bold'), color: COLORS.text });
  const ticks = { font: font(15), color: COLORS.text };
  const category = { offset: true, stacked: o.overlap ?? false, title: axisTitle(o.categoryTitle), ticks: { ...ticks, autoSkip: false }, grid: { display: false } };
  const value: Record<string, unknown> = {
    beginAtZero: true,
    title: axisTitle(o.valueTitle),
    ticks,
    grid: { color: COLORS.grid },
    // Room above the tallest column for its label; a rate axis simply stops at 100 when it can.
    grace: o.suggestedMax === undefined ? '8%' : 0,
  };
  if (o.suggestedMax !== undefined) value['suggestedMax'] = o.suggestedMax;
  const hidden = { type: 'linear', display: false, min: 0, max: 1, offset: false, grid: { offset: false } };
  const scales: Record<string, unknown> = o.horizontal
    ? { y: category, x: value, ...(o.hasTarget ? { yTarget: hidden } : {}) }
    : { x: category, y: value, ...(o.hasTarget ? { xTarget: hidden } : {}) };
  return {
    type,
    data: { labels, datasets },
    options: {
      indexAxis: o.horizontal ? 'y' : 'x',
      layout: { padding: { top: 8, right: o.horizontal ? 56 : 24, bottom: 8, left: 8 } },
      plugins: {
        title: { display: true, text: o.title, font: font(26, 'bold'), color: COLORS.text, padding: { top: 10, bottom: o.subtitle ? 4 : 16 } },
        subtitle: { display: o.subtitle !== null, text: o.subtitle ?? '', font: font(16), color: '#555555', padding: { bottom: 14 } },
        legend: { display: o.legend, position: 'top', align: 'end', labels: { font: font(15), color: COLORS.text, usePointStyle: true, pointStyleWidth: 28, boxHeight: 12 } },
        crValueLabels: { display: o.valueLabels ?? true, decimals: o.decimals, fixed: o.suffix === '%', suffix: o.suffix ?? '', size: 14 },
      },
      scales,
    },
    plugins: CHART_PLUGINS,
  };
}
