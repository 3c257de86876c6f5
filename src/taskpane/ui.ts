import type { Finding } from '../core/findings/codes.js';
import type { Lang } from '../core/findings/wording.js';
import type { Scope, TaskpaneActions } from './actions.js';
import { groupFindings } from './findingsView.js';
import { UI } from './i18n.js';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...kids: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...kids);
  return e;
}

/**
 * Renders the task pane into `root`. It is handed the actions (or a promise of them, so the heavy
 * modules load after first paint, or null outside Excel) and never touches Excel itself.
 */
export function mountTaskpane(root: HTMLElement, lang: Lang, actionsPromise: Promise<TaskpaneActions> | null): void {
  const t = UI[lang];
  document.documentElement.lang = lang;
  const status = el('p', { className: 'status', role: 'status' });
  const list = el('div', { className: 'findings' });
  const scopeSelect = el('select', { id: 'scope' },
    el('option', { value: 'all', textContent: t.scopeAll }),
    el('option', { value: 'active', textContent: t.scopeActive }),
  );
  const buttons = {
    insert: el('button', { type: 'button', textContent: t.insert }),
    validate: el('button', { type: 'button', textContent: t.validate, className: 'primary' }),
    combine: el('button', { type: 'button', textContent: t.combine }),
    clear: el('button', { type: 'button', textContent: t.clear }),
  };
  root.replaceChildren(
    el('h1', { textContent: t.title }),
    el('div', { className: 'toolbar' }, buttons.insert, buttons.validate, buttons.combine, buttons.clear),
    el('label', { className: 'scope', htmlFor: 'scope' }, t.scope + ' ', scopeSelect),
    status,
    list,
  );
  const all = Object.values(buttons);
  if (!actionsPromise) {
    for (const b of all) b.disabled = true;
    status.textContent = t.noExcel;
    return;
  }

  /** Runs one action with the buttons disabled and its outcome (or its error) in the status line. */
  async function run(work: (a: TaskpaneActions) => Promise<string>): Promise<void> {
    for (const b of all) b.disabled = true;
    status.className = 'status';
    status.textContent = t.working;
    try {
      status.textContent = await work(await actionsPromise!);
    } catch (e) {
      status.className = 'status failed';
      status.textContent = t.failed(e instanceof Error ? e.message : String(e));
    } finally {
      for (const b of all) b.disabled = false;
    }
  }

  function show(findings: readonly Finding[], actions: TaskpaneActions): string {
    const n = { error: 0, warning: 0, info: 0 };
    for (const f of findings) n[f.severity]++;
    list.replaceChildren();
    for (const g of groupFindings(findings, lang)) {
      const section = el('section', {}, el('h2', { textContent: `${g.sheet ?? t.workbook}（${g.count}）` }));
      for (const s of g.bySeverity) {
        const ul = el('ul', { className: `sev ${s.severity}` });
        ul.setAttribute('aria-label', t[s.severity]);
        for (const item of s.items) {
          const body = [el('span', { className: 'msg', textContent: item.message }), el('span', { className: 'where', textContent: item.where })];
          if (item.sheet && item.cell) {
            // A button: reachable with Tab, activated with Enter or Space, announced as one.
            const b = el('button', { type: 'button', className: 'item' }, ...body);
            b.addEventListener('click', () => void actions.selectCell(item.sheet!, item.cell!).catch(() => undefined));
            ul.append(el('li', {}, b));
          } else ul.append(el('li', { className: 'item' }, ...body));
        }
        section.append(el('h3', { className: s.severity, textContent: `${t[s.severity]} ${s.items.length}` }), ul);
      }
      list.append(section);
    }
    return findings.length ? t.findings(n.error, n.warning, n.info) : t.noFindings;
  }

  buttons.insert.addEventListener('click', () => void run(async (a) => t.inserted(await a.insertReturnSheet())));
  buttons.validate.addEventListener('click', () => void run(async (a) => show(await a.validate(scopeSelect.value as Scope), a)));
  buttons.combine.addEventListener('click', () =>
    void run(async (a) => {
      const r = await a.combine();
      return `${t.combined(r.returns)}；${show(r.findings, a)}`;
    }),
  );
  buttons.clear.addEventListener('click', () =>
    void run(async (a) => {
      list.replaceChildren();
      return t.cleared(await a.clearMarks());
    }),
  );
}
