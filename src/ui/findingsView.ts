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
  /** Set when the group is one severity across every file (the list ordered errors first). */
  severity?: Severity;
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

/** What the findings list is narrowed to; an empty field means any. */
export interface FindingFilter {
  severity: Severity | '';
  community: string;
  indicator: string;
  file: string;
}

export const NO_FILTER: FindingFilter = { severity: '', community: '', indicator: '', file: '' };

/** The indicator a finding names, in the language shown (the filter's value and its label are the same). */
export const indicatorOf = (f: Finding, lang: Lang): string => ((lang === 'en-US' ? f.indicatorNameEn : undefined) ?? f.indicatorName ?? '');

export function filterFindings(findings: readonly Finding[], filter: FindingFilter, lang: Lang): Finding[] {
  return findings.filter(
    (f) =>
      (!filter.severity || f.severity === filter.severity) &&
      (!filter.community || f.community === filter.community) &&
      (!filter.indicator || indicatorOf(f, lang) === filter.indicator) &&
      (!filter.file || f.file === filter.file),
  );
}

/** The values each filter can take, from the findings themselves (sorted, no blanks). */
export function filterChoices(findings: readonly Finding[], lang: Lang): { communities: string[]; indicators: string[]; files: string[] } {
  const sorted = (xs: (string | undefined)[]) => [...new Set(xs.filter((x): x is string => !!x))].sort((a, b) => a.localeCompare(b, lang));
  return {
    communities: sorted(findings.map((f) => f.community)),
    indicators: sorted(findings.map((f) => indicatorOf(f, lang))),
    files: sorted(findings.map((f) => f.file)),
  };
}

/**
 * One group per severity across every file, errors first, each item naming its file: the list to work
 * through when errors must be fixed before anything else.
 */
export function groupBySeverity(findings: readonly Finding[], lang: Lang): SheetGroup[] {
  const items = groupFindings(findings, lang, true).flatMap((g) => g.bySeverity.flatMap((s) => s.items));
  const out: SheetGroup[] = [];
  for (const severity of Object.keys(SEVERITY_ORDER) as Severity[]) {
    const mine = items.filter((i) => i.severity === severity).map((i) => ({ ...i, where: [i.file + (i.sheet && i.sheet !== baseName(i.file) ? ` · ${i.sheet}` : ''), i.where].filter(Boolean).join(' · ') }));
    if (mine.length) out.push({ severity, file: null, sheet: null, bySeverity: [{ severity, items: mine }], count: mine.length });
  }
  return out.sort((a, b) => SEVERITY_ORDER[a.severity!] - SEVERITY_ORDER[b.severity!]);
}

/** `2026-10/和平社区.csv` → `和平社区`: the sheet name a CSV gets. */
function baseName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '');
}
