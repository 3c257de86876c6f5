import type { Finding, FindingArgs, FindingCode, FindingWhere, Severity, UnreadableCause, WriteCause } from './codes.js';

export type Lang = 'zh-CN' | 'en-US';

type Wording = { readonly [C in FindingCode]: (a: FindingArgs[C], w: FindingWhere) => string };

const n = (v: number): string => (Number.isInteger(v) ? String(v) : String(Math.round(v * 1000) / 1000));
/** 834360 → 834,360: row counts people read at a glance. */
const thousands = (v: number): string => String(v).replace(/\B(?=(\d{3})+$)/g, ',');
const zhName = (w: FindingWhere): string => (w.indicatorName ? `「${w.indicatorName}」` : '');
const enName = (w: FindingWhere): string => {
  const name = w.indicatorNameEn ?? w.indicatorName;
  return name ? `"${name}"` : 'the value';
};
/** A rule's side as the check kept it: a value as written (0.879, never 0.88), a computed side already rounded. */
const ruleValue = (v: number): string => String(v);
/** A rule's operator in words: people read 应不大于, not `<=`. */
const zhOp: Record<string, string> = { '<=': '不大于', '<': '小于', '>=': '不小于', '>': '大于', '==': '等于', '!=': '不等于', '≈': '约等于' };
const enOp: Record<string, string> = { '<=': 'at most', '<': 'less than', '>=': 'at least', '>': 'more than', '==': 'equal to', '!=': 'different from', '≈': 'about' };
/** A rule's side in words (`知晓人数 ÷ 调查人数 × 100` → 知晓人数占调查人数的百分比). */
function zhSide(text: string): string {
  const pct = /^(.+?) ?÷ ?(.+?) ?× ?100$/.exec(text);
  if (pct) return `${pct[1]}占${pct[2]}的百分比`;
  return text.replace(/ ?÷ ?/g, '除以').replace(/ ?× ?/g, '乘以').replace(/ \+ /g, '加').replace(/ - /g, '减');
}
function enSide(text: string): string {
  const pct = /^(.+?) ?÷ ?(.+?) ?× ?100$/.exec(text);
  if (pct) return `${pct[1]} as a percentage of ${pct[2]}`;
  return text.replace(/ ?÷ ?/g, ' divided by ').replace(/ ?× ?/g, ' times ').replace(/ \+ /g, ' plus ').replace(/ - /g, ' minus ');
}

const zhSev: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };
const enSev: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'info' };

