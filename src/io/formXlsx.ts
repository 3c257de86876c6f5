/**
 * The per-community form (填报表) as an .xlsx: {@link blankReturn}'s sheet with the community's header
 * filled in, Excel data validation with an input message and a Chinese error alert on every value cell,
 * label and header cells locked and the sheet protected without a password (so a user can lift it:
 * 审阅 → 撤销工作表保护), printed on one A4 page. Browser-safe: the page zips the same bytes.
 */
import ExcelJS from 'exceljs';
import { zipSync, type Zippable } from 'fflate';
import type { RosterEntry } from '../core/check/roster.js';
import { a1 } from '../core/grid.js';
import { BLANK_RETURN_LAYOUT as L, blankReturn } from '../core/output/blankReturn.js';
import { entryRule } from '../core/output/entryRule.js';
import { uniqueFileNames } from '../core/output/fileName.js';
import type { Template } from '../core/template/types.js';
import { addGridSheet, workbookBytes } from './writeXlsx.js';

/**
 * Column widths of the form (序号 | 指标名称 | 单位 | 本月数 | 备注). Column A is wide enough for the header
 * labels (联系电话): Excel cuts a label short when the cell to its right holds a value.
 */
export const FORM_COLUMN_WIDTHS = [10, 30, 10, 14, 26];
/** Row height (points) of the indicator rows: room to write by hand on the printed form. */
const ROW_HEIGHT = 20;

export interface NamedFile {
  name: string;
  bytes: Uint8Array;
}

const THIN = { style: 'thin', color: { argb: 'FF7F7F7F' } } as const;
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
/** Pale yellow: where the community types. */
const INPUT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF5CC' } };
const HEAD_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };

/** One community's form. */
export async function communityFormXlsx(template: Template, period: string, entry: RosterEntry): Promise<Uint8Array> {
  const grid = blankReturn(template, period, '填报表', { community: entry.community, street: entry.street });
  const wb = new ExcelJS.Workbook();
  addGridSheet(wb, grid, FORM_COLUMN_WIDTHS);
  const ws = wb.getWorksheet(grid.name)!;
  const at = ([r, c]: readonly [number, number]) => ws.getCell(r + 1, c + 1);
  const unlock = (cell: ExcelJS.Cell) => {
    cell.protection = { locked: false };
    cell.fill = INPUT_FILL;
  };
  const first = L.firstIndicatorRow;
  const lastIndicator = first + template.indicators.length - 1;
  const noteRow = lastIndicator + 1;

  // Title and header block.
  at(L.title).font = { bold: true, size: 16 };
  at(L.title).alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(L.title[0] + 1).height = 30;
  // Each header label stands just left of its value.
  for (const [r, c] of [L.community, L.street, L.period, L.reporter, L.phone]) at([r, c - 1]).font = { bold: true };
  // Filled in for the community: locked. A roster without a street leaves that cell for them to fill.
  if (entry.street === null) unlock(at(L.street));
  for (const cell of [L.reporter, L.phone] as const) unlock(at(cell));

  // The table: bordered; value and remark cells unlocked, each value cell validated by kind.
  for (let c = 0; c < L.width; c++) {
    const h = ws.getCell(L.tableHeaderRow + 1, c + 1);
    h.font = { bold: true };
    h.fill = HEAD_FILL;
    h.alignment = { horizontal: 'center', vertical: 'middle' };
    h.border = BORDER;
  }
  template.indicators.forEach((ind, i) => {
    const r = first + i + 1;
    ws.getRow(r).height = ROW_HEIGHT;
    for (let c = 1; c <= L.width; c++) {
      const cell = ws.getCell(r, c);
      cell.border = BORDER;
      cell.alignment = c === 1 || c === 3 ? { horizontal: 'center', vertical: 'middle' } : { vertical: 'middle' };
    }
    const value = ws.getCell(r, L.valueCol + 1);
    const remark = ws.getCell(r, L.remarkCol + 1);
    unlock(value);
    unlock(remark);
    const rule = entryRule(ind, template);
    value.dataValidation = {
      type: rule.type,
      allowBlank: true,
      operator: rule.max === null ? 'greaterThanOrEqual' : 'between',
      formulae: rule.max === null ? [rule.min] : [rule.min, rule.max],
      showInputMessage: true,
      promptTitle: rule.promptTitle,
      prompt: rule.prompt,
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: rule.errorTitle,
      error: rule.error,
    };
  });
  const note = ws.getCell(noteRow + 1, 1);
  note.alignment = { wrapText: true, vertical: 'top' };
  note.font = { color: { argb: 'FF595959' }, size: 10 };
  ws.getRow(noteRow + 1).height = 30;

  ws.views = [{ state: 'normal', showGridLines: false, activeCell: a1({}, first, L.valueCol) }];
  ws.pageSetup = {
    paperSize: 9, // A4
    orientation: 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 1,
    horizontalCentered: true,
    // exceljs prefixes each corner with `$`; the row's `$` is ours, so the defined name is $A$1:$E$35.
    printArea: `A$1:${a1({}, noteRow, L.width - 1).replace(/(\d+)$/, '$$$1')}`,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  // No password: protection guards against slips, and a user who must change a label can lift it.
  await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });
  return workbookBytes(wb);
}

/** One form per roster entry, in roster order, named after the community (safe and unique file names). */
export async function communityForms(template: Template, period: string, entries: readonly RosterEntry[]): Promise<NamedFile[]> {
  const names = uniqueFileNames(entries.map((e) => e.community), '.xlsx');
  const out: NamedFile[] = [];
  for (const [i, e] of entries.entries()) out.push({ name: names[i]!, bytes: await communityFormXlsx(template, period, e) });
  return out;
}

/** The forms as one .zip (UTF-8 names, fixed times so the same roster gives the same bytes). */
export function zipFiles(files: readonly NamedFile[]): Uint8Array {
  const z: Zippable = {};
  for (const f of files) z[f.name] = [f.bytes, { mtime: new Date(Date.UTC(2000, 0, 1)), level: 0 }];
  return zipSync(z);
}
