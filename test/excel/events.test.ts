/**
 * Workbook events: the fake raises them as Excel does (and refuses them where Excel would), and the
 * adapter's watcher reports the user's changes — cells, sheets added, deleted, renamed — never its own
 * writes (marks, output sheets, charts), even when their events arrive after its batch has returned.
 */
import { describe, expect, it } from 'vitest';
import { createActions } from '../../src/taskpane/actions.js';
import type { WorkbookChange } from '../../src/excel/excelAdapter.js';
import { communityChart } from '../../src/core/charts/index.js';
import { standardTemplateGrids } from '../../src/ui/standardTemplate.js';
import { FakeExcel, type FakeChangedArgs, type FakeContext, type FakeNameChangedArgs, type FakeSheetArgs } from './fakeExcel.js';
import { hostOf, returnSheet, setup, workbook } from './helpers.js';

/** Until every event raised so far has been handled (they are delivered after the sync, asynchronously). */
async function settle(fake: FakeExcel): Promise<void> {
  for (let i = 0; i < 50 && (fake.pendingEvents > 0 || i < 3); i++) await new Promise((r) => setTimeout(r, 0));
}

describe('the fake raises worksheet events as Excel does', () => {
  it('a user edit raises onChanged with the documented args, after the sync that registered the handler', async () => {
    const fake = new FakeExcel(workbook([returnSheet('东关社区', 1), returnSheet('西关社区', 2)]));
    const seen: FakeChangedArgs[] = [];
    await fake.run(async (context) => {
      context.workbook.worksheets.onChanged.add((e) => void seen.push(e));
      fake.userEdit('东关社区', 'D5', '7');
      await settle(fake);
      expect(seen).toEqual([]); // not registered before the sync
      await context.sync();
    });
    let id = '';
    await fake.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('东关社区').load('id');
      await context.sync();
      id = ws.id;
    });
    fake.userEdit('东关社区', 'D5', '8');
    expect(seen).toEqual([]); // delivered asynchronously, never inside the call that made the change
    await settle(fake);
    expect(seen).toEqual([{ type: 'WorksheetChanged', source: 'Local', worksheetId: id, address: 'D5', changeType: 'RangeEdited', triggerSource: 'Others' }]);
    expect(fake.state.sheets[0]!.cells['4,3']!.value).toBe(8);
  });

  it("the add-in's own writes raise events too, marked ThisLocalAddin only where ExcelApi 1.14 is claimed", async () => {
    for (const [api, trigger] of [[1.18, 'ThisLocalAddin'], [1.12, undefined]] as const) {
      const fake = new FakeExcel(workbook([returnSheet('东关社区', 1)]));
      fake.supported = { ExcelApi: api };
      const changed: FakeChangedArgs[] = [];
      const added: FakeSheetArgs[] = [];
      const deleted: FakeSheetArgs[] = [];
      await fake.run(async (context) => {
        context.workbook.worksheets.onChanged.add((e) => void changed.push(e));
        context.workbook.worksheets.onAdded.add((e) => void added.push(e));
        context.workbook.worksheets.onDeleted.add((e) => void deleted.push(e));
        await context.sync();
        const ws = context.workbook.worksheets.add('汇总');
        ws.getRange('A1:B1').values = [['社区', '合计']];
        ws.getRange('C1').numberFormat = [['0.0%']]; // a format: no onChanged
        await context.sync();
        ws.delete();
        await context.sync();
      });
      await settle(fake);
      expect(changed).toEqual([{ type: 'WorksheetChanged', source: 'Local', worksheetId: added[0]!.worksheetId, address: 'A1:B1', changeType: 'RangeEdited', ...(trigger ? { triggerSource: trigger } : {}) }]);
      expect(added.map((e) => e.type)).toEqual(['WorksheetAdded']);
      expect(deleted).toEqual([{ type: 'WorksheetDeleted', source: 'Local', worksheetId: added[0]!.worksheetId }]);
    }
  });

  it('onNameChanged (ExcelApi 1.17) carries the names before and after', async () => {
    const fake = new FakeExcel(workbook([returnSheet('东关社区', 1)]));
    const seen: FakeNameChangedArgs[] = [];
    await fake.run(async (context) => {
      context.workbook.worksheets.onNameChanged.add((e) => void seen.push(e));
      await context.sync();
    });
    fake.renameSheet('东关社区', '东关');
    await settle(fake);
    expect(seen).toMatchObject([{ type: 'WorksheetNameChanged', source: 'Local', nameBefore: '东关社区', nameAfter: '东关' }]);
  });

  it('refuses a handler added outside Excel.run, and one whose requirement set the host lacks', async () => {
    const fake = new FakeExcel(workbook([returnSheet('东关社区', 1)]));
    let kept: FakeContext | null = null;
    let registered: { remove(): void } | null = null;
    await fake.run(async (context) => {
      kept = context;
      registered = context.workbook.worksheets.onAdded.add(() => undefined);
      await context.sync();
    });
    expect(() => kept!.workbook.worksheets.onChanged.add(() => undefined)).toThrow(/InvalidObjectPath/);
    // Removing one after its run has ended is refused too (Office.js re-enters that context with
    // Excel.run(result.context, …), which the fake does not model; the adapter never removes its handlers).
    expect(() => registered!.remove()).toThrow(/InvalidObjectPath/);
    expect(fake.handlers.added).toHaveLength(1);
    fake.handlers.added = [];

    fake.supported = { ExcelApi: 1.8 };
    await expect(fake.run(async (context) => {
      context.workbook.worksheets.onChanged.add(() => undefined);
      await context.sync();
    })).rejects.toThrow(/ApiNotFound.*1\.9/);
    fake.supported = { ExcelApi: 1.16 };
    await expect(fake.run(async (context) => {
      context.workbook.worksheets.onNameChanged.add(() => undefined);
      await context.sync();
    })).rejects.toThrow(/ApiNotFound.*1\.17/);
    // Nothing was registered by the refused batches: an edit reaches no handler.
    expect(Object.values(fake.handlers).flat()).toEqual([]);
  });
});

