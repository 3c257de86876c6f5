import { countBySeverity, type Finding } from '../core/findings/codes.js';
import type { Lang } from '../core/findings/wording.js';
import { el } from './dom.js';
import { groupFindings } from './findingsView.js';
import { UI } from './i18n.js';

export interface FindingsListOptions {
  /** Group by file and sheet (browser mode: several files) instead of by sheet. */
  byFile?: boolean;
  /** Jump to the cell (the add-in); without it the cell is shown but not a link. */
  onSelect?: (sheet: string, cell: string) => void;
}

/**
 * Renders findings into `list`, grouped by sheet (or file and sheet), errors first. Each item with a
 * cell is a button when the door can jump there: reachable with Tab, activated with Enter or Space.
 * Returns the one-line count for the status line.
 */
export function renderFindings(list: HTMLElement, findings: readonly Finding[], lang: Lang, opts: FindingsListOptions = {}): string {
  const t = UI[lang];
  list.replaceChildren();
  for (const g of groupFindings(findings, lang, opts.byFile ?? false)) {
    const title = g.file ? (g.sheet ? `${g.file} · ${g.sheet}` : g.file) : (g.sheet ?? t.workbook);
    const section = el('section', { className: 'group' }, el('h2', {}, el('span', { textContent: title }), el('span', { className: 'count', textContent: String(g.count) })));
    for (const s of g.bySeverity) {
      const ul = el('ul', { className: `sev ${s.severity}`, attrs: { 'aria-label': t[s.severity] } });
      for (const item of s.items) {
        const body = [el('span', { className: 'msg', textContent: item.message }), el('span', { className: 'where', textContent: item.where })];
        // The code is for tests and for the curious (a tooltip); the message is what people read.
        const attrs = { 'data-code': item.code, title: item.code };
        if (opts.onSelect && item.sheet && item.cell) {
          const b = el('button', { type: 'button', className: 'item', attrs }, ...body);
          const { sheet, cell } = item;
          b.addEventListener('click', () => opts.onSelect!(sheet, cell));
          ul.append(el('li', {}, b));
        } else ul.append(el('li', { className: 'item', attrs }, ...body));
      }
      section.append(el('h3', { className: s.severity, textContent: `${t[s.severity]} ${s.items.length}` }), ul);
    }
    list.append(section);
  }
  const n = countBySeverity(findings);
  return findings.length ? t.findings(n.error, n.warning, n.info) : t.noFindings;
}
