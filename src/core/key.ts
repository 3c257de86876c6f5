/**
 * The one key that says two figures belong to the same return: community and period. Used by the
 * duplicate check, the roster's who-has-not-reported, history and the chart exclusions alike, so they can
 * never disagree about what "the same" means. Null without a community or a period.
 */
export function communityPeriodKey(community: string | null | undefined, period: string | null | undefined): string | null {
  return community && period ? `${community}\u0000${period}` : null;
}
