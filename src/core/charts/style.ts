/** Colours and fonts shared by every chart; chosen for a projector and for colour-blind readers. */
export const COLORS = {
  /** Bars in general, and bars at or above the target. */
  bar: '#2F6DB5',
  /** Bars below the target (orange, distinct from blue for colour-blind readers too). */
  below: '#E8743B',
  /** Last month's bars beside this month's. */
  previous: '#A9C4E6',
  /** The target line. */
  target: '#C62828',
  text: '#222222',
  grid: '#E3E3E3',
  /** One colour per street (series), in order. */
  series: ['#2F6DB5', '#E8743B', '#3A9D5D', '#8E5BB5', '#C9A227', '#17A2B8', '#D6457A', '#6C757D'],
} as const;

/**
 * Font families tried in order: the Noto CJK font the command line registers, then the Chinese fonts of
 * Windows and macOS for the task pane.
 */
export const FONT_FAMILY = '"Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", "Source Han Sans SC", sans-serif';

export const font = (size: number, weight: 'normal' | 'bold' = 'normal') => ({ family: FONT_FAMILY, size, weight });

/** The default picture size: 16:9, sharp enough for a slide. */
export const SIZE = { width: 1200, height: 675 } as const;

const fmtCache = new Map<number, Intl.NumberFormat>();

/** 12345.6 → `12,345.6`, with at most `decimals` decimals (exactly that many when `fixed`). */
export function formatNumber(x: number, decimals: number, fixed = false): string {
  const key = decimals * 2 + (fixed ? 1 : 0);
  let f = fmtCache.get(key);
  if (!f) {
    f = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: decimals, minimumFractionDigits: fixed ? decimals : 0 });
    fmtCache.set(key, f);
  }
  return f.format(x);
}
