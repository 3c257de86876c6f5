import { SEVERITY_ORDER, compareFindings, type Finding, type Severity } from '../core/findings/codes.js';
import { messageOf, type Lang } from '../core/findings/wording.js';

export interface FindingItem {
  severity: Severity;
  sheet: string | null;
  cell: string | null;
  message: string;
  /** Community and indicator, for the second line of the item. */
  where: string;
}

export interface SheetGroup {
  sheet: string | null;
  bySeverity: { severity: Severity; items: FindingItem[] }[];
  count: number;
}

/** Findings grouped by sheet (in finding order), then by severity (errors first). Pure, for the list. */
export function groupFindings(findings: readonly Finding[], lang: Lang): SheetGroup[] {
  const groups = new Map<string | null, SheetGroup>();
  for (const f of [...findings].sort(compareFindings)) {
    const sheet = f.sheet ?? null;
    let g = groups.get(sheet);
    if (!g) groups.set(sheet, (g = { sheet, bySeverity: [], count: 0 }));
    let s = g.bySeverity.find((x) => x.severity === f.severity);
    if (!s) g.bySeverity.push((s = { severity: f.severity, items: [] }));
    s.items.push({
      severity: f.severity,
      sheet,
      cell: f.cell ?? null,
      message: messageOf(f, lang),
      where: [f.cell, f.community, f.indicatorName].filter(Boolean).join(' · '),
    });
    g.count++;
  }
  for (const g of groups.values()) g.bySeverity.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  return [...groups.values()];
}
