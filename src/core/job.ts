import { returnKey, PANEL_CHECKS } from './check/panelChecks.js';
import { checkReturn } from './check/returnChecks.js';
import type { Roster } from './check/roster.js';
import { combineReturns } from './combine/combineReturns.js';
import type { Consolidation } from './combine/types.js';
import { compareFindings, finding, type Finding } from './findings/codes.js';
import type { WorkbookGrids } from './grid.js';
import { pushAll } from './groupBy.js';
import { readWorkbooks } from './read/readWorkbook.js';
import type { ParsedReturn } from './read/types.js';
import type { Template } from './template/types.js';

export interface JobInput {
  books: readonly WorkbookGrids[];
  template: Template;
  roster?: Roster | null;
  /** `YYYY-MM` used for returns that state no period (an info finding says so). */
  defaultPeriod?: string | null;
  /** Findings produced before the core saw the grids (unreadable files, template, encodings). */
  findings?: readonly Finding[];
}

export interface JobResult {
  returns: ParsedReturn[];
  findings: Finding[];
  consolidation: Consolidation;
}

/**
 * The whole job every door runs: read every sheet, check every return, check across returns, combine.
 * Pure: same input, same output (findings in a stable order).
 */
export function runJob(input: JobInput): JobResult {
  const { template } = input;
  const roster = input.roster ?? null;
  const read = readWorkbooks(input.books, template);
  const findings: Finding[] = [...(input.findings ?? []), ...read.findings];
  const returns = read.returns;

  if (input.defaultPeriod) {
    for (const ret of returns) {
      if (ret.period !== null) continue;
      const i = findings.findIndex((f) => f.code === 'period_not_found' && f.file === ret.file && f.sheet === ret.sheet);
      if (i < 0) continue;
      ret.period = input.defaultPeriod;
      findings[i] = finding('period_from_option', { period: input.defaultPeriod }, { file: ret.file, sheet: ret.sheet, community: ret.community ?? undefined });
    }
  }
  // The roster is authoritative for a community's street when the return does not state one.
  if (roster) {
    const streetOf = new Map(roster.entries.map((e) => [e.community, e.street]));
    for (const ret of returns) if (!ret.street && ret.community) ret.street = streetOf.get(ret.community) ?? null;
  }
  for (const ret of returns) {
    if (ret.community && !ret.street) {
      findings.push(finding('street_not_found', {}, { file: ret.file, sheet: ret.sheet, community: ret.community, cell: ret.communityCell ?? undefined }));
    }
    pushAll(findings, checkReturn(ret, template));
  }
  for (const check of PANEL_CHECKS) pushAll(findings, check({ returns, template, roster }));

  // Into the summary: returns that name a community, and of duplicates only the first in file order
  // (summing both would double the totals; the duplicate_return errors name both copies).
  const seen = new Set<string>();
  const combined = returns.filter((ret) => {
    if (!ret.community) return false;
    const key = returnKey(ret);
    if (key === null) return true;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  findings.sort(compareFindings);
  return { returns, findings, consolidation: combineReturns(combined, template, roster) };
}
