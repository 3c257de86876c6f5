/**
 * 从工作总结摘录: drop or paste a work summary, see the numbers that report indicators highlighted in the
 * text, correct or reject them, then hand the draft returns to the door (the page downloads draft.xlsx,
 * the task pane inserts the sheets). The view decides nothing about meaning: extractText does, and the
 * door's `deliver` writes. Shared by the page and the task pane.
 */
import { draftGrids } from '../core/extract/draftReturn.js';
import { extractText, type ExtractedDocument, type Mention } from '../core/extract/extractText.js';
import { unreadableText, type Lang } from '../core/findings/wording.js';
import type { SheetGrid } from '../core/grid.js';
import type { Template } from '../core/template/types.js';
import { readSummary } from '../io/readSummary.js';
import { el } from './dom.js';

export interface ExtractDoor {
  /** The button's label: 下载草稿 on the page, 插入草稿 in the pane. */
  label: string;
  /** Writes the drafts (one sheet-form grid per document, named uniquely) and returns a status line. */
  deliver(grids: SheetGrid[], docs: ExtractedDocument[]): Promise<string>;
}

const TEXT = {
  'zh-CN': {
    title: '从工作总结摘录',
    hint: '粘贴或拖入工作总结（.txt、.docx），摘录其中的指标数值。每个数值都附原文句子，请逐一核对，可修改或剔除；生成的填报表草稿中每个数值都标为“待核实”。',
    paste: '在此粘贴工作总结的全文……',
    choose: '选择总结文件',
    run: '摘录',
    found: (d: number, m: number) => `共 ${d} 篇总结，找到 ${m} 处数值。黄色为待核对，点击表格中的“剔除”可去掉错误的数值。`,
    none: '请先粘贴或选择一篇工作总结。',
    community: '社区',
    period: '报告期',
    indicator: '指标',
    value: '数值',
    text: '原文',
    note: '说明',
    reject: '剔除',
    restore: '恢复',
    approx: '约数',
    mismatch: (u: string, t: string) => `单位“${u}”无法换算为“${t}”，请人工填写`,
    noMentions: '这篇总结中没有找到指标数值。',
    count: (n: number) => `${n} 处数值`,
    unreadable: (r: string) => `文件无法读取：${r}`,
    failed: (m: string) => `操作失败：${m}`,
    pasted: '粘贴的文本',
  },
  'en-US': {
    title: 'Extract from a work summary',
    hint: 'Paste or drop a work summary (.txt, .docx) to extract the indicator values. Each value comes with its sentence: check each one, correct or reject it; every value in the draft return is marked for review.',
    paste: 'Paste the whole work summary here…',
    choose: 'Choose summary files',
    run: 'Extract',
    found: (d: number, m: number) => `${d} summaries, ${m} values found. Highlighted values need checking; use Reject in the table to drop a wrong one.`,
    none: 'Paste or choose a work summary first.',
    community: 'Community',
    period: 'Period',
    indicator: 'Indicator',
    value: 'Value',
    text: 'As written',
    note: 'Note',
    reject: 'Reject',
    restore: 'Restore',
    approx: 'approximate',
    mismatch: (u: string, t: string) => `unit “${u}” does not convert to “${t}”; fill it in by hand`,
    noMentions: 'No indicator values found in this summary.',
    count: (n: number) => `${n} values`,
    unreadable: (r: string) => `The file cannot be read: ${r}`,
    failed: (m: string) => `Failed: ${m}`,
    pasted: 'pasted text',
  },
} as const;

/** One mention as the user left it. */
interface Edited {
  mention: Mention;
  indicator: string;
  value: number | null;
  rejected: boolean;
  /** The user typed a value or chose another indicator: the value is theirs, in the template's unit. */
  touched: boolean;
}

const STYLE = `
.extract .extract-status{margin:.5em 0}
.extract .extract-status.failed{color:#b00020}
.extract textarea{width:100%;min-height:8em;box-sizing:border-box;font:inherit}
.extract .extract-text{white-space:pre-wrap;line-height:1.7;max-height:22em;overflow:auto;border:1px solid #ddd;padding:.5em;background:#fff}
.extract mark.mention{background:#ffeb9c;border-bottom:2px solid #c9a400;cursor:pointer}
.extract mark.mention.mismatch{background:#ffc7ce;border-bottom-color:#c00}
.extract mark.mention.rejected{background:none;border-bottom:none;text-decoration:line-through;color:#888}
.extract mark.mention.current{outline:2px solid #2b6cb0}
.extract table.mentions{border-collapse:collapse;margin:.5em 0;width:100%}
.extract table.mentions select{max-width:11em}
.extract details.doc>summary{font-weight:600;cursor:pointer;margin:.6em 0 .3em}
.extract table.mentions td,.extract table.mentions th{border:1px solid #ddd;padding:.2em .4em;text-align:left}
.extract table.mentions tr.rejected td{color:#888;text-decoration:line-through}
.extract table.mentions input{width:5.5em}
.extract .doc-fields label{margin-right:1em}
.extract .doc-fields input{max-width:100%}
.extract .mentions-wrap{overflow-x:auto}
@media (max-width:480px){
.extract table.mentions select{max-width:8em}
.extract table.mentions input{width:4em}
.extract table.mentions td,.extract table.mentions th{padding:.2em .25em}
}
`;

