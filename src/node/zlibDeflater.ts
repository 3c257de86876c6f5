import { once } from 'node:events';
import { crc32, createGzip } from 'node:zlib';
import type { RawDeflater } from '../io/xlsxTables.js';

/** A gzip header as zlib writes it without a name, comment or time: 10 bytes. */
const GZIP_HEADER = 10;
/** A gzip trailer: the data's CRC-32 and size, little-endian, 4 bytes each. */
const GZIP_TRAILER = 8;

/**
 * node's zlib as the xlsx writer's deflater: the same raw deflate at the same level as fflate's
 * JavaScript one, in about half the CPU time (it was a third of writing a city-year's summary.xlsx).
 * Waits when zlib's buffer is full, so memory holds compressed output only.
 *
 * The stream is gzip with its header and trailer cut off — the deflate data between them is the raw stream,
 * byte for byte — because zlib then computes the data's CRC-32 as it copies each chunk in, on its own
 * thread, and the CRC is the trailer's. The CPU is the same either way (263 MB of 明细 XML: deflate + crc32
 * ~670-770 ms, gzip ~680-740 ms, 4 runs each); what moves is the ~50-120 ms of checksumming that the main
 * thread, which makes the XML, did in between.
 */
export function zlibDeflater(level: number, chunkSize = 1 << 18): RawDeflater {
  // Output in 256 KB pieces (zlib's default is 16 KB: sixteen times the events for the same bytes).
  const z = createGzip({ level, chunkSize });
  // Header bytes still to drop; the last bytes seen, held back until more come (the trailer, at the end).
  let skip = GZIP_HEADER;
  const held = new Uint8Array(GZIP_TRAILER);
  let heldLength = 0;
  const d: RawDeflater = {
    ondata: () => undefined,
    push(chunk, final) {
      // The callback runs once zlib has consumed the chunk: its buffer may then be reused.
      const more = z.write(chunk, () => d.release?.(chunk));
      if (final) {
        z.end();
        return once(z, 'end').then(() => undefined);
      }
      return more ? undefined : once(z, 'drain').then(() => undefined);
    },
    crc: () => {
      if (heldLength !== GZIP_TRAILER) throw new Error('gzip stream without its trailer');
      return (held[0]! | (held[1]! << 8) | (held[2]! << 16) | (held[3]! << 24)) >>> 0;
    },
  };
  z.on('data', (b: Buffer) => {
    let data = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    if (skip > 0) {
      const n = Math.min(skip, data.length);
      data = data.subarray(n);
      skip -= n;
    }
    const total = heldLength + data.length;
    if (total <= GZIP_TRAILER) {
      held.set(data, heldLength);
      heldLength = total;
      return;
    }
    // Hand on all but the last 8 bytes of what is held and what came (held first), and hold those.
    const out = total - GZIP_TRAILER;
    const fromHeld = Math.min(heldLength, out);
    if (fromHeld > 0) {
      d.ondata(held.slice(0, fromHeld), false);
      held.copyWithin(0, fromHeld, heldLength);
      heldLength -= fromHeld;
    }
    const fromData = out - fromHeld;
    if (fromData > 0) d.ondata(data.subarray(0, fromData), false);
    held.set(data.subarray(fromData), heldLength);
    heldLength = GZIP_TRAILER;
  });
  z.on('end', () => d.ondata(new Uint8Array(0), true));
  return d;
}

/** node's native CRC-32 (the zip's checksum of each part), many times faster than a JavaScript table loop. */
export function zlibCrc32(data: Uint8Array, crc: number): number {
  return crc32(data, crc);
}
