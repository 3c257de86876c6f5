/**
 * The one key that says two figures belong to the same return: community and period. Used by the
 * duplicate check, the roster's who-has-not-reported, history and the chart exclusions alike, so they can
 * never disagree about what "the same" means. Null without a community or a period.
 */
export function communityPeriodKey(community: string | null | undefined, period: string | null | undefined): string | null {
  return community && period ? `${community}\u0000${period}` : null;
}

/**
 * Keys (`communityPeriodKey`) seen, without making each key's text: per period, its communities (a
 * city-year's 28,800 rows would each make a text only to look it up).
 */
export class CommunityPeriodSet {
  private readonly byPeriod = new Map<string, Set<string>>();

  /** Adds the key of `community` and `period`: false when they have none or it was there already. */
  add(community: string | null | undefined, period: string | null | undefined): boolean {
    if (!community || !period) return false;
    let communities = this.byPeriod.get(period);
    if (!communities) this.byPeriod.set(period, (communities = new Set()));
    if (communities.has(community)) return false;
    communities.add(community);
    return true;
  }
}
