/** A document's place in the (folded) text of a file. */
export interface DocumentSpan {
  title: string;
  /** Start of the title line (or of the text); end of the document (exclusive). */
  start: number;
  /** End of the title line; equal to `start` when the title is not in the text. */
  titleEnd: number;
  end: number;
  /** True for the text before the first heading of a file that has headings. */
  preamble: boolean;
}

const NUMERAL = '(?:[一二三四五六七八九十]{1,3}|\\d{1,2})';
/**
 * A heading that starts one of several summaries collected in a file: 社区创卫工作总结篇一, …总结二,
 * …总结【二】, …总结（3）, 第一篇, 范文一. Only a whole short line counts.
 */
const NUMBERED_HEADING = new RegExp(
  `^\\s*(?:.{0,30}?(?:总结|报告|汇报|材料|范文)\\s*(?:篇\\s*${NUMERAL}|第\\s*${NUMERAL}\\s*篇|${NUMERAL}|【\\s*${NUMERAL}\\s*】|[(（]\\s*${NUMERAL}\\s*[)）])|第\\s*${NUMERAL}\\s*篇|篇\\s*${NUMERAL}|范文\\s*${NUMERAL})\\s*[:：]?\\s*$`,
  'u',
);
/** An un-numbered title line: short, ends with 工作总结 / 小结 / 情况汇报 and no sentence punctuation. */
const TITLE = /^\s*[^，。；！？,;!?]{2,30}(?:工作总结|总结|小结|情况汇报|工作汇报)\s*$/u;

/**
 * Splits a file that collects several summaries into documents: at numbered headings (篇一, 篇二 …) when
 * there are any, else at title lines when there are two or more; otherwise the file is one document.
 * Works on folded text (Simplified), so 總結篇二 is a heading too.
 */
export function splitDocuments(text: string, fallbackTitle: string): DocumentSpan[] {
  const lines: { start: number; end: number; text: string }[] = [];
  let pos = 0;
  for (const line of text.split('\n')) {
    lines.push({ start: pos, end: pos + line.length, text: line });
    pos += line.length + 1;
  }
  let heads = lines.filter((l) => NUMBERED_HEADING.test(l.text));
  if (heads.length === 0) {
    const titles = lines.filter((l) => TITLE.test(l.text));
    heads = titles.length >= 2 ? titles : [];
  }
  if (heads.length === 0) {
    const first = firstLine(lines);
    return [{ title: first?.text.trim() ?? fallbackTitle, start: 0, titleEnd: first?.end ?? 0, end: text.length, preamble: false }];
  }
  const spans: DocumentSpan[] = [];
  if (heads[0]!.start > 0) spans.push({ title: fallbackTitle, start: 0, titleEnd: 0, end: heads[0]!.start, preamble: true });
  heads.forEach((h, i) => {
    const end = i + 1 < heads.length ? heads[i + 1]!.start : text.length;
    spans.push(...splitAtOpenings({ title: h.text.trim(), start: h.start, titleEnd: h.end, end, preamble: false }, lines));
  });
  return spans;
}

/** The sentence a summary opens its report with: 现将…工作总结如下 / 现将…汇报如下. */
const OPENING = /现将.{0,40}?(?:总结|汇报|报告)如下/u;
const PART = ['二', '三', '四', '五', '六', '七', '八', '九', '十'];

/**
 * A heading sometimes stands over several summaries run together without titles of their own; each opens
 * with 现将…总结如下. A second (third …) such opening starts a new document at its paragraph, titled
 * “篇六（其二）”.
 */
function splitAtOpenings(span: DocumentSpan, lines: readonly { start: number; end: number; text: string }[]): DocumentSpan[] {
  const openings = lines.filter((l) => l.start > span.titleEnd && l.start < span.end && OPENING.test(l.text));
  if (openings.length < 2) return [span];
  const out: DocumentSpan[] = [{ ...span, end: openings[1]!.start }];
  for (let k = 1; k < openings.length; k++) {
    const end = k + 1 < openings.length ? openings[k + 1]!.start : span.end;
    out.push({ title: `${span.title}（其${PART[k - 1] ?? String(k + 1)}）`, start: openings[k]!.start, titleEnd: openings[k]!.start, end, preamble: false });
  }
  return out;
}

/** A one-document file is titled by its first short line if it looks like a title. */
function firstLine<L extends { text: string }>(lines: readonly L[]): L | null {
  const first = lines.find((l) => l.text.trim() !== '');
  if (!first) return null;
  const t = first.text.trim();
  return t.length <= 40 && !/[，。；！？]/u.test(t) ? first : null;
}
