/// <reference types="office-js" />
// Entry of the task pane and of the plain web page. In Excel, Office.js (a plain script tag before this
// module, from Microsoft's CDN) reports the host and the page becomes the task pane; with no Office host
// (no Office.js: no network or index.html, or Office.js in an ordinary browser tab) it becomes the
// browser tool. The core, the readers, exceljs and chart.js load lazily, after first paint.
import { toLang, type Lang } from '../core/findings/wording.js';
import { mountBrowserPage } from '../browser/page.js';
import './app.css';
import { mountTaskpane } from '../taskpane/ui.js';
import { storedLang } from '../ui/langChoice.js';

const root = document.getElementById('app')!;

/** The actions speak the pane's language of the moment (read at each run: the pane can switch it). */
async function excelActions(lang: () => Lang) {
  const [{ createActions }, { createExcelAdapter }, { standardTemplateGrids }] = await Promise.all([
    import('../taskpane/actions.js'),
    import('../excel/excelAdapter.js'),
    import('../ui/standardTemplate.js'),
  ]);
  return createActions(createExcelAdapter(), {
    get lang() {
      return lang();
    },
    standardTemplate: standardTemplateGrids,
  });
}

/** ?lang= first (a link someone was sent), then the language chosen on screen before, then the browser's. */
const browserLang = (): Lang => {
  const asked = new URLSearchParams(location.search).get('lang');
  return asked ? toLang(asked) : (storedLang() ?? toLang(navigator.language));
};

/** For `npm run bench:page`: when the page could first be used. */
const usable = (): void => void performance.mark('cr-usable');

// In an old webview (IE11, Edge Legacy) oldWebview.js has shown what to do instead: nothing to start.
if ((window as { __crOldWebview?: boolean }).__crOldWebview) {
  usable();
} else if (typeof Office === 'undefined') {
  mountBrowserPage(root, browserLang());
  usable();
} else {
  void Office.onReady((info) => {
    if (info.host === Office.HostType.Excel) {
      let lang = storedLang() ?? toLang(Office.context.displayLanguage);
      mountTaskpane(root, lang, excelActions(() => lang), { onLang: (l) => void (lang = l) });
    } else mountBrowserPage(root, browserLang());
    usable();
  });
}
