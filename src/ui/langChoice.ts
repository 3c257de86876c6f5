import type { Lang } from '../core/findings/wording.js';

/** Where the on-screen language choice is kept between sessions (the pane's and the page's). */
const KEY = 'community-returns.lang';

/**
 * The language chosen on screen earlier, or null. Office's webviews (and a browser with storage turned
 * off) may refuse localStorage, even to read it: then nothing was chosen, silently.
 */
export function storedLang(): Lang | null {
  try {
    const v = globalThis.localStorage?.getItem(KEY);
    return v === 'zh-CN' || v === 'en-US' ? v : null;
  } catch {
    return null;
  }
}

/** Keeps the choice where storage is allowed; where it is not, the choice lasts as long as the pane. */
export function storeLang(lang: Lang): void {
  try {
    globalThis.localStorage?.setItem(KEY, lang);
  } catch {
    // Refused (Office webview, private mode): the switch still works for this session.
  }
}

/** The other language, as its switch names it (in that language, so a reader of it finds it). */
export const otherLang = (lang: Lang): { lang: Lang; label: string } =>
  lang === 'zh-CN' ? { lang: 'en-US', label: 'English' } : { lang: 'zh-CN', label: '中文' };
