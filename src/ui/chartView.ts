/**
 * The chart view, shared by the add-in and the browser page: pick an indicator, a chart kind and a
 * period; the chart configuration comes from the core (src/core/charts), chart.js only draws it and is
 * loaded the first time this view opens. Export as PNG (white background), copy where the browser
 * allows it, and in Excel insert a native chart.
 */
import type { ChartSource, ChartSpec } from '../core/charts/index.js';
import { communityChart, monthsChart, streetChart } from '../core/charts/index.js';
import { nameWithUnit } from '../core/charts/common.js';
import { periodText } from '../core/charts/words.js';
import type { Lang } from '../core/findings/wording.js';
import { el } from './dom.js';
import { UI } from './i18n.js';

export type ChartChoice = { kind: 'communities' | 'streets'; indicator: string; period: string } | { kind: 'months'; indicator: string; period: string; by: 'total' | 'street' };

/** The spec for a choice, or null when the indicator has no data there. Pure. */
export function specFor(src: ChartSource, c: ChartChoice): ChartSpec | null {
  switch (c.kind) {
    case 'communities':
      return communityChart(src, c.indicator, c.period);
    case 'streets':
      return streetChart(src, c.indicator, c.period);
    case 'months':
      return monthsChart(src, c.indicator, { by: c.by, upTo: c.period });
  }
}

/** Indicators that have at least one value, in template order; the meeting's first (知晓率) leads when present. */
export function chartableIndicators(src: ChartSource): { code: string; label: string }[] {
  return src.indicators
    .filter((ind) => src.rows.some((r) => (r.values[ind.code] ?? null) !== null))
    .map((ind) => ({ code: ind.code, label: nameWithUnit(ind, src.lang) }));
}

export interface ChartViewOptions {
  lang: Lang;
  /** Inserts a native Excel chart for the spec and resolves with the sheet's name (add-in only). */
  insertNative?: (spec: ChartSpec) => Promise<string>;
  /** Shows a line in the page's status area. */
  say: (text: string, failed?: boolean) => void;
  /** The choice to open with (the one shown before a language switch), where it still applies. */
  choice?: Partial<Record<'indicator' | 'kind' | 'period' | 'by', string>>;
}

/** The choice the view shows now (to keep it across a language switch), or null when none is shown. */
export function chartChoiceIn(root: HTMLElement): ChartViewOptions['choice'] | null {
  const v = (id: string) => root.querySelector<HTMLSelectElement>(`#${id}`)?.value;
  return root.querySelector('#chart-indicator') ? { indicator: v('chart-indicator'), kind: v('chart-kind'), period: v('chart-period'), by: v('chart-by') } : null;
}

type ChartCtor = typeof import('chart.js').Chart;
let chartJs: Promise<ChartCtor> | null = null;
/** chart.js, loaded once, the first time a chart is drawn. */
function loadChartJs(): Promise<ChartCtor> {
  chartJs ??= import('chart.js/auto').then((m) => m.Chart);
  return chartJs;
}

