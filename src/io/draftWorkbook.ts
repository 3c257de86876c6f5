import ExcelJS from 'exceljs';
import { draftGrids } from '../core/extract/draftReturn.js';
import type { ExtractedDocument } from '../core/extract/types.js';
import type { SheetGrid } from '../core/grid.js';
import type { Template } from '../core/template/types.js';
import { addGridSheet, workbookBytes } from './writeXlsx.js';

/** Column widths of a draft return: the 备注 column holds the sentences, so it is wide. */
export const DRAFT_WIDTHS = [6, 28, 10, 12, 80];

/** The draft workbook (command line and page): one sheet-form return per document, in order. */
export function draftWorkbook(docs: readonly ExtractedDocument[], template: Template): Promise<Uint8Array> {
  return gridsWorkbook(draftGrids(docs, template));
}

/** Draft grids (as the user corrected them on the page) → workbook bytes. */
export async function gridsWorkbook(grids: readonly SheetGrid[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const g of grids) addGridSheet(wb, g, DRAFT_WIDTHS);
  if (grids.length === 0) addGridSheet(wb, { name: '说明', values: [['未找到任何总结 / no summaries found']] });
  return workbookBytes(wb);
}
