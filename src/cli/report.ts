import { countBySeverity, type Finding, type Severity } from '../core/findings/codes.js';
import { messageOf, severityLabel, type Lang } from '../core/findings/wording.js';
import type { Loaded } from './load.js';

const COLOR: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m' };

/** The readable summary printed on stdout: counts, then findings grouped by severity and file. */
export function textReport(loaded: Loaded, lang: Lang, opts: { color: boolean; maxInfo?: number }): string {
  return [...textReportLines(loaded, lang, opts)].join('\n');
}

/**
 * The report's lines one at a time, for printing in pieces: at ten times a city-year it is 86,000 lines
 * (14 MB), and made whole it added ~100 MB to the run's peak memory, on top of everything the job holds.
 */
export function* textReportLines(loaded: Loaded, lang: Lang, opts: { color: boolean; maxInfo?: number }): Generator<string> {
  const { result, files } = loaded;
  const c = result.consolidation;
  const n = countBySeverity(result.findings);
  const communities = new Set(result.returns.map((r) => r.community).filter(Boolean)).size;
  const zh = lang === 'zh-CN';
  yield (
    zh
      ? `读取 ${files} 个文件，识别 ${result.returns.length} 份报表（${communities} 个社区；报告期 ${c.periods.join('、') || '—'}）`
      : `Read ${files} files: ${result.returns.length} returns (${communities} communities; period ${c.periods.join(', ') || '—'})`
  );
  yield (
    zh
      ? `错误 ${n.error} 条 · 警告 ${n.warning} 条 · 提示 ${n.info} 条`
      : `${n.error} errors · ${n.warning} warnings · ${n.info} info`
  );
  const paint = (s: Severity, text: string): string => (opts.color ? `${COLOR[s]}${text}\x1b[0m` : text);
  for (const sev of ['error', 'warning', 'info'] as Severity[]) {
    const list = result.findings.filter((f) => f.severity === sev);
    if (!list.length) continue;
    yield '';
    yield paint(sev, `${severityLabel(sev, lang)} (${list.length})`);
    const limit = sev === 'info' ? (opts.maxInfo ?? 10) : Infinity;
    let lastFile = '';
    for (const f of list.slice(0, limit) as Finding[]) {
      if (f.file !== lastFile) yield `  ${f.file}`;
      lastFile = f.file;
      const place = [f.sheet, f.cell].filter(Boolean).join(' ');
      const who = f.community ? `${f.community} ` : '';
      yield `    ${place ? place + '  ' : ''}${who}${messageOf(f, lang)}  [${f.code}]`;
    }
    if (list.length > limit) yield (zh ? `    …另有 ${list.length - limit} 条提示（见 校验结果）` : `    … ${list.length - limit} more (see the findings sheet)`);
  }
  const missing = [...new Set(c.missing.map((m) => m.community))];
  if (missing.length) {
    yield '';
    yield zh ? `未上报：${missing.join('、')}` : `Not reported: ${missing.join(', ')}`;
  }
}
