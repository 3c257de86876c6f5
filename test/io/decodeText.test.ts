import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/io/decodeText.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
const utf16le = (s: string) => {
  const b = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) {
    b[2 * i] = s.charCodeAt(i) & 0xff;
    b[2 * i + 1] = s.charCodeAt(i) >> 8;
  }
  return b;
};
const swap = (b: Uint8Array) => b.map((_, i) => b[i ^ 1]!);
const cat = (...parts: (number[] | Uint8Array)[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

describe('decodeText', () => {
  it.each([
    ['plain UTF-8', utf8('社区名称,阳光社区'), 'utf-8', '社区名称,阳光社区'],
    ['UTF-8 with BOM (BOM dropped)', cat([0xef, 0xbb, 0xbf], utf8('报告期')), 'utf-8-bom', '报告期'],
    ['UTF-16LE with BOM', cat([0xff, 0xfe], utf16le('投放鼠药\t90')), 'utf-16le', '投放鼠药\t90'],
    ['UTF-16BE with BOM', cat([0xfe, 0xff], swap(utf16le('投放鼠药\t90'))), 'utf-16be', '投放鼠药\t90'],
    ['UTF-16LE without BOM', utf16le('a,b\r\n1,2\r\n'), 'utf-16le', 'a,b\r\n1,2\r\n'],
    // "社区" in GBK: C9E7 C7F8 — not valid UTF-8
    ['GBK bytes', Uint8Array.from([0xc9, 0xe7, 0xc7, 0xf8, 0x2c, 0x31]), 'gb18030', '社区,1'],
    ['empty', new Uint8Array(0), 'utf-8', ''],
  ] as const)('%s', (_name, bytes, encoding, text) => {
    expect(decodeText(bytes)).toEqual({ encoding, text });
  });
});
