import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { extractJson } from '../core/extract/extractJson.js';
import { extractText, type ExtractedDocument } from '../core/extract/extractText.js';
import type { Template } from '../core/template/types.js';
import { draftWorkbook } from '../io/draftWorkbook.js';
import { loadTemplateFile, STANDARD_TEMPLATE_DIR } from '../node/loadTemplateFile.js';
import { toLang, unreadableText } from '../core/findings/wording.js';
import { readSummaryFiles } from '../node/readSummaryFiles.js';
import { writeOutput } from '../node/writeOutput.js';
import { printFindings, refuseOutputs } from './outputs.js';

export const EXTRACT_HELP = `returns extract <文件或文件夹...> [--format text|json] [--out 草稿.xlsx] [--template 模板] [--period YYYY-MM]
  从工作总结（.txt：UTF-8、GBK/GB18030、UTF-16；.docx）中摘录指标数值，每个数值附原文句子。
  一个文件含多篇总结（篇一、篇二……）时分篇处理。简体、繁体均可。
  Extracts the indicator values from work summaries (.txt in UTF-8/GBK/UTF-16, .docx), each with its sentence.

选项 Options:
  --format text|json  输出格式 (default text)；JSON 格式见 README / JSON shape: see the README
  --out 文件.xlsx     每篇总结写一张草稿填报表，数值均标“待核实”，备注列写明依据
                      one draft sheet-form return per summary; every value marked for review, its sentences in 备注
  --template 文件     模板 / template (as in validate)
  --period YYYY-MM    总结中没有写明月份时使用 / period for summaries that state no month
  --lang zh|en        无法读取的原因所用的语言 / language of why a file could not be read (default zh)
退出码 Exit code: 0 已摘录 done · 2 用法错误或文件无法读取 bad usage / unreadable input`;

/** `returns extract`: summaries → documents and mentions, as text or JSON, and optionally a draft workbook. */
export async function cmdExtract(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        format: { type: 'string' }, out: { type: 'string' }, template: { type: 'string' }, period: { type: 'string' }, lang: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    return usage(e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(EXTRACT_HELP);
    return 0;
  }
  if (positionals.length === 0) return usage('no input files or folders given');
  if (values.format !== undefined && values.format !== 'text' && values.format !== 'json') return usage(`--format must be text or json, got ${values.format}`);
  if (values.period !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(values.period)) return usage(`--period must be YYYY-MM, got ${values.period}`);
  if (values.out !== undefined && !/\.xlsx$/i.test(values.out)) return usage('--out must name an .xlsx file');

  const lang = toLang(values.lang);
  // An output never replaces an input (a file given, also through a link, or the template), checked before
  // anything is read; the folders given are walked for .txt/.docx only, so a draft .xlsx beside them is no input.
  if (values.out !== undefined) {
    const files: string[] = [];
    for (const p of [...positionals, values.template]) if (p !== undefined && !(await isFolder(p))) files.push(p);
    if (await refuseOutputs([{ option: '--out', path: values.out }], files, lang)) return 2;
  }
  const tpl = await loadTemplateFile(values.template ?? STANDARD_TEMPLATE_DIR);
  if (tpl.template.indicators.length === 0) {
    console.error('模板无法使用 / the template cannot be used');
    return 2;
  }
  const { files, problems } = await readSummaryFiles(positionals);
  const docs = files.flatMap((f) => extractText(f.text, f.file, tpl.template, { period: values.period ?? null }));
  for (const p of problems) console.error(`${p.file}: ${lang === 'zh-CN' ? '无法读取' : 'cannot read'} — ${unreadableText(p, lang)}`);

  if (values.out !== undefined) {
    const failed = await writeOutput('--out', values.out, await draftWorkbook(docs, tpl.template));
    if (failed) {
      printFindings([failed], lang);
      return 2;
    }
  }
  if (values.format === 'json') process.stdout.write(JSON.stringify(extractJson(docs), null, 2) + '\n');
  else {
    console.log(textOf(docs, tpl.template));
    if (values.out !== undefined) console.log(`\n已写出草稿 Wrote draft: ${values.out}（${docs.length} 张填报表，数值均待核实）`);
  }
  return problems.length > 0 ? 2 : 0;
}

function textOf(docs: readonly ExtractedDocument[], template: Template): string {
  const nameOf = new Map(template.indicators.map((i) => [i.code, i]));
  const lines: string[] = [];
  for (const d of docs) {
    lines.push(`■ ${d.file} — ${d.title}`);
    lines.push(`  社区 ${d.community ?? '（未写明）'} · 街道 ${d.street ?? '（未写明）'} · 报告期 ${d.period ?? '（未写明）'} · ${d.mentions.length} 处数值`);
    for (const m of d.mentions) {
      const ind = nameOf.get(m.indicator)!;
      const flags = [m.approximate ? '约数' : '', m.flags.includes('unit_mismatch') ? `单位“${m.unit}”无法换算为“${ind.unit}”` : ''].filter(Boolean);
      lines.push(`  - ${ind.name}：${m.value}${m.flags.includes('unit_mismatch') ? m.unit : ind.unit}  “${m.text}”${flags.length ? `（${flags.join('，')}）` : ''}  [${m.start}–${m.end}]`);
    }
  }
  return lines.join('\n');
}

function usage(message: string): number {
  console.error(`returns: ${message}\n\n${EXTRACT_HELP}`);
  return 2;
}

async function isFolder(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}
