import { communityChart } from './byCommunity.js';
import { streetChart } from './byStreet.js';
import type { ChartSource } from './common.js';
import { monthsChart } from './overMonths.js';
import type { ChartSpec } from './types.js';

/** The standard charts for the monthly meeting (例会), by indicator code of the standard template. */
export const MEETING_CHARTS = [
  { kind: 'communities', indicator: 'awareness_rate' },
  { kind: 'months', indicator: 'rodent_bait_kg' },
  { kind: 'streets', indicator: 'garbage_t' },
] as const;

/**
 * The meeting set for `period` (default: the latest): 健康知识知晓率 by community against the target,
 * 投放鼠药 month by month, 清运垃圾 by street. Charts whose indicator the template lacks, or that have no
 * data, are left out.
 */
export function meetingCharts(src: ChartSource, period?: string | null): ChartSpec[] {
  return MEETING_CHARTS.map((c) => {
    switch (c.kind) {
      case 'communities':
        return communityChart(src, c.indicator, period);
      case 'months':
        return monthsChart(src, c.indicator, { upTo: period ?? null });
      case 'streets':
        return streetChart(src, c.indicator, period);
    }
  }).filter((s): s is ChartSpec => s !== null);
}

/** All three charts for one indicator: by community, month by month, by street. */
export function indicatorCharts(src: ChartSource, code: string, period?: string | null): ChartSpec[] {
  return [communityChart(src, code, period), monthsChart(src, code, { upTo: period ?? null }), streetChart(src, code, period)].filter(
    (s): s is ChartSpec => s !== null,
  );
}
