import type { ChartSpec } from '../core/charts/types.js';
import type { Consolidation } from '../core/combine/types.js';
import { SEVERITY_ORDER, type Finding } from '../core/findings/codes.js';
import { messageOf, severityLabel, type Lang } from '../core/findings/wording.js';
import type { KeyFigure } from '../core/months/keyFigures.js';
import { previousPeriod, yearStart } from '../core/months/periods.js';
import { periodText } from '../core/charts/words.js';

export interface ReportInput {
  period: string;
  /** The report's language (default zh-CN). */
  lang?: Lang;
  consolidation: Consolidation;
  findings: readonly Finding[];
  figures: readonly KeyFigure[];
  charts: readonly { spec: ChartSpec; png: Uint8Array }[];
  /** Whether a roster was given (otherwise nobody can be called missing). */
  roster: boolean;
  files: number;
  /** Months read only as history (previous summaries), for the footnote. */
  historyPeriods: readonly string[];
}

/** Every word the report prints, per language. */
const W = {
  'zh-CN': {
    title: (p: string) => `${p} 社区创卫工作月报`,
    expected: (e: number, r: number, m: number) => `应报 ${e} 个社区，已报 ${r} 个，未报 ${m} 个`,
    reportedOnly: (r: number) => `已报 ${r} 个社区`,
    files: (n: number) => `读取 ${n} 个文件`,
    open: (e: number, w: number) => `待处理：错误 ${e} 条，警告 ${w} 条`,
    key: '主要指标', charts: '图表', noCharts: '本期没有可画的数据。', missing: '未上报社区',
    noRoster: '未提供名册（--roster），无法列出未上报的社区。', allIn: '名册中的社区均已上报。',
    street: '所属街道', community: '社区', file: '文件', sheet: '工作表', cell: '单元格', severity: '严重程度', message: '说明',
    openTitle: (e: number, w: number) => `待处理问题（${e} 条错误，${w} 条警告）`, clean: '本期报表没有错误或警告。',
    footer: '由 Community Returns（returns report）生成。',
    rateNote: (from: string, to: string, prev: string) =>
      `合计与汇总表一致；率为合计重新计算（知晓人数合计 ÷ 调查人数合计 × 100），不是各社区比率的平均；本年累计为 ${from}至${to}已报各月之和，上月指 ${prev}。`,
    flaggedNote: (names: string) => `合计含有错误的数值（${names}，见下方“待处理问题”）；图中不画这些数值，所以图中各柱相加可能小于合计。`,
    historyNote: (ps: string) => `往月数据 ${ps} 取自历史汇总。`,
    noPrev: '上月无数据', vsPrev: '比上月', points: '个百分点', target: '目标', met: '已达到', notMet: '未达到',
    ytd: '本年累计', communities: (n: number) => `${n} 个社区`, flagged: (names: string) => `含有错误的数值：${names}`, sep: '、',
  },
  'en-US': {
    title: (p: string) => `Community health campaign report, ${p}`,
    expected: (e: number, r: number, m: number) => `${e} communities expected, ${r} reported, ${m} missing`,
    reportedOnly: (r: number) => `${r} communities reported`,
    files: (n: number) => `${n} files read`,
    open: (e: number, w: number) => `open: ${e} errors, ${w} warnings`,
    key: 'Key figures', charts: 'Charts', noCharts: 'Nothing to chart for this period.', missing: 'Not reported',
    noRoster: 'No roster given (--roster): who has not reported cannot be listed.', allIn: 'Every community on the roster has reported.',
    street: 'Street', community: 'Community', file: 'File', sheet: 'Sheet', cell: 'Cell', severity: 'Severity', message: 'Message',
    openTitle: (e: number, w: number) => `Open problems (${e} errors, ${w} warnings)`, clean: 'No errors or warnings this period.',
    footer: 'Made by Community Returns (returns report).',
    rateNote: (from: string, to: string, prev: string) =>
      `Totals are those of the summary sheet; a rate in a total is recomputed (Σaware ÷ Σsurveyed × 100), never an average of rates; year to date sums the months reported from ${from} to ${to}; last month is ${prev}.`,
    flaggedNote: (names: string) => `Totals include values that have errors (${names}; see open problems); the charts leave those values out, so their bars may add up to less than the total.`,
    historyNote: (ps: string) => `Earlier months ${ps} come from history summaries.`,
    noPrev: 'no data last month', vsPrev: 'vs last month', points: 'points', target: 'target', met: 'met', notMet: 'not met',
    ytd: 'Year to date', communities: (n: number) => `${n} communities`, flagged: (names: string) => `includes values with errors: ${names}`, sep: ', ',
  },
} as const;

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const num = (x: number | null, d: number, fixed = false): string =>
  x === null ? '—' : new Intl.NumberFormat('en-US', { maximumFractionDigits: d, minimumFractionDigits: fixed ? d : 0 }).format(x);

