import { communityPeriodKey } from '../key.js';
import { finding, type Finding } from '../findings/codes.js';
import type { ParsedReturn } from '../read/types.js';
import { closest } from '../text/normalize.js';
import { historyOutliers } from '../months/historyOutliers.js';
import { peerOutliers } from './outliers.js';
import { missingReturns } from './roster.js';
import { returnWhere, type PanelCheck } from './types.js';

/** The key that makes two returns "the same": community and period. */
export function returnKey(ret: ParsedReturn): string | null {
  return communityPeriodKey(ret.community, ret.period);
}

/** The same community and period reported twice: an error on each copy, naming the other. */
export const checkDuplicates: PanelCheck = ({ returns, keys }) => {
  const out: Finding[] = [];
  const first = new Map<string, ParsedReturn>();
  for (let q = 0; q < returns.length; q++) {
    const ret = returns[q]!;
    const key = keys ? (keys[q] ?? null) : returnKey(ret);
    if (!key) continue;
    const prior = first.get(key);
    if (!prior) {
      first.set(key, ret);
      continue;
    }
    const place = (r: ParsedReturn) => ({ otherFile: r.file, otherSheet: r.sheet, otherCell: r.communityCell });
    out.push(finding('duplicate_return', place(prior), returnWhere(ret)));
    out.push(finding('duplicate_return', place(ret), returnWhere(prior)));
  }
  return out;
};

/** Against the roster: who has not reported (per period present), who is not on it, whose street differs. */
export const checkRoster: PanelCheck = ({ returns, roster }) => {
  if (!roster) return [];
  const out: Finding[] = [];
  const byName = new Map(roster.entries.map((e) => [e.community, e]));
  for (const m of missingReturns(returns, roster)) {
    out.push(finding('missing_return', m, { file: roster.file, community: m.community, period: m.period ?? undefined }));
  }
  for (let q = 0; q < returns.length; q++) {
    const ret = returns[q]!;
    if (!ret.community) continue;
    const entry = byName.get(ret.community);
    if (!entry) {
      const s = closest(ret.community, roster.entries, (e) => [e.community]);
      out.push(finding('unexpected_community', { suggestion: s?.community ?? null }, returnWhere(ret)));
    } else if (ret.street && entry.street && ret.street !== entry.street) {
      out.push(finding('street_mismatch', { reported: ret.street, roster: entry.street }, returnWhere(ret)));
    }
  }
  return out;
};

export const PANEL_CHECKS: readonly PanelCheck[] = [checkDuplicates, checkRoster, peerOutliers, historyOutliers];
