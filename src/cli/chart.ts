import path from 'node:path';
import { parseArgs } from 'node:util';
import { toLang } from '../core/findings/wording.js';
import { writeOutput } from '../node/writeOutput.js';
import { exitCodeOf, loadAndRun } from './load.js';
import { printFindings, refuseOutputs } from './outputs.js';

export const CHART_HELP = `returns chart <文件或文件夹...> [选项]
  把报表（可含多个月）或上月的 summary.xlsx 画成例会用的图（PNG，1200×675，白底）。
  Renders the meeting charts to PNG from returns (several months allowed) or earlier summaries.
  默认三张：各社区健康知识知晓率（对照目标）、投放鼠药逐月合计、各街道清运垃圾。
  Default set: awareness rate by community vs target, rodent bait per month, garbage by street.
  有“错误”的数值不画入图中，并在副标题中注明。Values with errors are left out and named in the subtitle.

选项 Options:
  --indicator 代码  只画这一个指标（各社区、逐月、逐月分街道、各街道四张）/ one indicator, four charts
  --period YYYY-MM  图表所示的报告期（默认最新一期）/ the period shown (default: the latest)
  --history 文件    往月数据（上月 summary.xlsx 或往月报表，可重复）只作历史对比 / earlier months, as history only
  --out 文件夹      输出文件夹（默认 out/charts）/ output folder (default out/charts)
  --template 文件   模板 / template (as in validate)
  --roster 文件     名册 / roster (as in validate)
  --lang zh|en      图表文字的语言 / language of titles, axes and legends (default zh)
退出码同 combine。Exit codes as combine.`;

export const CHART_OPTIONS = {
  template: { type: 'string' },
  roster: { type: 'string' },
  period: { type: 'string' },
  history: { type: 'string', multiple: true },
  indicator: { type: 'string' },
  out: { type: 'string' },
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export class ChartUsageError extends Error {}

export function parseChartArgs(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: CHART_OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    throw new ChartUsageError(e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = parsed;
  if (!values.help && positionals.length === 0) throw new ChartUsageError('no input files or folders given');
  if (values.period !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(values.period)) {
    throw new ChartUsageError(`--period must be YYYY-MM, got ${values.period}`);
  }
  return { values, positionals };
}

export async function cmdChart(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseChartArgs(argv);
  } catch (e) {
    if (!(e instanceof ChartUsageError)) throw e;
    console.error(`returns: ${e.message}\n\n${CHART_HELP}`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    console.log(CHART_HELP);
    return 0;
  }
  const out = values.out ?? path.join('out', 'charts');
  const lang = toLang(values.lang);
  const inputs = [...positionals, values.template, values.roster, ...(values.history ?? [])];
  if (await refuseOutputs([{ option: '--out', path: out, folder: true }], inputs, lang)) return 2;
  const loaded = await loadAndRun(positionals, {
    template: values.template, roster: values.roster, history: values.history ?? [], reportPeriod: values.period ?? null, lang,
  });
  const job = loaded.result;
  if (values.indicator && !loaded.template.indicators.some((i) => i.code === values.indicator)) {
    console.error(`returns: unknown indicator ${values.indicator}; one of: ${loaded.template.indicators.map((i) => i.code).join(', ')}`);
    return 2;
  }
  const months = job.months();
  if (!months) {
    console.error('没有可画的数据（未识别出任何带报告期的报表）/ nothing to chart: no return with a period');
    return exitCodeOf(loaded) || 1;
  }
  const { ensureCjkFont, renderChart } = await import('../node/renderChart.js'); // canvas + chart.js: only when drawing
  const font = ensureCjkFont();
  if (font.warning) console.error(font.warning);
  const written: string[] = [];
  for (const spec of job.charts(values.indicator)) {
    const file = path.join(out, `${spec.id}.png`);
    const failed = await writeOutput('--out', file, renderChart(spec));
    if (failed) {
      printFindings([failed], lang);
      return 2;
    }
    written.push(file);
    console.log(`${file}  ${spec.title}`);
  }
  if (written.length === 0) console.error(`${months.period} 没有可画的数据 / no data to chart for ${months.period}`);
  return exitCodeOf(loaded);
}
