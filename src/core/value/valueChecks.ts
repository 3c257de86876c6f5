import { multiplyExact } from './decimal.js';
import type { ValueContext, ValueIssue } from './types.js';

/** What a check sees: a value that was read, the context, and whether the cell itself showed a % sign. */
export interface CheckInput {
  value: number;
  ctx: ValueContext;
  /** `87.9%` typed, or a `0.0%` number format: the cell says it is a percent, so 0.879 is not ambiguous. */
  percentInCell: boolean;
}

/** One check on a value that was read; returns an issue or null. A new check is a new entry below. */
export interface ValueCheck {
  name: string;
  check: (input: CheckInput) => ValueIssue | null;
}

export const VALUE_CHECKS: readonly ValueCheck[] = [
  {
    name: 'negative',
    check: ({ value }) => (value < 0 ? { code: 'negative', args: { value } } : null),
  },
  {
    name: 'fractional count',
    check: ({ value, ctx }) =>
      ctx.kind === 'count' && !Number.isInteger(value) ? { code: 'fractional_count', args: { value } } : null,
  },
  {
    // Below 0 is already `negative`; one error per cause is enough.
    name: 'rate above 100',
    check: ({ value, ctx }) =>
      ctx.kind === 'rate' && value > 100 ? { code: 'rate_out_of_range', args: { value } } : null,
  },
  {
    // 0.879 in a percent field may mean 87.9 %; it is kept as written because guessing could be wrong (0.5 % is possible).
    name: 'rate written as a fraction',
    check: ({ value, ctx, percentInCell }) =>
      ctx.kind === 'rate' && !percentInCell && value > 0 && value <= 1
        ? { code: 'rate_fraction', args: { value, asPercent: multiplyExact(value, 100) } }
        : null,
  },
  {
    name: 'below min',
    check: ({ value, ctx }) =>
      ctx.min != null && value < ctx.min ? { code: 'below_min', args: { value, min: ctx.min } } : null,
  },
  {
    name: 'above max',
    check: ({ value, ctx }) =>
      ctx.max != null && value > ctx.max ? { code: 'above_max', args: { value, max: ctx.max } } : null,
  },
];

export function runValueChecks(input: CheckInput): ValueIssue[] {
  const issues: ValueIssue[] = [];
  for (const c of VALUE_CHECKS) {
    const issue = c.check(input);
    if (issue) issues.push(issue);
  }
  return issues;
}
