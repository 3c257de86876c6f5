/**
 * The plain web page (no Office host): open or drop the returns and a roster, check, combine, chart,
 * download. Everything runs in this browser; the core, exceljs and chart.js load when first needed.
 */
import type { Lang } from '../core/findings/wording.js';
import { READ_EXTENSIONS } from '../io/fileKind.js';
import { el, tabs } from '../ui/dom.js';
import { renderFindings } from '../ui/findingsList.js';
import { UI } from '../ui/i18n.js';
import { renderSummary } from '../ui/summaryView.js';
import { summaryTable } from '../core/output/tables.js';
import { addFiles, digest, type Candidate, type Chosen } from '../ui/fileSet.js';
import { baseName, folderOf, kindOf, pathOf, type InputFile } from '../ui/files.js';
import { otherLang, storeLang } from '../ui/langChoice.js';
import type { BrowserJob } from './browserJob.js';

/** A chosen file's bytes are read once, when it is added (to know the same file added twice). */
const inputOf = (c: Chosen<File>): InputFile => ({ name: c.path, bytes: async () => c.bytes });

async function candidate(f: File): Promise<Candidate<File>> {
  const bytes = new Uint8Array(await f.arrayBuffer());
  return { path: pathOf(f), bytes, hash: digest(bytes), file: f };
}

/** What the page holds across a language switch: it is drawn again in the other language around it. */
export interface KeptPage {
  files: Chosen<File>[];
  roster: Candidate<File> | null;
  job: Promise<BrowserJob> | null;
  combined: boolean;
  shown: boolean;
  /** The tab shown (findings, summary, charts). */
  tab: number;
}

let mounts = 0;

