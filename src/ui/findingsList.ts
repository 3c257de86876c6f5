import { countBySeverity, type Finding } from '../core/findings/codes.js';
import type { Lang } from '../core/findings/wording.js';
import { el } from './dom.js';
import type { Severity } from '../core/findings/codes.js';
import { filterChoices, filterFindings, groupBySeverity, groupFindings, NO_FILTER, type FindingFilter, type SheetGroup } from './findingsView.js';
import { UI } from './i18n.js';

export interface FindingsListOptions {
  /** Group by file and sheet (browser mode: several files) instead of by sheet. */
  byFile?: boolean;
  /** Jump to the cell (the add-in); without it the cell is shown but not a link. */
  onSelect?: (sheet: string, cell: string) => void;
  /** Filters (severity, community, indicator, file) and an order (by file, or errors first across files). */
  controls?: boolean;
}

/**
 * Renders findings into `list`, grouped by sheet (or file and sheet), errors first; with `controls`, above
 * them a row of filters and the order. Each item with a cell is a button when the door can jump there:
 * reachable with Tab, activated with Enter or Space. Returns the one-line count for the status line.
 */
export function renderFindings(list: HTMLElement, findings: readonly Finding[], lang: Lang, opts: FindingsListOptions = {}): string {
  const t = UI[lang];
  const byFile = opts.byFile ?? false;
  if (!opts.controls || findings.length === 0) renderGroups(list, groupFindings(findings, lang, byFile), lang, opts);
  else {
    const filter: FindingFilter = { ...NO_FILTER };
    let order: 'file' | 'severity' = 'file';
    const body = el('div', { className: 'findings-body' });
    const count = el('p', { className: 'filter-count', attrs: { 'aria-live': 'polite' } });
    const draw = (): void => {
      const shown = filterFindings(findings, filter, lang);
      renderGroups(body, order === 'severity' ? groupBySeverity(shown, lang) : groupFindings(shown, lang, byFile), lang, opts);
      count.textContent = t.filterShown(shown.length, findings.length);
    };
    const choice = (id: string, label: string, options: [string, string][], set: (v: string) => void): HTMLLabelElement => {
      const s = el('select', { id }, ...options.map(([value, text]) => el('option', { value, textContent: text })));
      s.addEventListener('change', () => (set(s.value), draw()));
      return el('label', { className: 'field', htmlFor: id }, label, s);
    };
    const c = filterChoices(findings, lang);
    const any = (xs: string[]): [string, string][] => [['', t.filterAll], ...xs.map((x): [string, string] => [x, x])];
    const severities = (['error', 'warning', 'info'] as Severity[]).filter((s) => findings.some((f) => f.severity === s));
    const bar = el(
      'div',
      { className: 'findings-filters', attrs: { role: 'group', 'aria-label': t.filterGroup } },
      choice('findings-order', t.orderLabel, [['file', t.orderFile], ['severity', t.orderSeverity]], (v) => (order = v === 'severity' ? 'severity' : 'file')),
      choice('findings-severity', t.filterSeverity, [['', t.filterAll], ...severities.map((s): [string, string] => [s, t[s]])], (v) => (filter.severity = v as Severity | '')),
      choice('findings-community', t.filterCommunity, any(c.communities), (v) => (filter.community = v)),
      choice('findings-indicator', t.filterIndicator, any(c.indicators), (v) => (filter.indicator = v)),
      choice('findings-file', t.filterFile, any(c.files), (v) => (filter.file = v)),
    );
    list.replaceChildren(bar, count, body);
    draw();
  }
  const n = countBySeverity(findings);
  return findings.length ? t.findings(n.error, n.warning, n.info) : t.noFindings;
}

function renderGroups(list: HTMLElement, groups: SheetGroup[], lang: Lang, opts: FindingsListOptions): void {
  const t = UI[lang];
  list.replaceChildren();
  for (const g of groups) {
    const title = g.severity ? t[g.severity] : g.file ? (g.sheet ? `${g.file} · ${g.sheet}` : g.file) : (g.sheet ?? t.workbook);
    const section = el('section', { className: g.severity ? `group by-severity ${g.severity}` : 'group' }, el('h2', {}, el('span', { textContent: title }), el('span', { className: 'count', textContent: String(g.count) })));
    for (const s of g.bySeverity) {
      const ul = el('ul', { className: `sev ${s.severity}`, attrs: { 'aria-label': t[s.severity] } });
      for (const item of s.items) {
        const body = [el('span', { className: 'msg', textContent: item.message }), el('span', { className: 'where', textContent: item.where })];
        // The code is for tests and for the curious (a tooltip); the message is what people read.
        const attrs = { 'data-code': item.code, 'data-severity': item.severity, title: item.code };
        if (opts.onSelect && item.sheet && item.cell) {
          const b = el('button', { type: 'button', className: 'item', attrs }, ...body);
          const { sheet, cell } = item;
          b.addEventListener('click', () => opts.onSelect!(sheet, cell));
          ul.append(el('li', {}, b));
        } else ul.append(el('li', { className: 'item', attrs }, ...body));
      }
      if (!g.severity) section.append(el('h3', { className: s.severity, textContent: `${t[s.severity]} ${s.items.length}` }));
      section.append(ul);
    }
    list.append(section);
  }
}
