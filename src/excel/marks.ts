/// <reference types="office-js" />
/**
 * Marking findings on their cells, and taking the marks off again. One sync reads the fills and notes
 * of every cell involved and checks what the hint relied on (and protection); one writes everything
 * (more only past the request budget). Whatever fails on the way, the marking stays recoverable: the
 * record of every cell that may carry a mark is written first, before any mark, and says what each cell
 * had; the protection of every sheet and of the workbook's structure is checked before anything is
 * written, and a refusal names the sheets.
 */
import { SEVERITY_ORDER, type Severity } from '../core/findings/codes.js';
import { parseA1 } from '../core/grid.js';
import { cellAddress, cellKey, qualify, splitAddress } from './addresses.js';
import { Batch, errorCode, requestBytes } from './budget.js';
import { decodeFill, encodeFill, parseRecord, queueRecordLoad, queueRecordWrite, recordBytes, type Fill, type MarkRecord } from './markRecord.js';
import { isOwn, MARKS_SHEET, ownSheets, queueMarkersLoad } from './ownSheets.js';
import type { Known, Session } from './session.js';
import { ExcelRefusal, type ClearResult, type CellMark, type MarkResult, type NoteKind } from './types.js';

/** Every note or comment the add-in writes starts with this, so its own can be told from the user's. */
export const NOTE_PREFIX = '【社区报表】';
export const MARK_COLORS: Record<Severity, string> = { error: '#FFC7CE', warning: '#FFEB9C', info: '#DDEBF7' };

const ours = (text: string | undefined): boolean => (text ?? '').startsWith(NOTE_PREFIX);
const sameRecord = (a: readonly MarkRecord[], b: readonly MarkRecord[]): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The sheet names, markers and mark record when they are not known. Guessing that CR_Marks exists reads
 * all in one sync (a wrong guess fails that read with ItemNotFound, and the names take a second);
 * guessing it does not reads the names, and the record only if the guess was wrong.
 */
async function probe(context: Excel.RequestContext, session: Session, guessRecord: boolean): Promise<Known> {
  const sheets = context.workbook.worksheets;
  sheets.load('items/name');
  let markers = queueMarkersLoad(context);
  let rec = guessRecord ? queueRecordLoad(context) : null;
  try {
    await context.sync();
  } catch (e) {
    if (!rec || errorCode(e) !== 'ItemNotFound') throw e;
    rec = null;
    sheets.load('items/name');
    markers = queueMarkersLoad(context);
    await context.sync();
  }
  const names = sheets.items.map((s) => s.name);
  if (!rec && names.includes(MARKS_SHEET)) {
    rec = queueRecordLoad(context);
    await context.sync();
  }
  const known: Known = { names, own: ownSheets(markers, names), record: rec ? (rec.isNullObject ? [] : parseRecord(rec.formulas)) : null };
  session.known = known;
  return known;
}

interface CellLoad {
  sheet: string;
  cell: string;
  range: Excel.Range;
  note: Excel.Note | null;
}

function queueRestore(fill: Excel.RangeFill, recorded: string, fillPattern: boolean): void {
  const f = decodeFill(recorded);
  if (!f) return fill.clear();
  fill.color = f.color;
  if (!fillPattern) return;
  if (f.pattern && f.pattern !== 'Solid') {
    fill.pattern = f.pattern as Excel.FillPattern;
    if (f.patternColor) fill.patternColor = f.patternColor;
  }
  if (f.tint) fill.tintAndShade = f.tint;
}

/**
 * Marks these cells (none: only clears), first undoing the earlier marks, found where their cells are
 * now. Without a hint, or with a stale one, `probe` adds one or two syncs first.
 */
