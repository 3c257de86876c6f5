import { strFromU8, unzipSync } from 'fflate';

/** A .docx whose text could not be read (not a zip, no word/document.xml); `part` says which. */
export class UnreadableDocxError extends Error {
  constructor(
    message: string,
    readonly part: 'zip' | 'word/document.xml',
  ) {
    super(message);
  }
}

/**
 * The text of a .docx: the paragraphs of word/document.xml, one line each, in document order (tables
 * cell by cell). Tabs and line breaks are kept; deleted revisions (w:del) and field codes are not text.
 */
export function readDocxText(bytes: Uint8Array): string {
  let xml: string;
  try {
    const files = unzipSync(bytes, { filter: (f) => f.name === 'word/document.xml' });
    const doc = files['word/document.xml'];
    if (!doc) throw new UnreadableDocxError('no word/document.xml in the file', 'word/document.xml');
    xml = strFromU8(doc);
  } catch (e) {
    if (e instanceof UnreadableDocxError) throw e;
    throw new UnreadableDocxError(`not a .docx (zip) file: ${e instanceof Error ? e.message : String(e)}`, 'zip');
  }
  const body = xml.replace(/<w:del\b[\s\S]*?<\/w:del>/g, '').replace(/<w:instrText\b[\s\S]*?<\/w:instrText>/g, '');
  const paragraphs: string[] = [];
  for (const p of body.match(/<w:p[ >][\s\S]*?<\/w:p>|<w:p\/>/g) ?? []) {
    let line = '';
    for (const t of p.matchAll(/<w:t(?:\s[^>]*)?>([\s\S]*?)<\/w:t>|<w:tab\/>|<w:br\/>|<w:cr\/>/g)) {
      if (t[1] !== undefined) line += decodeEntities(t[1]);
      else line += t[0] === '<w:tab/>' ? '\t' : '\n';
    }
    paragraphs.push(line);
  }
  return paragraphs.join('\n');
}

function decodeEntities(s: string): string {
  return s.replace(/&(?:#x([0-9a-f]+)|#(\d+)|(amp|lt|gt|quot|apos));/gi, (_m, hex: string, dec: string, name: string) => {
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    if (dec) return String.fromCodePoint(Number(dec));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[name.toLowerCase() as 'amp']!;
  });
}