const zhCause: Record<UnreadableCause, string> = {
  not_found: '文件或文件夹不存在',
  permission_denied: '没有读取权限',
  is_directory: '这是文件夹，不是文件',
  io_error: '读取磁盘时出错',
  empty_file: '文件是空的（0 字节）',
  corrupt: '文件已损坏或不是它的扩展名所说的格式，请在 Excel 或 WPS 中打开后重新保存',
  encrypted: '文件受密码保护，请在 Excel 或 WPS 中取消密码后重新保存',
  unsupported_format: '不支持的格式，请使用 .xlsx、.xls、.et、.ods、.csv 或 .txt',
  too_large: '文件过大',
  expands_too_large: '文件解压后过大（可能是异常文件）',
  too_many_cells: '单元格数量过多',
  no_sheets: '文件中没有可读取的工作表',
  corrupt_document: '文件已损坏或不是 .docx 格式，请在 Word 或 WPS 中打开后另存为 .docx',
  encrypted_document: '文档受密码保护，请在 Word 或 WPS 中取消密码后重新保存',
  legacy_word: '旧版 Word 97–2003 格式（.doc）不读取，请在 Word 或 WPS 中另存为 .docx 或 .txt',
  unsupported_summary: '不支持的格式，工作总结请使用 .txt 或 .docx',
};
const enCause: Record<UnreadableCause, string> = {
  not_found: 'file or folder not found',
  permission_denied: 'permission denied',
  is_directory: 'this is a folder, not a file',
  io_error: 'disk read error',
  empty_file: 'the file is empty (0 bytes)',
  corrupt: 'the file is damaged or not the format its extension says; open it in Excel or WPS and save it again',
  encrypted: 'the file is password-protected; remove the password in Excel or WPS and save it again',
  unsupported_format: 'unsupported format; use .xlsx, .xls, .et, .ods, .csv or .txt',
  too_large: 'the file is too large',
  expands_too_large: 'the file expands to too much data when unzipped (possibly a malformed file)',
  too_many_cells: 'too many cells',
  no_sheets: 'no readable worksheet in the file',
  corrupt_document: 'the file is damaged or not a .docx; open it in Word or WPS and save it as .docx',
  encrypted_document: 'the document is password-protected; remove the password in Word or WPS and save it again',
  legacy_word: 'the old Word 97–2003 format (.doc) is not read; save it as .docx or .txt in Word or WPS',
  unsupported_summary: 'unsupported format; use .txt or .docx for work summaries',
};
const zhWriteCause: Record<WriteCause, string> = {
  permission_denied: '没有写入权限',
  read_only: '只读文件系统',
  is_directory: '这是一个文件夹',
  path_blocked: '路径中有同名文件挡住了文件夹',
  disk_full: '磁盘空间不足',
  io_error: '写出时出错',
};
const enWriteCause: Record<WriteCause, string> = {
  permission_denied: 'permission denied',
  read_only: 'read-only file system',
  is_directory: 'it is a folder',
  path_blocked: 'a file is in the way of a folder on the path',
  disk_full: 'disk full',
  io_error: 'writing failed',
};
const detail = (d: string | undefined): string => (d ? `（${d}）` : '');
const enDetail = (d: string | undefined): string => (d ? ` (${d})` : '');

