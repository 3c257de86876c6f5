// Draws the add-in icons (16/32/64/80 px PNG) without any image library: a Fluent-blue rounded square
// holding a white sheet with three rows and a green check mark. Run: node scripts/draw-icons.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
/** RGBA pixels (size × size × 4) → PNG bytes. */
function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const BLUE = [0x0f, 0x6c, 0xbd];
const WHITE = [0xff, 0xff, 0xff];
const LINE = [0x9c, 0xc3, 0xe6];
const GREEN = [0x10, 0x7c, 0x10];

/** Coverage of pixel (x, y) by a shape, by 4×4 supersampling, so small icons stay smooth. */
function cover(x, y, inside) {
  let n = 0;
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) if (inside(x + (i + 0.5) / 4, y + (j + 0.5) / 4)) n++;
  return n / 16;
}
function roundRect(x0, y0, x1, y1, r) {
  return (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
}
function segment(ax, ay, bx, by, w) {
  return (x, y) => {
    const dx = bx - ax, dy = by - ay;
    const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
    return (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= (w / 2) ** 2;
  };
}

function draw(size) {
  const s = size / 32; // designed on a 32 px grid
  const layers = [
    [BLUE, roundRect(1 * s, 1 * s, 31 * s, 31 * s, 6 * s)],
    [WHITE, roundRect(7 * s, 5 * s, 25 * s, 27 * s, 1.5 * s)],
    [LINE, (x, y) => x > 10 * s && x < 22 * s && [10, 15, 20].some((r) => Math.abs(y - r * s) < Math.max(0.6, 1 * s))],
    [GREEN, (x, y) => segment(15 * s, 21 * s, 19 * s, 25 * s, 3 * s)(x, y) || segment(19 * s, 25 * s, 28 * s, 14 * s, 3 * s)(x, y)],
  ];
  const px = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (const [color, inside] of layers) {
        const c = cover(x, y, inside);
        if (c === 0) continue;
        const na = c + a * (1 - c);
        r = (color[0] * c + r * a * (1 - c)) / na;
        g = (color[1] * c + g * a * (1 - c)) / na;
        b = (color[2] * c + b * a * (1 - c)) / na;
        a = na;
      }
      px.set([Math.round(r), Math.round(g), Math.round(b), Math.round(a * 255)], (y * size + x) * 4);
    }
  }
  return encodePng(size, px);
}

for (const size of [16, 32, 64, 80]) {
  const file = new URL(`../assets/icon-${size}.png`, import.meta.url);
  writeFileSync(file, draw(size));
  console.log(`assets/icon-${size}.png`);
}
