/// <reference types="office-js" />
// Entry of the task pane. Office.js comes from Microsoft's CDN (a plain script tag before this module);
// without it (no network, or a plain browser) the page says so instead of failing. The core, the
// Excel adapter and the template load lazily, after first paint, to keep the initial script small.
import { toLang } from '../core/findings/wording.js';
import './taskpane.css';
import { mountTaskpane } from './ui.js';

const root = document.getElementById('app')!;

async function excelActions(lang: ReturnType<typeof toLang>) {
  const [{ createActions }, { createExcelAdapter }, { standardTemplateGrids }] = await Promise.all([
    import('./actions.js'),
    import('../excel/excelAdapter.js'),
    import('./standardTemplate.js'),
  ]);
  return createActions(createExcelAdapter(), { lang, standardTemplate: standardTemplateGrids });
}

if (typeof Office === 'undefined') {
  mountTaskpane(root, toLang(navigator.language), null);
} else {
  void Office.onReady((info) => {
    const lang = toLang(Office.context.displayLanguage);
    mountTaskpane(root, lang, info.host === Office.HostType.Excel ? excelActions(lang) : null);
  });
}
