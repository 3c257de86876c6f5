/// <reference types="office-js" />
/**
 * Reading the workbook's sheets as grids. Round trips are the cost that matters (each `context.sync()`
 * is a network round trip on Excel on the web), so the normal read loads every return sheet's used range
 * by name in one sync; it needs the sheet names, which a fresh pane reads first (one more sync). Excel
 * on the web refuses a response over 5 MB: then the split read takes used-range sizes, then contents in
 * row blocks of at most `cellsPerSync` cells — within one sheet too — halving the block when refused.
 */
import type { CellRange, CellValue, SheetGrid, WorkbookGrids } from '../core/grid.js';
import { boxAddress, splitAddress } from './addresses.js';
import { errorCode, REQUEST_BUDGET, requestBytes } from './budget.js';
import { parseRecord, queueRecordLoad } from './markRecord.js';
import { isOwn, MARKS_SHEET, ownSheets, queueMarkersLoad } from './ownSheets.js';
import type { Known, Session } from './session.js';

export const DEFAULT_CELLS_PER_SYNC = 20_000;
/** Operations queued per sheet by the one-sync read: used range, its loads, merged areas. */
const OPS_PER_SHEET = 4;

type Book = WorkbookGrids & { activeSheet: string };

const isGeneral = (f: string): boolean => /^(general|g\/通用格式|常规|standard)$/i.test(f);

/** Excel's `values` (and formulas, formats) → a core grid: "" is an empty cell (null). */
export function toGrid(name: string, origin: { row: number; col: number }, values: unknown[][], formulas: unknown[][], formats: unknown[][]): SheetGrid {
  const grid: SheetGrid = {
    name,
    values: values.map((row) => row.map((v) => (v === '' || v === undefined || v === null ? null : (v as CellValue)))),
    origin,
  };
  const isFormula = (f: unknown): f is string => typeof f === 'string' && f.startsWith('=');
  if (formulas.some((row) => row.some(isFormula))) grid.formulas = formulas.map((row) => row.map((f) => (isFormula(f) ? f : null)));
  const fmt = (f: unknown): string | null => (typeof f === 'string' && !isGeneral(f) ? f : null);
  if (formats.some((row) => row.some((f) => fmt(f) !== null))) grid.numberFormats = formats.map((row) => row.map(fmt));
  return grid;
}

/** `S!A1:C1,S!A3:B3` → grid-relative merged areas. */
function parseMerges(address: string, origin: { row: number; col: number }): CellRange[] {
  const out: CellRange[] = [];
  for (const part of address.split(',')) {
    const at = splitAddress(part.trim());
    if (!at) continue;
    const b = at.box;
    out.push({ top: b.top - origin.row, left: b.left - origin.col, bottom: b.bottom - origin.row, right: b.right - origin.col });
  }
  return out;
}

function queueMerges(ws: Excel.Worksheet, mergedAreas: boolean): Excel.RangeAreas | null {
  if (!mergedAreas) return null;
  const m = ws.getRange().getMergedAreasOrNullObject();
  m.load('address');
  return m;
}

function withMerges(grid: SheetGrid, merges: Excel.RangeAreas | null): SheetGrid {
  const m = merges && !merges.isNullObject ? merges.address : '';
  if (m) grid.merges = parseMerges(m, grid.origin!);
  return grid;
}

/** The sheet names and the add-in's markers; one sync. */
export async function loadNames(context: Excel.RequestContext, session: Session): Promise<Known> {
  const sheets = context.workbook.worksheets;
  sheets.load('items/name');
  const markers = queueMarkersLoad(context);
  await context.sync();
  const names = sheets.items.map((s) => s.name);
  // The record seen before stays a hint (checked where it is relied on); without CR_Marks there is none.
  const known: Known = { names, own: ownSheets(markers, names), record: names.includes(MARKS_SHEET) ? session.known?.record : null };
  session.known = known;
  return known;
}

