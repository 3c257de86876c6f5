import type { ChartSpec } from '../core/charts/index.js';
import { COLORS } from '../core/charts/index.js';
import type { NativeChart } from '../excel/excelAdapter.js';

const titleOf = (scale: unknown): string => {
  const title = (scale as { title?: { text?: unknown } } | undefined)?.title?.text;
  return typeof title === 'string' ? title : '';
};

/**
 * A chart spec from the core → what the Excel adapter draws natively: the spec's plotted table (the
 * same numbers as the picture), its title and axis titles, the target series as a line, and for a chart
 * with a target the points below it in the below-target colour. Pure.
 */
export function nativeChartOf(spec: ChartSpec): NativeChart {
  const options = spec.config.options as { indexAxis?: string; scales?: Record<string, unknown> };
  const horizontal = options.indexAxis === 'y';
  const scales = options.scales ?? {};
  const category = horizontal ? scales['y'] : scales['x'];
  const value = horizontal ? scales['x'] : scales['y'];
  const { categories, series } = spec.table;
  // The target series (one value repeated, named 目标 …) becomes a line; the first series is the bars.
  const isTarget = (name: string) => name.startsWith('目标');
  const target = series.find((s) => isTarget(s.name))?.values[0] ?? null;
  const main = series[0]?.values ?? [];
  return {
    title: spec.title,
    categoryTitle: titleOf(category),
    valueTitle: titleOf(value),
    type: spec.config.type === 'line' ? 'line' : horizontal ? 'bar' : 'column',
    categories,
    series: series.map((s) => ({ name: s.name, values: s.values, line: isTarget(s.name) })),
    pointColors: spec.kind !== 'months' && target !== null ? main.map((v) => (v !== null && v < target ? COLORS.below : null)) : [],
  };
}
