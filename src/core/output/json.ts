import type { JobResult } from '../job.js';
import { messageOf, type Lang } from '../findings/wording.js';
import { LazyArray } from './lazyArray.js';

/**
 * The documented JSON shape of `returns combine --format json`:
 * { returns: [{community, street, period, file, sheet, values: {code: number|null}}],
 *   streets: [{street, period, returns, values}], totals: {code: number|null} (the single period's, or the
 *   latest period's when several), totalsByPeriod: [{period, returns, values}],
 *   findings: [{code, severity, file, sheet, cell, community, indicator, message, args}], missing: [names] }
 * `returns` and `findings` are LazyArrays: each element is made as the JSON writer comes to it.
 */
export function toJson(result: JobResult, lang: Lang = 'zh-CN') {
  const c = result.consolidation;
  const last = c.totals[c.totals.length - 1];
  const findings = result.findings;
  return {
    template: c.indicators.map((i) => ({ code: i.code, name: i.name, unit: i.unit, kind: i.kind })),
    periods: c.periods,
    returns: new LazyArray(c.rows.length, (i) => {
      const r = c.rows[i]!;
      return {
        community: r.community, street: r.street, period: r.period, file: r.file, sheet: r.sheet,
        values: r.values, approximate: r.approximate,
      };
    }),
    streets: c.streets.map((s) => ({ street: s.street, period: s.period, returns: s.returns, values: s.values })),
    totals: last ? last.values : {},
    totalsByPeriod: c.totals.map((t) => ({ period: t.period, returns: t.returns, values: t.values })),
    findings: new LazyArray(findings.length, (i) => {
      const f = findings[i]!;
      return {
        code: f.code, severity: f.severity, file: f.file, sheet: f.sheet ?? null, cell: f.cell ?? null,
        community: f.community ?? null, period: f.period ?? null, indicator: f.indicator ?? null,
        message: messageOf(f, lang), args: f.args,
      };
    }),
    missing: [...new Set(c.missing.map((m) => m.community))],
    missingByPeriod: c.missing,
  };
}
