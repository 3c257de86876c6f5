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

/**
 * An Excel serial date (1900 system) as YYYY-MM-DD, as Excel shows it: serial 60 is Excel's phantom
 * 1900-02-29 and serial 0 is 1900-01-00. The time of day is dropped.
 */
export function serialToIsoDate(serial: number): string {
  const day = Math.floor(serial);
  if (day === 0) return '1900-01-00';
  if (day === 60) return '1900-02-29';
  // From serial 61 on, Excel's count includes the phantom day, so the epoch is one day earlier.
  const epoch = day < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  const d = new Date(epoch + day * 86_400_000);
  if (day < 0 || Number.isNaN(d.getTime())) return String(serial);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getUTCFullYear(), 4)}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}`;
}
