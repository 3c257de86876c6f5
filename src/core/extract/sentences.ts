/** A span [start, end) of the folded text. */
export interface Span {
  start: number;
  end: number;
}

const SENTENCE_END = /[。！？!?；;]/u;
const CLAUSE_END = /[，,：:]/u;
const TERMINAL = /[。！？!?；;：:）)”"]\s*$/u;

/**
 * Splits a document's text into sentences. A line break ends a sentence unless it cuts a long line that
 * does not end with punctuation (a paragraph broken by the program that saved it: 近40名居民⏎参加了讲座).
 */
export function sentenceSpans(text: string, from: number, to: number): Span[] {
  const out: Span[] = [];
  let start = from;
  let lineStart = from;
  // The last non-blank line ran on: blank lines after it do not end the sentence either.
  let runningOn = false;
  for (let i = from; i < to; i++) {
    const ch = text[i]!;
    let end = false;
    if (SENTENCE_END.test(ch)) {
      end = true;
      runningOn = false;
    }
    else if (ch === '\n') {
      const line = text.slice(lineStart, i).trim();
      lineStart = i + 1;
      // A short line is a heading; a long one without closing punctuation continues on the next line.
      if (line === '') end = !runningOn;
      else if (line.length < 20 || TERMINAL.test(line)) end = true;
      else if (nextNonBlankIsBlankLineHeading(text, i + 1, to)) end = true;
      if (line !== '') runningOn = !end;
    }
    if (end) {
      if (text.slice(start, i + 1).trim() !== '') out.push({ start, end: i + 1 });
      start = i + 1;
    }
  }
  if (text.slice(start, to).trim() !== '') out.push({ start, end: to });
  return out;
}

/** A numbered heading (一、 （二） 3、) on the next line starts a new sentence. */
function nextNonBlankIsBlankLineHeading(text: string, i: number, to: number): boolean {
  const rest = text.slice(i, Math.min(to, i + 80)).replace(/^\s+/, '');
  return /^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．])/u.test(rest);
}

/** The clauses of one sentence (split at ， ： and the sentence end). */
export function clauseSpans(text: string, s: Span): Span[] {
  const out: Span[] = [];
  let start = s.start;
  for (let i = s.start; i < s.end; i++) {
    if (CLAUSE_END.test(text[i]!) || SENTENCE_END.test(text[i]!)) {
      out.push({ start, end: i + 1 });
      start = i + 1;
    }
  }
  if (start < s.end) out.push({ start, end: s.end });
  return out;
}
