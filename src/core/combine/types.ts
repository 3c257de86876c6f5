import type { ParsedReturn } from '../read/types.js';
import type { Indicator } from '../template/types.js';

/** Where a summary value came from. */
export interface Provenance {
  file: string;
  sheet: string;
  cell: string;
}

/** One row of 汇总: one return. Values are in template units; null = empty or unreadable. */
export interface SummaryRow {
  community: string;
  street: string | null;
  period: string | null;
  file: string;
  sheet: string;
  values: Record<string, number | null>;
  sources: Record<string, Provenance>;
  /** Codes whose value was approximate (500余). */
  approximate: string[];
}

/**
 * A street sub-total or the grand total. Counts, quantities and money are summed over the returns that
 * reported them; a rate is recomputed as Σnumerator / Σdenominator × 100 (see combine/totals.ts).
 */
export interface TotalRow {
  /** The street (null for the grand total or for returns without a street). */
  street: string | null;
  /** Number of returns summed. */
  returns: number;
  values: Record<string, number | null>;
  /** Per code, how many returns contributed a value (so a partial total can be told from a full one). */
  reported: Record<string, number>;
}

/** One line of 明细, the long table. */
export interface DetailRow {
  community: string;
  street: string | null;
  period: string | null;
  code: string;
  name: string;
  value: number | null;
  unit: string;
  raw: string;
  approximate: boolean;
  file: string;
  sheet: string;
  cell: string;
}

export interface Consolidation {
  /** Column order of the summary. */
  indicators: Indicator[];
  /** Periods present, sorted. */
  periods: string[];
  /** Sorted by period, street, community. */
  rows: SummaryRow[];
  /** One per (street, period), sorted. */
  streets: (TotalRow & { period: string | null })[];
  /** Grand total per period, sorted. For a single period this has one entry. */
  totals: (TotalRow & { period: string | null })[];
  details: DetailRow[];
  /**
   * The returns combined, in `rows`' order (rows[i] was made from combined[i]): 明细 is streamed from
   * their values row by row instead of from `details` (8.3 million objects at ten times a city-year).
   */
  combined?: readonly ParsedReturn[];
  /** Roster communities that did not report (for each period present). */
  missing: { community: string; street: string | null; period: string | null }[];
}
