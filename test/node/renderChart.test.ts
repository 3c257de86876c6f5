import { loadImage } from '@napi-rs/canvas';
import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { communityChart, COLORS } from '../../src/core/charts/index.js';
import type { SummaryRow } from '../../src/core/combine/types.js';
import { ensureCjkFont, renderChart } from '../../src/node/renderChart.js';
import { standardTemplate } from '../helpers/template.js';

const tpl = standardTemplate();
const rows: SummaryRow[] = [['甲', 95], ['乙', 90], ['丙', 85], ['丁', 70], ['戊', 60]].map(([community, aware]) => ({
  community: community as string, street: '东城街道', period: '2026-10', file: 'f', sheet: 'S',
  values: { surveyed: 100, aware: aware as number, awareness_rate: aware as number }, sources: {}, approximate: [],
}));

interface Pixels {
  width: number;
  height: number;
  at(x: number, y: number): [number, number, number, number];
}

async function decode(png: Uint8Array): Promise<Pixels> {
  const img = await loadImage(Buffer.from(png));
  const canvas = createCanvas(img.width, img.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const { data } = ctx.getImageData(0, 0, img.width, img.height);
  return {
    width: img.width,
    height: img.height,
    at: (x, y) => {
      const i = (y * img.width + x) * 4;
      return [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
    },
  };
}

const rgb = (hex: string): [number, number, number] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
const near = (p: readonly number[], c: readonly number[], tol = 12): boolean => Math.abs(p[0]! - c[0]!) <= tol && Math.abs(p[1]! - c[1]!) <= tol && Math.abs(p[2]! - c[2]!) <= tol;

/** Where a colour occurs below the title and legend (y ≥ top). */
function find(px: Pixels, hex: string, top: number) {
  const c = rgb(hex);
  const xs: number[] = [];
  const ys: number[] = [];
  const perRow = new Map<number, number>();
  for (let y = top; y < px.height; y++) {
    for (let x = 0; x < px.width; x++) {
      if (!near(px.at(x, y), c)) continue;
      xs.push(x);
      ys.push(y);
      perRow.set(y, (perRow.get(y) ?? 0) + 1);
    }
  }
  return { xs, ys, perRow, count: xs.length };
}

describe('renderChart', () => {
  const spec = communityChart({ indicators: tpl.indicators, rows }, 'awareness_rate')!;
  const png = renderChart(spec);

  it('is a 1200 × 675 PNG on a white background', async () => {
    expect([...png.slice(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
    const px = await decode(png);
    expect([px.width, px.height]).toEqual([1200, 675]);
    for (const [x, y] of [[0, 0], [1199, 0], [0, 674], [1199, 674]] as const) expect(px.at(x, y)).toEqual([255, 255, 255, 255]);
  });

  it('draws the bars in their colours (below target on the right, sorted) and the target line between them', async () => {
    const px = await decode(png);
    const top = 140; // below the title, subtitle and legend
    const blue = find(px, COLORS.bar, top);
    const orange = find(px, COLORS.below, top);
    const red = find(px, COLORS.target, top);
    expect(blue.count).toBeGreaterThan(5000);
    expect(orange.count).toBeGreaterThan(3000);
    // three bars at or above 80 on the left, two below on the right
    expect(Math.max(...blue.xs)).toBeLessThan(Math.min(...orange.xs));
    // the target line: the row with the most red pixels, dashed across most of the plot's width
    const [lineY, lineCount] = [...red.perRow].sort((a, b) => b[1] - a[1])[0]!;
    expect(lineCount).toBeGreaterThan(600);
    const onLine = red.xs.filter((_, i) => red.ys[i] === lineY);
    expect(Math.min(...onLine)).toBeLessThan(Math.min(...blue.xs)); // from the left edge of the plot…
    expect(Math.max(...onLine)).toBeGreaterThan(Math.max(...orange.xs)); // …to the right edge
    // it sits at 80: above the tops of the orange bars (70, 60), below the tops of the blue ones (≥ 85)
    expect(lineY).toBeGreaterThan(Math.min(...blue.ys));
    expect(lineY).toBeLessThan(Math.min(...orange.ys));
    // the tallest bar (95) is taller than the shortest blue one (85): bars follow the values
    const topAt = (xs: number[], ys: number[], x0: number) => Math.min(...ys.filter((_, i) => Math.abs(xs[i]! - x0) < 5));
    expect(topAt(blue.xs, blue.ys, Math.min(...blue.xs) + 10)).toBeLessThan(topAt(blue.xs, blue.ys, Math.max(...blue.xs) - 10));
  });

  it('renders Chinese text with a CJK font, not empty boxes', async () => {
    expect(ensureCjkFont().files.length).toBeGreaterThan(0);
    // Two titles of the same length: with a real font the glyphs differ; as missing-glyph boxes they would be identical.
    const titled = (title: string) => {
      const s = structuredClone({ ...spec, config: { ...spec.config, plugins: [] } });
      (s.config.options['plugins'] as { title: { text: string } }).title.text = title;
      return { ...s, config: { ...s.config, plugins: spec.config.plugins } };
    };
    const a = await decode(renderChart(titled('健康知识知晓率')));
    const b = await decode(renderChart(titled('投放鼠药清运垃')));
    let dark = 0;
    let differ = 0;
    for (let y = 5; y < 50; y++) {
      for (let x = 350; x < 850; x++) {
        const p = a.at(x, y);
        if (p[0] + p[1] + p[2] < 300) dark++;
        if (!near(p, b.at(x, y), 40)) differ++;
      }
    }
    expect(dark).toBeGreaterThan(300);
    expect(differ).toBeGreaterThan(300);
  });
});
