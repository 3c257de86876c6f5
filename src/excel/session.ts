/// <reference types="office-js" />
/**
 * What the adapter last saw of the workbook. Only a hint to save round trips: whatever relies on it is
 * checked in the same sync, and a stale hint costs extra syncs, never a wrong result.
 */
import type { MarkRecord } from './markRecord.js';
import type { OwnSheets } from './ownSheets.js';
import type { Capabilities, ExcelHost } from './types.js';

export interface Known {
  /** Every sheet in tab order, the add-in's own included. */
  names: string[];
  /** The add-in's own sheets, by their markers. */
  own: OwnSheets;
  /** The rows of CR_Marks; null when there is no such sheet; undefined when not read. */
  record: MarkRecord[] | null | undefined;
  /** The last read needed the split read for its size: the next one goes straight to it. */
  huge?: boolean;
}

export interface Session {
  host: ExcelHost;
  caps(): Capabilities;
  known: Known | null;
  /**
   * Ids of the sheets the add-in wrote as its own (output sheets, 图表, CR_Marks), learnt in the sync that
   * added them or from their markers: their changes are the add-in's, never the user's (see watch.ts).
   */
  ownIds: Set<string>;
  /** Adapter calls in flight, and what waits for none to be (the watcher judges events then). */
  busy: number;
  idle: (() => void)[];
}

/** Resolves when no adapter call is in flight. */
export function whenIdle(session: Session): Promise<void> {
  return session.busy === 0 ? Promise.resolve() : new Promise((resolve) => session.idle.push(resolve));
}

/** A sheet added by the add-in: the hint stays valid with it. */
export function learnAdded(session: Session, name: string, key?: string): void {
  const k = session.known;
  if (!k) return;
  if (!k.names.includes(name)) k.names.push(name);
  if (key) {
    k.own.byName.set(name, key);
    k.own.byKey.set(key, name);
  }
}
