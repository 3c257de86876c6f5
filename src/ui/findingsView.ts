import { SEVERITY_ORDER, compareFindings, type Finding, type FindingCode, type Severity } from '../core/findings/codes.js';
import { messageOf, type Lang } from '../core/findings/wording.js';

export interface FindingItem {
  code: FindingCode;
  severity: Severity;
  file: string;
  sheet: string | null;
  cell: string | null;
  message: string;
  /** Community and indicator, for the second line of the item. */
  where: string;
}

export interface SheetGroup {
  /** Set when grouping by file (browser mode, several files); null in the add-in (one workbook). */
  file: string | null;
  sheet: string | null;
  bySeverity: { severity: Severity; items: FindingItem[] }[];
  count: number;
}

/**
 * Findings grouped by sheet (or, with `byFile`, by file and sheet) in finding order, then by severity
 * (errors first). Pure, for the list.
 */
export function groupFindings(findings: readonly Finding[], lang: Lang, byFile = false): SheetGroup[] {
  const groups = new Map<string, SheetGroup>();
  for (const f of [...findings].sort(compareFindings)) {
    const sheet = f.sheet ?? null;
    const file = byFile ? f.file : null;
    // A CSV's one sheet is the file itself: its file-level and cell findings form one group.
    const groupSheet = file !== null && sheet === baseName(file) ? null : sheet;
    const key = `${file ?? ''}\u0000${groupSheet ?? ''}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { file, sheet: groupSheet, bySeverity: [], count: 0 }));
    let s = g.bySeverity.find((x) => x.severity === f.severity);
    if (!s) g.bySeverity.push((s = { severity: f.severity, items: [] }));
    s.items.push({
      code: f.code,
      severity: f.severity,
      file: f.file,
      sheet,
      cell: f.cell ?? null,
      message: messageOf(f, lang),
      where: [f.cell, f.community, (lang === 'en-US' ? f.indicatorNameEn : undefined) ?? f.indicatorName].filter(Boolean).join(' · '),
    });
    g.count++;
  }
  for (const g of groups.values()) g.bySeverity.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  return [...groups.values()];
}

/** `2026-10/和平社区.csv` → `和平社区`: the sheet name a CSV gets. */
function baseName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '');
}
