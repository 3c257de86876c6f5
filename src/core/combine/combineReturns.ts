import { missingReturns, type Roster } from '../check/roster.js';
import { groupBy } from '../groupBy.js';
import { recordMaker } from '../read/record.js';
import { denseValues } from '../check/dense.js';
import { approximateCodes } from '../read/returnValues.js';
import type { ParsedReturn } from '../read/types.js';
import type { Template } from '../template/types.js';
import { totalOfDense } from './totals.js';
import type { Consolidation, DetailRow, SummaryRow } from './types.js';

// Names sort as a Chinese reader expects (pinyin order, via ICU); empty values go last. Collating is
// slow, so each distinct name is ranked once per call and rows compare ranks. The collator is made on
// first use (loading ICU's collation costs ~50 ms that `returns --help` should not pay).
let collator: Intl.Collator | null = null;
function ranker(names: Iterable<string | null>): (x: string | null) => number {
  const distinct = [...new Set(names)].filter((n): n is string => n !== null);
  const c = (collator ??= new Intl.Collator('zh-CN'));
  distinct.sort((a, b) => c.compare(a, b) || (a < b ? -1 : 1));
  const rank = new Map(distinct.map((n, i) => [n, i]));
  return (x) => (x === null ? Infinity : rank.get(x) ?? Infinity);
}

/**
 * The order of `n` items by their ranks, field by field (`ranks[f][q]`; Infinity, for none, last and tied
 * with itself), then by position: what a stable sort comparing `ra - rb || 0` field by field gives. Each
 * item's ranks — renumbered per field among those present — and its position make one integer, exact in a
 * double while their product stays below 2^53: a sort of numbers instead of a comparator called ~400,000
 * times on objects. (Past that bound — `limit`, lower in tests — the comparator.)
 */
export function rankOrder(ranks: readonly Float64Array[], n: number, limit = Number.MAX_SAFE_INTEGER): Int32Array {
  const dense = ranks.map((field) => {
    const distinct = [...distinctOf(field)].sort((a, b) => a - b);
    return { index: new Map(distinct.map((x, i) => [x, i])), size: distinct.length };
  });
  const span = dense.reduce((m, d) => m * d.size, n);
  const order = new Int32Array(n);
  if (span <= limit) {
    const keys = new Float64Array(n);
    for (let q = 0; q < n; q++) {
      let key = 0;
      for (let f = 0; f < ranks.length; f++) key = key * dense[f]!.size + dense[f]!.index.get(ranks[f]![q]!)!;
      keys[q] = key * n + q;
    }
    keys.sort();
    for (let q = 0; q < n; q++) order[q] = keys[q]! % n;
    return order;
  }
  for (let q = 0; q < n; q++) order[q] = q;
  const byRanks = (a: number, b: number): number => {
    for (let f = 0; f < ranks.length; f++) {
      const d = ranks[f]![a]! - ranks[f]![b]! || 0;
      if (d) return d;
    }
    return a - b;
  };
  return order.sort(byRanks);
}

/**
 * The combined returns' values as numbers, when the caller has them: return j's value of indicator i at
 * `numbers[at[j]·k + i]` (k = the template's indicator count; NaN: none) — the job's `denseValues` of all
 * the returns read, of which the combined ones are a part.
 */
export interface ReturnNumbers {
  numbers: Float64Array;
  at: ArrayLike<number>;
}

/**
 * The distinct numbers of `field`: `new Set(field)` without iterating the typed array (an iterator result
 * object per number, 6.5 MB of them for a city-year's four fields, while this runs as baseline code).
 */
function distinctOf(field: Float64Array): Set<number> {
  const set = new Set<number>();
  for (let q = 0; q < field.length; q++) set.add(field[q]!);
  return set;
}

/**
 * Combines returns into the summary: one row per return (community, street, period), street sub-totals
 * and grand totals per period, and the long table. `returns` must already exclude duplicates and
 * returns without a community (the job does that and says so in findings). Values are in template
 * units; an unreadable value stays null. Every value keeps its source cell. `known`: the returns' values
 * as numbers, read from there instead of from the returns again.
 */