describe("the adapter's watcher", () => {
  const template = standardTemplateGrids;

  async function watched(excelApi = 1.18) {
    const { fake, adapter } = setup([returnSheet('东关社区', 1), returnSheet('西关社区', 2)], excelApi);
    const changes: WorkbookChange[] = [];
    const actions = createActions(adapter, { lang: 'zh-CN', standardTemplate: template });
    const watching = await actions.watchChanges((c) => void changes.push(c));
    return { fake, actions, changes, watching };
  }

  it('reports a user edit, a sheet added, renamed and deleted', async () => {
    const { fake, changes, watching } = await watched();
    expect(watching).toBe(true);
    fake.userEdit('西关社区', 'D6', '600');
    await settle(fake);
    expect(changes).toEqual([{ kind: 'edited', sheet: '西关社区', address: 'D6' }]);
    fake.userAddSheet('名册');
    fake.renameSheet('东关社区', '东关');
    fake.userDeleteSheet('西关社区');
    await settle(fake);
    expect(changes.slice(1)).toEqual([
      { kind: 'added', sheet: null },
      { kind: 'renamed', sheet: '东关社区' },
      { kind: 'deleted', sheet: '西关社区' },
    ]);
    expect(fake.handlerErrors).toEqual([]);
  });

  for (const [api, delivery] of [[1.18, 'later'], [1.12, 'later'], [1.9, 'later'], [1.12, 'first']] as const) {
    it(`reports nothing for its own 校验, 汇总, 图表 and 清除标记 (ExcelApi ${api}, events delivered ${delivery}), then the next user edit`, async () => {
      const { fake, actions, changes } = await watched(api);
      fake.eventDelivery = delivery;
      await actions.validate('all');
      await actions.combine();
      await actions.combine(); // replaces its output sheets: deleted, added and renamed by the add-in
      await actions.insertChart(communityChart(await actions.chartSource(), 'leaflets', '2026-10')!);
      await actions.insertChart(communityChart(await actions.chartSource(), 'leaflets', '2026-10')!);
      await actions.clearMarks();
      await settle(fake);
      expect(changes).toEqual([]);
      expect(fake.handlerErrors).toEqual([]);
      fake.userEdit('汇总', 'B2', '1'); // its own output sheet: not an input
      fake.userEdit('东关社区', 'D5', '3');
      await settle(fake);
      expect(changes).toEqual([{ kind: 'edited', sheet: '东关社区', address: 'D5' }]);
    });
  }

  it('its own sheets from an earlier session are known by their markers', async () => {
    const first = await watched();
    await first.actions.combine();
    const fake = first.fake;
    const actions = createActions((await import('../../src/excel/excelAdapter.js')).createExcelAdapter(hostOf(fake)), { lang: 'zh-CN', standardTemplate: template });
    const changes: WorkbookChange[] = [];
    fake.handlers = { changed: [], added: [], deleted: [], nameChanged: [] }; // the pane reopened
    await actions.watchChanges((c) => void changes.push(c));
    await actions.combine();
    await settle(fake);
    expect(changes).toEqual([]);
  });

  it('a host without ExcelApi 1.9 is not watched, and nothing fails', async () => {
    const { fake, actions, changes, watching } = await watched(1.8);
    expect(watching).toBe(false);
    await actions.validate('all');
    fake.userEdit('东关社区', 'D5', '3');
    await settle(fake);
    expect(changes).toEqual([]);
    expect(fake.handlerErrors).toEqual([]);
  });
});