export function mountExtractView(root: HTMLElement, opts: { lang: Lang; template: () => Promise<Template>; door: ExtractDoor }): void {
  const t = TEXT[opts.lang];
  if (!document.getElementById('extract-style')) document.head.append(el('style', { id: 'extract-style', textContent: STYLE }));

  let source: { name: string; text: string } = { name: t.pasted, text: '' };
  let docs: ExtractedDocument[] = [];
  let edits: Edited[][] = [];
  let template: Template | null = null;

  const textarea = el('textarea', { id: 'extract-text', placeholder: t.paste, attrs: { 'aria-label': t.paste } });
  const fileInput = el('input', { type: 'file', multiple: true, accept: '.txt,.docx', id: 'extract-files', className: 'visually-hidden', tabIndex: -1 });
  const choose = el('button', { type: 'button', textContent: t.choose });
  const runButton = el('button', { type: 'button', className: 'primary', textContent: t.run, id: 'extract-run' });
  const deliverButton = el('button', { type: 'button', textContent: opts.door.label, id: 'extract-deliver', disabled: true });
  const status = el('p', { className: 'extract-status', role: 'status', id: 'extract-status' });
  const out = el('div', { className: 'extract-docs', id: 'extract-docs' });
  root.replaceChildren(
    el('h2', { textContent: t.title }),
    el('p', { className: 'hint', textContent: t.hint }),
    textarea,
    el('div', { className: 'toolbar' }, runButton, choose, deliverButton, fileInput),
    status,
    out,
  );
  root.classList.add('extract');

  const say = (text: string, failed = false) => {
    status.className = failed ? 'extract-status failed' : 'extract-status';
    status.textContent = text;
  };

  choose.addEventListener('click', () => fileInput.click());
  fileInput.addEventListener('change', () => {
    void load(fileInput.files ?? []);
    fileInput.value = '';
  });
  for (const type of ['dragenter', 'dragover'] as const) textarea.addEventListener(type, (e) => e.preventDefault());
  textarea.addEventListener('drop', (e) => {
    if (!e.dataTransfer?.files.length) return;
    e.preventDefault();
    void load(e.dataTransfer.files);
  });
  textarea.addEventListener('input', () => (source = { name: t.pasted, text: textarea.value }));

  /** Files are read into the text box, so what is extracted is what the user sees. */
  async function load(files: Iterable<File>): Promise<void> {
    const texts: string[] = [];
    const names: string[] = [];
    for (const f of files) {
      const r = readSummary(f.name, new Uint8Array(await f.arrayBuffer()));
      if (!r.ok) return say(t.unreadable(`${f.name}: ${unreadableText(r, opts.lang)}`), true);
      texts.push(r.text);
      names.push(f.name);
    }
    if (texts.length === 0) return;
    textarea.value = texts.join('\n');
    source = { name: names.join('、'), text: textarea.value };
    await run();
  }

  async function run(): Promise<void> {
    if (textarea.value.trim() === '') return say(t.none, true);
    if (source.text !== textarea.value) source = { name: t.pasted, text: textarea.value };
    try {
      template ??= await opts.template();
      docs = extractText(source.text, source.name, template);
      edits = docs.map((d) => d.mentions.map((m) => ({ mention: m, indicator: m.indicator, value: m.value, rejected: false, touched: false })));
      render();
      deliverButton.disabled = docs.length === 0;
      say(t.found(docs.length, docs.reduce((n, d) => n + d.mentions.length, 0)));
    } catch (e) {
      say(t.failed(e instanceof Error ? e.message : String(e)), true);
    }
  }
  runButton.addEventListener('click', () => void run());

  function render(): void {
    const tpl = template!;
    const byCode = new Map(tpl.indicators.map((i) => [i.code, i]));
    out.replaceChildren(
      ...docs.map((d, di) => {
        const community = el('input', { type: 'text', className: 'doc-community', value: d.community ?? '' });
        community.addEventListener('input', () => (d.community = community.value.trim() || null));
        const period = el('input', { type: 'text', className: 'doc-period', value: d.period ?? '', placeholder: 'YYYY-MM' });
        period.addEventListener('input', () => (d.period = /^\d{4}-(0[1-9]|1[0-2])$/.test(period.value.trim()) ? period.value.trim() : null));
        const marks: HTMLElement[] = [];
        const textBox = el('div', { className: 'extract-text' });
        let at = d.start;
        d.mentions.forEach((m, mi) => {
          textBox.append(document.createTextNode(source.text.slice(at, m.start)));
          const mark = el('mark', { className: 'mention', textContent: source.text.slice(m.start, m.end) });
          mark.dataset['m'] = String(mi);
          marks.push(mark);
          textBox.append(mark);
          at = m.end;
        });
        textBox.append(document.createTextNode(source.text.slice(at, d.end)));

        const rows = edits[di]!.map((e, mi) => {
          const ind = () => byCode.get(e.indicator)!;
          const select = el('select', { className: 'mention-indicator' }, ...tpl.indicators.map((i) => el('option', { value: i.code, textContent: nameIn(i, opts.lang) })));
          select.value = e.indicator;
          const value = el('input', { type: 'number', className: 'mention-value', value: e.value === null ? '' : String(e.value), attrs: { step: 'any' } });
          const note = el('td', { className: 'mention-note' });
          const reject = el('button', { type: 'button', className: 'subtle mention-reject', textContent: t.reject });
          const row = el('tr', {}, el('td', {}, select), el('td', {}, value), el('td', { textContent: e.mention.text }), note, el('td', {}, reject));
          const refresh = () => {
            const mismatch = !e.touched && e.mention.flags.includes('unit_mismatch');
            note.textContent = [e.mention.approximate ? t.approx : '', mismatch ? t.mismatch(e.mention.unit, ind().unit) : ''].filter(Boolean).join(opts.lang === 'en-US' ? '; ' : '；');
            marks[mi]!.className = `mention${mismatch ? ' mismatch' : ''}${e.rejected ? ' rejected' : ''}`;
            marks[mi]!.title = `${nameIn(ind(), opts.lang)}${opts.lang === 'en-US' ? ': ' : '：'}${e.value ?? ''}${ind().unit}`;
            marks[mi]!.dataset['indicator'] = e.indicator;
            row.className = e.rejected ? 'rejected' : '';
            reject.textContent = e.rejected ? t.restore : t.reject;
          };
          select.addEventListener('change', () => {
            [e.indicator, e.touched] = [select.value, true];
            refresh();
          });
          value.addEventListener('input', () => {
            const v = value.value.trim() === '' ? null : Number(value.value);
            [e.value, e.touched] = [v !== null && Number.isFinite(v) ? v : null, true];
            refresh();
          });
          reject.addEventListener('click', () => {
            e.rejected = !e.rejected;
            refresh();
          });
          const focus = () => {
            for (const m of marks) m.classList.remove('current');
            marks[mi]!.classList.add('current');
            marks[mi]!.scrollIntoView({ block: 'nearest' });
          };
          select.addEventListener('focus', focus);
          value.addEventListener('focus', focus);
          marks[mi]!.addEventListener('click', () => value.focus());
          refresh();
          return row;
        });
        const table = d.mentions.length
          ? el('div', { className: 'mentions-wrap' }, el('table', { className: 'mentions' },
              el('thead', {}, el('tr', {}, ...[t.indicator, t.value, t.text, t.note, ''].map((h) => el('th', { textContent: h })))),
              el('tbody', {}, ...rows)))
          : el('p', { className: 'empty', textContent: t.noMentions });
        // A summary with nothing found stays folded: its text is there to check, not in the way.
        return el('article', { className: 'extract-doc' },
          el('details', { className: 'doc', open: d.mentions.length > 0 },
            el('summary', { textContent: opts.lang === 'en-US' ? `${d.title} (${t.count(d.mentions.length)})` : `${d.title}（${t.count(d.mentions.length)}）` }),
            el('p', { className: 'doc-fields' }, el('label', {}, `${t.community} `, community), el('label', {}, `${t.period} `, period)),
            textBox,
            table));
      }),
    );
  }

  /** The documents as the user left them: rejected mentions gone, corrected ones with the user's value. */
  function edited(): ExtractedDocument[] {
    return docs.map((d, di) => ({
      ...d,
      mentions: edits[di]!.filter((e) => !e.rejected && e.value !== null).map((e) =>
        e.touched ? { ...e.mention, indicator: e.indicator, value: e.value!, flags: [] } : e.mention),
    }));
  }

  deliverButton.addEventListener('click', () =>
    void (async () => {
      deliverButton.disabled = true;
      try {
        const chosen = edited();
        say(await opts.door.deliver(draftGrids(chosen, template!), chosen));
      } catch (e) {
        say(t.failed(e instanceof Error ? e.message : String(e)), true);
      } finally {
        deliverButton.disabled = false;
      }
    })(),
  );
}

/** An indicator's name in the language shown (the template's English name where it has one). */
function nameIn(ind: { name: string; nameEn?: string | null }, lang: Lang): string {
  return (lang === 'en-US' ? ind.nameEn : null) ?? ind.name;
}
