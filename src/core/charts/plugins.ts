import { COLORS, FONT_FAMILY, formatNumber } from './style.js';

/**
 * Inline chart.js plugins, written against the few members of chart.js and the 2-D canvas context they
 * use, so the core needs neither chart.js nor the DOM types. chart.js passes `(chart, args, options)`.
 */
interface Ctx2D {
  save(): void;
  restore(): void;
  fillRect(x: number, y: number, w: number, h: number): void;
  fillText(text: string, x: number, y: number): void;
  measureText(text: string): { width: number };
  fillStyle: unknown;
  font: string;
  textAlign: string;
  textBaseline: string;
  globalCompositeOperation: string;
}

interface ChartLike {
  ctx: Ctx2D;
  width: number;
  height: number;
  data: { datasets: { type?: string; data: unknown[] }[] };
  options: { indexAxis?: string };
  chartArea: { top: number; right: number };
  isDatasetVisible(i: number): boolean;
  getDatasetMeta(i: number): { type: string; data: { x: number; y: number; base?: number }[] };
  /** The boxes of the value labels drawn last (for tests), set by valueLabels. */
  $crValueLabels?: LabelBox[];
}

/** Where a value label was drawn: left, top, width, height in canvas pixels. */
export interface LabelBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

const overlaps = (a: LabelBox, b: LabelBox): boolean => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Paints the whole canvas white before anything is drawn, so an exported PNG is not transparent. */
export const whiteBackground = {
  id: 'crWhiteBackground',
  beforeDraw(chart: ChartLike): void {
    const { ctx } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = '#FFFFFF';
    ctx.fillRect(0, 0, chart.width, chart.height);
    ctx.restore();
  },
};

export interface ValueLabelOptions {
  /** Decimals shown (0 for counts, 1 for rates). */
  decimals?: number;
  /** Always show `decimals` decimals (85.0%), for rates. */
  fixed?: boolean;
  display?: boolean;
  suffix?: string;
  /** Font size in px. */
  size?: number;
}

/**
 * Writes each bar's value at its end (above a column, right of a horizontal bar) and each line point's
 * value above it: people at a meeting read the figures, not the gridlines. Datasets given as `{x, y}`
 * points (the target line) are not labelled. A label that would run into one already drawn (narrow bars
 * in the task pane, two street lines close together) is left out rather than printed over it: the figure
 * stays in the table and the tooltip. Options under `options.plugins.crValueLabels`.
 */
export const valueLabels = {
  id: 'crValueLabels',
  afterDatasetsDraw(chart: ChartLike, _args: unknown, opts: ValueLabelOptions | undefined): void {
    const o = opts ?? {};
    if (o.display === false) return;
    const { ctx } = chart;
    const horizontal = chart.options.indexAxis === 'y';
    ctx.save();
    ctx.font = `${o.size ?? 13}px ${FONT_FAMILY}`;
    ctx.fillStyle = COLORS.text;
    ctx.textAlign = horizontal ? 'left' : 'center';
    ctx.textBaseline = horizontal ? 'middle' : 'bottom';
    const size = o.size ?? 13;
    const drawn: LabelBox[] = [];
    chart.data.datasets.forEach((ds, i) => {
      const meta = chart.getDatasetMeta(i);
      if ((meta.type !== 'bar' && meta.type !== 'line') || !chart.isDatasetVisible(i)) return;
      const gap = meta.type === 'line' ? 10 : 3;
      meta.data.forEach((el, j) => {
        const v = ds.data[j];
        if (typeof v !== 'number') return;
        const text = formatNumber(v, o.decimals ?? 0, o.fixed ?? false) + (o.suffix ?? '');
        const w = ctx.measureText(text).width;
        const x = horizontal ? Math.min(el.x + gap + 1, chart.chartArea.right - 2) : el.x;
        const y = horizontal ? el.y : Math.max(el.y - gap, chart.chartArea.top + 12);
        // A little air around each label, so neighbours never touch.
        const box = horizontal ? { x, y: y - size / 2, w: w + 2, h: size } : { x: x - w / 2 - 1, y: y - size, w: w + 2, h: size };
        if (drawn.some((b) => overlaps(b, box))) return;
        drawn.push(box);
        ctx.fillText(text, x, y);
      });
    });
    chart.$crValueLabels = drawn;
    ctx.restore();
  },
};

/** The plugins every chart of ours carries inline. */
export const CHART_PLUGINS = [whiteBackground, valueLabels];
