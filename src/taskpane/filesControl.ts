/**
 * The pane's 从文件 control: a file picker and a folder picker whose files are held by path, as the page
 * holds them (src/ui/fileSet.ts: the same bytes kept once, the same name kept twice, lock and hidden
 * files passed over), and the two buttons that send them to the actions. The pane's busy state disables
 * every input and button of it during a run, as it does the rest.
 */
import type { Lang } from '../core/findings/wording.js';
import { READ_EXTENSIONS } from '../io/fileKind.js';
import { el } from '../ui/dom.js';
import { addFiles, digest, type Candidate, type Chosen } from '../ui/fileSet.js';
import { pathOf, type InputFile } from '../ui/files.js';
import { UI } from '../ui/i18n.js';
import { PANE_TEXT } from './paneText.js';

export interface FilesControl {
  element: HTMLElement;
  combine: HTMLButtonElement;
  import: HTMLButtonElement;
  /** The files held now, in the command line's path order. */
  files(): InputFile[];
  /** Every word of the control in `lang` (the pane's language switch); the files chosen stay. */
  relabel(lang: Lang): void;
}

export function filesControl(lang: Lang): FilesControl {
  let p: (typeof PANE_TEXT)[Lang] = PANE_TEXT[lang];
  let t: (typeof UI)[Lang] = UI[lang];
  let chosen: Chosen<null>[] = [];
  const filesInput = el('input', { type: 'file', multiple: true, id: 'pane-pick-files', accept: READ_EXTENSIONS.join(','), className: 'visually-hidden', tabIndex: -1 });
  const folderInput = el('input', { type: 'file', multiple: true, id: 'pane-pick-folder', className: 'visually-hidden', tabIndex: -1 });
  folderInput.webkitdirectory = true;
  const count = el('span', { className: 'files-count', id: 'pane-files-count', textContent: p.noFilesPicked });
  const notice = el('p', { className: 'notice', hidden: true });
  const clear = el('button', { type: 'button', id: 'pane-files-clear', textContent: p.clearFiles, disabled: true });
  const combine = el('button', { type: 'button', id: 'pane-files-combine', textContent: p.combineFiles, disabled: true });
  const importButton = el('button', { type: 'button', id: 'pane-files-import', textContent: p.importFiles, disabled: true });

  /** A button that opens a hidden input (a button, so the busy state disables it like every other). */
  const pick = (input: HTMLInputElement, text: string, id: string): HTMLButtonElement => {
    const b = el('button', { type: 'button', textContent: text, id });
    b.addEventListener('click', () => input.click());
    return b;
  };

  let lastSame: string[] = [];
  const refresh = (): void => {
    count.textContent = chosen.length ? p.picked(chosen.length) : p.noFilesPicked;
    count.title = chosen.map((c) => c.path).join('\n');
    clear.disabled = combine.disabled = importButton.disabled = chosen.length === 0;
  };

  async function take(input: HTMLInputElement): Promise<void> {
    const incoming: Candidate<null>[] = [];
    for (const f of Array.from(input.files ?? [])) {
      const bytes = new Uint8Array(await f.arrayBuffer());
      incoming.push({ path: pathOf(f), bytes, hash: digest(bytes), file: null });
    }
    input.value = '';
    const r = addFiles(chosen, incoming);
    chosen = r.files;
    lastSame = r.sameBytes.map((d) => d.path);
    notice.hidden = lastSame.length === 0;
    notice.textContent = lastSame.length ? t.sameBytes(lastSame.length, lastSame.join('、')) : '';
    refresh();
  }
  filesInput.addEventListener('change', () => void take(filesInput));
  folderInput.addEventListener('change', () => void take(folderInput));
  clear.addEventListener('click', () => {
    chosen = [];
    lastSame = [];
    notice.hidden = true;
    refresh();
  });

  const legend = el('legend', { textContent: p.fromFiles });
  const hint = el('p', { className: 'hint', textContent: p.fromFilesHint });
  const pickFiles = pick(filesInput, p.pickFiles, 'pane-files-pick');
  const pickFolder = pick(folderInput, p.pickFolder, 'pane-folder-pick');
  const element = el('fieldset', { className: 'pane-files', id: 'pane-files' },
    legend,
    hint,
    el('div', { className: 'toolbar' }, pickFiles, pickFolder, count, clear),
    filesInput,
    folderInput,
    notice,
    el('div', { className: 'toolbar' }, combine, importButton),
  );
  return {
    element,
    combine,
    import: importButton,
    files: () => chosen.map((c) => ({ name: c.path, bytes: async () => c.bytes })),
    relabel(next) {
      p = PANE_TEXT[next];
      t = UI[next];
      legend.textContent = p.fromFiles;
      hint.textContent = p.fromFilesHint;
      pickFiles.textContent = p.pickFiles;
      pickFolder.textContent = p.pickFolder;
      clear.textContent = p.clearFiles;
      combine.textContent = p.combineFiles;
      importButton.textContent = p.importFiles;
      if (lastSame.length) notice.textContent = t.sameBytes(lastSame.length, lastSame.join('、'));
      refresh();
    },
  };
}