/**
 * The normal read: every return sheet of `k` by name, with the names and markers to check `k` against,
 * in one sync. Sheets added since, and sheets too big to come back whole (values null past 5 million
 * cells), are read after it by the split read. A sheet renamed or deleted since fails it (ItemNotFound).
 */
async function readByName(context: Excel.RequestContext, session: Session, k: Known, cellsPerSync: number): Promise<Book> {
  const { mergedAreas } = session.caps();
  const wb = context.workbook;
  wb.load('name');
  const active = wb.worksheets.getActiveWorksheet();
  active.load('name');
  wb.worksheets.load('items/name');
  const markers = queueMarkersLoad(context);
  const rec = k.names.includes(MARKS_SHEET) ? queueRecordLoad(context) : null;
  const loads = k.names
    .filter((n) => !isOwn(k.own, n))
    .map((name) => {
      const ws = wb.worksheets.getItem(name);
      const used = ws.getUsedRangeOrNullObject(true);
      used.load('address,values,formulas,numberFormat');
      return { name, used, merges: queueMerges(ws, mergedAreas) };
    });
  await context.sync();
  const names = wb.worksheets.items.map((s) => s.name);
  const own = ownSheets(markers, names);
  const grids = new Map<string, SheetGrid>();
  for (const { name, used, merges } of loads) {
    if (isOwn(own, name)) continue;
    if (used.isNullObject) grids.set(name, { name, values: [] });
    else if (used.values && used.formulas && used.numberFormat) {
      const at = splitAddress(used.address)!;
      grids.set(name, withMerges(toGrid(name, { row: at.box.top, col: at.box.left }, used.values, used.formulas, used.numberFormat), merges));
    }
  }
  const rest = names.filter((n) => !isOwn(own, n) && !grids.has(n));
  if (rest.length) for (const g of await readSheets(context, rest, cellsPerSync, mergedAreas)) grids.set(g.name, g);
  session.known = { names, own, record: rec ? (rec.isNullObject ? [] : parseRecord(rec.formulas)) : names.includes(MARKS_SHEET) ? undefined : null };
  return { file: wb.name, sheets: names.filter((n) => grids.has(n)).map((n) => grids.get(n)!), activeSheet: active.name };
}

/** The split read, for workbooks too big for one response: sizes, then row blocks under the limit. */
async function readSplit(context: Excel.RequestContext, session: Session, k: Known, cellsPerSync: number): Promise<Book> {
  const wb = context.workbook;
  wb.load('name');
  const active = wb.worksheets.getActiveWorksheet();
  active.load('name');
  const rec = k.names.includes(MARKS_SHEET) ? queueRecordLoad(context) : null;
  const stats = { syncs: 0 };
  const sheets = await readSheets(context, k.names.filter((n) => !isOwn(k.own, n)), cellsPerSync, session.caps().mergedAreas, stats);
  session.known = { ...k, record: rec ? (rec.isNullObject ? [] : parseRecord(rec.formulas)) : null, huge: stats.syncs > 1 };
  return { file: wb.name, sheets, activeSheet: active.name };
}

