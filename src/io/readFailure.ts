import type { UnreadableCause } from '../core/findings/codes.js';

/**
 * Thrown inside the readers when the bytes cannot become a workbook; `readBook` turns it into a
 * `file_unreadable` problem. `detail` is a short technical hint, never shown as the reason itself.
 */
export class ReadFailure extends Error {
  override name = 'ReadFailure';
  constructor(
    readonly reason: UnreadableCause,
    readonly detail?: string,
  ) {
    super(detail ? `${reason}: ${detail}` : reason);
  }
}
