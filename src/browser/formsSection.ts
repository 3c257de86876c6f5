/**
 * The page's 生成填报表 section: a roster and a period in, one form per community out, downloaded as
 * one .zip — the same bytes as `returns forms` (src/io/formXlsx.ts). Self-contained: the page mounts it
 * with one line and may hand it the roster it already holds.
 */
import { messageOf, type Lang } from '../core/findings/wording.js';
import { READ_EXTENSIONS } from '../io/fileKind.js';
import { el } from '../ui/dom.js';
import { fromFile, type InputFile } from '../ui/files.js';

const WORDS = {
  'zh-CN': {
    title: '生成填报表',
    hint: '按名册为每个社区生成一份填报表（.xlsx，打包为 .zip）：已填好社区、街道、报告期，每个数值格都有数据验证和输入提示，标签已锁定（工作表保护，无密码）。',
    period: '报告期',
    roster: '名册',
    chooseRoster: '选择名册…',
    pageRoster: (name: string) => `使用上方的名册：${name}`,
    noRoster: '未选择（需要含“社区名称”“所属街道”的 CSV 或 xlsx）',
    generate: '生成填报表',
    needRoster: '请先选择名册',
    needPeriod: '请填写报告期（如 2026-10）',
    emptyRoster: '名册中没有社区',
    working: '正在生成填报表…',
    done: (n: number, file: string) => `已生成 ${n} 份填报表：${file}`,
    failed: (m: string) => `生成失败：${m}`,
  },
  'en-US': {
    title: 'Make forms',
    hint: 'One form per community of the roster (.xlsx, in one .zip): header filled in, data validation and input messages on every value cell, labels locked (sheet protection, no password).',
    period: 'Period',
    roster: 'Roster',
    chooseRoster: 'Choose roster…',
    pageRoster: (name: string) => `Using the roster above: ${name}`,
    noRoster: 'none (a CSV or xlsx with 社区名称 and 所属街道)',
    generate: 'Make forms',
    needRoster: 'Choose a roster first',
    needPeriod: 'Enter the period (e.g. 2026-10)',
    emptyRoster: 'The roster lists no community',
    working: 'Making the forms…',
    done: (n: number, file: string) => `${n} forms made: ${file}`,
    failed: (m: string) => `Could not make the forms: ${m}`,
  },
} as const;

/** Last month as `YYYY-MM`: a return reports the month just ended. */
function lastMonth(now = new Date()): string {
  const d = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

export interface FormsSectionOptions {
  /** The roster the page already holds, used when none is chosen here. */
  roster?: () => InputFile | null;
}

export function formsSection(lang: Lang, opts: FormsSectionOptions = {}): HTMLElement {
  const w = WORDS[lang];
  let own: InputFile | null = null;
  const rosterInput = el('input', { type: 'file', accept: READ_EXTENSIONS.join(','), id: 'forms-roster', className: 'visually-hidden', tabIndex: -1 });
  const choose = el('button', { type: 'button', textContent: w.chooseRoster });
  choose.addEventListener('click', () => rosterInput.click());
  const rosterName = el('span', { className: 'forms-roster-name' });
  const period = el('input', { type: 'month', id: 'forms-period', value: lastMonth(), attrs: { 'aria-label': w.period, pattern: '\\d{4}-\\d{2}', placeholder: 'YYYY-MM' } });
  const button = el('button', { type: 'button', className: 'primary', id: 'forms-generate', textContent: w.generate });
  // Not the page's `.status` class: the page and its tests own that one line.
  const status = el('p', { className: 'forms-status', role: 'status', attrs: { style: 'margin:8px 0 0;min-height:1.5em' } });

  const roster = (): InputFile | null => own ?? opts.roster?.() ?? null;
  const showRoster = () => {
    const page = opts.roster?.();
    rosterName.textContent = own ? own.name : page ? w.pageRoster(page.name) : w.noRoster;
  };
  rosterInput.addEventListener('change', () => {
    const f = rosterInput.files?.[0];
    if (f) own = fromFile(f);
    rosterInput.value = '';
    showRoster();
  });
  const say = (text: string, failed = false) => {
    status.style.color = failed ? 'var(--error)' : 'var(--muted)';
    status.textContent = text;
  };

  button.addEventListener('click', () => {
    showRoster();
    const file = roster();
    const p = period.value.trim();
    if (!file) return say(w.needRoster, true);
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(p)) return say(w.needPeriod, true);
    button.disabled = true;
    say(w.working);
    void (async () => {
      try {
        const [{ readRosterFile }, { loadTemplate }, { standardTemplateGrids }, io, { download }] = await Promise.all([
          import('../ui/readFiles.js'),
          import('../core/template/loadTemplate.js'),
          import('../ui/standardTemplate.js'),
          import('../io/formXlsx.js'),
          import('./browserJob.js'),
        ]);
        const r = await readRosterFile(file);
        if (!r.roster) return say(r.findings.map((f) => messageOf(f, lang)).join(lang === 'en-US' ? '; ' : '；') || w.needRoster, true);
        if (r.roster.entries.length === 0) return say(w.emptyRoster, true);
        const { template } = loadTemplate(standardTemplateGrids(), 'templates/standard');
        const forms = await io.communityForms(template, p, r.roster.entries);
        const zipName = `填报表-${p}.zip`;
        download(zipName, io.zipFiles(forms), 'application/zip');
        say(w.done(forms.length, zipName));
      } catch (e) {
        say(w.failed(e instanceof Error ? e.message : String(e)), true);
      } finally {
        button.disabled = false;
      }
    })();
  });

  showRoster();
  return el(
    'section',
    { className: 'card forms', id: 'forms', attrs: { 'aria-labelledby': 'forms-title', style: 'margin-top:16px' } },
    el('h2', { id: 'forms-title', textContent: w.title, attrs: { style: 'margin:0 0 4px;font-size:18px' } }),
    el('p', { className: 'hint', textContent: w.hint, attrs: { style: 'margin:0 0 10px;color:var(--muted);font-size:13px' } }),
    el(
      'div',
      { className: 'roster' },
      el('span', { className: 'label', textContent: w.roster }),
      choose,
      rosterName,
      rosterInput,
    ),
    el('div', { className: 'toolbar', attrs: { style: 'margin-top:10px' } }, el('label', { className: 'field' }, w.period, period), button),
    status,
  );
}
