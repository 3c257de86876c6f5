/*
 * ES5 only (checked by test/browser/oldWebview.test.ts with acorn at ecmaVersion 5). Volume-licensed
 * Office up to 2019 hosts add-ins in Internet Explorer 11 (Trident) or Edge Legacy (EdgeHTML) webviews,
 * which cannot run the pane (ES2022 modules): there this script, inlined into the page's <head>, shows
 * what to do instead, in Chinese and English, and tells main.ts not to start.
 */
(function () {
  var ua = navigator.userAgent || '';
  var old = /Trident\/|MSIE |Edge\/\d/.test(ua);
  if (!old) {
    try {
      // Syntax the pane's bundle uses; a webview that cannot parse it cannot run the pane.
      new Function('class A { #p = 1; m(o) { return o?.x ?? this.#p; } } return async () => { for await (const x of []) { void x; } };');
    } catch (e) {
      old = true;
    }
  }
  if (!old) return;
  window.__crOldWebview = true;
  var page = location.href.replace(/[^/]*([?#].*)?$/, 'index.html');
  function show() {
    var app = document.getElementById('app');
    if (!app) return;
    app.className = 'old-webview';
    app.innerHTML =
      '<h1>社区报表 校验汇总</h1>' +
      '<p><strong>此版本的 Office 使用旧版浏览器控件（Internet Explorer 11 或旧版 Edge）显示加载项，本加载项无法在其中运行。</strong></p>' +
      '<p>可以这样做：</p>' +
      '<ol>' +
      '<li>使用网页版工具：在 Edge、Chrome 或 360 浏览器（极速模式）中打开 <a href="' + page + '" target="_blank">' + page + '</a>，把报表文件拖进去即可校验、汇总、出图，文件不会上传。</li>' +
      '<li>或在 Microsoft 365、Office 2021 / 2024 及更新版本的 Excel 中使用本加载项（需要 WebView2）。</li>' +
      '</ol>' +
      '<hr>' +
      '<p lang="en-US"><strong>This version of Office shows add-ins in an old webview (Internet Explorer 11 or Edge Legacy), which cannot run this add-in.</strong> ' +
      'Use the web page instead — open <a href="' + page + '" target="_blank">' + page + '</a> in Edge or Chrome and drop the return files on it (nothing is uploaded) — ' +
      'or use the add-in in Excel from Microsoft 365 or Office 2021/2024 or later (WebView2).</p>';
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', show);
  else show();
})();
