import { cellAt, isBlank, numberFormatAt, type CellValue, type SheetGrid } from '../grid.js';
import { foldText } from '../text/normalize.js';

export type FieldId = 'community' | 'street' | 'period' | 'reporter' | 'phone';

/**
 * Labels of the header block (longer labels are tried first, so 社区名称 beats 社区). A bare 单位 is not
 * among them: it heads the unit column of the indicator table.
 */
export const FIELD_LABELS: Record<FieldId, readonly string[]> = {
  community: ['社区(村)名称', '村(社区)名称', '社区名称', '单位名称', '填报单位', '社区(村)', '村(社区)', '村居名称', '村名', '社区'],
  street: ['所属街道(乡镇)', '所属街道', '街道名称', '所属镇街', '乡镇街道', '街道(乡镇)', '镇街', '街道'],
  period: ['报告期', '报告月份', '统计月份', '填报月份', '报表期', '报告时间', '统计时间', '月份', '时间'],
  reporter: ['填报人', '填表人', '统计人', '联系人', '制表人'],
  phone: ['联系电话', '电话号码', '手机号码', '电话', '手机'],
};

const FOLDED: [FieldId, string][] = (Object.entries(FIELD_LABELS) as [FieldId, readonly string[]][])
  .flatMap(([id, labels]) => labels.map((l) => [id, foldText(l)] as [FieldId, string]))
  .sort((a, b) => b[1].length - a[1].length);

/** Which header field a cell's label names, and the text after its colon (if any). */
export function fieldOfCell(v: CellValue): { id: FieldId; rest: string } | null {
  if (typeof v !== 'string') return null;
  const s = foldText(v);
  for (const [id, label] of FOLDED) {
    if (!s.startsWith(label)) continue;
    const after = s.slice(label.length);
    if (after === '') return { id, rest: '' };
    // Only `label：value`; 社区卫生服务中心 must not be read as the label 社区.
    const m = /^[:：]+(.*)$/u.exec(after);
    if (m) return { id, rest: m[1]!.trim() };
  }
  return null;
}

export interface FieldHit {
  value: CellValue;
  numberFormat: string | null;
  row: number;
  col: number;
}

/**
 * Finds the header block's fields anywhere in the sheet: `填报单位：阳光社区` in one cell, or the label
 * in one cell and the value in the next non-empty cell to its right (merged label cells leave blanks).
 */
export function findFields(grid: SheetGrid, skipRows: ReadonlySet<number> = new Set()): Partial<Record<FieldId, FieldHit>> {
  const out: Partial<Record<FieldId, FieldHit>> = {};
  for (let r = 0; r < grid.values.length; r++) {
    if (skipRows.has(r)) continue;
    // Each row only as far as its own last cell: one far-away cell (XFD1048576) must not make every row 16,384 wide.
    const width = grid.values[r]!.length;
    for (let c = 0; c < width; c++) {
      const f = fieldOfCell(cellAt(grid, r, c));
      if (!f || out[f.id]) continue;
      if (f.rest) {
        out[f.id] = { value: f.rest, numberFormat: null, row: r, col: c };
        continue;
      }
      for (let k = c + 1; k < Math.min(width, c + 6); k++) {
        const v = cellAt(grid, r, k);
        if (isBlank(v)) continue;
        if (fieldOfCell(v)) break;
        out[f.id] = { value: v, numberFormat: numberFormatAt(grid, r, k), row: r, col: k };
        break;
      }
    }
  }
  return out;
}

/** Cleans a community or street name: Simplified script, no spaces, no (盖章) / (公章) tail. */
export function cleanName(v: CellValue): string {
  if (v === null) return '';
  return foldText(String(v))
    .replace(/[(（](?:盖章|公章|签章|章)[)）]$/u, '')
    .replace(/[:：]+$/u, '');
}
