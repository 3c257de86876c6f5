import type { Consolidation } from '../combine/types.js';
import type { Finding } from '../findings/codes.js';
import type { Lang } from '../findings/wording.js';
import { outputTables, type OutputTable } from '../output/tables.js';
import { acrossMonths } from './acrossMonths.js';
import { momTable, ytdTable } from './tables.js';

/**
 * The output sheets every door writes: 汇总, 明细, 校验结果, and — when the returns span more than one
 * month — 累计 (year to date) and 环比 (month on month).
 */
export function allOutputTables(c: Consolidation, findings: readonly Finding[], lang: Lang = 'zh-CN'): OutputTable[] {
  const tables = outputTables(c, findings, lang);
  const months = acrossMonths(c);
  return months && months.periods.length > 1 ? [...tables, ytdTable(months), momTable(months)] : tables;
}
