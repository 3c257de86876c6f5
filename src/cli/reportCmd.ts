import path from 'node:path';
import { toLang } from '../core/findings/wording.js';
import { reportHtml } from '../node/reportHtml.js';
import { writeOutput } from '../node/writeOutput.js';
import { ChartUsageError, parseChartArgs } from './chart.js';
import { exitCodeOf, loadAndRun } from './load.js';
import { printFindings, refuseOutputs } from './outputs.js';

export const REPORT_HELP = `returns report <文件或文件夹...> --out 报告.html [选项]
  写出一个例会用的 HTML 文件（图片内嵌，无外部资源，可离线打开、打印）：本期主要指标（环比、本年累计）、
  三张例会图表、仍待处理的错误和警告（文件/工作表/单元格）、未上报社区（需 --roster）。
  Writes one self-contained HTML meeting report: key figures, charts, open errors and warnings, who has not reported.

选项 Options:
  --out 文件.html   输出文件（默认 out/report.html）/ output file (default out/report.html)
  --period YYYY-MM  报告期（默认最新一期）/ the period reported on (default: the latest)
  --history 文件    往月数据（上月 summary.xlsx 或往月报表，可重复）/ earlier months, as history only
  --indicator 代码  图表改为这一个指标 / chart this indicator instead of the standard set
  --template 文件   模板 / template;  --roster 文件  名册 / roster
  --lang zh|en      报告和图表的语言 / language of the report and its charts (default zh)
退出码同 combine。Exit codes as combine.`;

export async function cmdReport(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseChartArgs(argv);
  } catch (e) {
    if (!(e instanceof ChartUsageError)) throw e;
    console.error(`returns: ${e.message}\n\n${REPORT_HELP}`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    console.log(REPORT_HELP);
    return 0;
  }
  const out = values.out ?? path.join('out', 'report.html');
  const lang = toLang(values.lang);
  const inputs = [...positionals, values.template, values.roster, ...(values.history ?? [])];
  if (await refuseOutputs([{ option: '--out', path: out }], inputs, lang)) return 2;
  const loaded = await loadAndRun(positionals, {
    template: values.template, roster: values.roster, history: values.history ?? [], reportPeriod: values.period ?? null, lang,
  });
  const job = loaded.result;
  const months = job.months();
  if (!months) {
    console.error('没有可报告的数据（未识别出任何带报告期的报表）/ nothing to report: no return with a period');
    return exitCodeOf(loaded) || 1;
  }
  const { ensureCjkFont, renderChart } = await import('../node/renderChart.js'); // canvas + chart.js: only when drawing
  const font = ensureCjkFont();
  if (font.warning) console.error(font.warning);
  const period = months.period;
  const charts = job.charts(values.indicator).map((spec) => ({ spec, png: renderChart(spec) }));
  const currentPeriods = new Set(job.consolidation.periods);
  const html = reportHtml({
    period,
    lang,
    consolidation: job.consolidation,
    findings: job.findings,
    figures: job.keyFigures(),
    charts,
    roster: !!values.roster,
    files: loaded.files,
    historyPeriods: months.periods.filter((p) => !currentPeriods.has(p)),
  });
  const failed = await writeOutput('--out', out, html);
  if (failed) {
    printFindings([failed], lang);
    return 2;
  }
  console.log(`已写出 Wrote ${out}（${period}，${charts.length} 张图）`);
  return exitCodeOf(loaded);
}
