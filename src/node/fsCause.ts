import type { UnreadableCause } from '../core/findings/codes.js';

/** A file-system error → a typed cause for `file_unreadable`; the errno code is the only detail kept. */
export function causeOf(e: unknown): { cause: UnreadableCause; detail?: string } {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return { cause: 'not_found' };
  if (code === 'EACCES' || code === 'EPERM') return { cause: 'permission_denied' };
  if (code === 'EISDIR') return { cause: 'is_directory' };
  return typeof code === 'string' ? { cause: 'io_error', detail: code } : { cause: 'io_error' };
}