export async function remark(context: Excel.RequestContext, session: Session, marks: readonly CellMark[]): Promise<MarkResult & ClearResult> {
  const { notes, fillPattern } = session.caps();
  const structureCheck = session.host.isSetSupported('ExcelApi', '1.7');
  const sheets = context.workbook.worksheets;
  for (let attempt = 0; ; attempt++) {
    const k = session.known;
    const state: Known = k && k.record !== undefined ? k : await probe(context, session, marks.length === 0);
    const names = new Set(state.names);
    // One mark per cell: the most severe, messages joined.
    const byCell = new Map<string, { sheet: string; cell: string; severity: Severity; messages: string[] }>();
    for (const m of marks) {
      const p = parseA1(m.cell);
      if (!names.has(m.sheet) || isOwn(state.own, m.sheet) || !p) continue;
      const key = cellKey(m.sheet, m.cell);
      const had = byCell.get(key);
      if (!had) byCell.set(key, { sheet: m.sheet, cell: cellAddress(p.row, p.col), severity: m.severity, messages: [m.message] });
      else {
        had.messages.push(m.message);
        if (SEVERITY_ORDER[m.severity] < SEVERITY_ORDER[had.severity]) had.severity = m.severity;
      }
    }
    // Earlier marks, where their cells are now; a cell deleted since cannot be restored.
    const earlier = new Map<string, MarkRecord & { at: { sheet: string; cell: string } }>();
    const lost: { sheet: string; cell: string }[] = [];
    for (const r of state.record ?? []) {
      if (r.at && names.has(r.at.sheet) && parseA1(r.at.cell)) earlier.set(cellKey(r.at.sheet, r.at.cell), { ...r, at: r.at });
      else lost.push({ sheet: r.sheet, cell: r.cell });
    }

    // 1: the names and the record (to check the hint), protection, and every involved cell's fill and note.
    const read = new Batch(context);
    let rec: Excel.Range | null = null;
    let structure: Excel.WorkbookProtection | null = null;
    await read.add(requestBytes(3), () => {
      sheets.load('items/name');
      rec = state.record ? queueRecordLoad(context) : null;
      structure = structureCheck ? context.workbook.protection.load('protected') : null;
    });
    const involved = new Set([...[...byCell.values()].map((m) => m.sheet), ...[...earlier.values()].map((r) => r.at.sheet)]);
    const protection = new Map<string, Excel.WorksheetProtection>();
    for (const s of involved) await read.add(requestBytes(1, s), () => void protection.set(s, sheets.getItem(s).protection.load('protected')));
    const cells = new Map<string, CellLoad>();
    const fillProps = fillPattern ? 'color,pattern,patternColor,tintAndShade' : 'color';
    for (const [key, x] of [...byCell.entries(), ...[...earlier.entries()].map(([key, r]) => [key, r.at] as const)]) {
      if (cells.has(key)) continue;
      const wantNote = notes === 'note' && (byCell.has(key) || earlier.get(key)!.note === 'note');
      await read.add(requestBytes(wantNote ? 2 : 1, x), () => {
        const range = sheets.getItem(x.sheet).getRange(x.cell);
        range.format.fill.load(fillProps);
        const note = wantNote ? sheets.getItem(x.sheet).notes.getItemOrNullObject(qualify(x.sheet, x.cell)) : null;
        note?.load('content');
        cells.set(key, { sheet: x.sheet, cell: x.cell, range, note });
      });
    }
    // Comments (ExcelApi 1.10, hosts without notes, or comments from such a host's earlier marking).
    const commentSheets = new Set<string>();
    if (notes === 'comment') for (const m of byCell.values()) commentSheets.add(m.sheet);
    if (notes !== 'none') for (const r of earlier.values()) if (r.note === 'comment') commentSheets.add(r.at.sheet);
    const comments: { s: string; col: Excel.CommentCollection }[] = [];
    for (const s of commentSheets) await read.add(requestBytes(2, s), () => void comments.push({ s, col: sheets.getItem(s).comments.load('items/content') }));
    try {
      await read.flush();
    } catch (e) {
      // A sheet of the hint is gone (ItemNotFound): once more with fresh names and record.
      if (attempt > 0 || errorCode(e) !== 'ItemNotFound') throw e;
      session.known = null;
      continue;
    }
    const now = sheets.items.map((s) => s.name);
    const recNow = rec as Excel.Range | null;
    const nowRecord = recNow ? (recNow.isNullObject ? [] : parseRecord(recNow.formulas)) : null;
    const stale =
      now.includes(MARKS_SHEET) !== (state.record !== null) ||
      (nowRecord !== null && !sameRecord(nowRecord, state.record ?? [])) ||
      marks.some((m) => !names.has(m.sheet) && now.includes(m.sheet));
    if (stale) {
      if (attempt > 1) throw new ExcelRefusal('changed_meanwhile');
      session.known = { names: now, own: state.own, record: nowRecord ?? (now.includes(MARKS_SHEET) ? undefined : null) };
      continue;
    }
    // Nothing is written where Excel would refuse part-way.
    const locked = [...protection].filter(([, p]) => p.protected).map(([s]) => s);
    if (locked.length) throw new ExcelRefusal('sheet_protected', locked);
    const structureLocked = !!(structure as Excel.WorkbookProtection | null)?.protected;
    const hasRecordSheet = now.includes(MARKS_SHEET);
    if (structureLocked && byCell.size > 0 && !hasRecordSheet) throw new ExcelRefusal('workbook_protected');

    // Older hosts: where the comments are takes one more sync.
    const commentAt = new Map<string, Excel.Comment>();
    if (comments.some(({ col }) => col.items.length)) {
      const locs = comments.flatMap(({ s, col }) => col.items.map((item) => ({ s, item, loc: item.getLocation().load('address') })));
      await context.sync();
      for (const { s, item, loc } of locs) {
        const at = splitAddress(loc.address);
        if (at) commentAt.set(cellKey(s, cellAddress(at.box.top, at.box.left)), item);
      }
    }

    // What each marked cell had, and what to write.
    const fillOf = (range: Excel.Range): Fill | null => {
      const f = range.format.fill;
      const none = fillPattern ? f.pattern === 'None' : f.color === '#FFFFFF';
      if (none) return null;
      return fillPattern ? { color: f.color ?? '', pattern: f.pattern ?? 'Solid', patternColor: f.patternColor ?? undefined, tint: f.tintAndShade ?? 0 } : { color: f.color ?? '' };
    };
    const records: Omit<MarkRecord, 'at'>[] = [];
    const writes: (() => void)[] = [];
    const writeBytes: number[] = [];
    let noteSkipped = 0;
    for (const [key, m] of byCell) {
      const { range, note } = cells.get(key)!;
      const before = earlier.get(key);
      const current = encodeFill(fillOf(range));
      // A cell still showing the earlier mark had, underneath, the fill recorded then.
      const original = before && (range.format.fill.color ?? '').toUpperCase() === before.mark.toUpperCase() ? before.fill : current;
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
      const address = qualify(m.sheet, m.cell);
      writes.push(() => {
        drop?.();
        range.format.fill.color = color;
        if (kind === 'note') sheets.getItem(m.sheet).notes.add(address, text);
        if (kind === 'comment') sheets.getItem(m.sheet).comments.add(address, text);
      });
      writeBytes.push(requestBytes((drop ? 1 : 0) + (kind === 'none' ? 1 : 2), [address, text]));
      records.push({ sheet: m.sheet, cell: m.cell, fill: original, mark: color, note: kind });
    }
    // Earlier marks on cells not marked now: our colour off (only where the cell still shows it), our note gone.
    const undo: (() => void)[] = [];
    const kept: Omit<MarkRecord, 'at'>[] = [];
    for (const [key, r] of earlier) {
      if (byCell.has(key)) continue;
      const { range, note } = cells.get(key)!;
      const comment = r.note === 'comment' ? commentAt.get(key) : undefined;
      kept.push({ sheet: r.at.sheet, cell: r.at.cell, fill: r.fill, mark: r.mark, note: r.note });
      undo.push(() => {
        if ((range.format.fill.color ?? '').toUpperCase() === r.mark.toUpperCase()) queueRestore(range.format.fill, r.fill, fillPattern);
        if (r.note === 'note' && note && !note.isNullObject && ours(note.content)) note.delete();
        if (comment && ours(comment.content)) comment.delete();
      });
    }
    if (records.length === 0 && kept.length === 0 && !hasRecordSheet) return { marked: 0, noteSkipped, notes, restored: 0, lost };

    // 2: the record of every cell that may carry a mark first, then the marks, then the record exact.
    const write = new Batch(context);
    const superset = [...records, ...kept];
    const previous = hasRecordSheet ? (state.record?.length ?? 0) + 1 : 0;
    let ws: Excel.Worksheet;
    let added: Excel.Worksheet | null = null;
    await write.add(requestBytes(5) + recordBytes(superset), () => {
      if (hasRecordSheet) ws = sheets.getItem(MARKS_SHEET);
      else {
        ws = sheets.add(MARKS_SHEET);
        ws.load('id');
        added = ws;
        ws.visibility = 'VeryHidden' as Excel.SheetVisibility;
      }
      queueRecordWrite(ws, superset, previous);
    });
    for (const u of undo) await write.add(requestBytes(2), u);
    for (let i = 0; i < writes.length; i++) await write.add(writeBytes[i]!, writes[i]!);
    if (records.length && kept.length) await write.add(requestBytes(5) + recordBytes(records), () => queueRecordWrite(ws, records, superset.length + 1));
    const deleteRecord = records.length === 0 && !structureLocked;
    if (records.length === 0) {
      await write.add(requestBytes(2), () => {
        if (deleteRecord) ws.delete();
        else queueRecordWrite(ws, [], superset.length + 1);
      });
    }
    await write.flush();
    if (added) session.ownIds.add((added as Excel.Worksheet).id);
    const after = now.filter((n) => n !== MARKS_SHEET || !deleteRecord);
    if (!after.includes(MARKS_SHEET) && !deleteRecord) after.push(MARKS_SHEET);
    session.known = {
      names: after,
      own: state.own,
      record: deleteRecord ? null : records.map((r) => ({ ...r, at: { sheet: r.sheet, cell: r.cell } })),
    };
    return { marked: records.length, noteSkipped, notes, restored: earlier.size, lost };
  }
}
