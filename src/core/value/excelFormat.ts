/**
 * What an Excel number format says about the number under it. Office.js and exceljs both hand the core
 * the raw value (a date is a serial number, 87.9 % is 0.879), so the format is the only way to know what
 * the statistician saw in the cell.
 */

/** The format with its literal parts removed: "quoted text", \x escapes, _x spacing, *x fill, [brackets]. */
function codeOnly(format: string): string {
  return format.replace(/"[^"]*"|\\.|_.|\*.|\[[^\]]*\]/g, '');
}

const GENERAL = /^(general|standard|g\/通用格式|常规|@)$/i;

/** True when numbers under this format are shown as a date or a time (y, m, d, h, s in the code part). */
export function isDateFormat(format: string | null | undefined): boolean {
  if (!format || GENERAL.test(format.trim())) return false;
  return /[ymdhs]/i.test(codeOnly(format));
}

/** True when Excel multiplies numbers under this format by 100 and shows a % sign (`0.0%`, not `0"%"`). */
export function isPercentFormat(format: string | null | undefined): boolean {
  return !!format && codeOnly(format).includes('%');
}

const MS_PER_DAY = 86_400_000;
/** 1899-12-30: day 0 of Excel's 1900 date system for every serial from 61 (1900-03-01) on. */
const EPOCH_MS = Date.UTC(1899, 11, 30);

/**
 * An Excel serial (1900 date system) as calendar parts, as Excel shows them. Excel counts a phantom
 * 1900-02-29 (serial 60, kept from Lotus 1-2-3), so serials 1–59 are one day later than plain day
 * arithmetic from 1899-12-30 would say; serial 0 is Excel's 1900-01-00. The time of day is dropped.
 * Null for a negative or impossible serial.
 */
export function serialToParts(serial: number): { y: number; m: number; d: number } | null {
  const day = Math.floor(serial);
  if (!Number.isFinite(day) || day < 0) return null;
  if (day === 0) return { y: 1900, m: 1, d: 0 };
  if (day === 60) return { y: 1900, m: 2, d: 29 };
  const d = new Date((day < 60 ? EPOCH_MS + MS_PER_DAY : EPOCH_MS) + day * MS_PER_DAY);
  if (Number.isNaN(d.getTime())) return null;
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
}

/**
 * A Date as exceljs hands over a date cell → the serial stored in the file. exceljs makes that Date by
 * plain day arithmetic from 1899-12-30, so this is its exact inverse (serial 1 comes back as 1, even
 * though exceljs's Date for it says 1899-12-31); `serialToParts` then shows it as Excel does.
 */
export function dateToSerial(date: Date): number {
  return (date.getTime() - EPOCH_MS) / MS_PER_DAY;
}

/** An Excel serial date (1900 system) as YYYY-MM-DD, as Excel shows it (see `serialToParts`). */
export function serialToIsoDate(serial: number): string {
  const q = serialToParts(serial);
  if (!q) return String(serial);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(q.y, 4)}-${p(q.m)}-${p(q.d)}`;
}
