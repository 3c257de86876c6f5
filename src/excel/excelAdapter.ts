/// <reference types="office-js" />
/**
 * The Excel door: the adapter the task pane is handed. Each concern lives in its own module — reading
 * (read.ts), marks (marks.ts, markRecord.ts), output sheets (outputSheets.ts, ownSheets.ts), charts
 * (charts.ts), return sheets (returnSheets.ts), files inserted as sheets (fileSheets.ts), addresses (addresses.ts), request budgets (budget.ts) —
 * and host.ts is the only one that calls `Excel.run`. What the adapter saw of the workbook is kept as a
 * hint (session.ts) to save round trips; it is checked in the sync that relies on it.
 */
import { addChart } from './charts.js';
import { insertFiles } from './fileSheets.js';
import { capabilitiesOf, defaultHost } from './host.js';
import { remark } from './marks.js';
import { writeOutputs } from './outputSheets.js';
import { DEFAULT_CELLS_PER_SYNC, readAll } from './read.js';
import { insertReturn, select, visibleSheets } from './returnSheets.js';
import type { Session } from './session.js';
import { watchWorkbook } from './watch.js';
import type { ExcelAdapter, ExcelHost, ReadOptions } from './types.js';

export { qualify, splitAddress } from './addresses.js';
export { CHART_SHEET } from './charts.js';
export { MARK_COLORS, NOTE_PREFIX } from './marks.js';
export { MARKER_PREFIX, MARKS_SHEET } from './ownSheets.js';
export * from './types.js';

/** Builds the adapter over a host (the real Excel by default). */
export function createExcelAdapter(raw: ExcelHost = defaultHost()): ExcelAdapter {
  // Every call of the adapter counts as in flight until its batch is done (the watcher waits for none).
  const host: ExcelHost = {
    isSetSupported: (name, version) => raw.isSetSupported(name, version),
    async run(batch) {
      session.busy++;
      try {
        return await raw.run(batch);
      } finally {
        if (--session.busy === 0) for (const resolve of session.idle.splice(0)) resolve();
      }
    },
  };
  const session: Session = { host, caps: () => capabilitiesOf(host), known: null, ownIds: new Set(), busy: 0, idle: [] };
  return {
    capabilities: session.caps,
    listSheets: () => host.run((context) => visibleSheets(context, session)),
    readAllSheets: (options: ReadOptions = {}) => readAll(session, options.cellsPerSync ?? DEFAULT_CELLS_PER_SYNC),
    async markFindings(marks) {
      const { marked, noteSkipped, notes } = await host.run((context) => remark(context, session, marks));
      return { marked, noteSkipped, notes };
    },
    async clearMarks() {
      const { restored, lost } = await host.run((context) => remark(context, session, []));
      return { restored, lost };
    },
    writeOutputSheets: (tables) => host.run((context) => writeOutputs(context, session, tables)),
    selectCell: (sheet, cell) => host.run((context) => select(context, sheet, cell)),
    insertReturnSheet: (input, name) => host.run((context) => insertReturn(context, session, input, name)),
    insertFileSheets: (files) => host.run((context) => insertFiles(context, session, files)),
    insertChart: (chart) => host.run((context) => addChart(context, session, chart)),
    watchChanges: (onChange) => watchWorkbook(raw, session, onChange),
  };
}
