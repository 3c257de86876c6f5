import type { Finding } from '../core/findings/codes.js';
import type { Lang } from '../core/findings/wording.js';
import type { Scope, TaskpaneActions } from './actions.js';
import { el } from '../ui/dom.js';
import { renderFindings } from '../ui/findingsList.js';
import { UI } from '../ui/i18n.js';

/**
 * Renders the task pane into `root`. It is handed the actions (or a promise of them, so the heavy
 * modules load after first paint, or null outside Excel) and never touches Excel itself.
 */
export function mountTaskpane(root: HTMLElement, lang: Lang, actionsPromise: Promise<TaskpaneActions> | null): void {
  const t = UI[lang];
  document.documentElement.lang = lang;
  document.body.classList.add('pane');
  const status = el('p', { className: 'status', role: 'status' });
  const list = el('div', { className: 'findings' });
  const charts = el('div', { className: 'charts', hidden: true });
  const scopeSelect = el('select', { id: 'scope' },
    el('option', { value: 'all', textContent: t.scopeAll }),
    el('option', { value: 'active', textContent: t.scopeActive }),
  );
  const buttons = {
    insert: el('button', { type: 'button', textContent: t.insert, id: 'insert' }),
    validate: el('button', { type: 'button', textContent: t.validate, className: 'primary', id: 'validate' }),
    combine: el('button', { type: 'button', textContent: t.combine, id: 'combine' }),
    charts: el('button', { type: 'button', textContent: t.charts, id: 'charts' }),
    clear: el('button', { type: 'button', textContent: t.clear, id: 'clear' }),
  };
  root.replaceChildren(
    el('h1', { textContent: t.title }),
    el('div', { className: 'toolbar' }, buttons.validate, buttons.combine, buttons.charts, buttons.insert, buttons.clear),
    el('label', { className: 'scope', htmlFor: 'scope' }, t.scope + ' ', scopeSelect),
    status,
    list,
    charts,
  );
  const all = Object.values(buttons);
  if (!actionsPromise) {
    for (const b of all) b.disabled = true;
    status.textContent = t.noExcel;
    return;
  }

  const say = (text: string, failed = false): void => {
    status.className = failed ? 'status failed' : 'status';
    status.textContent = text;
  };

  /** Runs one action with the buttons disabled and its outcome (or its error) in the status line. */
  async function run(work: (a: TaskpaneActions) => Promise<string>): Promise<void> {
    for (const b of all) b.disabled = true;
    say(t.working);
    root.setAttribute('aria-busy', 'true');
    try {
      say(await work(await actionsPromise!));
    } catch (e) {
      say(t.failed(e instanceof Error ? e.message : String(e)), true);
    } finally {
      for (const b of all) b.disabled = false;
      root.removeAttribute('aria-busy');
    }
  }

  function show(findings: readonly Finding[], actions: TaskpaneActions): string {
    charts.hidden = true;
    list.hidden = false;
    list.dataset['count'] = String(findings.length);
    return renderFindings(list, findings, lang, { onSelect: (sheet, cell) => void actions.selectCell(sheet, cell).catch(() => undefined) });
  }

  buttons.insert.addEventListener('click', () => void run(async (a) => t.inserted(await a.insertReturnSheet())));
  buttons.validate.addEventListener('click', () => void run(async (a) => show(await a.validate(scopeSelect.value as Scope), a)));
  buttons.combine.addEventListener('click', () =>
    void run(async (a) => {
      const r = await a.combine();
      return `${t.combined(r.returns)}；${show(r.findings, a)}`;
    }),
  );
  buttons.charts.addEventListener('click', () =>
    void run(async (a) => {
      const [src, { mountChartView }] = await Promise.all([a.chartSource(), import('../ui/chartView.js')]);
      list.hidden = true;
      charts.hidden = false;
      mountChartView(charts, src, { lang, say, insertNative: (spec) => a.insertChart(spec) });
      return '';
    }),
  );
  buttons.clear.addEventListener('click', () =>
    void run(async (a) => {
      list.replaceChildren();
      return t.cleared(await a.clearMarks());
    }),
  );
}
