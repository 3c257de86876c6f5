/// <reference types="office-js" />
/**
 * Telling the pane when the workbook changed under its results. Excel's worksheet-collection events:
 * onChanged (ExcelApi 1.9), onAdded and onDeleted (1.7), onNameChanged (1.17, where the host has it).
 * A host without 1.9 is not watched: the pane then says results refresh only when run again.
 *
 * The add-in's own writes must not count. Excel raises events for them too and may deliver them after
 * the batch that made them has returned, so the events are judged when no adapter call is in flight
 * (`whenIdle`), against the ids of the add-in's own sheets (its markers at registration, and the id of
 * every sheet it adds, loaded in the sync that adds it); `triggerSource` (ExcelApi 1.14) says so directly
 * for cell changes. Marks change formats and notes only, which raise no worksheet onChanged.
 */
import { isOwn, ownSheets, queueMarkersLoad } from './ownSheets.js';
import { whenIdle, type Session } from './session.js';
import type { ExcelHost, WorkbookChange } from './types.js';

/** Registers the handlers in one `Excel.run` (one sync to learn the sheets, one to register); false where the host has no events. */
export async function watchWorkbook(host: ExcelHost, session: Session, onChange: (change: WorkbookChange) => void): Promise<boolean> {
  if (!host.isSetSupported('ExcelApi', '1.9')) return false;
  const renames = host.isSetSupported('ExcelApi', '1.17');
  const names = new Map<string, string>();
  const judge = async (id: string, change: Omit<WorkbookChange, 'sheet'>, name?: string): Promise<void> => {
    await whenIdle(session);
    if (session.ownIds.has(id)) return;
    onChange({ ...change, sheet: name ?? names.get(id) ?? null });
  };
  return host.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load('items/id,items/name');
    const markers = queueMarkersLoad(context);
    await context.sync();
    const own = ownSheets(markers, sheets.items.map((s) => s.name));
    for (const s of sheets.items) {
      names.set(s.id, s.name);
      if (isOwn(own, s.name)) session.ownIds.add(s.id);
    }
    sheets.onChanged.add(async (e) => {
      if (e.triggerSource === 'ThisLocalAddin') return;
      await judge(e.worksheetId, { kind: 'edited', address: e.address });
    });
    sheets.onAdded.add((e) => judge(e.worksheetId, { kind: 'added' }));
    sheets.onDeleted.add((e) => judge(e.worksheetId, { kind: 'deleted' }));
    if (renames) {
      sheets.onNameChanged.add(async (e) => {
        const before = e.nameBefore;
        names.set(e.worksheetId, e.nameAfter);
        await judge(e.worksheetId, { kind: 'renamed' }, before);
      });
    }
    await context.sync();
    return true;
  });
}
