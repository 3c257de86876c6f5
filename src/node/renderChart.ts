import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { Chart, registerables, type ChartConfiguration, type ChartItem } from 'chart.js';
import { whiteBackground } from '../core/charts/plugins.js';
import { FONT_FAMILY } from '../core/charts/style.js';
import type { ChartSpec } from '../core/charts/types.js';

Chart.register(...registerables);
Chart.defaults.font.family = FONT_FAMILY;

/**
 * Where Noto Sans CJK (Debian/Ubuntu package `fonts-noto-cjk`) and its cousins usually live. Looked for
 * in this order, then asked of fontconfig (`fc-list :lang=zh`), after `CR_CJK_FONT` if that is set.
 */
const CANDIDATES = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  '/System/Library/Fonts/PingFang.ttc',
  'C:\\Windows\\Fonts\\msyh.ttc',
];

export interface FontStatus {
  /** Font files registered. */
  files: string[];
  /** A message for the user when no Chinese font was found (the charts would show empty boxes). */
  warning: string | null;
}

let fontStatus: FontStatus | null = null;

function fcListChinese(): string[] {
  try {
    const out = execFileSync('fc-list', [':lang=zh', 'file'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 });
    return out.split('\n').map((l) => l.replace(/:\s*$/, '').trim()).filter(Boolean).sort();
  } catch {
    return [];
  }
}

/**
 * Registers a Chinese font with the canvas once per process. Without one, Skia draws every Chinese
 * character as an empty box; the warning says how to install it (Debian/Ubuntu: fonts-noto-cjk).
 */
export function ensureCjkFont(): FontStatus {
  if (fontStatus) return fontStatus;
  const env = process.env['CR_CJK_FONT'];
  const regular = [env, ...CANDIDATES].filter((f): f is string => !!f && existsSync(f));
  const found = regular.length ? regular : fcListChinese().slice(0, 2);
  const files = found.filter((f) => GlobalFonts.registerFromPath(f));
  fontStatus = {
    files,
    warning: files.length
      ? null
      : '未找到中文字体，图表中的汉字将无法显示。请安装 Noto CJK 字体（Debian/Ubuntu：apt-get install fonts-noto-cjk），或用环境变量 CR_CJK_FONT 指定字体文件。' +
        ' / No Chinese font found: install fonts-noto-cjk or set CR_CJK_FONT to a .ttf/.ttc file.',
  };
  return fontStatus;
}

/**
 * Renders a chart spec to PNG bytes at its own size (1200 × 675 by default): chart.js on a Skia canvas,
 * no animation, white background, the same pixels for the same input.
 */
export function renderChart(spec: ChartSpec, opts: { scale?: number } = {}): Uint8Array {
  ensureCjkFont();
  const scale = opts.scale ?? 1;
  const canvas = createCanvas(Math.round(spec.width * scale), Math.round(spec.height * scale));
  const ctx = canvas.getContext('2d');
  const plugins = spec.config.plugins.some((p) => p.id === whiteBackground.id) ? spec.config.plugins : [whiteBackground, ...spec.config.plugins];
  const config = {
    ...spec.config,
    options: { ...spec.config.options, responsive: false, animation: false, devicePixelRatio: scale, events: [] },
    plugins,
  } as unknown as ChartConfiguration;
  // chart.js sizes itself from the canvas it is given; @napi-rs/canvas is not a DOM canvas, so it uses its basic platform.
  const chart = new Chart(ctx as unknown as ChartItem, config);
  try {
    chart.draw();
    return new Uint8Array(canvas.toBuffer('image/png'));
  } finally {
    chart.destroy();
  }
}
