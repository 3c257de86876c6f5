import type { ChartSpec } from '../core/charts/types.js';
import type { Consolidation } from '../core/combine/types.js';
import { SEVERITY_ORDER, type Finding } from '../core/findings/codes.js';
import { messageOf, severityLabel } from '../core/findings/wording.js';
import type { KeyFigure } from '../core/months/keyFigures.js';
import { periodLabel, previousPeriod, yearStart } from '../core/months/periods.js';

export interface ReportInput {
  period: string;
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

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const num = (x: number | null, d: number, fixed = false): string =>
  x === null ? '—' : new Intl.NumberFormat('zh-CN', { maximumFractionDigits: d, minimumFractionDigits: fixed ? d : 0 }).format(x);

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
figure{margin:16px 0 28px}figure img{width:100%;height:auto;border:1px solid #e3e3e3}
.note{color:#666;font-size:13px}
@media print{body{background:#fff}main{padding:0}figure,table{page-break-inside:avoid}}
`;

function figureCard(f: KeyFigure): string {
  const rate = f.kind === 'rate';
  const d = f.kind === 'count' ? 0 : rate ? 1 : 2;
  const unit = rate ? '%' : f.unit;
  let delta = '上月无数据';
  if (f.change !== null) {
    // Neutral arrows: whether a rise is good depends on the indicator (more leaflets, fewer poisonings).
    const cls = 'chg';
    const sign = f.change > 0 ? '▲' : f.change < 0 ? '▼' : '±';
    delta = rate
      ? `比上月 <span class="${cls}">${sign}${num(Math.abs(f.change), 1)} 个百分点</span>`
      : `比上月 <span class="${cls}">${sign}${num(Math.abs(f.change), d)}${esc(unit)}${f.changePct !== null ? `（${sign}${num(Math.abs(f.changePct), 1)}%）` : ''}</span>`;
  }
  const target =
    f.target !== null && f.current !== null
      ? `　目标 ${num(f.target, 1)}${esc(unit)} <span class="${f.current >= f.target ? 'ok' : 'bad'}">${f.current >= f.target ? '已达到' : '未达到'}</span>`
      : '';
  return `<div class="card"><div class="k">${esc(f.name)}</div><div class="v">${num(f.current, d, rate)}<small>${esc(unit)}</small></div>` +
    `<div class="d">${delta}${target}</div><div class="d">本年累计 ${num(f.ytd, d, rate)}${esc(unit)}　·　${f.reported} 个社区</div></div>`;
}

/**
 * The meeting report as one self-contained HTML file (zh-CN): the period's key figures, the charts as
 * inline PNG data: URIs, the errors and warnings that still stand with file/sheet/cell, and who has not
 * reported. No scripts, no external fonts, styles or images: it opens offline and prints.
 */
export function reportHtml(r: ReportInput): string {
  const c = r.consolidation;
  const P = periodLabel(r.period);
  const rows = c.rows.filter((x) => x.period === r.period);
  const missing = c.missing.filter((m) => m.period === r.period);
  const expected = rows.length + missing.length;
  const findings = r.findings
    .filter((f) => f.severity !== 'info' && (f.period === r.period || !f.period) && f.code !== 'missing_return')
    .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  const excluded = [...new Set(r.figures.flatMap((f) => f.excluded))];

  const parts: string[] = [];
  parts.push(`<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">`);
  parts.push(`<title>${esc(P)} 社区创卫工作月报</title><style>${CSS}</style></head><body><main>`);
  parts.push(`<h1>${esc(P)} 社区创卫工作月报</h1>`);
  parts.push(
    `<p class="sub">${r.roster ? `应报 ${expected} 个社区，已报 ${rows.length} 个，未报 ${missing.length} 个` : `已报 ${rows.length} 个社区`}` +
      `　·　读取 ${r.files} 个文件　·　待处理：错误 ${errors} 条，警告 ${warnings} 条</p>`,
  );

  parts.push(`<h2>主要指标</h2><div class="cards">${r.figures.map(figureCard).join('')}</div>`);
  parts.push(
    `<p class="note">率为合计重新计算（知晓人数合计 ÷ 调查人数合计 × 100），不是各社区比率的平均；本年累计为 ${esc(periodLabel(yearStart(r.period)))}至${esc(P)}已报各月之和，上月指 ${esc(periodLabel(previousPeriod(r.period)))}。` +
      (excluded.length ? `有错误的数值未计入合计和图表：${esc(excluded.join('、'))}（见下方“待处理问题”）。` : '') +
      (r.historyPeriods.length ? `往月数据 ${esc(r.historyPeriods.map((p) => periodLabel(p)).join('、'))} 取自历史汇总。` : '') +
      `</p>`,
  );

  parts.push(`<h2>图表</h2>`);
  if (r.charts.length === 0) parts.push(`<p>本期没有可画的数据。</p>`);
  for (const { spec, png } of r.charts) {
    parts.push(
      `<figure><img alt="${esc(spec.title)}" width="${spec.width}" height="${spec.height}" src="data:image/png;base64,${Buffer.from(png).toString('base64')}"></figure>`,
    );
  }

  parts.push(`<h2>未上报社区</h2>`);
  if (!r.roster) parts.push(`<p class="note">未提供名册（--roster），无法列出未上报的社区。</p>`);
  else if (missing.length === 0) parts.push(`<p class="ok">名册中的社区均已上报。</p>`);
  else {
    parts.push(`<table><thead><tr><th>所属街道</th><th>社区</th></tr></thead><tbody>`);
    for (const m of missing) parts.push(`<tr><td>${esc(m.street ?? '')}</td><td class="bad">${esc(m.community)}</td></tr>`);
    parts.push(`</tbody></table>`);
  }

  parts.push(`<h2>待处理问题（${errors} 条错误，${warnings} 条警告）</h2>`);
  if (findings.length === 0) parts.push(`<p class="ok">本期报表没有错误或警告。</p>`);
  else {
    parts.push(`<table><thead><tr><th>严重程度</th><th>社区</th><th>文件</th><th>工作表</th><th>单元格</th><th>说明</th></tr></thead><tbody>`);
    for (const f of findings) {
      parts.push(
        `<tr class="${f.severity}"><td>${esc(severityLabel(f.severity))}</td><td>${esc(f.community ?? '')}</td><td>${esc(f.file)}</td>` +
          `<td>${esc(f.sheet ?? '')}</td><td>${esc(f.cell ?? '')}</td><td>${esc(messageOf(f))}</td></tr>`,
      );
    }
    parts.push(`</tbody></table>`);
  }
  parts.push(`<p class="note">由 Community Returns（returns report）生成。</p></main></body></html>\n`);
  return parts.join('\n');
}
