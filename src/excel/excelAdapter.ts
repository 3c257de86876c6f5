/// <reference types="office-js" />
/**
 * The only module that calls `Excel.run`. Everything it takes and gives is plain data (grids, marks,
 * output tables), so the task pane and the core never see `Excel`.
 *
 * Round trips are the cost that matters (each `context.sync()` is a network round trip on Excel on the
 * web), so every function queues all its reads before one sync and all its writes before another, and
 * splits only where Excel's 5 MB request/response limit forces it. Reading the whole workbook takes one
 * sync (the sheets walked with `getNextOrNullObject`, or by name when an earlier call saw them); marking
 * takes two (fills and notes; writes), using what the read saw of the mark record. What the adapter saw
 * is only a hint: it is checked in the sync that relies on it, and a stale one costs syncs, not results.
 */
import type { Severity } from '../core/findings/codes.js';
import { columnLetters, parseA1, type CellRange, type CellValue, type SheetGrid, type WorkbookGrids } from '../core/grid.js';
import { MONTH_SHEETS } from '../core/months/tables.js';
import { OUTPUT_SHEETS, type OutputTable } from '../core/output/tables.js';

/** A finding to show on its cell: a fill colour by severity and the message as a note or comment. */
export interface CellMark {
  sheet: string;
  /** A1 address as the user sees it (`C7`). */
  cell: string;
  severity: Severity;
  message: string;
}

export type NoteKind = 'note' | 'comment' | 'none';

export interface Capabilities {
  /** How messages are attached to cells: notes (ExcelApi 1.18), else comments (1.10), else not at all. */
  notes: NoteKind;
  /** Merged areas can be read (ExcelApi 1.13). */
  mergedAreas: boolean;
  /** `fill.pattern` tells "no fill" from white (ExcelApi 1.9). */
  fillPattern: boolean;
}

export interface MarkResult {
  marked: number;
  /** Cells that already carried the user's own note/comment: coloured, but their note was left alone. */
  noteSkipped: number;
  notes: NoteKind;
}

/** Input of `insertReturnSheet`: a grid to write (the standard form), or a sheet of the workbook to copy. */
export type NewReturnSheet = { grid: SheetGrid; copyOf?: undefined } | { copyOf: string; grid?: undefined };

/** A chart to draw natively: a small data block written on the 图表 sheet and a chart bound to it. */
export interface NativeChart {
  title: string;
  categoryTitle: string;
  valueTitle: string;
  /** Columns, horizontal bars or lines for the main series. */
  type: 'column' | 'bar' | 'line';
  categories: string[];
  /** One column of the data block each; `line` draws it as a line (the target) over the columns. */
  series: { name: string; values: (number | null)[]; line?: boolean }[];
  /** Per category, a fill for the first series' point (below the target), or null for the default. */
  pointColors?: (string | null)[];
}

/** The sheet native charts go to. */
export const CHART_SHEET = '图表';

export interface ReadOptions {
  /** Upper bound on cells read per sync by the split read (huge workbooks), to stay under Excel's 5 MB response limit. */
  cellsPerSync?: number;
}

/** The functions `Excel.run` and `isSetSupported`, injectable so tests can hand in a fake Excel. */
export interface ExcelHost {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  isSetSupported(name: string, version: string): boolean;
}

/** Hidden sheet that remembers what marking changed, so 清除标记 can undo exactly that. */
export const MARKS_SHEET = 'CR_Marks';
/** Every note or comment the add-in writes starts with this, so its own can be told from the user's. */
export const NOTE_PREFIX = '【社区报表】';
export const MARK_COLORS: Record<Severity, string> = { error: '#FFC7CE', warning: '#FFEB9C', info: '#DDEBF7' };

const OWN_SHEETS = new Set<string>([MARKS_SHEET, CHART_SHEET, ...Object.values(OUTPUT_SHEETS), ...Object.values(MONTH_SHEETS)]);
/** Leaves room under the 5 MB request limit for Excel's own envelope. */
const REQUEST_BUDGET = 4 * 1024 * 1024;
const DEFAULT_CELLS_PER_SYNC = 60_000;
/**
 * How many sheets the one-sync read walks (`getFirst` → `getNextOrNullObject`). A workbook with more is
 * read the split way; the walk's cost beyond the last sheet is a few bytes of request per null object.
 */
const WALK_CAP = 500;
/** Rows a native chart covers on the 图表 sheet (about 16:9 with ten default-width columns). */
const CHART_ROWS = 22;

function defaultHost(): ExcelHost {
  return {
    run: (batch) => Excel.run(batch),
    isSetSupported: (name, version) => Office.context.requirements.isSetSupported(name, version),
  };
}

/** `'My sheet'!A1` for any sheet name (quotes doubled inside). */
export function qualify(sheet: string, address: string): string {
  return `'${sheet.replace(/'/g, "''")}'!${address}`;
}