interface Block {
  name: string;
  /** Sheet rows and columns of the block (0-based, inclusive). */
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/**
 * Reads the named sheets: used-range sizes in one sync (with whatever else is queued), then contents in
 * blocks of whole rows, at most `cellsPerSync` cells a sync; a refused response halves the blocks.
 */
export async function readSheets(
  context: Excel.RequestContext,
  names: readonly string[],
  cellsPerSync: number,
  mergedAreas: boolean,
  stats = { syncs: 0 },
): Promise<SheetGrid[]> {
  const wb = context.workbook;
  const sized = names.map((name) => {
    const ws = wb.worksheets.getItem(name);
    const used = ws.getUsedRangeOrNullObject(true);
    used.load('address,rowCount,columnCount');
    return { name, used, merges: queueMerges(ws, mergedAreas) };
  });
  await context.sync();
  const parts = new Map<string, { origin: { row: number; col: number }; values: unknown[][]; formulas: unknown[][]; formats: unknown[][] }>();
  let todo: Block[] = [];
  for (const { name, used } of sized) {
    if (used.isNullObject) continue;
    const at = splitAddress(used.address)!.box;
    parts.set(name, { origin: { row: at.top, col: at.left }, values: [], formulas: [], formats: [] });
    const perBlock = Math.max(1, Math.floor(cellsPerSync / used.columnCount));
    for (let top = at.top; top <= at.bottom; top += perBlock) {
      todo.push({ name, top, bottom: Math.min(at.bottom, top + perBlock - 1), left: at.left, right: at.right });
    }
  }
  const cells = (b: Block): number => (b.bottom - b.top + 1) * (b.right - b.left + 1);
  const done: { block: Block; range: Excel.Range }[] = [];
  let limit = cellsPerSync;
  while (todo.length) {
    const take: Block[] = [];
    let n = 0;
    let bytes = 0;
    while (todo.length && (take.length === 0 || (n + cells(todo[0]!) <= limit && bytes + requestBytes(1) <= REQUEST_BUDGET))) {
      const b = todo.shift()!;
      take.push(b);
      n += cells(b);
      bytes += requestBytes(1);
    }
    const ranges = take.map((block) => {
      const range = wb.worksheets.getItem(block.name).getRange(boxAddress(block.top, block.left, block.bottom, block.right));
      range.load('values,formulas,numberFormat');
      return { block, range };
    });
    try {
      stats.syncs++;
      await context.sync();
      done.push(...ranges);
    } catch (e) {
      const single = take.length === 1 && take[0]!.top === take[0]!.bottom;
      if (errorCode(e) !== 'ResponsePayloadSizeLimitExceeded' || single) throw e;
      // Too big for one response: half the cells a sync, each block cut in two.
      limit = Math.max(1, Math.floor(limit / 2));
      const halves = take.flatMap((b) => {
        if (b.top === b.bottom) return [b];
        const mid = b.top + Math.floor((b.bottom - b.top) / 2);
        return [{ ...b, bottom: mid }, { ...b, top: mid + 1 }];
      });
      todo = [...halves, ...todo];
    }
  }
  const order = new Map(names.map((n, i) => [n, i]));
  done.sort((a, b) => order.get(a.block.name)! - order.get(b.block.name)! || a.block.top - b.block.top);
  for (const { block, range } of done) {
    const p = parts.get(block.name)!;
    p.values.push(...range.values);
    p.formulas.push(...range.formulas);
    p.formats.push(...range.numberFormat);
  }
  return sized.map(({ name, merges }) => {
    const p = parts.get(name);
    if (!p) return { name, values: [] };
    return withMerges(toGrid(name, p.origin, p.values, p.formulas, p.formats), merges);
  });
}

/** Reads every sheet but the add-in's own. */
export async function readAll(session: Session, cellsPerSync: number): Promise<Book> {
  const { host } = session;
  for (let attempt = 0; ; attempt++) {
    const hint = session.known;
    try {
      return await host.run(async (context) => {
        const k = hint ?? (await loadNames(context, session));
        const tooMany = requestBytes(OPS_PER_SHEET * k.names.length) > REQUEST_BUDGET;
        return k.huge || tooMany ? readSplit(context, session, k, cellsPerSync) : readByName(context, session, k, cellsPerSync);
      });
    } catch (e) {
      session.known = null;
      // Too big for one response (nothing was written): the split read, in a fresh batch.
      if (errorCode(e) === 'ResponsePayloadSizeLimitExceeded') {
        return host.run(async (context) => readSplit(context, session, { ...(await loadNames(context, session)), huge: true }, cellsPerSync));
      }
      // A sheet of the hint renamed or deleted since: once more from the names.
      if (attempt > 0 || !hint || errorCode(e) !== 'ItemNotFound') throw e;
    }
  }
}
