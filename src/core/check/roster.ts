import { communityPeriodKey } from '../key.js';
import { finding, type Finding } from '../findings/codes.js';
import type { SheetGrid } from '../grid.js';
import { cleanName, FIELD_LABELS } from '../read/fields.js';
import { findHeaderRow, textAt } from '../read/headerRow.js';

export interface RosterEntry {
  community: string;
  street: string | null;
}

/** The communities expected to report, with their streets. */
export interface Roster {
  entries: RosterEntry[];
  file: string;
}

/** Reads a roster sheet or CSV: a community column (社区名称 …) and optionally a street column (所属街道 …). */
export function loadRoster(grid: SheetGrid, file: string): { roster: Roster | null; findings: Finding[] } {
  const header = findHeaderRow(grid, [
    { id: 'community', names: [...FIELD_LABELS.community, 'community', '名称'] },
    { id: 'street', names: [...FIELD_LABELS.street, 'street'] },
  ]);
  if (!header || header.cols.community === undefined) {
    return { roster: null, findings: [finding('roster_missing_column', { column: '社区名称' }, { file, sheet: grid.name })] };
  }
  const entries: RosterEntry[] = [];
  const seen = new Set<string>();
  for (let r = header.row + 1; r < grid.values.length; r++) {
    const community = cleanName(textAt(grid, r, header.cols.community));
    if (!community || seen.has(community)) continue;
    seen.add(community);
    entries.push({ community, street: cleanName(textAt(grid, r, header.cols.street)) || null });
  }
  return { roster: { entries, file }, findings: [] };
}

/** Roster communities with no return, for each period present (or once, when no period is known). */
export function missingReturns(
  reported: readonly { community: string | null; period: string | null }[],
  roster: Roster,
): { community: string; street: string | null; period: string | null }[] {
  // Without any period, "reported" means reported at all. keyOf(c, p) below is the rule; it is applied by
  // looking up the period, then the community (no key string per return and per roster entry), which
  // answers the same unless a name or period holds the key's separator \0: then the keys themselves.
  // (Only the roster's names, the periods and the returns lacking a community or period need a look: a
  // full key `c\0p` of a return equals a roster entry's only if that entry's name or p holds a \0.)
  const out: { community: string; street: string | null; period: string | null }[] = [];
  const byPeriod = new Map<string, Set<string>>();
  const loose = new Set<string>();
  const periodSet = new Set<string>();
  for (let q = 0; q < reported.length; q++) {
    const { community, period } = reported[q]!;
    if (period !== null) periodSet.add(period);
    if (community && period) {
      let set = byPeriod.get(period);
      if (!set) byPeriod.set(period, (set = new Set()));
      set.add(community);
    } else loose.add(String(community));
  }
  const periods = [...periodSet].sort();
  const odd = (x: string) => x.includes('\u0000');
  if (periods.some(odd) || roster.entries.some((e) => odd(e.community)) || [...loose].some(odd)) {
    const keyOf = (community: string | null, period: string | null): string => communityPeriodKey(community, period) ?? String(community);
    const seen = new Set(reported.map((r) => keyOf(r.community, r.period)));
    for (const period of periods.length ? periods : [null]) {
      for (const e of roster.entries) {
        if (!seen.has(keyOf(e.community, period))) out.push({ community: e.community, street: e.street, period });
      }
    }
    return out;
  }
  for (const period of periods.length ? periods : [null]) {
    const set = period ? byPeriod.get(period) : undefined;
    const entries = roster.entries;
    for (let q = 0; q < entries.length; q++) { // (for-of: an object per entry until optimised)
      const e = entries[q]!;
      const has = e.community && period ? set?.has(e.community) === true : loose.has(String(e.community));
      if (!has) out.push({ community: e.community, street: e.street, period });
    }
  }
  return out;
}
