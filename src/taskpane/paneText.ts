import type { Lang } from '../core/findings/wording.js';
import type { ExcelRefusal, InsertedSheet, WrittenSheet } from '../excel/types.js';

/** The task pane's words for what Excel refused, where outputs went, and marks that could not be restored. */
export const PANE_TEXT = {
  'zh-CN': {
    busy: '上一个操作尚未完成，请稍候。',
    fromFiles: '从文件',
    fromFilesHint: '不必先把各社区的文件复制进本工作簿：选择文件或文件夹，直接汇总，或作为工作表导入。',
    pickFiles: '选择文件…',
    pickFolder: '选择文件夹…',
    clearFiles: '清空',
    noFilesPicked: '尚未选择文件',
    picked: (n: number) => `已选择 ${n} 个文件`,
    combineFiles: '从文件汇总',
    importFiles: '导入为工作表',
    forms: '生成填报表',
    formsPeriod: '报告期',
    formsNeedRoster: '需要一张“名册”工作表（社区名称、所属街道）才能为每个社区生成填报表。',
    formsInserted: (s: readonly InsertedSheet[]) =>
      `已为 ${s.length} 个社区各插入一张填报表（报告期已填，数值单元格带数据验证和输入提示，工作表受保护、无密码）：${s.map((x) => x.name).join('、')}；原有工作表未改动`,
    needFiles: '请先选择文件或文件夹。',
    filesCombined: (files: number, returns: number) => `已从 ${files} 个文件汇总 ${returns} 份报表，见“汇总”“明细”“校验结果”工作表（来源列注明文件、工作表和单元格）`,
    filesImported: (s: readonly InsertedSheet[]) =>
      `已插入 ${s.length} 张工作表：${s.map((x) => x.name).join('、')}` +
      (s.some((x) => !x.formatted) ? `（其中 ${s.filter((x) => !x.formatted).length} 张只导入了数值，未带原格式）` : '') + '；原有工作表未改动',
    beside: (w: readonly WrittenSheet[]) =>
      w.map((x) => `工作簿中已有名为“${x.wanted}”的工作表（不是本加载项写的），结果写在“${x.sheet}”，原表未改动`).join('；'),
    lost: (cells: readonly { sheet: string; cell: string }[]) =>
      `${cells.length} 个标记所在的单元格已被删除，无法还原：${cells.slice(0, 5).map((c) => `${c.sheet}!${c.cell}`).join('、')}${cells.length > 5 ? ' 等' : ''}`,
    refusal: (e: ExcelRefusal) =>
      e.reason === 'sheet_protected'
        ? `工作表“${e.sheets.join('”“')}”受保护，未做任何标记。请在“审阅 → 撤销工作表保护”后重试，或只校验其他工作表。`
        : e.reason === 'workbook_protected'
          ? '工作簿结构受保护，无法添加或替换工作表，未做任何更改。请在“审阅 → 保护工作簿”中取消保护后重试。'
          : '操作期间工作簿被更改（可能是另一个窗格），请重试。',
    /** Between the parts of one status line. */
    sep: '；',
  },
  'en-US': {
    busy: 'The previous action is still running; please wait.',
    fromFiles: 'From files',
    fromFilesHint: 'No need to copy each community’s file into this workbook first: pick files or a folder, then combine them directly or import them as sheets.',
    pickFiles: 'Choose files…',
    pickFolder: 'Choose a folder…',
    clearFiles: 'Clear',
    noFilesPicked: 'No files chosen',
    picked: (n: number) => `${n} file(s) chosen`,
    combineFiles: 'Combine files',
    importFiles: 'Import as sheets',
    forms: 'Make forms',
    formsPeriod: 'Period',
    formsNeedRoster: 'A 名册 (roster) sheet with 社区名称 and 所属街道 is needed to make one form per community.',
    formsInserted: (s: readonly InsertedSheet[]) =>
      `Inserted one form per community (${s.length}; period filled in, data validation and input messages on the value cells, sheet protected without a password): ${s.map((x) => x.name).join(', ')}; existing sheets untouched`,
    needFiles: 'Choose files or a folder first.',
    filesCombined: (files: number, returns: number) => `Combined ${returns} return(s) from ${files} file(s); see the 汇总, 明细 and 校验结果 sheets (the source columns name file, sheet and cell)`,
    filesImported: (s: readonly InsertedSheet[]) =>
      `Inserted ${s.length} sheet(s): ${s.map((x) => x.name).join(', ')}` +
      (s.some((x) => !x.formatted) ? ` (${s.filter((x) => !x.formatted).length} with values only, without their formatting)` : '') + '; the existing sheets were left as they were',
    beside: (w: readonly WrittenSheet[]) =>
      w.map((x) => `The workbook already has a sheet named “${x.wanted}” (not written by this add-in); the result is on “${x.sheet}”, the sheet was left as it was`).join('; '),
    lost: (cells: readonly { sheet: string; cell: string }[]) =>
      `${cells.length} marked cell(s) were deleted and could not be restored: ${cells.slice(0, 5).map((c) => `${c.sheet}!${c.cell}`).join(', ')}${cells.length > 5 ? ' …' : ''}`,
    refusal: (e: ExcelRefusal) =>
      e.reason === 'sheet_protected'
        ? `The sheet(s) “${e.sheets.join('”, “')}” are protected; nothing was marked. Unprotect them (Review → Unprotect Sheet) and try again, or check the other sheets only.`
        : e.reason === 'workbook_protected'
          ? 'The workbook structure is protected, so sheets cannot be added or replaced; nothing was changed. Unprotect it (Review → Protect Workbook) and try again.'
          : 'The workbook changed during the action (perhaps another pane); please try again.',
    sep: '; ',
  },
} satisfies Record<Lang, unknown>;
