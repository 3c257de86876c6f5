import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { finding, type FindingWhere } from '../../../src/core/findings/codes.js';

/** finding() as it was written first: Object.entries of the location, empty values left out. */
function reference(code: string, args: unknown, where: object, severity: string): Record<string, unknown> {
  const f: Record<string, unknown> = { code, severity };
  for (const [k, v] of Object.entries(where)) if (v !== undefined && v !== null && v !== '') f[k] = v;
  f['args'] = args;
  return f;
}

describe('finding', () => {
  it('keeps the location\'s own non-empty fields in their order, then the arguments', () => {
    const field = fc.oneof(fc.constant(undefined), fc.constant(null), fc.constant(''), fc.string(), fc.integer());
    const keys = fc.uniqueArray(fc.constantFrom('file', 'sheet', 'cell', 'community', 'period', 'indicator', 'indicatorName', '0', '12'), { maxLength: 9 });
    fc.assert(
      fc.property(keys, fc.array(field, { minLength: 9, maxLength: 9 }), (ks, vs) => {
        const where: Record<string, unknown> = Object.create({ inherited: 'not own' });
        ks.forEach((k, i) => (where[k] = vs[i]));
        const f = finding('approximate', { text: '约5', value: 5 }, where as unknown as FindingWhere);
        const r = reference('approximate', { text: '约5', value: 5 }, where, 'warning');
        expect(Object.keys(f)).toEqual(Object.keys(r));
        expect(f).toEqual(r);
      }),
      { numRuns: 300 },
    );
  });
});