const zh: Wording = {
  file_unreadable: (a) => `文件无法读取：${zhCause[a.cause]}${detail(a.detail)}`,
  file_skipped: (a) => `不是报表文件类型（${a.ext || '无扩展名'}），已跳过；如是报表，请另存为 .xlsx`,
  cell_text_truncated: (a) => `单元格文字过长（${a.length} 个字符，超过 Excel 上限），只读取了前 ${a.kept} 个字符`,
  sheet_skipped: (a) =>
    a.reason === 'empty' ? '工作表为空，已跳过' : a.reason === 'template' ? '这是模板（指标/规则）工作表，不是报表，已跳过' : '未找到任何指标名称，不像报表，已跳过',
  encoding_detected: (a) => `文件不是 UTF-8 编码，已按 ${a.encoding} 读取`,
  return_not_read: (a) =>
    `表头有 ${a.indicators} 个指标，但没有社区名称列（社区名称 / 社区 / 单位名称 / 村（社区）…），未读出任何报表；` +
    `表头中的其他列：${a.headers.length ? a.headers.join('、') : '（无）'}`,
  output_is_input: (a) => `${a.option} 指向输入文件 ${a.input}，为保护输入未写出任何文件，请换一个输出路径`,
  output_in_input_folder: (a) =>
    `${a.option} 位于输入文件夹 ${a.folder} 中，下次运行会被当作报表读回，未写出任何文件，请写到输入文件夹之外`,
  output_twice: (a) => `${a.option} 与 ${a.other} 是同一个文件，未写出任何文件`,
  output_unwritable: (a) => `${a.option} 无法写出：${zhWriteCause[a.cause]}${detail(a.detail)}（原有文件未改动）`,
  details_left_out: (a) =>
    `明细 工作表未写入：共 ${thousands(a.rows)} 行（每个数值一行），超过默认上限 ${thousands(a.limit)} 行（文件大，Excel 打开慢）；汇总和校验结果完整。需要明细时加 ${a.option} 重新生成`,
  community_not_found: () => '未找到社区名称（社区名称 / 单位名称 / 填报单位）',
  period_not_found: () => '未找到报告期（报告期 / 月份），请填写如“2026年10月”',
  period_invalid: (a) => `报告期“${a.text}”无法识别，请写成“2026年10月”或“2026-10”`,
  period_from_option: (a) => `报表中未写报告期，已按命令参数使用 ${a.period}`,
  indicator_duplicate: (a, w) => `${zhName(w)}重复出现，已采用第一次出现的 ${a.firstCell}`,
  required_missing: (_a, w) => `缺少必填指标${zhName(w)}`,
  required_empty: (_a, w) => `必填指标${zhName(w)}未填写（空白不等于 0，无数据请填 0）`,
  unknown_label: (a) =>
    a.suggestion ? `无法识别的指标“${a.label}”，是否应为“${a.suggestion}”？` : `无法识别的指标“${a.label}”`,
  not_a_number: (a, w) => `${zhName(w)}的值“${a.text}”不是数字`,
  range_value: (a, w) => `${zhName(w)}填写了范围“${a.text}”，请填写一个确切数字`,
  placeholder: (a, w) => `${zhName(w)}的“${a.text}”是未填写的模板占位符`,
  cell_error: (a, w) => `${zhName(w)}单元格为错误值 ${a.text}，请检查公式`,
  formula_text: (a, w) => `${zhName(w)}是公式文本“${a.formula}”，不是数值`,
  formula_no_result: (a, w) => `${zhName(w)}的公式 ${a.formula} 没有计算结果，请在 Excel 中重新计算并保存`,
  formula_value: (a, w) => `${zhName(w)}由公式 ${a.formula} 计算得出，取其结果 ${n(a.value)}`,
  date_value: (a, w) => `${zhName(w)}处是日期“${a.text}”，应为数字`,
  negative: (a, w) => `${zhName(w)}为负数 ${n(a.value)}`,
  fractional_count: (a, w) => `${zhName(w)}应为整数，填写的是 ${n(a.value)}`,
  rate_out_of_range: (a, w) => `${zhName(w)}为 ${n(a.value)}%，超出 0–100 的范围`,
  rate_fraction: (a, w) => `${zhName(w)}填写为 ${n(a.value)}，是否应为 ${n(a.asPercent)}%？请按百分数填写`,
  below_min: (a, w) => `${zhName(w)}为 ${n(a.value)}，低于模板下限 ${n(a.min)}`,
  above_max: (a, w) => `${zhName(w)}为 ${n(a.value)}，高于模板上限 ${n(a.max)}，请核实`,
  approximate: (a, w) => `${zhName(w)}“${a.text}”是约数，已按 ${n(a.value)} 计，请填写确切数字`,
  unit_converted: (a, w) => `${zhName(w)}已由 ${n(a.original)}${a.from} 换算为 ${n(a.value)}${a.to}`,
  unit_mismatch: (a, w) => `${zhName(w)}的单位“${a.unit}”无法换算为模板单位“${a.expected}”`,
  rule_failed: (a) =>
    (a.note.zh ? `${a.note.zh}：` : '') +
    `${zhSide(a.left)}为 ${ruleValue(a.leftValue)}，应${zhOp[a.op] ?? a.op}${zhSide(a.right)}（${ruleValue(a.rightValue)}）` +
    (a.tolerance ? `，允许相差 ${n(a.tolerance)}` : ''),
  rule_side_missing: (a) => `规则“${a.rule}”无法检查：${a.side} 未填写`,
  remark_missing: (a, w) => `${zhName(w)}为 ${n(a.value)}（大于 ${n(a.threshold)}），需要在备注中说明情况`,
  extracted_for_review: (a, w) =>
    `${zhName(w)}${a.value === null ? '' : `的 ${n(a.value)} `}由工作总结摘录，待核实：请对照备注中的原文核对后再上报`,
  outlier_peer: (a, w) =>
    a.ratio === null
      ? `${zhName(w)}为 ${n(a.value)}%，与同期 ${a.peers} 个社区的中位数 ${n(a.median)}% 相差很大，请核实`
      : `${zhName(w)}为 ${n(a.value)}，约为同期 ${a.peers} 个社区中位数 ${n(a.median)} 的 ${n(a.ratio)} 倍，请核实`,
  outlier_history: (a, w) =>
    `${zhName(w)}为 ${n(a.value)}${a.ratio === null && a.basis === 'median' ? '%' : ''}，` +
    (a.ratio === null && a.basis === 'median'
      ? `本社区此前 ${a.months} 个月的中位数为 ${n(a.reference)}%，相差 ${n(Math.abs(a.value - a.reference))} 个百分点`
      : a.ratio === null
        ? `本社区此前 ${a.months} 个月均为 0`
        : `约为本社区此前 ${a.months} 个月${a.basis === 'max' ? '最大值' : '中位数'} ${n(a.reference)} 的 ${n(a.ratio)} 倍`) +
    (a.previous !== null ? `（上月 ${n(a.previous)}）` : '') + '，请核实',
  missing_return: (a) => `名册中的${a.street ? a.street + ' ' : ''}${a.community}${a.period ? ' ' + a.period : ''} 尚未上报`,
  unexpected_community: (a) =>
    a.suggestion ? `该社区不在名册中，是否为“${a.suggestion}”？` : '该社区不在名册中',
  duplicate_return: (a) =>
    `同一社区同一报告期重复上报，另一份在 ${a.otherFile}${a.otherSheet ? ' / ' + a.otherSheet : ''}${a.otherCell ? ' ' + a.otherCell : ''}`,
  street_mismatch: (a) => `所属街道“${a.reported}”与名册中的“${a.roster}”不一致`,
  street_not_found: () => '未找到所属街道',
  template_missing_column: (a) => `模板缺少“${a.column}”列`,
  template_bad_value: (a) => `模板“${a.column}”列的值“${a.text}”无效`,
  template_duplicate_code: (a) => `模板中指标代码“${a.code}”重复`,
  template_unknown_code: (a) => `模板${a.where}引用了不存在的指标代码“${a.code}”`,
  template_bad_expression: (a) => `规则表达式“${a.text}”无效：${a.reason}`,
  template_empty: () => '模板中没有任何指标',
  roster_missing_column: (a) => `名册缺少“${a.column}”列`,
};

