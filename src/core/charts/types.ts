/**
 * Chart configurations as plain data in chart.js's shape (v4), built without importing chart.js so the
 * core stays free of it: the command line renders them with chart.js on @napi-rs/canvas, the task pane
 * hands them to chart.js in the browser, and a native Excel chart can be built from `data`.
 * Typed loosely on purpose: chart.js's own types are large and would tie the core to its version.
 */
export interface ChartDataset {
  type?: 'bar' | 'line';
  label: string;
  /** One value per label, or `{x, y}` points for the target line on its own hidden axis. */
  data: (number | null)[] | { x: number; y: number }[];
  backgroundColor?: string | string[];
  borderColor?: string | string[];
  [option: string]: unknown;
}

export interface ChartConfig {
  type: 'bar' | 'line';
  data: { labels: string[]; datasets: ChartDataset[] };
  options: Record<string, unknown>;
  /**
   * Inline chart.js plugins (see plugins.ts): white background and value labels. Plain objects with hook
   * functions; chart.js runs them for this chart only, so nothing needs registering globally.
   */
  plugins: ChartPluginLike[];
}

/** A chart.js plugin, typed loosely (see plugins.ts). */
export interface ChartPluginLike {
  id: string;
  [hook: string]: unknown;
}

/** What kind of chart a spec is, for file names and for the task pane's menu. */
export type ChartKind = 'communities' | 'months' | 'streets';

/** A chart ready to draw: its configuration plus what a door needs around it. */
export interface ChartSpec {
  /** Stable, ASCII: `awareness_rate-communities-2026-10`; used for file names. */
  id: string;
  kind: ChartKind;
  indicator: string;
  /** The chart's main title (also the picture's alt text). */
  title: string;
  /** Suggested pixel size; bar charts of many communities grow taller. */
  width: number;
  height: number;
  config: ChartConfig;
  /**
   * The plotted numbers as a small table — categories and one series per dataset (the target line
   * included) — for a native Excel chart or an accessible table beside the picture.
   */
  table: { categories: string[]; series: { name: string; values: (number | null)[] }[] };
}
