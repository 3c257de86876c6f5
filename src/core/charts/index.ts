/** Chart configurations for chart.js as plain data; see types.ts. */
export { communityChart } from './byCommunity.js';
export { streetChart } from './byStreet.js';
export type { ChartSource } from './common.js';
export { excludedByFindings, type ExcludedValue } from './exclusions.js';
export { indicatorCharts, meetingCharts, MEETING_CHARTS } from './meetingSet.js';
export { monthsChart, type MonthsChartOptions } from './overMonths.js';
export { CHART_PLUGINS, valueLabels, whiteBackground } from './plugins.js';
export { COLORS, FONT_FAMILY, SIZE } from './style.js';
export type { ChartConfig, ChartDataset, ChartKind, ChartSpec } from './types.js';
