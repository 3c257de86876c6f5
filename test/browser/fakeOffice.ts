/**
 * Bundled for the browser (see excelMode.test.ts) and served in place of Microsoft's office.js: installs
 * `Office` and `Excel` globals backed by the fake Excel of test/excel/fakeExcel.ts, over the workbook
 * state the test put in `window.__crFakeState`. The page cannot tell it from Excel, so the same built page
 * runs the task pane; the test reads the fake (`window.__crFake`) to check marks, sheets and syncs.
 */
import { FakeExcel, type FakeWorkbookState } from '../excel/fakeExcel.js';

const w = window as unknown as { __crFakeState?: FakeWorkbookState; __crFakeSupported?: Record<string, number>; __crFake?: FakeExcel; Office?: unknown; Excel?: unknown };
const fake = new FakeExcel(w.__crFakeState ?? { name: '工作簿1.xlsx', sheets: [], active: '', selection: null });
// An older host, where the test says so (`window.__crFakeSupported`, e.g. { ExcelApi: 1.8 }).
if (w.__crFakeSupported) fake.supported = w.__crFakeSupported;
w.__crFake = fake;
const g = fake.globals();
w.Excel = g.Excel;
const info = { host: 'Excel', platform: 'OfficeOnline' };
// Office.js removes the History API in the pane's webview (its own routing needs it gone): a pane that
// keeps state in the URL with pushState breaks there, so it breaks here too.
(history as { pushState: unknown }).pushState = null;
(history as { replaceState: unknown }).replaceState = null;
w.Office = {
  HostType: { Excel: 'Excel', Word: 'Word' },
  context: { displayLanguage: 'zh-CN', requirements: g.Office.context.requirements },
  onReady(cb?: (i: typeof info) => void): Promise<typeof info> {
    return Promise.resolve().then(() => {
      cb?.(info);
      return info;
    });
  },
};