const CSS = `
body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;color:#222;margin:0;background:#f5f6f8}
main{max-width:1240px;margin:0 auto;padding:24px 28px 48px;background:#fff}
h1{font-size:28px;margin:8px 0 4px}h2{font-size:21px;margin:32px 0 12px;border-left:5px solid #2F6DB5;padding-left:10px}
.sub{color:#666;margin:0 0 16px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:12px}
.card{border:1px solid #dde3ea;border-radius:8px;padding:12px 14px}.card .k{color:#555;font-size:14px}
.card .v{font-size:28px;font-weight:bold;margin:4px 0}.card .d{font-size:13px;color:#666}
.chg{color:#333}.bad{color:#c62828;font-weight:bold}.ok{color:#2e7d32}
table{border-collapse:collapse;width:100%;font-size:14px}th,td{border:1px solid #dde3ea;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#eef3fa}td.n{text-align:right;white-space:nowrap}
tr.error td:first-child{color:#c62828;font-weight:bold}tr.warning td:first-child{color:#b26a00;font-weight:bold}
figure{margin:16px 0 28px}figure img{display:block;box-sizing:border-box;max-width:100%;width:auto;height:auto;border:1px solid #e3e3e3}td.c{white-space:nowrap}
.note{color:#666;font-size:13px}
th{white-space:nowrap}td.s{white-space:nowrap}td.k{word-break:keep-all}.nb{white-space:nowrap}th.m{width:45%}
@media print{body{background:#fff}main{padding:0}figure{page-break-inside:avoid}table{font-size:12px}tr{page-break-inside:avoid}}
`;

function figureCard(f: KeyFigure, lang: Lang): string {
  const w = W[lang];
  const rate = f.kind === 'rate';
  const d = f.kind === 'count' ? 0 : rate ? 1 : 2;
  const unit = rate ? '%' : f.unit;
  let delta: string = w.noPrev;
  if (f.change !== null) {
    // Neutral arrows: whether a rise is good depends on the indicator (more leaflets, fewer poisonings).
    const cls = 'chg';
    const sign = f.change > 0 ? '▲' : f.change < 0 ? '▼' : '±';
    // Each phrase on one line (the card may break between them, never inside: not "11 个社/区").
    const pct = f.changePct !== null ? `${sign}${num(Math.abs(f.changePct), 1)}%` : null;
    delta = rate
      ? `<span class="nb">${w.vsPrev} <span class="${cls}">${sign}${num(Math.abs(f.change), 1)} ${w.points}</span></span>`
      : `<span class="nb">${w.vsPrev} <span class="${cls}">${sign}${num(Math.abs(f.change), d)}${esc(unit)}</span></span>` +
        (pct ? (lang === 'en-US' ? ` <span class="nb chg">(${pct})</span>` : `<span class="nb chg">（${pct}）</span>`) : '');
  }
  const target =
    f.target !== null && f.current !== null
      ? `　<span class="nb">${w.target} ${num(f.target, 1)}${esc(unit)} <span class="${f.current >= f.target ? 'ok' : 'bad'}">${f.current >= f.target ? w.met : w.notMet}</span></span>`
      : '';
  const flagged = f.flagged.length ? `<div class="d bad" data-flagged="${esc(f.code)}">${w.flagged(f.flagged.map((n) => `<span class="nb">${esc(n)}</span>`).join(w.sep))}</div>` : '';
  return `<div class="card" data-code="${esc(f.code)}" data-value="${f.current ?? ''}"><div class="k">${esc(lang === 'en-US' && f.nameEn ? f.nameEn : f.name)}</div><div class="v">${num(f.current, d, rate)}<small>${esc(unit)}</small></div>` +
    `<div class="d">${delta}${target}</div><div class="d"><span class="nb">${w.ytd} ${num(f.ytd, d, rate)}${esc(unit)}</span>　·　<span class="nb">${w.communities(f.reported)}</span></div>${flagged}</div>`;
}
/** A file's path that may break after its folder, never inside the file's own name (幸福里社/区.xlsx). */
function fileCell(file: string): string {
  const cut = file.lastIndexOf('/') + 1;
  return `${esc(file.slice(0, cut))}<span class="nb">${esc(file.slice(cut))}</span>`;
}