/** Renders the view into `root` for `src`; call again with new data after a new combine. */
export function mountChartView(root: HTMLElement, src: ChartSource, opts: ChartViewOptions): void {
  const t = UI[opts.lang];
  const indicators = chartableIndicators(src);
  const periods = [...new Set(src.rows.map((r) => r.period).filter((p): p is string => p !== null))].sort();
  if (indicators.length === 0 || periods.length === 0) {
    root.replaceChildren(el('p', { className: 'empty', textContent: t.noChart }));
    return;
  }
  const select = (id: string, options: [string, string][], value: string): HTMLSelectElement => {
    const s = el('select', { id }, ...options.map(([v, text]) => el('option', { value: v, textContent: text })));
    const kept = opts.choice?.[id.slice('chart-'.length) as 'indicator'];
    s.value = kept !== undefined && options.some(([v]) => v === kept) ? kept : value;
    return s;
  };
  const preferred = indicators.find((i) => i.code === 'awareness_rate')?.code ?? indicators[0]!.code;
  const indicator = select('chart-indicator', indicators.map((i) => [i.code, i.label]), preferred);
  const kind = select('chart-kind', [['communities', t.chartCommunities], ['months', t.chartMonths], ['streets', t.chartStreets]], 'communities');
  const period = select('chart-period', periods.map((p) => [p, periodText(p, opts.lang)]), periods[periods.length - 1]!);
  const by = select('chart-by', [['total', t.chartByTotal], ['street', t.chartByStreet]], 'total');
  const field = (s: HTMLSelectElement, label: string) => el('label', { className: 'field', htmlFor: s.id }, el('span', { textContent: label }), s);
  const byField = field(by, t.chartBy);

  const canvas = el('canvas', { attrs: { role: 'img' } });
  const figure = el('figure', { className: 'chart' }, canvas);
  const buttons = {
    png: el('button', { type: 'button', textContent: t.exportPng }),
    copy: el('button', { type: 'button', textContent: t.copyPng }),
    insert: el('button', { type: 'button', className: 'primary', textContent: t.insertChart }),
  };
  const actions = el('div', { className: 'toolbar' }, ...(opts.insertNative ? [buttons.insert] : []), buttons.png, buttons.copy);
  root.replaceChildren(el('div', { className: 'chart-controls' }, field(indicator, t.chartIndicator), field(kind, t.chartKind), field(period, t.chartPeriod), byField), actions, figure);

  let chart: InstanceType<ChartCtor> | null = null;
  let spec: ChartSpec | null = null;

  async function draw(): Promise<void> {
    byField.hidden = kind.value !== 'months';
    const choice = (kind.value === 'months'
      ? { kind: 'months', indicator: indicator.value, period: period.value, by: by.value as 'total' | 'street' }
      : { kind: kind.value, indicator: indicator.value, period: period.value }) as ChartChoice;
    spec = specFor(src, choice);
    chart?.destroy();
    chart = null;
    for (const b of Object.values(buttons)) b.disabled = spec === null;
    if (!spec) {
      figure.replaceChildren(el('p', { className: 'empty', textContent: t.noChart }));
      return;
    }
    figure.replaceChildren(canvas);
    figure.dataset['chart'] = spec.id;
    canvas.setAttribute('aria-label', spec.title);
    // Shown at the view's width (the task pane is narrow: fonts shrink with it, down to a floor);
    // exported at the picture's own size from a separate canvas (see picture()).
    const width = Math.max(320, Math.min(spec.width, figure.clientWidth || spec.width));
    const scale = Math.max(0.55, Math.min(1, width / 1000));
    // Narrow (the task pane): nearly square, so title, legend and axes leave the bars some room.
    const height = width < 600 ? Math.round(width * 0.95) : Math.round((width * spec.height) / spec.width);
    const Chart = await loadChartJs();
    const config = width < 600 ? narrow(copyConfig(spec, scale), width) : copyConfig(spec, scale);
    chart = new Chart(canvas, { ...config, options: { ...config.options, responsive: false, maintainAspectRatio: false, animation: false } } as never);
    chart.resize(width, height);
    // For tests: how the category labels were laid out and where the value labels went.
    const shown = chart as unknown as { scales: Record<string, { labelRotation?: number }>; $crValueLabels?: unknown[] };
    figure.dataset['labelRotation'] = String(Math.max(0, ...Object.values(shown.scales).map((sc) => sc.labelRotation ?? 0)));
    figure.dataset['valueLabels'] = JSON.stringify(shown.$crValueLabels ?? []);
    // And how wide the subtitle's widest line is against the chart (chart.js squeezes a line that is wider).
    const sub = (config.options as { plugins?: { subtitle?: { text?: string | string[]; font?: { size?: number; family?: string }; display?: boolean } } }).plugins?.subtitle;
    figure.dataset['subtitle'] = JSON.stringify(sub?.display ? { lines: [sub.text ?? ''].flat(), widest: Math.max(0, ...[sub.text ?? ''].flat().map((l) => textWidth(l, sub.font))), width } : null);
    figure.dataset['ready'] = 'true';
  }

  /** The chart drawn at the picture's size (1200×675 or taller) on a canvas of its own, as PNG. */
  async function picture(): Promise<Blob> {
    const Chart = await loadChartJs();
    const off = document.createElement('canvas');
    off.width = spec!.width;
    off.height = spec!.height;
    const config = copyConfig(spec!, 1);
    const c = new Chart(off, { ...config, options: { ...config.options, responsive: false, animation: false, devicePixelRatio: 1 } } as never);
    try {
      return await new Promise<Blob>((resolve, reject) => off.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob'))), 'image/png'));
    } finally {
      c.destroy();
    }
  }

  const redraw = () => void draw().catch((e: unknown) => opts.say(t.failed(e instanceof Error ? e.message : String(e)), true));
  for (const s of [indicator, kind, period, by]) s.addEventListener('change', redraw);

  buttons.png.addEventListener('click', () => {
    if (!spec) return;
    const name = `${spec.title.replace(/[\\/:*?"<>|\s　]+/g, '_')}.png`;
    void picture().then((b) => {
      const a = el('a', { href: URL.createObjectURL(b), download: name });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
      opts.say(t.exported(name));
    });
  });
  buttons.copy.addEventListener('click', () => {
    const clip = navigator.clipboard as Clipboard | undefined;
    if (!clip?.write || typeof ClipboardItem === 'undefined') return opts.say(t.copyUnsupported, true);
    // Said at once: drawing the 1200×675 picture takes a moment, and a click with no answer gets clicked again.
    opts.say(t.copying);
    buttons.copy.setAttribute('aria-busy', 'true');
    // The item is handed a promise so Safari keeps the user's click as the permission to write.
    clip
      .write([new ClipboardItem({ 'image/png': picture() })])
      .then(
        () => opts.say(t.copied),
        () => opts.say(t.copyUnsupported, true),
      )
      .finally(() => buttons.copy.removeAttribute('aria-busy'));
  });
  buttons.insert.addEventListener('click', () => {
    if (!spec || !opts.insertNative) return;
    buttons.insert.disabled = true;
    opts.say(t.working);
    opts
      .insertNative(spec)
      .then((sheet) => opts.say(t.chartInserted(sheet)), (e: unknown) => opts.say(t.failed(e instanceof Error ? e.message : String(e)), true))
      .finally(() => (buttons.insert.disabled = false));
  });
  redraw();
}

/**
 * chart.js mutates the configuration it is given (it resolves options into it); the spec is kept for
 * export and the native chart, so chart.js gets a copy, with every font size times `scale`. Plugins
 * carry functions: they are shared, not copied.
 */
function copyConfig(spec: ChartSpec, scale: number): ChartSpec['config'] {
  const { plugins, ...rest } = spec.config;
  const copy = JSON.parse(JSON.stringify(rest)) as Omit<ChartSpec['config'], 'plugins'>;
  if (scale !== 1) scaleFonts(copy, scale);
  return { ...copy, plugins };
}

/** The smallest type a pane chart uses (a scaled 16 px subtitle would be 9 px: unreadable). */
const MIN_FONT = 11;

/**
 * The chart laid out for a narrow view (the task pane): category labels never rotated but broken onto
 * lines of as many characters as a bar's slot holds, and no text below MIN_FONT.
 */
function narrow(config: ChartSpec['config'], width: number): ChartSpec['config'] {
  const c = config as unknown as { data: { labels?: unknown[] }; options: { indexAxis?: string; scales?: Record<string, { ticks?: Record<string, unknown>; type?: string }> } };
  floorFonts(c.options, MIN_FONT);
  wrapSubtitle(c.options as never, width);
  const horizontal = c.options.indexAxis === 'y';
  const labels = c.data.labels ?? [];
  const category = c.options.scales?.[horizontal ? 'y' : 'x'];
  if (category) category.ticks = { ...category.ticks, maxRotation: 0, minRotation: 0 };
  if (!horizontal && labels.length) {
    const size = Number((category?.ticks?.['font'] as { size?: number } | undefined)?.size ?? MIN_FONT);
    // The plot is the width less the value axis and its title (about 70 px).
    const perChars = Math.max(2, Math.floor((width - 70) / labels.length / (size + 1)));
    c.data.labels = labels.map((l) => (typeof l === 'string' && l.length > perChars ? chunks(l, perChars) : l));
  }
  return config;
}

type TextFont = { size?: number; family?: string } | undefined;

/** The width `text` takes in `font` (a canvas of its own measures it; 0 where there is no canvas). */
function textWidth(text: string, font: TextFont): number {
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return 0;
  ctx.font = `${font?.size ?? MIN_FONT}px ${font?.family ?? 'sans-serif'}`;
  return ctx.measureText(text).width;
}

/**
 * The subtitle on as many lines as the width needs, broken between its facts (8 个社区 | 总体 88.2% | …)
 * and, inside a fact longer than a line, after a comma or an enumeration mark: chart.js draws one line
 * squeezed to the width, unreadable at the pane's.
 */
function wrapSubtitle(options: { plugins?: { subtitle?: { text?: string | string[]; font?: TextFont; display?: boolean } } }, width: number): void {
  const sub = options.plugins?.subtitle;
  if (!sub?.display || typeof sub.text !== 'string') return;
  const max = width - 24;
  const fits = (t: string) => textWidth(t, sub.font) <= max;
  if (fits(sub.text)) return;
  const sep = /[ 　]+\|[ 　]+/.exec(sub.text)?.[0] ?? '  |  ';
  const facts = sub.text.split(/[ 　]+\|[ 　]+/).flatMap((fact) => (fits(fact) ? [fact] : breakText(fact, fits)));
  const lines: string[] = [];
  for (const fact of facts) {
    const last = lines[lines.length - 1];
    if (last !== undefined && fits(last + sep + fact)) lines[lines.length - 1] = last + sep + fact;
    else lines.push(fact);
  }
  sub.text = lines;
}

/** A text longer than a line, broken after ，、：; (or anywhere, where a piece has none) into lines that fit. */
function breakText(text: string, fits: (t: string) => boolean): string[] {
  const pieces = text.match(/[^，、：,;:]+[，、：,;:]?\s*/g) ?? [text];
  const lines: string[] = [];
  let line = '';
  for (const piece of pieces) {
    if (fits(line + piece)) line += piece;
    else {
      if (line) lines.push(line.trimEnd());
      line = '';
      for (const ch of piece) {
        if (line && !fits(line + ch)) {
          lines.push(line);
          line = '';
        }
        line += ch;
      }
    }
  }
  if (line) lines.push(line.trimEnd());
  return lines;
}

/** `text` on as few lines of at most `max` characters as it needs, the lines as even as can be (阳光/社区, not 阳光社/区). */
function chunks(text: string, max: number): string[] {
  const n = Math.ceil(text.length / Math.ceil(text.length / max));
  const out: string[] = [];
  for (let i = 0; i < text.length; i += n) out.push(text.slice(i, i + n));
  return out;
}

function floorFonts(node: unknown, min: number): void {
  if (!node || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    const v = value as Record<string, unknown> | null;
    if ((key === 'font' || key === 'crValueLabels') && v && typeof v['size'] === 'number') v['size'] = Math.max(min, v['size']);
    floorFonts(value, min);
  }
}

function scaleFonts(node: unknown, scale: number): void {
  if (!node || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    const v = value as Record<string, unknown> | null;
    if ((key === 'font' || key === 'crValueLabels') && v && typeof v['size'] === 'number') v['size'] = Math.round(v['size'] * scale);
    scaleFonts(value, scale);
  }
}