/** `Sheet1!B2:F9` or `'a b'!B2` → sheet name and 0-based box. */
export function splitAddress(address: string): { sheet: string; box: CellRange } | null {
  const bang = address.lastIndexOf('!');
  let sheet = bang >= 0 ? address.slice(0, bang) : '';
  if (sheet.startsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  const [a, b] = address.slice(bang + 1).split(':');
  const p = parseA1(a ?? '');
  const q = b ? parseA1(b) : p;
  if (!p || !q) return null;
  return { sheet, box: { top: p.row, left: p.col, bottom: q.row, right: q.col } };
}

/** 0-based column → letters, by the core's one A1 helper. */
const colLetters = (col: number): string => columnLetters(col + 1);

/** 0-based box → `B2:F9`. */
function boxAddress(top: number, left: number, bottom: number, right: number): string {
  return `${colLetters(left)}${top + 1}:${colLetters(right)}${bottom + 1}`;
}

const isGeneral = (f: string): boolean => /^(general|g\/通用格式|常规|standard)$/i.test(f);

/** Excel's `values` → core cells: "" is an empty cell (null). */
function toGrid(name: string, address: string, values: unknown[][], formulas: unknown[][], formats: string[][]): SheetGrid {
  const at = splitAddress(address);
  const grid: SheetGrid = {
    name,
    values: values.map((row) => row.map((v) => (v === '' || v === undefined ? null : (v as CellValue)))),
    origin: at ? { row: at.box.top, col: at.box.left } : { row: 0, col: 0 },
  };
  if (formulas.some((row) => row.some((f) => typeof f === 'string' && f.startsWith('=')))) {
    grid.formulas = formulas.map((row) => row.map((f) => (typeof f === 'string' && f.startsWith('=') ? f : null)));
  }
  if (formats.some((row) => row.some((f) => !isGeneral(f)))) {
    grid.numberFormats = formats.map((row) => row.map((f) => (isGeneral(f) ? null : f)));
  }
  return grid;
}

/** Approximate request bytes of writing these values (JSON, as Office.js sends them). */
function jsonBytes(v: unknown): number {
  let n = 0;
  const s = JSON.stringify(v);
  for (let i = 0; i < s.length; i++) n += s.charCodeAt(i) < 0x80 ? 1 : 3;
  return n;
}

/**
 * Queues writes and syncs whenever the queued request would pass the budget, so no request exceeds
 * Excel's 5 MB limit however much is written.
 */
class WriteBatch {
  private bytes = 0;
  constructor(private readonly context: Excel.RequestContext) {}
  async add(bytes: number, queue: () => void): Promise<void> {
    if (this.bytes > 0 && this.bytes + bytes > REQUEST_BUDGET) await this.flush();
    queue();
    this.bytes += bytes + 200;
  }
  async flush(): Promise<void> {
    if (this.bytes === 0) return;
    await this.context.sync();
    this.bytes = 0;
  }
}

export interface ExcelAdapter {
  capabilities(): Capabilities;
  /** Visible sheet names in tab order, without the add-in's own sheets; one sync. */
  listSheets(): Promise<string[]>;
  readAllSheets(options?: ReadOptions): Promise<WorkbookGrids & { activeSheet: string }>;
  markFindings(marks: readonly CellMark[]): Promise<MarkResult>;
  clearMarks(): Promise<{ restored: number }>;
  writeOutputSheets(tables: readonly OutputTable[]): Promise<void>;
  selectCell(sheet: string, cell: string): Promise<void>;
  insertReturnSheet(input: NewReturnSheet, name?: string): Promise<string>;
  /** Adds a native chart (and the data block it is bound to) below the earlier ones on 图表. */
  insertChart(chart: NativeChart): Promise<string>;
}

interface MarkRecord {
  sheet: string;
  cell: string;
  /** Fill before marking: a colour, or '' for no fill. */
  fill: string;
  /** The colour the add-in wrote (restored only if the cell still has it). */
  mark: string;
  note: NoteKind;
}

const RECORD_HEADER = ['sheet', 'cell', 'fill', 'mark', 'note'];

function parseRecord(values: unknown[][]): MarkRecord[] {
  return values.slice(1).map((r) => ({
    sheet: String(r[0]),
    cell: String(r[1]),
    fill: String(r[2] ?? ''),
    mark: String(r[3] ?? ''),
    note: String(r[4] || 'none') as NoteKind,
  }));
}

const sameRecord = (a: readonly MarkRecord[], b: readonly MarkRecord[]): boolean => JSON.stringify(a) === JSON.stringify(b);

/** `Sheet\0C7`, with the cell written the one way (`$c$7` → `C7`). */
function cellKey(sheet: string, cell: string): string {
  const p = parseA1(cell);
  return `${sheet}\u0000${p ? `${colLetters(p.col)}${p.row + 1}` : cell}`;
}

const errorCode = (e: unknown): string => String((e as { code?: unknown } | null)?.code ?? '');

/**
 * What the adapter last saw of the workbook. Only a hint to save round trips: whatever relies on it is
 * checked in the same sync, and a stale hint costs extra syncs, never a wrong result.
 */
interface Known {
  /** Every sheet in tab order, the add-in's own included. */
  names: string[];
  /** The rows of CR_Marks; null when there is no such sheet; undefined when not read. */
  record: MarkRecord[] | null | undefined;
  /** The last read needed the split read for its size: the next one goes straight to it. */
  huge?: boolean;
}

/** The loads queued for one sheet's used range (values, formulas, formats) and merged areas. */
interface SheetLoad {
  used: Excel.Range;
  merges: Excel.RangeAreas | null;
}

function queueSheetLoad(ws: Excel.Worksheet, mergedAreas: boolean): SheetLoad {
  const used = ws.getUsedRangeOrNullObject(true);
  used.load('address,values,formulas,numberFormat');
  const merges = mergedAreas ? ws.getRange().getMergedAreasOrNullObject() : null;
  merges?.load('address');
  return { used, merges };
}

function gridOf(name: string, { used, merges }: SheetLoad): SheetGrid {
  if (used.isNullObject) return { name, values: [] };
  const grid = toGrid(name, used.address, used.values, used.formulas, used.numberFormat);
  const m = merges && !merges.isNullObject ? merges.address : '';
  if (m) grid.merges = parseMerges(m, grid.origin!);
  return grid;
}

/** Builds the adapter over a host (the real Excel by default). */
export function createExcelAdapter(host: ExcelHost = defaultHost()): ExcelAdapter {
  const caps = (): Capabilities => ({
    notes: host.isSetSupported('ExcelApi', '1.18') ? 'note' : host.isSetSupported('ExcelApi', '1.10') ? 'comment' : 'none',
    mergedAreas: host.isSetSupported('ExcelApi', '1.13'),
    fillPattern: host.isSetSupported('ExcelApi', '1.9'),
  });

  let known: Known | null = null;
  /** Remembers a full list of sheet names (the record is kept only while CR_Marks is in it). */
  function learnNames(names: string[]): void {
    known = { names, record: names.includes(MARKS_SHEET) ? (known?.record ?? undefined) : null };
  }

  function notHuge(): void {
    if (known) known.huge = false;
  }

  /** Sheet names in tab order; one sync. */
  async function sheetNames(context: Excel.RequestContext): Promise<{ name: string; visibility: string }[]> {
    const sheets = context.workbook.worksheets;
    sheets.load('items/name,items/visibility');
    await context.sync();
    const list = sheets.items.map((s) => ({ name: s.name, visibility: s.visibility as string }));
    learnNames(list.map((s) => s.name));
    return list;
  }

  function queueRecordLoad(context: Excel.RequestContext): Excel.Range {
    const used = context.workbook.worksheets.getItem(MARKS_SHEET).getUsedRangeOrNullObject(true);
    used.load('values');
    return used;
  }

  /** Writes the record of this marking to a new very hidden sheet (none when nothing was marked). */
  function queueRecord(context: Excel.RequestContext, records: readonly MarkRecord[]): void {
    if (records.length === 0) return;
    const ws = context.workbook.worksheets.add(MARKS_SHEET);
    ws.visibility = 'VeryHidden' as Excel.SheetVisibility;
    const rows = [RECORD_HEADER, ...records.map((r) => [r.sheet, r.cell, r.fill, r.mark, r.note])];
    const range = ws.getRange(boxAddress(0, 0, rows.length - 1, RECORD_HEADER.length - 1));
    range.numberFormat = rows.map((r) => r.map(() => '@'));
    range.values = rows;
  }

  /**
   * The normal read, one sync, knowing nothing of the workbook: walk the sheets from the first with
   * `getNextOrNullObject` (ExcelApi 1.5) and load every used range on the way. Throws when the walk is
   * too short for the workbook, or the response too big; the caller then falls back to `readSplit`.
   */
  async function readWalk(context: Excel.RequestContext, mergedAreas: boolean) {
    const wb = context.workbook;
    wb.load('name');
    const active = wb.worksheets.getActiveWorksheet();
    active.load('name');
    const walk: { ws: Excel.Worksheet; load: SheetLoad }[] = [];
    let ws = wb.worksheets.getFirst();
    for (let i = 0; i < WALK_CAP; i++) {
      ws.load('name');
      walk.push({ ws, load: queueSheetLoad(ws, mergedAreas) });
      ws = ws.getNextOrNullObject();
    }
    ws.load('name');
    await context.sync();
    if (!ws.isNullObject) throw new Error(`more than ${WALK_CAP} sheets`);
    const names: string[] = [];
    const sheets: SheetGrid[] = [];
    let record: MarkRecord[] | null = null;
    for (const { ws: w, load } of walk) {
      if (w.isNullObject) break;
      names.push(w.name);
      if (w.name === MARKS_SHEET) record = load.used.isNullObject ? [] : parseRecord(load.used.values);
      else if (!OWN_SHEETS.has(w.name)) sheets.push(gridOf(w.name, load));
    }
    known = { names, record };
    return { file: wb.name, sheets, activeSheet: active.name };
  }

  /**
   * The normal read when the sheets are known from an earlier call: the known ones by name (so the
   * add-in's own output sheets are not read), with the list of names to check against, in one sync.
   * Sheets added since are read after it; a sheet renamed or deleted since fails it (ItemNotFound).
   */
  async function readKnown(context: Excel.RequestContext, hint: Known, cellsPerSync: number, mergedAreas: boolean) {
    const wb = context.workbook;
    wb.load('name');
    const active = wb.worksheets.getActiveWorksheet();
    active.load('name');
    wb.worksheets.load('items/name');
    const loads = hint.names.filter((n) => !OWN_SHEETS.has(n)).map((name) => ({ name, load: queueSheetLoad(wb.worksheets.getItem(name), mergedAreas) }));
    const rec = hint.names.includes(MARKS_SHEET) ? queueRecordLoad(context) : null;
    await context.sync();
    const names = wb.worksheets.items.map((s) => s.name);
    const grids = new Map(loads.map(({ name, load }) => [name, gridOf(name, load)]));
    const added = names.filter((n) => !OWN_SHEETS.has(n) && !grids.has(n));
    if (added.length) for (const g of await readSheets(context, added, cellsPerSync, mergedAreas)) grids.set(g.name, g);
    known = { names, record: rec ? (rec.isNullObject ? [] : parseRecord(rec.values)) : names.includes(MARKS_SHEET) ? undefined : null };
    return { file: wb.name, sheets: names.filter((n) => grids.has(n)).map((n) => grids.get(n)!), activeSheet: active.name };
  }

  /**
   * The split read, for huge workbooks: names (unless given); used-range sizes; contents in syncs of at
   * most `cellsPerSync` cells.
   */
  async function readSplit(context: Excel.RequestContext, cellsPerSync: number, mergedAreas: boolean, given?: string[]) {
    const wb = context.workbook;
    wb.load('name');
    const active = wb.worksheets.getActiveWorksheet();
    active.load('name');
    const all = given ?? (await sheetNames(context)).map((s) => s.name);
    const names = all.filter((n) => !OWN_SHEETS.has(n));
    const rec = all.includes(MARKS_SHEET) ? queueRecordLoad(context) : null;
    const syncs = { n: 0 };
    const sheets = await readSheets(context, names, cellsPerSync, mergedAreas, syncs);
    known = { names: all, record: rec ? (rec.isNullObject ? [] : parseRecord(rec.values)) : null, huge: syncs.n > 1 };
    return { file: wb.name, sheets, activeSheet: active.name };
  }

  /** Reads the named sheets: sizes in one sync (with whatever else is queued), then contents under the limit. */
  async function readSheets(
    context: Excel.RequestContext,
    names: readonly string[],
    cellsPerSync: number,
    mergedAreas: boolean,
    contentSyncs = { n: 0 },
  ): Promise<SheetGrid[]> {
    const wb = context.workbook;
    const used = names.map((n) => {
      const ws = wb.worksheets.getItem(n);
      const u = ws.getUsedRangeOrNullObject(true);
      u.load('address,rowCount,columnCount');
      const merges = mergedAreas ? ws.getRange().getMergedAreasOrNullObject() : null;
      merges?.load('address');
      return { name: n, u, merges };
    });
    await context.sync();
    const grids: SheetGrid[] = [];
    let pending: { name: string; load: SheetLoad }[] = [];
    let cells = 0;
    const drain = async (): Promise<void> => {
      if (!pending.length) return;
      await context.sync();
      contentSyncs.n++;
      for (const p of pending) grids.push(gridOf(p.name, p.load));
      pending = [];
      cells = 0;
    };
    for (const { name, u, merges } of used) {
      if (u.isNullObject) {
        grids.push({ name, values: [] });
        continue;
      }
      const n = u.rowCount * u.columnCount;
      if (cells > 0 && cells + n > cellsPerSync) await drain();
      const r = wb.worksheets.getItem(name).getRange(u.address.slice(u.address.lastIndexOf('!') + 1));
      r.load('address,values,formulas,numberFormat');
      pending.push({ name, load: { used: r, merges } });
      cells += n;
    }
    await drain();
    const order = new Map(names.map((n, i) => [n, i]));
    return grids.sort((a, b) => order.get(a.name)! - order.get(b.name)!);
  }

  /**
   * The sheet names and the mark record when they are not known. Guessing that CR_Marks exists reads
   * both in one sync (a wrong guess fails that read with ItemNotFound, and the names take a second);
   * guessing it does not reads the names, and the record only if the guess was wrong.
   */
  async function probe(context: Excel.RequestContext, guessRecord: boolean): Promise<Known> {
    const sheets = context.workbook.worksheets;
    sheets.load('items/name');
    let rec = guessRecord ? queueRecordLoad(context) : null;
    try {
      await context.sync();
    } catch (e) {
      if (!rec || errorCode(e) !== 'ItemNotFound') throw e;
      rec = null;
      sheets.load('items/name');
      await context.sync();
    }
    const names = sheets.items.map((s) => s.name);
    if (!rec && names.includes(MARKS_SHEET)) {
      rec = queueRecordLoad(context);
      await context.sync();
    }
    known = { names, record: rec ? (rec.isNullObject ? [] : parseRecord(rec.values)) : null };
    return known;
  }

  /**
   * Marks these cells (none: only clears), first undoing the earlier marks: one sync reads the fills and
   * notes of every cell involved, checking the hint it relied on; one writes everything (more only past
   * the 5 MB request limit). Without a hint, or with a stale one, `probe` adds one or two syncs first.
   */
  async function remark(context: Excel.RequestContext, marks: readonly CellMark[]): Promise<MarkResult & { restored: number }> {
    const c = caps();
    const { notes, fillPattern } = c;
    const sheets = context.workbook.worksheets;
    for (let attempt = 0; ; attempt++) {
      const state: Known = known && known.record !== undefined ? known : await probe(context, marks.length === 0);
      const names = new Set(state.names);
      // One mark per cell: the most severe, messages joined.
      const byCell = new Map<string, CellMark & { messages: string[] }>();
      const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
      for (const m of marks) {
        if (!names.has(m.sheet) || OWN_SHEETS.has(m.sheet) || !parseA1(m.cell)) continue;
        const key = cellKey(m.sheet, m.cell);
        const had = byCell.get(key);
        if (!had) byCell.set(key, { ...m, messages: [m.message] });
        else {
          had.messages.push(m.message);
          if (rank[m.severity] < rank[had.severity]) had.severity = m.severity;
        }
      }
      const earlier = new Map((state.record ?? []).filter((r) => names.has(r.sheet) && parseA1(r.cell)).map((r) => [cellKey(r.sheet, r.cell), r]));

      // 1: the names and the record (to check the hint), and every involved cell's fill and note.
      sheets.load('items/name');
      const rec = state.record ? queueRecordLoad(context) : null;
      const cells = new Map<string, { sheet: string; cell: string; range: Excel.Range; note: Excel.Note | null }>();
      for (const [key, x] of [...byCell, ...earlier]) {
        if (cells.has(key)) continue;
        const range = sheets.getItem(x.sheet).getRange(x.cell);
        range.format.fill.load(fillPattern && byCell.has(key) ? 'color,pattern' : 'color');
        const wantNote = notes === 'note' && (byCell.has(key) || earlier.get(key)!.note === 'note');
        const note = wantNote ? sheets.getItem(x.sheet).notes.getItemOrNullObject(x.cell) : null;
        note?.load('content');
        cells.set(key, { sheet: x.sheet, cell: x.cell, range, note });
      }
      // Comments (ExcelApi 1.10, hosts without notes, or comments from such a host's earlier marking).
      const commentSheets = new Set<string>();
      if (notes === 'comment') for (const m of byCell.values()) commentSheets.add(m.sheet);
      if (notes !== 'none') for (const r of earlier.values()) if (r.note === 'comment') commentSheets.add(r.sheet);
      const comments = [...commentSheets].map((s) => ({ s, col: sheets.getItem(s).comments.load('items/content') }));
      try {
        await context.sync();
      } catch (e) {
        // A sheet of the hint is gone (ItemNotFound): once more with fresh names and record.
        if (attempt > 0 || errorCode(e) !== 'ItemNotFound') throw e;
        known = null;
        continue;
      }
      const now = sheets.items.map((s) => s.name);
      const nowRecord = rec ? (rec.isNullObject ? [] : parseRecord(rec.values)) : null;
      const stale =
        now.includes(MARKS_SHEET) !== (state.record !== null) ||
        (nowRecord !== null && !sameRecord(nowRecord, state.record ?? [])) ||
        marks.some((m) => !names.has(m.sheet) && now.includes(m.sheet));
      if (stale) {
        if (attempt > 1) throw new Error('the workbook changed while marking; try again');
        known = { names: now, record: nowRecord ?? (now.includes(MARKS_SHEET) ? undefined : null) };
        continue;
      }
      // Older hosts: where the comments are takes one more sync.
      const commentAt = new Map<string, Excel.Comment>();
      if (comments.some(({ col }) => col.items.length)) {
        const locs = comments.flatMap(({ s, col }) => col.items.map((item) => ({ s, item, loc: item.getLocation().load('address') })));
        await context.sync();
        for (const { s, item, loc } of locs) {
          const at = splitAddress(loc.address);
          if (at) commentAt.set(cellKey(s, `${colLetters(at.box.left)}${at.box.top + 1}`), item);
        }
      }
      const ours = (text: string | undefined): boolean => (text ?? '').startsWith(NOTE_PREFIX);

      // 2: everything written, in requests under the limit.
      const batch = new WriteBatch(context);
      // Earlier marks on cells not marked now: our colour off (only where the cell still shows it), our note gone.
      for (const [key, r] of earlier) {
        if (byCell.has(key)) continue;
        const { range, note } = cells.get(key)!;
        const comment = r.note === 'comment' ? commentAt.get(key) : undefined;
        await batch.add(200, () => {
          if ((range.format.fill.color ?? '').toUpperCase() === r.mark.toUpperCase()) {
            if (r.fill === '') range.format.fill.clear();
            else range.format.fill.color = r.fill;
          }
          if (r.note === 'note' && note && !note.isNullObject && ours(note.content)) note.delete();
          if (comment && ours(comment.content)) comment.delete();
        });
      }
      const records: MarkRecord[] = [];
      let noteSkipped = 0;
      for (const [key, m] of byCell) {
        const { range, note } = cells.get(key)!;
        const before = earlier.get(key);
        const fill = range.format.fill;
        const noFill = fillPattern ? fill.pattern === 'None' : fill.color === '#FFFFFF';
        const current = noFill ? '' : (fill.color ?? '');
        // A cell still showing the earlier mark had, underneath, the fill recorded then.
        const original = before && current.toUpperCase() === before.mark.toUpperCase() ? before.fill : current;
        const color = MARK_COLORS[m.severity];
        const text = `${NOTE_PREFIX}${m.messages.join('\n')}`;
        let kind: NoteKind = 'none';
        let drop: (() => void) | null = null;
        if (notes === 'note' && note) {
          if (note.isNullObject) kind = 'note';
          else if (before?.note === 'note' && ours(note.content)) {
            kind = 'note';
            drop = () => note.delete();
          } else noteSkipped++;
        } else if (notes === 'comment') {
          const existing = commentAt.get(key);
          if (!existing) kind = 'comment';
          else if (before?.note === 'comment' && ours(existing.content)) {
            kind = 'comment';
            drop = () => existing.delete();
          } else noteSkipped++;
        }
        if (before?.note === 'comment' && notes === 'note') {
          const old = commentAt.get(key);
          if (old && ours(old.content)) drop = () => old.delete();
        }
        await batch.add(jsonBytes(text) + 300, () => {
          drop?.();
          fill.color = color;
          if (kind === 'note') sheets.getItem(m.sheet).notes.add(m.cell, text);
          if (kind === 'comment') sheets.getItem(m.sheet).comments.add(m.cell, text);
        });
        records.push({ sheet: m.sheet, cell: m.cell, fill: original, mark: color, note: kind });
      }
      // The record last, so that a batch failing on the way leaves the earlier one in place.
      if (state.record) await batch.add(100, () => sheets.getItem(MARKS_SHEET).delete());
      if (records.length) await batch.add(jsonBytes(records) + 500, () => queueRecord(context, records));
      await batch.flush();
      const after = now.filter((n) => n !== MARKS_SHEET);
      known = records.length ? { names: [...after, MARKS_SHEET], record: records } : { names: after, record: null };
      return { marked: records.length, noteSkipped, notes, restored: earlier.size };
    }
  }

  return {
    capabilities: caps,

    async listSheets() {
      return host.run(async (context) =>
        (await sheetNames(context)).filter((s) => s.visibility === 'Visible' && !OWN_SHEETS.has(s.name)).map((s) => s.name),
      );
    },

    async readAllSheets(options: ReadOptions = {}) {
      const cellsPerSync = options.cellsPerSync ?? DEFAULT_CELLS_PER_SYNC;
      const { mergedAreas } = caps();
      const hint = known;
      if (hint?.huge) return host.run((context) => readSplit(context, cellsPerSync, mergedAreas));
      try {
        return await host.run((context) => (hint ? readKnown(context, hint, cellsPerSync, mergedAreas) : readWalk(context, mergedAreas)));
      } catch (e) {
        // The one-sync read failed (nothing was written): too big for one response (Excel on the web:
        // ResponsePayloadSizeLimitExceeded), more sheets than the walk covers, a sheet renamed or deleted
        // since the hint, or a host that will not derive from a null object. Fresh batches: the names,
        // then the returns by name in one sync (the walk also read the add-in's output sheets, which may
        // be what was too big), else the split read.
        known = null;
        const tooBig = (x: unknown): boolean => errorCode(x) === 'ResponsePayloadSizeLimitExceeded';
        let refused = tooBig(e);
        const all = (await host.run((context) => sheetNames(context))).map((s) => s.name);
        const outputs = all.some((n) => OWN_SHEETS.has(n) && n !== MARKS_SHEET);
        if (!(refused && (hint || !outputs))) {
          const fresh: Known = { names: all, record: all.includes(MARKS_SHEET) ? undefined : null };
          try {
            return await host.run((context) => readKnown(context, fresh, cellsPerSync, mergedAreas));
          } catch (again) {
            known = null;
            refused = tooBig(again);
          }
        }
        const book = await host.run((context) => readSplit(context, cellsPerSync, mergedAreas, all));
        // Only a workbook refused for its size skips the one-sync read next time.
        if (!refused) notHuge();
        return book;
      }
    },

    async markFindings(marks) {
      return host.run(async (context) => {
        const { marked, noteSkipped, notes } = await remark(context, marks);
        return { marked, noteSkipped, notes };
      });
    },

    async clearMarks() {
      return host.run(async (context) => ({ restored: (await remark(context, [])).restored }));
    },

    async writeOutputSheets(tables) {
      return host.run(async (context) => {
        const sheets = context.workbook.worksheets;
        const existing = await sheetNames(context);
        const names = new Set(existing.map((s) => s.name));
        const ownOutput = new Set<string>([...Object.values(OUTPUT_SHEETS), ...Object.values(MONTH_SHEETS)]);
        const batch = new WriteBatch(context);
        // New sheets under temporary names first: deleting the old ones first could remove the last
        // visible sheet, which Excel refuses.
        const temp = (t: OutputTable): string => `${t.sheet}~new`;
        for (const t of tables) {
          if (!ownOutput.has(t.sheet)) throw new Error(`not an output sheet of this add-in: ${t.sheet}`);
          if (names.has(temp(t))) await batch.add(100, () => sheets.getItem(temp(t)).delete());
          await batch.add(100, () => void sheets.add(temp(t)));
        }
        for (const t of tables) {
          const ws = sheets.getItem(temp(t));
          const width = t.columns.length;
          await batch.add(jsonBytes(t.columns), () => {
            ws.getRange(boxAddress(0, 0, 0, width - 1)).values = [t.columns.map((c) => c.header)];
          });
          // Rows in chunks of at most ~1 MB, each with its number formats.
          const formats = t.columns.map((c) => c.numFmt ?? 'General');
          for (let start = 0; start < t.rows.length; ) {
            let end = start;
            let bytes = 0;
            while (end < t.rows.length && (end === start || bytes < 1024 * 1024)) bytes += jsonBytes(t.rows[end++]) + jsonBytes(formats);
            const rows = t.rows.slice(start, end).map((r) => t.columns.map((_, j) => r[j] ?? null));
            const at = boxAddress(start + 1, 0, end, width - 1);
            await batch.add(bytes, () => {
              const range = ws.getRange(at);
              range.numberFormat = rows.map(() => formats);
              range.values = rows as (string | number | boolean)[][];
            });
            start = end;
          }
          for (let i = 0; i < t.rows.length; i++) {
            if (t.kinds[i] === 'subtotal' || t.kinds[i] === 'total') {
              await batch.add(150, () => void (ws.getRange(boxAddress(i + 1, 0, i + 1, width - 1)).format.font.bold = true));
            }
            const link = t.links?.[i];
            if (link && t.linkColumn !== undefined) {
              await batch.add(jsonBytes(link) + 200, () => {
                ws.getRange(boxAddress(i + 1, t.linkColumn!, i + 1, t.linkColumn!)).hyperlink = {
                  documentReference: qualify(link.sheet, link.cell),
                  textToDisplay: link.cell,
                };
              });
            }
          }
          for (let j = 0; j < width; j++) {
            const w = t.columns[j]!.width;
            if (w) await batch.add(100, () => void (ws.getRange(boxAddress(0, j, 0, j)).format.columnWidth = w * 7));
          }
          await batch.add(100, () => ws.freezePanes.freezeRows(1));
        }
        // Old output sheets (and their tables) go — including a 累计/环比 from an earlier several-month run
        // that this run does not write — then the new ones take their names and tables.
        const writing = new Set(tables.map((t) => t.sheet));
        for (const n of ownOutput) if (names.has(n) && !writing.has(n)) await batch.add(100, () => sheets.getItem(n).delete());
        for (const t of tables) if (names.has(t.sheet)) await batch.add(100, () => sheets.getItem(t.sheet).delete());
        for (const t of tables) {
          await batch.add(200, () => {
            const ws = sheets.getItem(temp(t));
            ws.name = t.sheet;
            const table = ws.tables.add(boxAddress(0, 0, t.rows.length, t.columns.length - 1), true);
            table.name = t.tableName;
            table.style = 'TableStyleLight9';
          });
        }
        if (tables[0]) await batch.add(100, () => sheets.getItem(tables[0]!.sheet).activate());
        await batch.flush();
        const replaced = new Set([...ownOutput, ...tables.map(temp)]);
        learnNames([...existing.map((s) => s.name).filter((n) => !replaced.has(n)), ...tables.map((t) => t.sheet)]);
      });
    },

    async selectCell(sheet, cell) {
      return host.run(async (context) => {
        const ws = context.workbook.worksheets.getItem(sheet);
        ws.activate();
        ws.getRange(cell).select();
        await context.sync();
      });
    },

    async insertReturnSheet(input, name) {
      return host.run(async (context) => {
        const sheets = context.workbook.worksheets;
        const names = new Set((await sheetNames(context)).map((s) => s.name.toLowerCase()));
        const base = (name ?? (input.grid ? input.grid.name : `${input.copyOf}`)).slice(0, 28);
        let unique = base;
        for (let n = 2; names.has(unique.toLowerCase()); n++) unique = `${base.slice(0, 27)}${n}`;
        if (input.copyOf !== undefined) {
          const copy = sheets.getItem(input.copyOf).copy('End' as Excel.WorksheetPositionType);
          copy.name = unique;
          copy.activate();
          await context.sync();
          if (known) learnNames([...known.names, unique]);
          return unique;
        }
        const grid = input.grid;
        const ws = sheets.add(unique);
        const width = Math.max(1, ...grid.values.map((r) => r.length));
        if (grid.values.length) {
          const rows = grid.values.map((r) => Array.from({ length: width }, (_, j) => grid.formulas?.[grid.values.indexOf(r)]?.[j] ?? r[j] ?? ''));
          ws.getRange(boxAddress(0, 0, rows.length - 1, width - 1)).values = rows as (string | number | boolean)[][];
        }
        for (const m of grid.merges ?? []) ws.getRange(boxAddress(m.top, m.left, m.bottom, m.right)).merge();
        ws.getRange(boxAddress(0, 0, 0, 0)).format.font.bold = true;
        ws.activate();
        await context.sync();
        if (known) learnNames([...known.names, unique]);
        return unique;
      });
    },

    async insertChart(chart) {
      return host.run(async (context) => {
        const sheets = context.workbook.worksheets;
        // 1: does 图表 exist, and where do earlier charts end (each chart gets its own band of rows).
        const exists = (await sheetNames(context)).some((x) => x.name === CHART_SHEET);
        let top = 0;
        if (exists) {
          const used = sheets.getItem(CHART_SHEET).getUsedRangeOrNullObject(true);
          used.load('rowIndex,rowCount');
          const charts = sheets.getItem(CHART_SHEET).charts;
          charts.load('items/name');
          await context.sync();
          const chartRows = charts.items.length * (CHART_ROWS + 2);
          top = Math.max(used.isNullObject ? 0 : used.rowIndex + used.rowCount + 2, chartRows);
        }
        // 2: the data block (caption, header, one row per category) and the chart bound to it.
        const ws = exists ? sheets.getItem(CHART_SHEET) : sheets.add(CHART_SHEET);
        const width = chart.series.length + 1;
        const rows = [['', ...chart.series.map((x) => x.name)], ...chart.categories.map((c, i) => [c, ...chart.series.map((x) => x.values[i] ?? '')])];
        ws.getRange(boxAddress(top, 0, top, 0)).values = [[chart.title]];
        ws.getRange(boxAddress(top, 0, top, 0)).format.font.bold = true;
        const data = ws.getRange(boxAddress(top + 1, 0, top + rows.length, width - 1));
        data.values = rows as (string | number)[][];
        const type = (chart.type === 'line' ? 'Line' : chart.type === 'bar' ? 'BarClustered' : 'ColumnClustered') as Excel.ChartType;
        const c = ws.charts.add(type, data, 'Columns' as Excel.ChartSeriesBy);
        c.title.text = chart.title;
        c.axes.categoryAxis.title.text = chart.categoryTitle;
        c.axes.valueAxis.title.text = chart.valueTitle;
        chart.series.forEach((x, i) => {
          if (x.line) c.series.getItemAt(i).chartType = 'Line' as Excel.ChartType;
        });
        chart.pointColors?.forEach((color, j) => {
          if (color) c.series.getItemAt(0).points.getItemAt(j).format.fill.setSolidColor(color);
        });
        const left = width + 1;
        c.setPosition(boxAddress(top, left, top, left).split(':')[0]!, boxAddress(top + CHART_ROWS, left + 9, top + CHART_ROWS, left + 9).split(':')[0]!);
        ws.activate();
        await context.sync();
        if (known && !exists) learnNames([...known.names, CHART_SHEET]);
        return CHART_SHEET;
      });
    },
  };
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
