import fc from 'fast-check';
import { crc32, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { zlibDeflater } from '../../src/node/zlibDeflater.js';

/** Everything a deflater hands on for `pieces`, pushed one by one, and the CRC it reports. */
async function run(pieces: Uint8Array[], level: number, chunkSize?: number): Promise<{ out: Buffer; crc: number; finals: number }> {
  const d = zlibDeflater(level, chunkSize);
  const got: Uint8Array[] = [];
  let finals = 0;
  d.ondata = (data, final) => {
    got.push(data.slice());
    if (final) finals++;
  };
  for (const p of pieces) {
    const wait = d.push(p, false);
    if (wait) await wait;
  }
  await d.push(new Uint8Array(0), true);
  return { out: Buffer.concat(got), crc: d.crc!(), finals };
}

describe("node's deflater (gzip with its header and trailer cut off)", () => {
  // Text that compresses (XML-like) and bytes that do not, cut anywhere; zlib's output in pieces as small as
  // 64 bytes, so the trailer held back straddles pieces of every size, the last one included.
  const piece = fc.oneof(
    fc.uint8Array({ maxLength: 3000 }),
    fc.string({ maxLength: 2000 }).map((s) => new TextEncoder().encode(`<row r="1"><c t="s"><v>${s}</v></c></row>`.repeat(3))),
  );

  it('gives the raw deflate stream byte for byte, and the CRC-32 of what was pushed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 12 }), fc.constantFrom(64, 100, 1 << 18), fc.constantFrom(1, 2, 6), async (pieces, chunkSize, level) => {
        const all = Buffer.concat(pieces);
        const { out, crc, finals } = await run(pieces, level, chunkSize);
        expect(out.equals(deflateRawSync(all, { level }))).toBe(true);
        expect(crc).toBe(crc32(all));
        expect(finals).toBe(1);
      }),
      { numRuns: 150 },
    );
  });

  it('of nothing: an empty deflate stream, CRC 0', async () => {
    const { out, crc } = await run([], 2);
    expect(out.equals(deflateRawSync(Buffer.alloc(0), { level: 2 }))).toBe(true);
    expect(crc).toBe(0);
  });
});
