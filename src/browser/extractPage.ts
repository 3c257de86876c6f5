/** The page's 从工作总结摘录 section: the extract view with a door that downloads draft.xlsx. */
import type { Lang } from '../core/findings/wording.js';
import { loadTemplate } from '../core/template/loadTemplate.js';
import { el } from '../ui/dom.js';
import { standardTemplateGrids } from '../ui/standardTemplate.js';
import { mountExtractView } from '../ui/extractView.js';

export function mountExtractSection(root: HTMLElement, lang: Lang): void {
  const section = el('section', { className: 'card extract', id: 'extract' });
  root.append(section);
  mountExtractView(section, {
    lang,
    template: async () => loadTemplate(standardTemplateGrids(), 'templates/standard').template,
    door: {
      label: lang === 'zh-CN' ? '下载草稿填报表' : 'Download draft returns',
      async deliver(grids) {
        const { gridsWorkbook } = await import('../io/draftWorkbook.js');
        const bytes = await gridsWorkbook(grids);
        const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
        const a = el('a', { href: url, download: 'draft.xlsx' });
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
        return lang === 'zh-CN' ? `已下载 draft.xlsx（${grids.length} 张草稿填报表，数值均待核实）` : `Downloaded draft.xlsx (${grids.length} draft returns, every value marked for review)`;
      },
    },
  });
}
