/// <reference types="office-js" />
/**
 * Request sizes as Office.js sends them: per operation, the object path and the action (an envelope of
 * about 1.2 KB with a short path, as measured) plus the JSON of its arguments. Excel on the web refuses a
 * request or a response over 5 MB; Microsoft's performance guidance: 10,000 single-cell writes would
 * likely pass it. Every batch here is cut by these estimates, with room left for Excel's own envelope.
 */

/** Envelope of one operation (object path + action) besides its arguments. */
export const OPERATION_BYTES = 1200;
/** What a request may carry: 5 MB less room for the envelope of the whole request. */
export const REQUEST_BUDGET = 4 * 1024 * 1024;

/** UTF-8 bytes of the JSON of `v` (CJK text is 3 bytes a character). */
export function jsonBytes(v: unknown): number {
  const s = JSON.stringify(v) ?? '';
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? 2 : 3;
  }
  return n;
}

/** Estimated request bytes of `ops` operations whose arguments are `args`. */
export const requestBytes = (ops: number, args: unknown = null): number => ops * OPERATION_BYTES + (args === null ? 0 : jsonBytes(args));

/**
 * Queues operations and syncs whenever the queued request would pass the budget, so no request
 * exceeds Excel's 5 MB limit however much is queued. Used for reads (loads) and writes alike.
 */
export class Batch {
  private bytes = 0;
  /** Syncs this batch made. */
  syncs = 0;
  constructor(private readonly context: Excel.RequestContext) {}
  async add(bytes: number, queue: () => void): Promise<void> {
    if (this.bytes > 0 && this.bytes + bytes > REQUEST_BUDGET) await this.flush();
    queue();
    this.bytes += bytes;
  }
  async flush(): Promise<void> {
    if (this.bytes === 0) return;
    this.bytes = 0;
    this.syncs++;
    await this.context.sync();
  }
}

export const errorCode = (e: unknown): string => String((e as { code?: unknown } | null)?.code ?? '');
