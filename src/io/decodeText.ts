/** The encodings a return's text file arrives in from Chinese Windows Excel, WPS or an online form. */
export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';

/**
 * Bytes → text. A BOM decides first ("Unicode 文本" is UTF-16LE with a BOM); then strict UTF-8; anything
 * that is not valid UTF-8 is read as GB18030, a superset of the GBK that "CSV (逗号分隔)" writes on a
 * Chinese Windows. A BOM-less file full of NUL bytes is taken as UTF-16 (UTF-8 would accept it, garbled).
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  const utf16 = guessBomlessUtf16(bytes);
  if (utf16) return { text: new TextDecoder(utf16).decode(bytes), encoding: utf16 };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

/** UTF-16 without a BOM shows as NUL bytes on one side of ASCII characters; text never holds NULs. */
function guessBomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 1024) & ~1;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) {
    if (bytes[i] === 0) {
      if (i & 1) odd++;
      else even++;
    }
  }
  if (even + odd < n / 8) return null;
  if (odd > even * 4) return 'utf-16le';
  if (even > odd * 4) return 'utf-16be';
  return null;
}
