import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { missingReturns, type Roster } from '../../../src/core/check/roster.js';
import { communityPeriodKey } from '../../../src/core/key.js';

// The rule as first written: a return counts for a roster entry when their community-period keys agree.
function byKeys(reported: readonly { community: string | null; period: string | null }[], roster: Roster) {
  const periods = [...new Set(reported.map((r) => r.period).filter((p): p is string => p !== null))].sort();
  const keyOf = (c: string | null, p: string | null): string => communityPeriodKey(c, p) ?? String(c);
  const seen = new Set(reported.map((r) => keyOf(r.community, r.period)));
  const out: { community: string; street: string | null; period: string | null }[] = [];
  for (const period of periods.length ? periods : [null]) {
    for (const e of roster.entries) if (!seen.has(keyOf(e.community, period))) out.push({ community: e.community, street: e.street, period });
  }
  return out;
}

describe('missingReturns', () => {
  it('gives the community-period keys’ answer, odd names and periods included', () => {
    const name = fc.constantFrom('阳光', '和平', 'a', 'a\u0000b', 'b', 'null', '');
    const period = fc.constantFrom('2026-01', '2026-02', 'b', '', '2026-01\u0000x', null);
    const reported = fc.array(fc.record({ community: fc.option(name), period }), { maxLength: 12 });
    const roster = fc.array(fc.record({ community: name, street: fc.option(fc.constantFrom('东城', '西城')) }), { maxLength: 8 });
    fc.assert(
      fc.property(reported, roster, (rep, entries) => {
        const r: Roster = { entries, file: 'roster.csv' };
        expect(missingReturns(rep, r)).toEqual(byKeys(rep, r));
      }),
      { numRuns: 3000 },
    );
  });

  it('names who did not report, per period present', () => {
    const roster: Roster = { entries: [{ community: '阳光', street: '东城' }, { community: '和平', street: null }], file: 'r.csv' };
    const rep = [{ community: '阳光', period: '2026-01' }, { community: '和平', period: '2026-02' }];
    expect(missingReturns(rep, roster)).toEqual([
      { community: '和平', street: null, period: '2026-01' },
      { community: '阳光', street: '东城', period: '2026-02' },
    ]);
    expect(missingReturns([{ community: '阳光', period: null }], roster)).toEqual([{ community: '和平', street: null, period: null }]);
  });
});
