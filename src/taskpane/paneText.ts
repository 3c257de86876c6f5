import type { Lang } from '../core/findings/wording.js';
import type { ExcelRefusal, WrittenSheet } from '../excel/types.js';

/** The task pane's words for what Excel refused, where outputs went, and marks that could not be restored. */
export const PANE_TEXT = {
  'zh-CN': {
    busy: '上一个操作尚未完成，请稍候。',
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
  },
  'en-US': {
    busy: 'The previous action is still running; please wait.',
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
  },
} satisfies Record<Lang, unknown>;
