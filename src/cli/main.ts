import { parseArgs, type ParseArgsConfig } from 'node:util';
import { compareFindings, finding, type Finding } from '../core/findings/codes.js';
import { messageOf, toLang, type Lang } from '../core/findings/wording.js';
import { blankReturn } from '../core/output/blankReturn.js';
import { DETAILS_DEFAULT_LIMIT, includeDetails } from '../core/output/tables.js';
import { jsonBytes } from '../io/jsonBytes.js';
import { loadTemplateFile, STANDARD_TEMPLATE_DIR } from '../node/loadTemplateFile.js';
import { writeOutput, type OutputData, type OutputTarget } from '../node/writeOutput.js';
import { CHART_HELP, cmdChart } from './chart.js';
import { exitCodeOf, loadAndRun } from './load.js';
import { printFindings, refuseOutputs } from './outputs.js';
import { cmdReport, REPORT_HELP } from './reportCmd.js';
import { textReportLines } from './report.js';

const COMMON = {
  template: { type: 'string' },
  roster: { type: 'string' },
  period: { type: 'string' },
  lang: { type: 'string' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

const HELP: Record<string, string> = {
  main: `returns — 社区报表 校验·汇总 / Community Returns

用法 Usage:
  returns validate <文件或文件夹...>   校验报表 (validate returns)
  returns combine  <文件或文件夹...>   校验并汇总 (validate and combine into a summary)
  returns template --out 模板.xlsx     生成空白填报表和可编辑模板 (write a blank return + the template)
  returns forms --roster R --period YYYY-MM --out 文件夹/   每个社区一份带数据验证的填报表 (one validated form per community)
  returns chart    <文件或文件夹...>   例会图表 PNG (meeting charts as PNG)
  returns report   <文件或文件夹...>   例会报告 HTML (one self-contained HTML meeting report)
  returns extract  <文件或文件夹...>   从工作总结摘录指标数值、写草稿填报表 (values from work summaries, a draft return)

每个命令都有 --help。Each command has --help.
退出码 Exit code: 0 无错误 no errors · 1 发现错误 errors found · 2 用法错误或输入无法读取 bad usage / unreadable input`,
  validate: `returns validate <文件或文件夹...> [选项]
  读取 .xlsx / .csv / .txt（文件夹递归），按标准模板校验每份报表。
  Reads .xlsx/.csv/.txt files (folders recursively) and validates every return.

选项 Options:
  --template 文件   模板：文件夹 (indicators.csv + rules.csv)、.xlsx（指标、规则 两个工作表）或指标 CSV
                    template: a folder, an .xlsx with sheets 指标/规则, or an indicators CSV (default: templates/standard)
  --roster 文件     名册 CSV/xlsx（社区名称, 所属街道），检查未上报、重复上报
                    roster of expected communities: who has not reported, who reported twice
  --period YYYY-MM  报表中没有写报告期时使用 / period for returns that state none
  --format text|json  输出格式 (default text)
  --pretty          JSON 缩进排版（默认紧凑）/ indent the JSON (compact by default)
  --lang zh|en      语言 / language (default zh)`,
  combine: `returns combine <文件或文件夹...> [选项]
  校验并汇总：每个社区一行，街道小计，合计（率由分子分母合计重新计算，不做平均）。
  Validates and combines: one row per return, street sub-totals and totals (rates recomputed from sums).

选项 Options (plus those of validate):
  --out 文件.xlsx   写出 汇总、明细、校验结果 三个工作表 / write summary.xlsx (汇总, 明细, 校验结果)
  --csv 文件.csv    汇总表 CSV（UTF-8 BOM，Excel 可直接打开）/ the summary as CSV (UTF-8 with BOM)
  --json 文件.json  JSON 结果写入文件 / the JSON result to a file
  --pretty          JSON 缩进排版（默认紧凑）/ indent the JSON (compact by default)
  --details         --out 总是写 明细 工作表（每个数值一行）；默认超过 200,000 行时不写（全市一年约 83 万行，
                    文件大、打开慢），并有一条提示 / always write the 明细 sheet (one row per value); by default
                    it is left out, with a note, above 200,000 rows (a city-year's is ~830,000)
  --no-details      --out 不写 明细 工作表 / leave the 明细 sheet out of --out
  输出不能是输入文件；--out 可以写在输入文件夹内（本工具写出的汇总只作历史数据读回），--csv 不可以。
  An output may not be an input; --out may sit inside an input folder (our summary is read back as
  history only), --csv may not (a CSV carries no marker and would be read back as returns).
  --history 文件    往月数据（上月 summary.xlsx 或往月报表，可重复），只用于历史对比和本年累计
                    earlier months (last month's summary.xlsx or returns; repeatable), for history and year-to-date only
                    多于一个月时 --out 另含 累计、环比 两个工作表 / with several months --out adds 累计 and 环比 sheets
  --format json     JSON 结果输出到标准输出 / print the JSON result on stdout`,
  chart: CHART_HELP,
  report: REPORT_HELP,
  template: `returns template --out 文件.xlsx [--template 模板] [--period YYYY-MM]
  写出一个工作簿：空白填报表（填报表）以及可编辑的模板（指标、规则）。
  Writes a workbook with a blank sheet-form return (填报表) and the editable template (指标, 规则).
  修改 指标/规则 后可用 --template 文件.xlsx 使用。Edit 指标/规则 and pass it back with --template.`,
};

class UsageError extends Error {}

function parse(argv: string[], extra: ParseArgsConfig['options'] = {}) {
  try {
    return parseArgs({ args: argv, options: { ...COMMON, ...extra }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

function checkPeriod(p: string | undefined): void {
  if (p !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(p)) throw new UsageError(`--period must be YYYY-MM, got ${p}`);
}

function checkFormat(f: string | undefined): 'text' | 'json' {
  if (f === undefined || f === 'text') return 'text';
  if (f === 'json') return 'json';
  throw new UsageError(`--format must be text or json, got ${f}`);
}

/** Lines, each ended by a newline, gathered into pieces of about 64 KB (what console.log of the joined lines writes). */
function* inPieces(lines: Iterable<string>): Generator<string> {
  let piece = '';
  for (const l of lines) {
    piece += l + '\n';
    if (piece.length >= 1 << 16) {
      yield piece;
      piece = '';
    }
  }
  if (piece) yield piece;
}

/**
 * Writes chunks to stdout (a city-year's JSON is tens of MB), each written before the next is asked for: the
 * JSON's chunks are buffers filled again once the next one is asked for (see jsonLines).
 */
async function toStdout(chunks: Iterable<string | Uint8Array>): Promise<void> {
  for (const c of chunks) await new Promise<void>((done) => process.stdout.write(c, () => done()));
}

async function cmdValidateOrCombine(cmd: 'validate' | 'combine', argv: string[]): Promise<number> {
  const extra: ParseArgsConfig['options'] =
    cmd === 'combine'
      ? { out: { type: 'string' }, csv: { type: 'string' }, json: { type: 'string' }, history: { type: 'string', multiple: true }, pretty: { type: 'boolean' }, details: { type: 'boolean' }, 'no-details': { type: 'boolean' } }
      : { pretty: { type: 'boolean' } };
  const { values, positionals } = parse(argv, extra);
  if (values.help) {
    console.log(HELP[cmd]);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('no input files or folders given');
  checkPeriod(values.period);
  const format = checkFormat(values.format);
  const lang: Lang = toLang(values.lang);
  const v = values as Record<string, unknown>;
  const history = (v['history'] as string[] | undefined) ?? [];
  const pretty = v['pretty'] === true;
  if (v['details'] === true && v['no-details'] === true) throw new UsageError('--details and --no-details contradict each other');
  // 明细 as asked, or (undefined) by its size: see DETAILS_DEFAULT_LIMIT.
  const askedDetails = v['details'] === true ? true : v['no-details'] === true ? false : undefined;
  if (askedDetails !== undefined && typeof v['out'] !== 'string') {
    throw new UsageError(`${askedDetails ? '--details' : '--no-details'} applies to --out (summary.xlsx); no --out given`);
  }
  const targets: OutputTarget[] = [];
  if (typeof v['out'] === 'string') targets.push({ option: '--out', path: v['out'], marked: true });
  if (typeof v['csv'] === 'string') targets.push({ option: '--csv', path: v['csv'] });
  if (typeof v['json'] === 'string') targets.push({ option: '--json', path: v['json'] });
  if (await refuseOutputs(targets, [...positionals, values.template, values.roster, ...history], lang)) return 2;
  const loaded = await loadAndRun(positionals, {
    template: values.template, roster: values.roster, period: values.period, history, lang,
  });
  const written: string[] = [];
  const failed: Finding[] = [];
  const write = async (t: OutputTarget, data: () => OutputData | Promise<Uint8Array>): Promise<void> => {
    const f = await writeOutput(t.option, t.path, await data());
    if (f) failed.push(f);
    else written.push(t.path);
  };
  let details = true;
  let leftOut: Finding | null = null;
  if (cmd === 'combine') {
    const { result } = loaded;
    const out = targets.find((t) => t.option === '--out');
    if (out) {
      const rows = result.detailRows();
      details = includeDetails(rows, askedDetails);
      // Left out by its size, not because it was asked: a finding (in 校验结果 too), so no one looks for 明细 in vain.
      if (!details && askedDetails === undefined) {
        leftOut = finding('details_left_out', { rows, limit: DETAILS_DEFAULT_LIMIT, option: '--details' }, { file: out.path.replace(/\\/g, '/') });
        result.findings = [...result.findings, leftOut].sort(compareFindings);
      }
    }
    for (const t of targets) {
      if (t.option === '--out') {
        // Our own streaming writer, not writeXlsx.js: that one loads exceljs (tens of MB of heap at the run's peak).
        const [{ xlsxChunks }, { zlibCrc32, zlibDeflater }] = await Promise.all([import('../io/xlsxTables.js'), import('../node/zlibDeflater.js')]);
        // Streamed: every sheet goes from the job's returns, findings and months into the file, row by row.
        await write(t, () => xlsxChunks(result.outputSources({ details }), { deflater: zlibDeflater, crc32: zlibCrc32 }));
      }
      if (t.option === '--csv') {
        const { tableToCsv } = await import('../io/writeCsv.js');
        await write(t, () => tableToCsv(result.summaryTable()));
      }
      if (t.option === '--json') await write(t, () => jsonLines(result.json(), pretty));
    }
  }
  // A write that failed is a finding like any other: printed with the rest, exit code 2. (No file, no 明细 to
  // speak of: its note goes.)
  const outWritten = written.includes(targets.find((t) => t.option === '--out')?.path ?? '');
  if (failed.length) loaded.result.findings = [...loaded.result.findings.filter((f) => outWritten || f !== leftOut), ...failed].sort(compareFindings);
  if (format === 'json') {
    await toStdout(jsonLines(loaded.result.json(), pretty));
  } else {
    await toStdout(inPieces(textReportLines(loaded, lang, { color: process.stdout.isTTY === true })));
    if (written.length) console.log(`\n${lang === 'zh-CN' ? '已写出' : 'Wrote'}: ${written.join(', ')}`);
    if (!details && askedDetails === false) {
      console.log(lang === 'zh-CN' ? '明细 工作表未写出（--no-details）。' : 'The 明细 sheet was left out (--no-details).');
    }
    // Also last, where it is seen: a city's report runs to thousands of lines.
    if (leftOut && outWritten) console.log(messageOf(leftOut, lang));
  }
  return failed.length ? 2 : exitCodeOf(loaded);
}

// Two buffers of this size are filled in turn (fresh memory costs a page fault per 4 KB the first time).
const JSON_CHUNK = 1 << 18;

/** The JSON and a newline, in chunks whose buffers are filled again once the next chunk is asked for. */
function* jsonLines(value: unknown, pretty: boolean): Generator<string | Uint8Array> {
  yield* jsonBytes(value, pretty, JSON_CHUNK, true);
  yield '\n';
}

async function cmdTemplate(argv: string[]): Promise<number> {
  const { values } = parse(argv, { out: { type: 'string' } });
  if (values.help) {
    console.log(HELP['template']);
    return 0;
  }
  checkPeriod(values.period);
  const out = (values as Record<string, unknown>)['out'];
  if (typeof out !== 'string' || !/\.xlsx$/i.test(out)) throw new UsageError('--out FILE.xlsx is required');
  const lang = toLang(values.lang);
  if (await refuseOutputs([{ option: '--out', path: out }], [values.template], lang)) return 2;
  const tpl = await loadTemplateFile(values.template ?? STANDARD_TEMPLATE_DIR);
  if (tpl.template.indicators.length === 0 || !tpl.grids.indicators) {
    console.error('模板无法使用 / the template cannot be used');
    return 2;
  }
  const [{ default: ExcelJS }, { addGridSheet, workbookBytes }] = await Promise.all([import('exceljs'), import('../io/writeXlsx.js')]);
  const wb = new ExcelJS.Workbook();
  addGridSheet(wb, blankReturn(tpl.template, values.period ?? null), [6, 28, 10, 12, 24]);
  addGridSheet(wb, { ...tpl.grids.indicators, name: '指标' });
  if (tpl.grids.rules) addGridSheet(wb, { ...tpl.grids.rules, name: '规则' });
  const failed = await writeOutput('--out', out, await workbookBytes(wb));
  if (failed) {
    printFindings([failed], lang);
    return 2;
  }
  console.log(`已写出 Wrote ${out}（填报表、指标${tpl.grids.rules ? '、规则' : ''}）`);
  return 0;
}

/** Entry point: returns the exit code (0 no errors, 1 errors found, 2 bad usage or unreadable input). */
export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case 'validate':
      case 'combine':
        return await cmdValidateOrCombine(cmd, rest);
      case 'template':
        return await cmdTemplate(rest);
      case 'chart':
        return await cmdChart(rest);
      case 'forms':
        return await (await import('./forms.js')).cmdForms(rest); // exceljs: loaded only for this command
      case 'report':
        return await cmdReport(rest);
      case 'extract':
        return await (await import('./extract.js')).cmdExtract(rest);
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        console.log(HELP['main']);
        return cmd === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command ${cmd}`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`returns: ${e.message}\n\n${HELP[cmd && cmd in HELP ? cmd : 'main']}`);
      return 2;
    }
    throw e;
  }
}
