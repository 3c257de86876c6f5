/// <reference types="office-js" />
/**
 * Writing the output tables (汇总, 明细, 校验结果, 累计, 环比) on the add-in's own sheets. A sheet is the
 * add-in's only by its marker (ownSheets.ts): a user's sheet with one of these names — or last month's
 * 汇总 renamed to keep it — is never deleted, renamed or written to; the table goes beside it (汇总(2))
 * and the result says so. Table names are made unique in the workbook (a kept old 汇总 keeps its
 * CR_Summary). Two syncs: what is there (names, markers, tables, protection), then every write.
 */
import type { OutputTable } from '../core/output/tables.js';
import { boxAddress, qualify } from './addresses.js';
import { Batch, jsonBytes, requestBytes } from './budget.js';
import { freeSheetName, freeTableName, ownSheets, queueMarker, queueMarkersLoad, queueUnmark } from './ownSheets.js';
import type { Session } from './session.js';
import { cellValue, formatFor, TEXT_FORMAT } from './textFormats.js';
import { ExcelRefusal, type WrittenSheet } from './types.js';

/** `=HYPERLINK("#'东 关'!D10","D10")`: a link to a cell of the workbook, showing the cell. */
function hyperlink(link: { sheet: string; cell: string }): string {
  const q = (s: string): string => s.replace(/"/g, '""');
  return `=HYPERLINK("#${q(qualify(link.sheet, link.cell))}","${q(link.cell)}")`;
}

/** Bytes of one row block written at a time (its values and formats). */
const BLOCK_BYTES = 1024 * 1024;

export async function writeOutputs(context: Excel.RequestContext, session: Session, tables: readonly OutputTable[]): Promise<WrittenSheet[]> {
  const wb = context.workbook;
  const sheets = wb.worksheets;
  // 1: what is there.
  sheets.load('items/name,items/visibility');
  const markers = queueMarkersLoad(context);
  const allTables = wb.tables;
  allTables.load('items/name,items/worksheet/name');
  const structure = session.host.isSetSupported('ExcelApi', '1.7') ? wb.protection.load('protected') : null;
  await context.sync();
  if (structure?.protected) throw new ExcelRefusal('workbook_protected');
  const names = sheets.items.map((s) => s.name);
  const own = ownSheets(markers, names);

  // Which sheets go: the add-in's own for every output key (and for keys this run does not write, such as
  // 累计/环比 after a one-month run), never another. Which names the new sheets take.
  const outputKeys = [...own.byKey.keys()].filter((k) => k !== 'Charts');
  const replaced = new Set(outputKeys.map((k) => own.byKey.get(k)!));
  const remaining = names.filter((n) => !replaced.has(n));
  const placed: WrittenSheet[] = [];
  const taken = [...remaining];
  for (const t of tables) {
    const sheet = freeSheetName(t.sheet, taken);
    taken.push(sheet);
    placed.push({ wanted: t.sheet, sheet });
  }
  // Table names in use after the old output sheets (and their tables) are gone; defined names share the namespace.
  const usedNames = [...allTables.items.filter((t) => !replaced.has(t.worksheet.name)).map((t) => t.name), ...markers.items.map((n) => n.name)];

  const batch = new Batch(context);
  // New sheets under temporary names first: deleting the old ones first could remove the last visible sheet.
  const temps: string[] = [];
  const added: Excel.Worksheet[] = [];
  for (const t of tables) {
    const temp = freeSheetName(`CR_new_${t.tableName}`.slice(0, 31), [...names, ...temps]);
    temps.push(temp);
    // Its id, in the same sync: the watcher knows the sheet's changes for the add-in's own.
    await batch.add(requestBytes(2, temp), () => void added.push(sheets.add(temp).load('id')));
  }
  for (const [i, t] of tables.entries()) {
    const ws = sheets.getItem(temps[i]!);
    const width = t.columns.length;
    await batch.add(requestBytes(2, t.columns), () => {
      const header = ws.getRange(boxAddress(0, 0, 0, width - 1));
      header.numberFormat = [t.columns.map(() => TEXT_FORMAT)];
      header.values = [t.columns.map((c) => c.header)];
    });
    // Rows in blocks of about 1 MB, each cell with its format: text as text, numbers in the column's format.
    for (let start = 0; start < t.rows.length; ) {
      let end = start;
      let bytes = 0;
      while (end < t.rows.length && (end === start || bytes < BLOCK_BYTES)) bytes += 2 * jsonBytes(t.rows[end++]) + 10 * width;
      const rows = t.rows.slice(start, end).map((r) => t.columns.map((_, j) => r[j] ?? null));
      const links = t.links?.slice(start, end);
      const at = boxAddress(start + 1, 0, end, width - 1);
      await batch.add(requestBytes(3) + bytes, () => {
        const range = ws.getRange(at);
        // A link is a HYPERLINK formula in the block (one operation for all, not one per cell).
        range.numberFormat = rows.map((r, i) => r.map((v, j) => (links?.[i] && j === t.linkColumn ? 'General' : formatFor(v, t.columns[j]!.numFmt))));
        range.values = rows.map((r, i) => r.map((v, j) => (links?.[i] && j === t.linkColumn ? hyperlink(links[i]!) : cellValue(v))));
      });
      start = end;
    }
    for (let i = 0; i < t.rows.length; i++) {
      if (t.kinds[i] === 'subtotal' || t.kinds[i] === 'total') {
        await batch.add(requestBytes(2), () => void (ws.getRange(boxAddress(i + 1, 0, i + 1, width - 1)).format.font.bold = true));
      }
    }
    for (let j = 0; j < width; j++) {
      const w = t.columns[j]!.width;
      if (w) await batch.add(requestBytes(2), () => void (ws.getRange(boxAddress(0, j, 0, j)).format.columnWidth = w * 7));
    }
    await batch.add(requestBytes(1), () => ws.freezePanes.freezeRows(1));
  }
  // The add-in's old output sheets and their markers go (stale markers too), then the new sheets take
  // their names, tables and markers.
  for (const k of outputKeys) await batch.add(requestBytes(2), () => sheets.getItem(own.byKey.get(k)!).delete());
  for (const k of [...outputKeys, ...own.stale.filter((s) => s !== 'Charts')]) await batch.add(requestBytes(1), () => queueUnmark(context, k));
  const freeMarkers = new Set([...outputKeys, ...own.stale].map((k) => `CR_OUT_${k}`.toLowerCase()));
  const tableTaken = usedNames.filter((n) => !freeMarkers.has(n.toLowerCase()));
  for (const [i, t] of tables.entries()) {
    const tableName = freeTableName(t.tableName, tableTaken);
    tableTaken.push(tableName);
    const sheet = placed[i]!.sheet;
    await batch.add(requestBytes(5, [sheet, tableName]), () => {
      const ws = sheets.getItem(temps[i]!);
      ws.name = sheet;
      const table = ws.tables.add(boxAddress(0, 0, t.rows.length, t.columns.length - 1), true);
      table.name = tableName;
      table.style = 'TableStyleLight9';
      queueMarker(context, t.tableName, sheet);
    });
  }
  if (placed[0]) await batch.add(requestBytes(1), () => sheets.getItem(placed[0]!.sheet).activate());
  await batch.flush();
  for (const ws of added) session.ownIds.add(ws.id);
  // What is there now, for the next read.
  const gone = new Set(outputKeys.map((k) => own.byKey.get(k)!));
  const after = [...names.filter((n) => !gone.has(n)), ...placed.map((p) => p.sheet)];
  const byName = new Map<string, string>([...own.byName].filter(([, k]) => k === 'Charts'));
  tables.forEach((t, i) => byName.set(placed[i]!.sheet, t.tableName));
  session.known = {
    names: after,
    own: { byName, byKey: new Map([...byName].map(([n, k]) => [k, n])), stale: [] },
    record: session.known?.record,
  };
  return placed;
}