export function combineReturns(
  returns: readonly ParsedReturn[],
  template: Template,
  roster: Roster | null = null,
  known?: ReturnNumbers,
): Consolidation {
  const indicators = template.indicators;
  // Rows and details share one order (period, street, community, file): rank every name once, sort the
  // returns (stable), then build rows and details in that order. Sorting 835,000 detail objects with a
  // comparator over names took seconds.
  // Each return's four ranks once; comparing them (`ra - rb || 0`: Infinity, for none, ties with itself)
  // orders exactly as comparing the names would.
  const names = new Set<string | null>();
  for (let q = 0; q < returns.length; q++) { // (for-of: an object per return until optimised)
    const r = returns[q]!;
    names.add(r.period).add(r.street).add(r.community ?? '').add(r.file);
  }
  const rank = ranker(names);
  const n = returns.length;
  const ranks = [new Float64Array(n), new Float64Array(n), new Float64Array(n), new Float64Array(n)] as const;
  for (let q = 0; q < n; q++) {
    const ret = returns[q]!;
    ranks[0][q] = rank(ret.period);
    ranks[1][q] = rank(ret.street);
    ranks[2][q] = rank(ret.community ?? '');
    ranks[3][q] = rank(ret.file);
  }
  const order = rankOrder(ranks, n);
  const sorted: ParsedReturn[] = new Array(n);
  for (let q = 0; q < n; q++) sorted[q] = returns[order[q]!]!;

  const k = indicators.length;
  const newValues = recordMaker<number | null>(indicators.map((i) => i.code));
  // Each return's values as numbers in template order (NaN: none), one buffer (read only: it may be the
  // job's, or a table's own), for the rows and the totals below: row j's are at dense[at[j]·k …].
  let dense = known ? known.numbers : denseValues(returns, indicators);
  const at = new Int32Array(n);
  for (let j = 0; j < n; j++) at[j] = known ? known.at[order[j]!]! : order[j]!;
  const rows: SummaryRow[] = sorted.map((ret, j) => {
    const values: SummaryRow['values'] = newValues();
    const approximate: string[] = [];
    const base = at[j]! * k;
    for (let i = 0; i < k; i++) {
      const x = dense[base + i]!;
      values[indicators[i]!.code] = x !== x ? null : x;
    }
    approximateCodes(ret, indicators, approximate);
    return new CombinedRow(ret, values, approximate, indicators);
  });

  // Rows are sorted by period, then street: the groups come out in that order. Each group lists its rows'
  // places in `dense`, in the rows' order.
  const byPeriod = groupBy(rows.keys(), (j) => rows[j]!.period);
  const periods = [...byPeriod.keys()];
  const streets: Consolidation['streets'] = [];
  const totals: Consolidation['totals'] = [];
  for (const [period, inPeriod] of byPeriod) {
    for (const [street, own] of groupBy(inPeriod, (j) => rows[j]!.street)) {
      streets.push({ ...totalOfDense(dense, placesOf(own, at), indicators, street), period });
    }
    totals.push({ ...totalOfDense(dense, placesOf(inPeriod, at), indicators, null), period });
  }
  // The closures below keep this function's variables alive as long as the consolidation: let the numbers go.
  dense = new Float64Array(0);

  // In the returns' order, each return's values in template order: the order a sort of the details by
  // (period, street, community, file, indicator) would give. Built on first use — only 明细 needs them,
  // and ten times a city-year is 8.3 million of them.
  const buildDetails = (): DetailRow[] => {
    const details: DetailRow[] = [];
    for (const ret of sorted) {
      for (const ind of indicators) {
        const v = ret.values[ind.code];
        if (!v) continue;
        details.push({
          community: ret.community ?? '', street: ret.street, period: ret.period, code: ind.code, name: ind.name,
          value: v.value, unit: ind.unit, raw: v.raw === null ? '' : String(v.raw), approximate: v.approximate,
          file: ret.file, sheet: ret.sheet, cell: v.cell,
        });
      }
    }
    return details;
  };

  const missing = roster ? missingReturns(rows, roster) : [];
  let details: DetailRow[] | undefined;
  return {
    indicators, periods: periods.filter((p): p is string => p !== null), rows, streets, totals,
    get details() {
      return (details ??= buildDetails());
    },
    missing,
    combined: sorted,
  };
}

/** Rows `js`' places in the numbers (`at[j]`), in the same order. */
function placesOf(js: readonly number[], at: Int32Array): number[] {
  const out: number[] = new Array(js.length);
  for (let t = 0; t < js.length; t++) out[t] = at[js[t]!]!;
  return out;
}

/**
 * A summary row made from a return. Where each value came from (`sources`) is made when first asked for:
 * no output of a run reads it, and it is one object per value (835,000 a city-year). A class, not an object
 * literal with a getter: V8 defines such a literal's getter at run time, object by object (~2 µs each).
 */
class CombinedRow implements SummaryRow {
  community: string;
  street: string | null;
  period: string | null;
  file: string;
  sheet: string;
  values: SummaryRow['values'];
  approximate: string[];
  readonly #ret: ParsedReturn;
  readonly #indicators: Template['indicators'];
  #sources: SummaryRow['sources'] | undefined = undefined;

  constructor(ret: ParsedReturn, values: SummaryRow['values'], approximate: string[], indicators: Template['indicators']) {
    this.community = ret.community ?? '';
    this.street = ret.street;
    this.period = ret.period;
    this.file = ret.file;
    this.sheet = ret.sheet;
    this.values = values;
    this.approximate = approximate;
    this.#ret = ret;
    this.#indicators = indicators;
  }

  get sources(): SummaryRow['sources'] {
    return (this.#sources ??= sourcesOf(this.#ret, this.#indicators));
  }
}

function sourcesOf(ret: ParsedReturn, indicators: Template['indicators']): SummaryRow['sources'] {
  const sources: SummaryRow['sources'] = {};
  for (const ind of indicators) {
    const v = ret.values[ind.code];
    if (v) sources[ind.code] = { file: ret.file, sheet: ret.sheet, cell: v.cell };
  }
  return sources;
}
