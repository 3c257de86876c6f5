import type { Consolidation, TotalRow } from '../core/combine/types.js';
import type { Lang } from '../core/findings/wording.js';
import type { CellValue } from '../core/grid.js';
import type { OutputTable } from '../core/output/tables.js';
import type { Indicator } from '../core/template/types.js';
import { el } from './dom.js';
import { UI } from './i18n.js';

/** How one indicator column is shown: a fixed number of decimals for the whole column, a % for rates. */
export interface ColumnFormat {
  kind: Indicator['kind'];
  decimals: number;
}

/** The first indicator column of the 汇总 table (after 报告期, 所属街道, 社区). */
const FIRST_INDICATOR = 3;
/** Quantities and money are kept to at most 2 decimals (the xlsx's `#,##0.##`). */
const MAX_DECIMALS = 2;

const decimalsOf = (v: number): number => {
  const s = String(v);
  const dot = s.indexOf('.');
  return dot < 0 || s.includes('e') ? 0 : s.length - dot - 1;
};

/**
 * One number of decimals per indicator: counts 0, rates 1, quantities and money as many as the most
 * precise written value of the column needs (at most 2), so 12.5 and 3 read 12.5 and 3.0 in one column.
 */
export function columnFormats(indicators: readonly Indicator[], table: OutputTable): ColumnFormat[] {
  return indicators.map((ind, k) => {
    if (ind.kind === 'count') return { kind: ind.kind, decimals: 0 };
    if (ind.kind === 'rate') return { kind: ind.kind, decimals: 1 };
    let d = 0;
    table.rows.forEach((row, r) => {
      const v = row[FIRST_INDICATOR + k];
      if (table.kinds[r] === 'return' && typeof v === 'number') d = Math.max(d, decimalsOf(v));
    });
    return { kind: ind.kind, decimals: Math.min(d, MAX_DECIMALS) };
  });
}

/**
 * A number as the column shows it. A written value that the column's decimals would change (翠苑's rate
 * written 0.879, a fraction where a percentage is expected) is shown as written, as the CSV keeps it, and
 * without the % that would misstate it; `asWritten` says so. Sub-totals and totals are computed, so they
 * are rounded to the column's decimals.
 */
export function formatValue(v: number, f: ColumnFormat, written: boolean, lang: Lang): { text: string; asWritten: boolean } {
  const fmt = new Intl.NumberFormat(lang, { minimumFractionDigits: f.decimals, maximumFractionDigits: f.decimals });
  const rounded = Number(v.toFixed(f.decimals));
  if (written && rounded !== v) {
    const all = new Intl.NumberFormat(lang, { maximumFractionDigits: 10 });
    return { text: all.format(v), asWritten: true };
  }
  return { text: fmt.format(v) + (f.kind === 'rate' ? '%' : ''), asWritten: false };
}

/**
 * Why a 小计/合计 rate cannot be recomputed from the numerator and denominator shown beside it: the rate
 * uses only the returns that reported both, while each of those columns sums every return that reported
 * it. Null when the rate uses exactly the returns the two columns sum.
 */
export function rateNote(total: TotalRow, ind: Indicator, byCode: ReadonlyMap<string, Indicator>, lang: Lang): string | null {
  if (ind.kind !== 'rate' || !ind.numerator || !ind.denominator) return null;
  const used = total.reported[ind.code] ?? 0;
  const num = total.reported[ind.numerator] ?? 0;
  const den = total.reported[ind.denominator] ?? 0;
  if (used === num && used === den) return null;
  const name = (code: string) => {
    const i = byCode.get(code);
    return (lang === 'en-US' ? i?.nameEn : undefined) ?? i?.name ?? code;
  };
  return UI[lang].rateNote(used, total.returns, name(ind.numerator), name(ind.denominator));
}

/**
 * The 汇总 table as HTML: the community column stays in view while the table scrolls sideways, every
 * number formatted by its indicator's kind, sub-totals and totals in bold, and next to a total rate that
 * the columns shown cannot reproduce, the number of returns it was computed from (the reason in a title
 * and in a note under the table).
 */
export function renderSummary(panel: HTMLElement, table: OutputTable, c: Consolidation, lang: Lang): void {
  const t = UI[lang];
  const formats = columnFormats(c.indicators, table);
  const byCode = new Map(c.indicators.map((i) => [i.code, i]));
  const fmtOf = (col: number): ColumnFormat | undefined => formats[col - FIRST_INDICATOR];
  const cls = (col: number, extra = ''): string => [col === 2 ? 'sticky' : '', fmtOf(col) ? 'num' : '', extra].filter(Boolean).join(' ');
  const notes = new Set<string>();
  const totalFor = (row: readonly CellValue[], kind: string): TotalRow | undefined =>
    kind === 'subtotal' ? c.streets.find((s) => s.period === row[0] && s.street === row[1]) : kind === 'total' ? c.totals.find((s) => s.period === row[0]) : undefined;

  // English headers name the indicators as the template's English column does, where it has them.
  const header = (col: { header: string }, i: number): string => {
    const ind = c.indicators[i - FIRST_INDICATOR];
    if (lang !== 'en-US' || !ind?.nameEn || !fmtOf(i)) return col.header;
    return ind.unit ? `${ind.nameEn} (${ind.unit})` : ind.nameEn;
  };
  const head = el('tr', {}, ...table.columns.map((col, i) => el('th', { textContent: header(col, i), scope: 'col', className: cls(i) })));
  const body = table.rows.map((row, r) => {
    const kind = table.kinds[r] ?? 'return';
    const total = totalFor(row, kind);
    return el(
      'tr',
      { className: kind },
      ...table.columns.map((_, i) => {
        const v = row[i] ?? null;
        const f = fmtOf(i);
        if (i === 2) return el('th', { scope: 'row', className: cls(i), textContent: v === null ? '' : String(v) });
        if (v === null || typeof v !== 'number' || !f) return el('td', { className: cls(i), textContent: v === null ? '' : String(v) });
        const shown = formatValue(v, f, kind === 'return', lang);
        const td = el('td', { className: cls(i, shown.asWritten ? 'as-written' : ''), textContent: shown.text });
        if (shown.asWritten) td.title = t.asWritten;
        const ind = c.indicators[i - FIRST_INDICATOR];
        const note = total && ind ? rateNote(total, ind, byCode, lang) : null;
        if (note) {
          const label = [row[0], kind === 'subtotal' ? row[1] : null, row[2], (lang === 'en-US' ? ind!.nameEn : undefined) ?? ind!.name].filter((x) => x !== null && x !== '').join(' · ');
          notes.add(`${label}：${note}`.replace('：', lang === 'en-US' ? ': ' : '：'));
          td.title = note;
          td.append(el('span', { className: 'why', textContent: t.rateFrom(total!.reported[ind!.code] ?? 0) }));
        }
        return td;
      }),
    );
  });
  const wrap = el('div', { className: 'table-wrap', tabIndex: 0, attrs: { role: 'region', 'aria-label': t.tabSummary } }, el('table', { className: 'summary-table', id: 'summary-table' }, el('thead', {}, head), el('tbody', {}, ...body)));
  panel.replaceChildren(wrap, ...(notes.size ? [el('ul', { className: 'table-notes' }, ...[...notes].map((n) => el('li', { textContent: n })))] : []));
}