const en: Wording = {
  file_unreadable: (a) => `The file cannot be read: ${enCause[a.cause]}${enDetail(a.detail)}`,
  file_skipped: (a) => `Not a return file type (${a.ext || 'no extension'}); skipped. If it is a return, save it as .xlsx`,
  cell_text_truncated: (a) => `Cell text too long (${a.length} characters, over Excel's limit); only the first ${a.kept} were read`,
  sheet_skipped: (a) =>
    a.reason === 'empty' ? 'Empty sheet, skipped' : a.reason === 'template' ? 'Template sheet (indicators/rules), not a return; skipped' : 'No indicator labels found; not a return, skipped',
  encoding_detected: (a) => `Not UTF-8; read as ${a.encoding}`,
  return_not_read: (a) =>
    `The header row names ${a.indicators} indicators but no community column (社区名称 / 社区 / 单位名称 / 村（社区）…), so no return was read; ` +
    `other headers seen: ${a.headers.length ? a.headers.join(', ') : '(none)'}`,
  output_is_input: (a) => `${a.option} names the input ${a.input}; nothing was written, to keep the input safe — choose another path`,
  output_in_input_folder: (a) =>
    `${a.option} is inside the input folder ${a.folder} and would be read back as returns next time; nothing was written — write it outside`,
  output_twice: (a) => `${a.option} and ${a.other} are the same file; nothing was written`,
  output_unwritable: (a) => `${a.option} cannot be written: ${enWriteCause[a.cause]}${enDetail(a.detail)} (any existing file is unchanged)`,
  details_left_out: (a) =>
    `The 明细 sheet was left out: ${thousands(a.rows)} rows (one per value), more than the ${thousands(a.limit)} written by default (a large file Excel opens slowly); 汇总 and 校验结果 are complete. Add ${a.option} to write it`,
  community_not_found: () => 'Community name not found (社区名称 / 单位名称 / 填报单位)',
  period_not_found: () => 'Reporting period not found (报告期 / 月份); write e.g. 2026年10月',
  period_invalid: (a) => `Period "${a.text}" not recognised; write 2026年10月 or 2026-10`,
  period_from_option: (a) => `No period in the return; used ${a.period} from the command line`,
  indicator_duplicate: (a, w) => `${enName(w)} appears twice; the first one (${a.firstCell}) is used`,
  required_missing: (_a, w) => `Required indicator ${enName(w)} is missing`,
  required_empty: (_a, w) => `Required indicator ${enName(w)} is empty (empty is not 0; write 0 if there was none)`,
  unknown_label: (a) =>
    a.suggestion ? `Unknown indicator "${a.label}"; did you mean "${a.suggestion}"?` : `Unknown indicator "${a.label}"`,
  not_a_number: (a, w) => `${enName(w)}: "${a.text}" is not a number`,
  range_value: (a, w) => `${enName(w)}: "${a.text}" is a range; one exact number is needed`,
  placeholder: (a, w) => `${enName(w)}: "${a.text}" is an unfilled template placeholder`,
  cell_error: (a, w) => `${enName(w)}: the cell holds the error ${a.text}; check the formula`,
  formula_text: (a, w) => `${enName(w)}: formula text "${a.formula}" is not a value`,
  formula_no_result: (a, w) => `${enName(w)}: formula ${a.formula} has no computed result; recalculate and save in Excel`,
  formula_value: (a, w) => `${enName(w)} is computed by ${a.formula}; its result ${n(a.value)} is used`,
  date_value: (a, w) => `${enName(w)}: "${a.text}" is a date, a number is expected`,
  negative: (a, w) => `${enName(w)} is negative (${n(a.value)})`,
  fractional_count: (a, w) => `${enName(w)} must be a whole number, got ${n(a.value)}`,
  rate_out_of_range: (a, w) => `${enName(w)} is ${n(a.value)}%, outside 0–100`,
  rate_fraction: (a, w) => `${enName(w)} is ${n(a.value)}; did you mean ${n(a.asPercent)}%? Enter it as a percentage`,
  below_min: (a, w) => `${enName(w)} is ${n(a.value)}, below the template minimum ${n(a.min)}`,
  above_max: (a, w) => `${enName(w)} is ${n(a.value)}, above the template maximum ${n(a.max)}; please check`,
  approximate: (a, w) => `${enName(w)}: "${a.text}" is approximate; read as ${n(a.value)}; an exact number is needed`,
  unit_converted: (a, w) => `${enName(w)} converted from ${n(a.original)} ${a.from} to ${n(a.value)} ${a.to}`,
  unit_mismatch: (a, w) => `${enName(w)}: unit "${a.unit}" cannot be converted to the template unit "${a.expected}"`,
  rule_failed: (a) =>
    (a.note.en ? `${a.note.en}: ` : '') +
    `${enSide(a.leftEn ?? a.left)} is ${ruleValue(a.leftValue)}; it should be ${enOp[a.op] ?? a.op} ${enSide(a.rightEn ?? a.right)} (${ruleValue(a.rightValue)})` +
    (a.tolerance ? `, within ${n(a.tolerance)}` : ''),
  rule_side_missing: (a) => `Rule "${a.rule}" cannot be checked: ${a.side} is empty`,
  remark_missing: (a, w) => `${enName(w)} is ${n(a.value)} (above ${n(a.threshold)}); a remark explaining it is required`,
  extracted_for_review: (a, w) =>
    `${enName(w)}${a.value === null ? '' : ` (${n(a.value)})`} was extracted from a work summary; check it against the sentences in the remark before reporting`,
  outlier_peer: (a, w) =>
    a.ratio === null
      ? `${enName(w)} is ${n(a.value)}%, far from the median ${n(a.median)}% of ${a.peers} communities this period; please check`
      : `${enName(w)} is ${n(a.value)}, about ${n(a.ratio)}× the median ${n(a.median)} of ${a.peers} communities this period; please check`,
  outlier_history: (a, w) =>
    `${enName(w)} is ${n(a.value)}${a.ratio === null && a.basis === 'median' ? '%' : ''}; ` +
    (a.ratio === null && a.basis === 'median'
      ? `the community's median of the previous ${a.months} months is ${n(a.reference)}%, ${n(Math.abs(a.value - a.reference))} points away`
      : a.ratio === null
        ? `the community reported 0 in each of the previous ${a.months} months`
        : `about ${n(a.ratio)}× the ${a.basis === 'max' ? 'largest' : 'median'} value ${n(a.reference)} of its previous ${a.months} months`) +
    (a.previous !== null ? ` (last month ${n(a.previous)})` : '') + '; please check',
  missing_return: (a) => `${a.community}${a.street ? ` (${a.street})` : ''}${a.period ? ' ' + a.period : ''} on the roster has not reported`,
  unexpected_community: (a) =>
    a.suggestion ? `Community not on the roster; did you mean "${a.suggestion}"?` : 'Community not on the roster',
  duplicate_return: (a) =>
    `Same community and period reported twice; the other is in ${a.otherFile}${a.otherSheet ? ' / ' + a.otherSheet : ''}${a.otherCell ? ' ' + a.otherCell : ''}`,
  street_mismatch: (a) => `Street "${a.reported}" differs from the roster's "${a.roster}"`,
  street_not_found: () => 'Street (所属街道) not found',
  template_missing_column: (a) => `Template lacks the column "${a.column}"`,
  template_bad_value: (a) => `Template column "${a.column}": invalid value "${a.text}"`,
  template_duplicate_code: (a) => `Template indicator code "${a.code}" appears twice`,
  template_unknown_code: (a) => `Template ${a.where} refers to unknown indicator code "${a.code}"`,
  template_bad_expression: (a) => `Rule expression "${a.text}" is invalid: ${a.reason}`,
  template_empty: () => 'The template has no indicators',
  roster_missing_column: (a) => `Roster lacks the column "${a.column}"`,
};

const TABLES: Record<Lang, Wording> = { 'zh-CN': zh, 'en-US': en };

/** The sentence for a finding in the given language. */
export function messageOf(f: Finding, lang: Lang = 'zh-CN'): string {
  const fn = TABLES[lang][f.code] as (a: unknown, w: FindingWhere) => string;
  return fn(f.args, f);
}

export function severityLabel(s: Severity, lang: Lang = 'zh-CN'): string {
  return (lang === 'zh-CN' ? zhSev : enSev)[s];
}

/** Parses `zh`, `zh-CN`, `en`, `en-US` … into a supported language (zh-CN for anything unknown). */
export function toLang(tag: string | null | undefined): Lang {
  return tag && /^en/i.test(tag) ? 'en-US' : 'zh-CN';
}

/** Why a file could not be read, in words (the cause of `file_unreadable` without the sentence around it). */
export function unreadableText(u: { cause: UnreadableCause; detail?: string | undefined }, lang: Lang = 'zh-CN'): string {
  return lang === 'zh-CN' ? `${zhCause[u.cause]}${detail(u.detail)}` : `${enCause[u.cause]}${enDetail(u.detail)}`;
}