export function mountBrowserPage(root: HTMLElement, lang: Lang, kept?: KeptPage): void {
  const t = UI[lang];
  document.documentElement.lang = lang;
  document.title = t.pageTitle;
  document.body.classList.add('page');
  // Sections that load later join only the page of this language (not one switched away from meanwhile).
  const mount = String(++mounts);
  root.dataset['mount'] = mount;
  const current = (): boolean => root.dataset['mount'] === mount;

  let files: Chosen<File>[] = kept?.files ?? [];
  let roster: Candidate<File> | null = kept?.roster ?? null;
  let job: Promise<BrowserJob> | null = kept?.job ?? null;
  /** The downloads are offered once the current files have been combined. */
  let combined = kept?.combined ?? false;
  /** Bumped on every change of files or roster: a result from an older generation is never shown. */
  let generation = 0;
  /** Whether any result view shows something (then a change says the results were cleared). */
  let shown = false;

  // ── inputs ──────────────────────────────────────────────────────────────────────────────────
  const fileInput = el('input', { type: 'file', multiple: true, accept: READ_EXTENSIONS.join(','), id: 'files', className: 'visually-hidden', tabIndex: -1 });
  const folderInput = el('input', { type: 'file', multiple: true, id: 'folder', className: 'visually-hidden', tabIndex: -1 });
  folderInput.webkitdirectory = true;
  const rosterInput = el('input', { type: 'file', accept: READ_EXTENSIONS.join(','), id: 'roster', className: 'visually-hidden', tabIndex: -1 });
  const pick = (input: HTMLInputElement, text: string, primary = false) => {
    const b = el('button', { type: 'button', textContent: text, className: primary ? 'primary' : '' });
    b.addEventListener('click', () => input.click());
    return b;
  };
  const drop = el(
    'div',
    { className: 'drop' },
    el('p', { className: 'drop-title', textContent: t.dropHint }),
    el('p', { className: 'drop-hint', textContent: t.dropTypes }),
    el('div', { className: 'drop-buttons' }, pick(fileInput, t.chooseFiles, true), pick(folderInput, t.chooseFolder)),
    fileInput,
    folderInput,
  );
  const fileList = el('ul', { className: 'file-list', attrs: { 'aria-label': t.files(0) } });
  const fileCount = el('span', { className: 'file-count' });
  const fileNotice = el('p', { className: 'notice', id: 'file-notice', hidden: true });
  const removeAll = el('button', { type: 'button', className: 'subtle', textContent: t.removeAll });
  const rosterName = el('span', { className: 'roster-name', textContent: t.noRoster });
  const rosterClear = el('button', { type: 'button', className: 'subtle', textContent: t.remove, hidden: true });
  const rosterRow = el(
    'div',
    { className: 'roster' },
    el('span', { className: 'label', textContent: t.roster }),
    pick(rosterInput, t.chooseRoster),
    rosterName,
    rosterClear,
    rosterInput,
    el('p', { className: 'hint', textContent: t.rosterHint }),
  );

  // ── actions and views ───────────────────────────────────────────────────────────────────────
  const buttons = {
    validate: el('button', { type: 'button', className: 'primary', textContent: t.validate, id: 'validate' }),
    combine: el('button', { type: 'button', textContent: t.combine, id: 'combine' }),
    xlsx: el('button', { type: 'button', textContent: t.downloadXlsx, id: 'download-xlsx', disabled: true }),
    csv: el('button', { type: 'button', textContent: t.downloadCsv, id: 'download-csv', disabled: true }),
  };
  const status = el('p', { className: 'status', role: 'status' });
  const findingsPanel = el('div', { className: 'findings' }, el('p', { className: 'empty', textContent: t.findingsEmpty }));
  const summaryPanel = el('div', { className: 'summary' }, el('p', { className: 'empty', textContent: t.summaryEmpty }));
  const chartsPanel = el('div', { className: 'charts' }, el('p', { className: 'empty', textContent: t.chartsEmpty }));
  // Focus moves to a panel after 校验/汇总 (it is not a tab stop of its own).
  for (const p of [findingsPanel, summaryPanel, chartsPanel]) p.tabIndex = -1;
  let chartsShownFor: Promise<BrowserJob> | null = null;
  const view = tabs([t.tabFindings, t.tabSummary, t.tabCharts], [findingsPanel, summaryPanel, chartsPanel], (i) => {
    if (i === 2) void showCharts();
  });

  const other = otherLang(lang);
  const langButton = el('button', { type: 'button', className: 'subtle lang-switch', id: 'lang-switch', lang: other.lang, textContent: other.label });
  langButton.addEventListener('click', () => {
    if (root.hasAttribute('aria-busy')) return;
    storeLang(other.lang);
    // The address says the language too (a reload or a shared link keeps it); Office.js removes the
    // History API, so only where it is there.
    if (typeof history.replaceState === 'function') {
      const url = new URL(location.href);
      url.searchParams.set('lang', other.lang === 'en-US' ? 'en' : 'zh');
      history.replaceState(history.state, '', url);
    }
    const tab = [findingsPanel, summaryPanel, chartsPanel].findIndex((p) => !p.hidden);
    mountBrowserPage(root, other.lang, { files, roster, job, combined, shown, tab: Math.max(0, tab) });
    document.getElementById('lang-switch')?.focus();
  });
  root.replaceChildren(
    el(
      'header',
      { className: 'app-header' },
      el('div', {}, el('h1', { textContent: t.pageTitle }), el('p', { className: 'subtitle', textContent: t.pageSubtitle })),
      el(
        'div',
        { className: 'header-side' },
        // The other language, on screen: the page is drawn again in it, with the files and results it holds.
        langButton,
        el('p', { className: 'privacy', id: 'privacy' }, lockIcon(), t.privacy),
      ),
    ),
    el('section', { className: 'card inputs', attrs: { 'aria-label': t.dropHint } }, drop, el('div', { className: 'file-head' }, fileCount, removeAll), fileNotice, fileList, rosterRow),
    el('div', { className: 'toolbar main-actions' }, buttons.validate, buttons.combine, el('span', { className: 'sep' }), buttons.xlsx, buttons.csv),
    status,
    el('section', { className: 'card results' }, view.list, findingsPanel, summaryPanel, chartsPanel),
  );
  void import('./formsSection.js').then((m) => current() && root.append(m.formsSection(lang, { roster: () => { const r = roster; return r ? { name: r.path, bytes: async () => r.bytes } : null; } })));

  function say(text: string, failed = false): void {
    status.className = failed ? 'status failed' : 'status';
    status.textContent = text;
  }

  function renderFiles(): void {
    fileList.replaceChildren(
      ...files.map((f, i) => {
        const x = el('button', { type: 'button', className: 'subtle icon', textContent: '✕', title: t.remove, attrs: { 'aria-label': `${t.remove} ${f.path}` } });
        x.addEventListener('click', () => {
          files.splice(i, 1);
          files = addFiles<File>([], files).files;
          changed();
        });
        const kind = kindOf(f.path);
        const folder = folderOf(f.path);
        // Every file by its path; the folder stands out where another file has the same name.
        const name = el(
          'span',
          { className: 'name', title: f.path },
          // The folder gives way first (its start is cut, rtl), so the file's own name stays readable; the
          // marks keep the path in reading order inside the rtl box.
          ...(folder ? [el('span', { className: f.sameName ? 'folder same' : 'folder', textContent: `\u200E${folder}/\u200E` })] : []),
          el('span', { className: 'base', textContent: `\u200E${baseName(f.path)}\u200E` }),
          ...(f.sameName && !folder ? [el('span', { className: 'folder same', textContent: `（${t.sameName}）` })] : []),
        );
        return el('li', { attrs: { 'data-path': f.path } }, el('span', { className: `kind ${kind}`, textContent: kind === 'text' ? 'CSV' : kind.toUpperCase() }), name, el('span', { className: 'size', textContent: sizeText(f.bytes.length) }), x);
      }),
    );
    fileCount.textContent = files.length ? t.files(files.length) : t.noFiles;
    fileList.setAttribute('aria-label', fileCount.textContent);
    removeAll.hidden = files.length === 0;
    rosterName.textContent = roster ? roster.path : t.noRoster;
    rosterClear.hidden = roster === null;
  }

  /** Files or roster changed: every result view is cleared, so no old number stays on screen. */
  function changed(): void {
    generation++;
    job = null;
    combined = false;
    chartsShownFor = null;
    buttons.xlsx.disabled = buttons.csv.disabled = true;
    if (shown) {
      findingsPanel.replaceChildren(el('p', { className: 'empty', textContent: t.findingsEmpty }));
      delete findingsPanel.dataset['count'];
      summaryPanel.replaceChildren(el('p', { className: 'empty', textContent: t.summaryEmpty }));
      chartsPanel.replaceChildren(el('p', { className: 'empty', textContent: t.chartsEmpty }));
      view.label(0, t.tabFindings);
      say(t.stale);
      shown = false;
    }
    renderFiles();
  }

  async function add(list: Iterable<File>): Promise<void> {
    const incoming: Candidate<File>[] = [];
    const skipped: string[] = [];
    for (const f of list) {
      // From a folder only the kinds we read, and the others named (never passed over silently); chosen
      // one by one, anything (an unsupported file gets its own finding).
      if (f.webkitRelativePath && kindOf(f.name) === 'other') {
        if (!/(^|\/)(\.|~\$)/.test(pathOf(f))) skipped.push(pathOf(f));
        continue;
      }
      incoming.push(await candidate(f));
    }
    const r = addFiles(files, incoming);
    files = r.files;
    const notes = [
      r.sameBytes.length ? t.sameBytes(r.sameBytes.length, r.sameBytes.map((d) => d.path).join('、')) : '',
      skipped.length ? t.skippedFiles(skipped.length, skipped.join('、')) : '',
    ].filter(Boolean);
    fileNotice.hidden = notes.length === 0;
    fileNotice.textContent = notes.join(' ');
    changed();
  }

  const addFrom = (input: HTMLInputElement): void => {
    const list = [...(input.files ?? [])];
    input.value = '';
    void add(list);
  };
  fileInput.addEventListener('change', () => addFrom(fileInput));
  folderInput.addEventListener('change', () => addFrom(folderInput));
  rosterInput.addEventListener('change', () => {
    const f = rosterInput.files?.[0];
    rosterInput.value = '';
    if (f) void candidate(f).then((c) => ((roster = c), changed()));
  });
  rosterClear.addEventListener('click', () => {
    roster = null;
    changed();
  });
  removeAll.addEventListener('click', () => {
    files = [];
    fileNotice.hidden = true;
    changed();
  });
  for (const type of ['dragenter', 'dragover'] as const) {
    drop.addEventListener(type, (e) => {
      e.preventDefault();
      drop.classList.add('over');
    });
  }
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    void add([...(e.dataTransfer?.files ?? [])]);
  });

  /** The job over the current files, run once and reused until the files change. */
  function currentJob(): Promise<BrowserJob> {
    const rosterFile = roster;
    job ??= import('./browserJob.js').then((m) =>
      m.runBrowserJob(files.map(inputOf), rosterFile ? { name: rosterFile.path, bytes: async () => rosterFile.bytes } : null, lang, (d, n) => say(t.reading(d, n))),
    );
    return job;
  }

  /** Thrown when the files changed while a job ran: its results belong to files no longer chosen. */
  class Outdated extends Error {}

  async function run(work: (fresh: () => void) => Promise<string>): Promise<void> {
    if (files.length === 0) return say(t.needFiles, true);
    const all = Object.values(buttons);
    for (const b of all) b.disabled = true;
    say(t.working);
    root.setAttribute('aria-busy', 'true');
    const started = generation;
    const fresh = (): void => {
      if (generation !== started) throw new Outdated();
    };
    try {
      const line = await work(fresh);
      fresh();
      say(line);
    } catch (e) {
      if (e instanceof Outdated) return;
      job = null;
      combined = false;
      say(t.failed(e instanceof Error ? e.message : String(e)), true);
    } finally {
      buttons.validate.disabled = buttons.combine.disabled = false;
      buttons.xlsx.disabled = buttons.csv.disabled = !combined;
      root.removeAttribute('aria-busy');
    }
  }

  /** After 校验/汇总 the keyboard and the eye follow the action: focus on the results, scrolled into view. */
  function reveal(panel: HTMLElement): void {
    panel.focus({ preventScroll: true });
    // The card with its tabs, so the other views stay one click away.
    (panel.closest('.results') ?? panel).scrollIntoView({ block: 'start' });
  }

  async function showFindings(j: BrowserJob): Promise<string> {
    shown = true;
    const line = renderFindings(findingsPanel, j.result.findings, lang, { byFile: true, controls: true });
    findingsPanel.dataset['count'] = String(j.result.findings.length);
    view.label(0, lang === 'zh-CN' ? `${t.tabFindings}（${j.result.findings.length}）` : `${t.tabFindings} (${j.result.findings.length})`);
    return line;
  }

  /** The 汇总 table in the page's language, and who has not reported. */
  function showSummary(j: BrowserJob): void {
    renderSummary(summaryPanel, summaryTable(j.result.consolidation, lang), j.result.consolidation, lang);
    const missing = j.result.consolidation.missing.map((m) => m.community);
    if (missing.length) summaryPanel.prepend(el('p', { className: 'notice', textContent: t.missing(missing.join('、')) }));
  }

  buttons.validate.addEventListener('click', () =>
    void run(async (fresh) => {
      const j = await currentJob();
      fresh();
      const line = await showFindings(j);
      view.select(0);
      reveal(findingsPanel);
      return `${t.checked(j.files, j.result.returns.length)} ${line}`;
    }),
  );

  buttons.combine.addEventListener('click', () =>
    void run(async (fresh) => {
      const j = await currentJob();
      fresh();
      const line = await showFindings(j);
      showSummary(j);
      combined = true;
      view.select(1);
      reveal(summaryPanel);
      return `${t.combinedPage(j.result.consolidation.rows.length)} ${line}`;
    }),
  );

  buttons.xlsx.addEventListener('click', () =>
    void run(async () => {
      const m = await import('./browserJob.js');
      m.download('summary.xlsx', await m.summaryXlsx(await currentJob(), lang), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      return t.exported('summary.xlsx');
    }),
  );
  buttons.csv.addEventListener('click', () =>
    void run(async () => {
      const m = await import('./browserJob.js');
      m.download('summary.csv', await m.summaryCsv(await currentJob(), lang), 'text/csv;charset=utf-8');
      return t.exported('summary.csv');
    }),
  );

  async function showCharts(): Promise<void> {
    if (!job) return;
    if (chartsShownFor === job) return;
    chartsShownFor = job;
    chartsPanel.replaceChildren(el('p', { className: 'empty', textContent: t.chartLoading }));
    const started = generation;
    try {
      const [j, { mountChartView }] = await Promise.all([job, import('../ui/chartView.js')]);
      if (generation !== started) return;
      shown = true;
      mountChartView(chartsPanel, { ...j.result.chartSource(), lang }, { lang, say });
    } catch (e) {
      chartsShownFor = null;
      say(t.failed(e instanceof Error ? e.message : String(e)), true);
    }
  }

  renderFiles();
  void import('./extractPage.js').then((m) => current() && m.mountExtractSection(root, lang));

  // After a language switch: the same results, in this language, from the same job (nothing is read again).
  if (kept?.shown && job) {
    const started = generation;
    const same = job;
    void same.then(async (j) => {
      if (generation !== started || !current()) return;
      const line = await showFindings(j);
      if (combined) showSummary(j);
      buttons.xlsx.disabled = buttons.csv.disabled = !combined;
      view.select(kept.tab);
      say(line);
    }, () => undefined);
  }
}

/** A small padlock drawn as SVG (an emoji would depend on the PC's fonts). */
function lockIcon(): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('class', 'lock');
  svg.setAttribute('aria-hidden', 'true');
  const body = document.createElementNS(ns, 'rect');
  for (const [k, v] of Object.entries({ x: '3', y: '7', width: '10', height: '8', rx: '1.5', fill: 'currentColor' })) body.setAttribute(k, v);
  const shackle = document.createElementNS(ns, 'path');
  for (const [k, v] of Object.entries({ d: 'M5 7V5a3 3 0 0 1 6 0v2', fill: 'none', stroke: 'currentColor', 'stroke-width': '1.6' })) shackle.setAttribute(k, v);
  svg.append(body, shackle);
  return svg;
}

function sizeText(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
