/**
 * The plain web page (no Office host): open or drop the returns and a roster, check, combine, chart,
 * download. Everything runs in this browser; the core, exceljs and chart.js load when first needed.
 */
import type { Lang } from '../core/findings/wording.js';
import { el, tabs } from '../taskpane/dom.js';
import { renderFindings } from '../taskpane/findingsList.js';
import { UI } from '../taskpane/i18n.js';
import { excludedByFindings } from '../core/charts/exclusions.js';
import { READ_EXTENSIONS } from '../io/fileKind.js';
import { fromFile, kindOf, type InputFile } from './files.js';
import type { BrowserJob } from './browserJob.js';

interface Chosen {
  input: InputFile;
  size: number;
}

export function mountBrowserPage(root: HTMLElement, lang: Lang): void {
  const t = UI[lang];
  document.documentElement.lang = lang;
  document.title = t.pageTitle;
  document.body.classList.add('page');

  let files: Chosen[] = [];
  let roster: Chosen | null = null;
  let job: Promise<BrowserJob> | null = null;
  /** The downloads are offered once the current files have been combined. */
  let combined = false;

  // ── inputs ──────────────────────────────────────────────────────────────────────────────────
  const fileInput = el('input', { type: 'file', multiple: true, accept: READ_EXTENSIONS.join(','), id: 'files', className: 'visually-hidden' });
  const folderInput = el('input', { type: 'file', multiple: true, id: 'folder', className: 'visually-hidden' });
  folderInput.webkitdirectory = true;
  const rosterInput = el('input', { type: 'file', accept: READ_EXTENSIONS.join(','), id: 'roster', className: 'visually-hidden' });
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
  let chartsShownFor: Promise<BrowserJob> | null = null;
  const view = tabs([t.tabFindings, t.tabSummary, t.tabCharts], [findingsPanel, summaryPanel, chartsPanel], (i) => {
    if (i === 2) void showCharts();
  });

  root.replaceChildren(
    el(
      'header',
      { className: 'app-header' },
      el('div', {}, el('h1', { textContent: t.pageTitle }), el('p', { className: 'subtitle', textContent: t.pageSubtitle })),
      el('p', { className: 'privacy', id: 'privacy' }, lockIcon(), t.privacy),
    ),
    el('section', { className: 'card inputs', attrs: { 'aria-label': t.dropHint } }, drop, el('div', { className: 'file-head' }, fileCount, removeAll), fileList, rosterRow),
    el('div', { className: 'toolbar main-actions' }, buttons.validate, buttons.combine, el('span', { className: 'sep' }), buttons.xlsx, buttons.csv),
    status,
    el('section', { className: 'card results' }, view.list, findingsPanel, summaryPanel, chartsPanel),
  );

  function say(text: string, failed = false): void {
    status.className = failed ? 'status failed' : 'status';
    status.textContent = text;
  }

  function renderFiles(): void {
    fileList.replaceChildren(
      ...files.map((f, i) => {
        const x = el('button', { type: 'button', className: 'subtle icon', textContent: '✕', title: t.remove, attrs: { 'aria-label': `${t.remove} ${f.input.name}` } });
        x.addEventListener('click', () => {
          files.splice(i, 1);
          changed();
        });
        return el('li', {}, el('span', { className: `kind ${kindOf(f.input.name)}`, textContent: kindOf(f.input.name) === 'text' ? 'CSV' : kindOf(f.input.name).toUpperCase() }), el('span', { className: 'name', textContent: f.input.name }), el('span', { className: 'size', textContent: sizeText(f.size) }), x);
      }),
    );
    fileCount.textContent = files.length ? t.files(files.length) : t.noFiles;
    fileList.setAttribute('aria-label', fileCount.textContent);
    removeAll.hidden = files.length === 0;
    rosterName.textContent = roster ? roster.input.name : t.noRoster;
    rosterClear.hidden = roster === null;
  }

  function changed(): void {
    job = null;
    combined = false;
    buttons.xlsx.disabled = buttons.csv.disabled = true;
    renderFiles();
  }

  function add(list: Iterable<File>): void {
    const known = new Set(files.map((f) => f.input.name));
    for (const f of list) {
      const input = fromFile(f);
      if (known.has(input.name) || input.name.split('/').some((p) => p.startsWith('.') || p.startsWith('~$'))) continue;
      // From a folder only the kinds we read; chosen one by one, anything (an .xls gets its own finding).
      if (f.webkitRelativePath && kindOf(input.name) === 'other') continue;
      known.add(input.name);
      files.push({ input, size: f.size });
    }
    files.sort((a, b) => (a.input.name < b.input.name ? -1 : a.input.name > b.input.name ? 1 : 0));
    changed();
  }

  fileInput.addEventListener('change', () => {
    add(fileInput.files ?? []);
    fileInput.value = '';
  });
  folderInput.addEventListener('change', () => {
    add(folderInput.files ?? []);
    folderInput.value = '';
  });
  rosterInput.addEventListener('change', () => {
    const f = rosterInput.files?.[0];
    if (f) roster = { input: fromFile(f), size: f.size };
    rosterInput.value = '';
    changed();
  });
  rosterClear.addEventListener('click', () => {
    roster = null;
    changed();
  });
  removeAll.addEventListener('click', () => {
    files = [];
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
    add(e.dataTransfer?.files ?? []);
  });

  /** The job over the current files, run once and reused until the files change. */
  function currentJob(): Promise<BrowserJob> {
    job ??= import('./browserJob.js').then((m) => m.runBrowserJob(files.map((f) => f.input), roster?.input ?? null, (d, n) => say(t.reading(d, n))));
    return job;
  }

  async function run(work: () => Promise<string>): Promise<void> {
    if (files.length === 0) return say(t.needFiles, true);
    const all = Object.values(buttons);
    for (const b of all) b.disabled = true;
    say(t.working);
    root.setAttribute('aria-busy', 'true');
    try {
      say(await work());
    } catch (e) {
      job = null;
      combined = false;
      say(t.failed(e instanceof Error ? e.message : String(e)), true);
    } finally {
      buttons.validate.disabled = buttons.combine.disabled = false;
      buttons.xlsx.disabled = buttons.csv.disabled = !combined;
      root.removeAttribute('aria-busy');
    }
  }

  async function showFindings(j: BrowserJob): Promise<string> {
    const line = renderFindings(findingsPanel, j.result.findings, lang, { byFile: true });
    findingsPanel.dataset['count'] = String(j.result.findings.length);
    view.label(0, `${t.tabFindings}（${j.result.findings.length}）`);
    return line;
  }

  buttons.validate.addEventListener('click', () =>
    void run(async () => {
      const j = await currentJob();
      const line = await showFindings(j);
      view.select(0);
      return `${t.checked(j.files, j.result.returns.length)} ${line}`;
    }),
  );

  buttons.combine.addEventListener('click', () =>
    void run(async () => {
      const j = await currentJob();
      const line = await showFindings(j);
      const { summaryPreview } = await import('./browserJob.js');
      renderSummary(summaryPanel, summaryPreview(j, lang));
      const missing = j.result.consolidation.missing.map((m) => m.community);
      if (missing.length) summaryPanel.prepend(el('p', { className: 'notice', textContent: t.missing(missing.join('、')) }));
      combined = true;
      view.select(1);
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
    try {
      const [j, { mountChartView }] = await Promise.all([job, import('../taskpane/chartView.js')]);
      // As on the command line: values with an error finding are left out of the charts and named.
      const src = { ...j.result.consolidation, excluded: excludedByFindings(j.result.findings) };
      mountChartView(chartsPanel, src, { lang, say });
    } catch (e) {
      chartsShownFor = null;
      say(t.failed(e instanceof Error ? e.message : String(e)), true);
    }
  }

  renderFiles();
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

/** The 汇总 table as an HTML table: sub-totals and totals in bold, numbers right-aligned and grouped. */
function renderSummary(panel: HTMLElement, table: import('../core/output/tables.js').OutputTable): void {
  const fmt = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 });
  const numeric = table.columns.map((c) => c.numFmt !== undefined);
  const head = el('tr', {}, ...table.columns.map((c, i) => el('th', { textContent: c.header, scope: 'col', className: numeric[i] ? 'num' : '' })));
  const body = table.rows.map((row, r) =>
    el(
      'tr',
      { className: table.kinds[r] ?? '' },
      ...table.columns.map((_, i) => {
        const v = row[i] ?? null;
        return el('td', { className: numeric[i] ? 'num' : '', textContent: v === null ? '' : typeof v === 'number' ? fmt.format(v) : String(v) });
      }),
    ),
  );
  panel.replaceChildren(el('div', { className: 'table-wrap', tabIndex: 0 }, el('table', { className: 'summary-table', id: 'summary-table' }, el('thead', {}, head), el('tbody', {}, ...body))));
}