/**
 * The meeting report as one self-contained HTML file, in the chosen language: the period's key figures
 * (汇总's totals, 环比's change, 累计's year to date), the charts as inline PNG data: URIs, the errors and
 * warnings that still stand with file/sheet/cell, and who has not reported. No scripts, no external fonts,
 * styles or images: it opens offline and prints.
 */
export function reportHtml(r: ReportInput): string {
  const lang = r.lang ?? 'zh-CN';
  const w = W[lang];
  const c = r.consolidation;
  const P = periodText(r.period, lang);
  const rows = c.rows.filter((x) => x.period === r.period);
  const missing = c.missing.filter((m) => m.period === r.period);
  const expected = rows.length + missing.length;
  const findings = r.findings
    .filter((f) => f.severity !== 'info' && (f.period === r.period || !f.period) && f.code !== 'missing_return')
    .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  const flagged = [...new Set(r.figures.flatMap((f) => f.flagged))];

  const parts: string[] = [];
  parts.push(`<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">`);
  parts.push(`<title>${esc(w.title(P))}</title><style>${CSS}</style></head><body><main>`);
  parts.push(`<h1>${esc(w.title(P))}</h1>`);
  parts.push(
    `<p class="sub">${r.roster ? w.expected(expected, rows.length, missing.length) : w.reportedOnly(rows.length)}` +
      `　·　${w.files(r.files)}　·　${w.open(errors, warnings)}</p>`,
  );

  parts.push(`<h2>${w.key}</h2><div class="cards">${r.figures.map((f) => figureCard(f, lang)).join('')}</div>`);
  parts.push(
    `<p class="note">${esc(w.rateNote(periodText(yearStart(r.period), lang), P, periodText(previousPeriod(r.period), lang)))}` +
      (flagged.length ? esc(w.flaggedNote(flagged.join(w.sep))) : '') +
      (r.historyPeriods.length ? esc(w.historyNote(r.historyPeriods.map((p) => periodText(p, lang)).join(w.sep))) : '') +
      `</p>`,
  );

  parts.push(`<h2>${w.charts}</h2>`);
  if (r.charts.length === 0) parts.push(`<p>${w.noCharts}</p>`);
  for (const { spec, png } of r.charts) {
    parts.push(
      `<figure><img alt="${esc(spec.title)}" width="${spec.width}" height="${spec.height}" src="data:image/png;base64,${Buffer.from(png).toString('base64')}"></figure>`,
    );
  }

  parts.push(`<h2>${w.missing}</h2>`);
  if (!r.roster) parts.push(`<p class="note">${w.noRoster}</p>`);
  else if (missing.length === 0) parts.push(`<p class="ok">${w.allIn}</p>`);
  else {
    parts.push(`<table><thead><tr><th>${w.street}</th><th>${w.community}</th></tr></thead><tbody>`);
    for (const m of missing) parts.push(`<tr><td>${esc(m.street ?? '')}</td><td class="bad c">${esc(m.community)}</td></tr>`);
    parts.push(`</tbody></table>`);
  }

  parts.push(`<h2>${w.openTitle(errors, warnings)}</h2>`);
  if (findings.length === 0) parts.push(`<p class="ok">${w.clean}</p>`);
  else {
    parts.push(`<table><thead><tr><th>${w.severity}</th><th>${w.community}</th><th>${w.file}</th><th>${w.sheet}</th><th>${w.cell}</th><th class="m">${w.message}</th></tr></thead><tbody>`);
    for (const f of findings) {
      parts.push(
        `<tr class="${f.severity}"><td class="s">${esc(severityLabel(f.severity, lang))}</td><td class="c">${esc(f.community ?? '')}</td><td class="k">${fileCell(f.file)}</td>` +
          `<td class="k">${esc(f.sheet ?? '')}</td><td class="s">${esc(f.cell ?? '')}</td><td>${esc(messageOf(f, lang))}</td></tr>`,
      );
    }
    parts.push(`</tbody></table>`);
  }
  parts.push(`<p class="note">${w.footer}</p></main></body></html>\n`);
  return parts.join('\n');
}
