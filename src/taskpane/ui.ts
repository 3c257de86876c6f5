import type { ChartSpec } from '../core/charts/index.js';
import type { Finding } from '../core/findings/codes.js';
import type { Lang } from '../core/findings/wording.js';
import type { Scope, TaskpaneActions } from './actions.js';
import { el } from '../ui/dom.js';
import { renderFindings } from '../ui/findingsList.js';
import { ExcelRefusal } from '../excel/types.js';
import { UI } from '../ui/i18n.js';
import { otherLang, storeLang } from '../ui/langChoice.js';
import { filesControl } from './filesControl.js';
import { PANE_TEXT } from './paneText.js';

export interface TaskpaneOptions {
  /** Told when the language is switched on screen (the actions then speak it too). */
  onLang?: (lang: Lang) => void;
}

/**
 * Renders the task pane into `root`. It is handed the actions (or a promise of them, so the heavy
 * modules load after first paint, or null outside Excel) and never touches Excel itself.
 */
export function mountTaskpane(root: HTMLElement, lang: Lang, actionsPromise: Promise<TaskpaneActions> | null, opts: TaskpaneOptions = {}): void {
  let t: (typeof UI)[Lang] = UI[lang];
  let p: (typeof PANE_TEXT)[Lang] = PANE_TEXT[lang];
  document.documentElement.lang = lang;
  document.body.classList.add('pane');
  /** Every fixed word of the pane, set again when the language is switched (see switchLang). */
  const words: (() => void)[] = [];
  const worded = <E extends HTMLElement>(e: E, text: () => string): E => {
    const set = () => void (e.textContent = text());
    words.push(set);
    set();
    return e;
  };
  const status = el('p', { className: 'status', role: 'status' });
  // Focus moves to the findings after 校验/汇总 (not a tab stop of its own).
  const list = el('div', { className: 'findings', tabIndex: -1 });
  const charts = el('div', { className: 'charts', hidden: true });
  // Results belong to the workbook they were made from: a change of it marks them out of date.
  const staleNote = worded(el('p', { className: 'stale-note', id: 'stale-note', role: 'alert', hidden: true }), () => t.workbookStale);
  const scopeSelect = el('select', { id: 'scope' },
    worded(el('option', { value: 'all' }), () => t.scopeAll),
    worded(el('option', { value: 'active' }), () => t.scopeActive),
  );
  const buttons = {
    insert: worded(el('button', { type: 'button', id: 'insert' }), () => t.insert),
    validate: worded(el('button', { type: 'button', className: 'primary', id: 'validate' }), () => t.validate),
    combine: worded(el('button', { type: 'button', id: 'combine' }), () => t.combine),
    charts: worded(el('button', { type: 'button', id: 'charts' }), () => t.charts),
    clear: worded(el('button', { type: 'button', id: 'clear' }), () => t.clear),
    extract: worded(el('button', { type: 'button', id: 'extract' }), () => (lang === 'zh-CN' ? '从总结摘录' : 'From a summary')),
    forms: worded(el('button', { type: 'button', id: 'forms' }), () => p.forms),
  };
  // The other language, on screen: switched in place (nothing is run again, nothing chosen is lost).
  const langButton = el('button', { type: 'button', className: 'subtle lang-switch', id: 'pane-lang' });
  words.push(() => {
    const other = otherLang(lang);
    langButton.textContent = other.label;
    langButton.lang = other.lang;
  });
  words[words.length - 1]!();
  // 生成填报表's period: last month by default (the month the communities report on).
  const now = new Date();
  const last = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  const formsPeriod = el('input', { type: 'month', id: 'forms-period', value: `${last.getFullYear()}-${String(last.getMonth() + 1).padStart(2, '0')}` });
  const extractBox = el('div', { className: 'extract-box', hidden: true });
  const fromFiles = filesControl(lang);
  root.replaceChildren(
    el('div', { className: 'pane-head' }, worded(el('h1'), () => t.title), langButton),
    el('div', { className: 'toolbar' }, buttons.validate, buttons.combine, buttons.charts, buttons.insert, buttons.clear, buttons.extract),
    el('label', { className: 'scope', htmlFor: 'scope' }, worded(el('span'), () => t.scope), ' ', scopeSelect),
    el('div', { className: 'toolbar pane-forms' }, el('label', { htmlFor: 'forms-period' }, worded(el('span'), () => p.formsPeriod), ' ', formsPeriod), buttons.forms),
    fromFiles.element,
    status,
    staleNote,
    list,
    charts,
    extractBox,
  );
  const all = Object.values(buttons);

  /** What the views show, so that a language switch draws them again in the other language. */
  let shownFindings: { findings: readonly Finding[]; onSelect: (sheet: string, cell: string) => void } | null = null;
  let redrawCharts: (() => void) | null = null;
  let redrawExtract: (() => void) | null = null;
  /** One run at a time: while one is in flight every control of the pane is disabled, the chart view's too. */
  let busy = false;

  /**
   * Every word of the pane in `next`, in place: the findings, the chart (its titles and axes, the same
   * choice), the extract view, the buttons. Nothing is run again and nothing chosen is lost. Kept for the
   * next time where storage allows it (history.pushState is no help: Office.js removes it).
   */
  function switchLang(next: Lang): void {
    if (busy || next === lang) return;
    lang = next;
    t = UI[lang];
    p = PANE_TEXT[lang];
    document.documentElement.lang = lang;
    storeLang(lang);
    for (const w of words) w();
    fromFiles.relabel(lang);
    opts.onLang?.(lang);
    if (!actionsPromise) return;
    const line = shownFindings ? renderFindings(list, shownFindings.findings, lang, { onSelect: shownFindings.onSelect }) : '';
    // The status line spoke the other language: what the findings say now, else nothing.
    say(!list.hidden ? line : '');
    if (!charts.hidden) redrawCharts?.();
    if (!extractBox.hidden) redrawExtract?.();
  }
  langButton.addEventListener('click', () => switchLang(otherLang(lang).lang));

  if (!actionsPromise) {
    for (const b of all) b.disabled = true;
    for (const c of fromFiles.element.querySelectorAll<HTMLButtonElement | HTMLInputElement>('button, input')) c.disabled = true;
    worded(status, () => t.noExcel);
    return;
  }

  const say = (text: string, failed = false): void => {
    status.className = failed ? 'status failed' : 'status';
    status.textContent = text;
  };

  async function exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (busy) throw new Error(p.busy);
    busy = true;
    const controls = [...root.querySelectorAll<HTMLButtonElement | HTMLSelectElement | HTMLInputElement>('button, select, input')];
    const was = controls.map((c) => c.disabled);
    for (const c of controls) c.disabled = true;
    root.setAttribute('aria-busy', 'true');
    try {
      return await work();
    } finally {
      controls.forEach((c, i) => (c.disabled = was[i]!));
      root.removeAttribute('aria-busy');
      busy = false;
    }
  }

  const message = (e: unknown): string => (e instanceof ExcelRefusal ? p.refusal(e) : t.failed(e instanceof Error ? e.message : String(e)));

  /** Runs one action (a click during another run does nothing) with its outcome (or its error) in the status line. */
  async function run(work: (a: TaskpaneActions) => Promise<string>): Promise<void> {
    if (busy) return;
    say(t.working);
    try {
      const text = await exclusive(async () => work(await actionsPromise!));
      say(text);
      if (!list.hidden && list.dataset['fresh']) {
        delete list.dataset['fresh'];
        list.focus();
      }
    } catch (e) {
      say(message(e), true);
    }
  }

  /** Results are on screen now, made from the workbook as it is: not out of date. */
  function fresh(): void {
    staleNote.hidden = true;
    delete root.dataset['stale'];
    list.classList.remove('stale');
    charts.classList.remove('stale');
  }

  function show(findings: readonly Finding[], actions: TaskpaneActions): string {
    fresh();
    charts.hidden = true;
    list.hidden = false;
    list.dataset['count'] = String(findings.length);
    list.dataset['fresh'] = 'true';
    const onSelect = (sheet: string, cell: string): void => void actions.selectCell(sheet, cell).catch(() => undefined);
    shownFindings = { findings, onSelect };
    return renderFindings(list, findings, lang, { onSelect });
  }

  buttons.insert.addEventListener('click', () => void run(async (a) => t.inserted(await a.insertReturnSheet())));
  buttons.validate.addEventListener('click', () => void run(async (a) => show(await a.validate(scopeSelect.value as Scope), a)));
  buttons.combine.addEventListener('click', () =>
    void run(async (a) => {
      const r = await a.combine();
      const beside = r.written.filter((w) => w.sheet !== w.wanted);
      return [t.combined(r.returns), ...(beside.length ? [p.beside(beside)] : []), show(r.findings, a)].join(p.sep);
    }),
  );
  buttons.charts.addEventListener('click', () =>
    void run(async (a) => {
      const [src, { mountChartView, chartChoiceIn }] = await Promise.all([a.chartSource(), import('../ui/chartView.js')]);
      fresh();
      list.hidden = true;
      charts.hidden = false;
      const insertNative = (spec: ChartSpec) => exclusive(() => a.insertChart(spec));
      // The same data in the language shown (chart words come from the source's language).
      redrawCharts = () => mountChartView(charts, { ...src, lang }, { lang, say, insertNative, choice: chartChoiceIn(charts) ?? {} });
      redrawCharts();
      return '';
    }),
  );
  buttons.extract.addEventListener('click', () =>
    void run(async (a) => {
      const [{ mountExtractView }, { standardTemplateGrids }, { loadTemplate }] = await Promise.all([
        import('../ui/extractView.js'), import('../ui/standardTemplate.js'), import('../core/template/loadTemplate.js'),
      ]);
      list.hidden = charts.hidden = true;
      extractBox.hidden = false;
      redrawExtract = () => {
        // The text pasted so far stays.
        const text = extractBox.querySelector('textarea')?.value ?? '';
        mountExtractView(extractBox, {
          lang,
          template: async () => loadTemplate(standardTemplateGrids(), 'templates/standard').template,
          door: {
            label: lang === 'zh-CN' ? '插入草稿填报表' : 'Insert draft returns',
            deliver: async (grids) => `${t.inserted((await a.insertDraftReturns(grids)).join('、'))}`,
          },
        });
        const area = extractBox.querySelector('textarea');
        if (area && text) {
          area.value = text;
          area.dispatchEvent(new Event('input'));
        }
      };
      redrawExtract();
      return '';
    }),
  );
  fromFiles.combine.addEventListener('click', () =>
    void run(async (a) => {
      const files = fromFiles.files();
      if (!files.length) return p.needFiles;
      const r = await a.combineFiles(files);
      const beside = r.written.filter((w) => w.sheet !== w.wanted);
      return [p.filesCombined(r.files, r.returns), ...(beside.length ? [p.beside(beside)] : []), show(r.findings, a)].join(p.sep);
    }),
  );
  fromFiles.import.addEventListener('click', () =>
    void run(async (a) => {
      const files = fromFiles.files();
      if (!files.length) return p.needFiles;
      const r = await a.importFiles(files);
      return [p.filesImported(r.inserted), ...(r.findings.length ? [show(r.findings, a)] : [])].join(p.sep);
    }),
  );
  buttons.forms.addEventListener('click', () =>
    void run(async (a) => {
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(formsPeriod.value)) return t.failed(p.formsPeriod);
      const r = await a.generateForms(formsPeriod.value);
      if (!r.roster) return p.formsNeedRoster;
      return p.formsInserted(r.inserted);
    }),
  );
  buttons.clear.addEventListener('click', () =>
    void run(async (a) => {
      list.replaceChildren();
      shownFindings = null;
      const r = await a.clearMarks();
      return [t.cleared(r.restored), ...(r.lost.length ? [p.lost(r.lost)] : [])].join(p.sep);
    }),
  );

  // A user's change of the workbook after 校验/汇总/图表 marks what is shown as out of date; where Excel
  // cannot report changes, the pane says results refresh only when run again.
  void actionsPromise
    .then((a) => a.watchChanges(() => {
      if (list.hidden && charts.hidden) return;
      if (!list.hidden && !list.childElementCount) return;
      staleNote.hidden = false;
      root.dataset['stale'] = 'true';
      list.classList.add('stale');
      charts.classList.add('stale');
    }))
    .catch(() => false)
    .then((watching) => {
      root.dataset['watch'] = watching ? 'on' : 'off';
      if (!watching) status.after(worded(el('p', { className: 'watch-note', id: 'watch-note' }), () => t.noWatch));
    });
}
