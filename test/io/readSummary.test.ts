import { readFileSync } from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readDocxText } from '../../src/io/readDocx.js';
import { readSummary } from '../../src/io/readSummary.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/extract');
const docx = (body: string) =>
  zipSync({ 'word/document.xml': strToU8(`<?xml version="1.0"?><w:document xmlns:w="x"><w:body>${body}</w:body></w:document>`) });

describe('readSummary', () => {
  it('reads the LibreOffice .docx paragraph by paragraph, as the .txt it was made from', () => {
    const fromDocx = readSummary('a.docx', readFileSync(path.join(FIXTURES, '000_b5df7ddf021696d8.docx')));
    const txt = readFileSync(path.resolve(import.meta.dirname, '../../../shared/seeds/000_b5df7ddf021696d8.txt'), 'utf8');
    expect(fromDocx.ok).toBe(true);
    if (fromDocx.ok) expect(fromDocx.text.split('\n').map((l) => l.trim())).toEqual(txt.split('\n').map((l) => l.trim()));
  });

  it('decodes GBK text (Notepad "ANSI" on a Chinese Windows)', () => {
    const r = readSummary('a.txt', readFileSync(path.join(FIXTURES, '002_0f366e330dcb8b89_gbk.txt')));
    expect(r).toMatchObject({ ok: true, encoding: 'gb18030' });
    if (r.ok) expect(r.text).toContain('清运裸露垃圾近5吨');
  });

  it('decodes UTF-16 (Notepad "Unicode") with its BOM', () => {
    const text = '投放鼠药90公斤。';
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) [bytes[2 + 2 * i], bytes[3 + 2 * i]] = [text.charCodeAt(i) & 0xff, text.charCodeAt(i) >> 8];
    expect(readSummary('a.txt', bytes)).toEqual({ ok: true, text, encoding: 'utf-16le' });
  });

  it('keeps runs, tabs, breaks and entities; drops deleted revisions', () => {
    const text = readDocxText(docx('<w:p><w:r><w:t>发放</w:t></w:r><w:r><w:t xml:space="preserve">宣传单 </w:t><w:tab/><w:t>200&amp;份</w:t></w:r><w:del><w:r><w:t>300份</w:t></w:r></w:del></w:p><w:p/><w:p><w:r><w:t>拉横幅</w:t><w:br/><w:t>5条</w:t></w:r></w:p>'));
    expect(text).toBe('发放宣传单 \t200&份\n\n拉横幅\n5条');
  });

  it('a file that is not a .docx, or a .doc, is a reason, not a crash', () => {
    expect(readSummary('a.docx', strToU8('not a zip'))).toMatchObject({ ok: false });
    expect(readSummary('a.docx', zipSync({ 'x.xml': strToU8('<x/>') }))).toMatchObject({ ok: false, reason: 'no word/document.xml in the file' });
    expect(readSummary('a.doc', new Uint8Array([0xd0, 0xcf]))).toMatchObject({ ok: false });
  });
});
