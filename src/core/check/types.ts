import type { Finding } from '../findings/codes.js';
import type { ParsedReturn } from '../read/types.js';
import type { Template } from '../template/types.js';
import type { Roster } from './roster.js';

/** A check of one return on its own. */
export type ReturnCheck = (ret: ParsedReturn, template: Template) => readonly Finding[];

/** A check across all returns read in one run (peers, duplicates, the roster). */
export interface PanelContext {
  returns: readonly ParsedReturn[];
  template: Template;
  roster: Roster | null;
  /**
   * `denseValues(returns, template.indicators)`, when the caller has it (the job makes it once for every
   * check); a check makes it itself otherwise.
   */
  dense?: Float64Array | undefined;
  /** Each return's `returnKey` (community and period), when the caller has them; a check makes them otherwise. */
  keys?: readonly (string | null)[] | undefined;
}
export type PanelCheck = (ctx: PanelContext) => Finding[];

/** Where a finding about a return as a whole points: its community cell or its sheet. */
export function returnWhere(ret: ParsedReturn) {
  return {
    file: ret.file,
    sheet: ret.sheet,
    cell: ret.communityCell ?? undefined,
    community: ret.community ?? undefined,
    period: ret.period ?? undefined,
  };
}
