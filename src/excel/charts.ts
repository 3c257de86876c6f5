/// <reference types="office-js" />
/**
 * Native charts on the add-in's 图表 sheet (recognised by its marker; a user's own 图表 is left alone and
 * the charts go to 图表(2)). Each chart gets a band of rows: its data block (text cells as text) on the
 * left, the chart bound to it beside.
 */
import { boxAddress, cellAddress } from './addresses.js';
import { loadNames } from './read.js';
import { CHARTS_KEY, freeSheetName, queueMarker } from './ownSheets.js';
import { learnAdded, type Session } from './session.js';
import { cellValue, TEXT_FORMAT } from './textFormats.js';
import type { NativeChart } from './types.js';

/** The sheet native charts go to (when the workbook has no sheet of that name already). */
export const CHART_SHEET = '图表';
/** Rows a native chart covers (about 16:9 with ten default-width columns). */
const CHART_ROWS = 22;

export async function addChart(context: Excel.RequestContext, session: Session, chart: NativeChart): Promise<string> {
  const sheets = context.workbook.worksheets;
  // 1: the names and markers: is there a 图表 of the add-in's, and where do its earlier charts end.
  const k = await loadNames(context, session);
  const existing = k.own.byKey.get(CHARTS_KEY);
  const name = existing ?? freeSheetName(CHART_SHEET, k.names);
  let top = 0;
  if (existing) {
    const used = sheets.getItem(existing).getUsedRangeOrNullObject(true);
    used.load('rowIndex,rowCount');
    const charts = sheets.getItem(existing).charts;
    charts.load('items/name');
    await context.sync();
    const chartRows = charts.items.length * (CHART_ROWS + 2);
    top = Math.max(used.isNullObject ? 0 : used.rowIndex + used.rowCount + 2, chartRows);
  }
  // 2: the data block (caption, header, one row per category) and the chart bound to it.
  let ws: Excel.Worksheet;
  if (existing) ws = sheets.getItem(existing);
  else {
    ws = sheets.add(name);
    ws.load('id');
    if (k.own.stale.includes(CHARTS_KEY)) context.workbook.names.getItem(`CR_OUT_${CHARTS_KEY}`).delete();
    queueMarker(context, CHARTS_KEY, name);
  }
  const width = chart.series.length + 1;
  const rows = [['', ...chart.series.map((x) => x.name)], ...chart.categories.map((c, i) => [c, ...chart.series.map((x) => x.values[i] ?? null)])];
  const caption = ws.getRange(boxAddress(top, 0, top, 0));
  caption.numberFormat = [[TEXT_FORMAT]];
  caption.values = [[chart.title]];
  caption.format.font.bold = true;
  const data = ws.getRange(boxAddress(top + 1, 0, top + rows.length, width - 1));
  data.numberFormat = rows.map((r, i) => r.map((v, j) => (i === 0 || j === 0 || typeof v === 'string' ? TEXT_FORMAT : 'General')));
  data.values = rows.map((r) => r.map(cellValue));
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
  c.setPosition(cellAddress(top, left), cellAddress(top + CHART_ROWS, left + 9));
  ws.activate();
  await context.sync();
  if (!existing) session.ownIds.add(ws.id);
  learnAdded(session, name, CHARTS_KEY);
  return name;
}
