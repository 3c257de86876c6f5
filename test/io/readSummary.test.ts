import { readFileSync } from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readDocxText } from '../../src/io/readDocx.js';
import { MAX_SUMMARY_BYTES, readSummary } from '../../src/io/readSummary.js';
import { unreadableText } from '../../src/core/findings/wording.js';

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

  // [file, bytes, cause, detail]: why a summary cannot be read is a typed cause, never an exception's text.
  const OLE = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
  const unreadable: [string, Uint8Array, string, string | undefined][] = [
    ['a.docx', strToU8('not a zip'), 'corrupt_document', 'zip'],
    ['a.docx', zipSync({ 'x.xml': strToU8('<x/>') }), 'corrupt_document', 'word/document.xml'],
    ['a.docx', OLE, 'encrypted_document', undefined], // Office saves a password-protected .docx as a compound file
    ['a.docx', new Uint8Array(), 'empty_file', undefined],
    ['a.doc', OLE, 'legacy_word', '.doc'],
    ['旧总结.DOC', new Uint8Array([0xd0, 0xcf]), 'legacy_word', '.doc'],
    ['总结.pdf', strToU8('%PDF-1.7'), 'unsupported_summary', '.pdf'],
    ['总结.xlsx', zipSync({ 'x.xml': strToU8('<x/>') }), 'unsupported_summary', '.xlsx'],
    ['big.txt', new Uint8Array(MAX_SUMMARY_BYTES + 1), 'too_large', '> 50 MB'],
  ];
  it.each(unreadable.map(([file, bytes, cause, detail]) => ({ file, bytes, cause, detail })))('$file cannot be read: $cause', ({ file, bytes, cause, detail }) => {
    const r = readSummary(file, bytes);
    expect(r).toEqual({ ok: false, cause, ...(detail ? { detail } : {}) });
  });

  it('words every cause in both languages, never in the other one', () => {
    const causes = [...new Set(unreadable.map((u) => u[2]))] as Parameters<typeof unreadableText>[0]['cause'][];
    for (const cause of causes) {
      const zh = unreadableText({ cause }, 'zh-CN');
      const en = unreadableText({ cause }, 'en-US');
      expect(zh).toMatch(/[\u4e00-\u9fff]/);
      expect(en).not.toMatch(/[\u4e00-\u9fff]/);
      expect(en).toMatch(/^[a-z]/i);
    }
    expect(unreadableText({ cause: 'legacy_word', detail: '.doc' }, 'en-US')).toBe('the old Word 97–2003 format (.doc) is not read; save it as .docx or .txt in Word or WPS (.doc)');
    expect(unreadableText({ cause: 'legacy_word', detail: '.doc' }, 'zh-CN')).toBe('旧版 Word 97–2003 格式（.doc）不读取，请在 Word 或 WPS 中另存为 .docx 或 .txt（.doc）');
  });

  it('plain text under any other name is still read as text', () => {
    expect(readSummary('总结', strToU8('发放宣传单200份。'))).toMatchObject({ ok: true, text: '发放宣传单200份。' });
    expect(readSummary('总结.md', strToU8('发放宣传单200份。'))).toMatchObject({ ok: true });
  });
});
