/**
 * `returns forms`: one form (填报表) per community of the roster, for the period, into a folder —
 * header filled in, entry validated by Excel, labels locked. Never overwrites an input, and refuses to
 * overwrite an existing file unless --force.
 */
import { access } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Finding } from '../core/findings/codes.js';
import { messageOf, severityLabel, toLang, type Lang } from '../core/findings/wording.js';
import { uniqueFileNames } from '../core/output/fileName.js';
import { communityFormXlsx } from '../io/formXlsx.js';
import { loadRosterFile } from '../node/loadRosterFile.js';
import { loadTemplateFile, STANDARD_TEMPLATE_DIR } from '../node/loadTemplateFile.js';
import { writeOutput } from '../node/writeOutput.js';
import { refuseOutputs } from './outputs.js';

export const FORMS_HELP = `returns forms --roster 名册.csv --period YYYY-MM --out 文件夹/ [--template 模板] [--force]
  按名册为每个社区生成一份填报表（文件名为社区名称）：已填好社区、街道、报告期；每个数值格都有
  Excel 数据验证（计数为不小于 0 的整数，数量、金额为不小于 0 的数，比率 0–100，另加模板的最小值/最大值）、
  输入提示（含单位）和中文出错警告；标签锁定，数值和备注可填；工作表保护无密码；打印为一页 A4。
  Writes one form per community of the roster (named after it): header filled in, Excel data validation,
  input messages and error alerts on every value cell, labels locked, sheet protected without a password.

选项 Options:
  --roster 文件     名册 CSV/xlsx（社区名称, 所属街道）/ roster of communities (required)
  --period YYYY-MM  报告期 / the period (required)
  --out 文件夹      输出文件夹 / output folder (required)
  --template 文件   模板 / template (as in validate; default templates/standard)
  --force           覆盖文件夹中已有的同名文件 / overwrite existing files in the folder
  --lang zh|en      语言 / language (default zh)`;

const OPTIONS = {
  roster: { type: 'string' },
  period: { type: 'string' },
  out: { type: 'string' },
  template: { type: 'string' },
  force: { type: 'boolean' },
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function usage(message: string): number {
  console.error(`returns: ${message}\n\n${FORMS_HELP}`);
  return 2;
}

function printFindings(findings: readonly Finding[], lang: Lang): void {
  for (const f of findings) console.error(`${severityLabel(f.severity, lang)} ${f.file}${f.cell ? ` ${f.cell}` : ''}: ${messageOf(f, lang)}`);
}

const exists = (file: string): Promise<boolean> => access(file).then(() => true, () => false);

export async function cmdForms(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: false, strict: true });
  } catch (e) {
    return usage(e instanceof Error ? e.message : String(e));
  }
  const { values } = parsed;
  if (values.help) {
    console.log(FORMS_HELP);
    return 0;
  }
  if (!values.roster) return usage('--roster is required');
  if (!values.period || !/^\d{4}-(0[1-9]|1[0-2])$/.test(values.period)) return usage(`--period must be YYYY-MM, got ${values.period ?? '(none)'}`);
  if (!values.out) return usage('--out FOLDER is required');
  const lang = toLang(values.lang);
  const zh = lang === 'zh-CN';

  const tpl = await loadTemplateFile(values.template ?? STANDARD_TEMPLATE_DIR);
  const tplErrors = tpl.findings.filter((f) => f.severity === 'error');
  if (tpl.template.indicators.length === 0 || tplErrors.length > 0) {
    printFindings(tplErrors, lang);
    console.error(zh ? '模板无法使用，未生成填报表' : 'The template cannot be used; no forms written');
    return 2;
  }
  const { roster, findings } = await loadRosterFile(values.roster);
  if (!roster || roster.entries.length === 0) {
    printFindings(findings, lang);
    console.error(zh ? '名册中没有社区，未生成填报表' : 'The roster lists no community; no forms written');
    return 2;
  }

  const outDir = path.resolve(values.out);
  const names = uniqueFileNames(roster.entries.map((e) => e.community), '.xlsx');
  const targets = names.map((n) => path.join(outDir, n));
  // Inputs are never overwritten, --force or not; existing files only with --force. Checked before writing anything.
  // (The same check as every command's outputs: real paths, so a link to the roster is the roster.)
  if (await refuseOutputs(targets.map((t) => ({ option: '--out', path: t })), [values.roster, values.template], lang)) return 2;
  if (!values.force) {
    const existing = [];
    for (const t of targets) if (await exists(t)) existing.push(t);
    if (existing.length) {
      console.error(`returns: ${zh ? '文件已存在，未写出任何文件（用 --force 覆盖）' : 'files already exist; nothing written (use --force to overwrite)'}: ${existing.map((e) => path.basename(e)).join(', ')}`);
      return 2;
    }
  }

  // Each form through a temporary file and a rename: a failed write leaves no half form and no old form changed.
  for (const [i, entry] of roster.entries.entries()) {
    const failed = await writeOutput('--out', targets[i]!, await communityFormXlsx(tpl.template, values.period, entry));
    if (failed) {
      // A folder that cannot be made or written (a file of that name, no permission, a disk full).
      printFindings([failed], lang);
      console.error(zh ? `已写出 ${i} 份填报表，其余未写出` : `${i} forms written, the rest not`);
      return 2;
    }
  }
  const shown = values.out;
  console.log(
    zh
      ? `已写出 ${names.length} 份填报表（${values.period}）到 ${shown}：${names.join('、')}`
      : `Wrote ${names.length} forms (${values.period}) to ${shown}: ${names.join(', ')}`,
  );
  return 0;
}
