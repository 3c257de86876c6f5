/// <reference types="office-js" />
/**
 * What the Excel door takes and gives: plain data only (grids, marks, output tables), so the task pane
 * and the core never see `Excel`.
 */
import type { Severity } from '../core/findings/codes.js';
import type { SheetGrid, WorkbookGrids } from '../core/grid.js';
import type { OutputTable } from '../core/output/tables.js';

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
  /** `fill.pattern`, `patternColor` and `tintAndShade` (ExcelApi 1.9): patterned and theme fills restored as they were. */
  fillPattern: boolean;
}

export interface MarkResult {
  marked: number;
  /** Cells that already carried the user's own note/comment: coloured, but their note was left alone. */
  noteSkipped: number;
  notes: NoteKind;
}

export interface ClearResult {
  /** Marks taken off (their cell found, where it is now). */
  restored: number;
  /** Marks whose cell was deleted since (the record's reference became #REF!): nothing to restore. */
  lost: { sheet: string; cell: string }[];
}

/** Where an output table went: its own name, or beside a sheet of the user's that has that name. */
export interface WrittenSheet {
  wanted: string;
  sheet: string;
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

/** A picked file to insert as sheets: its path, bytes, whether it is an xlsx, and its sheets as read. */
export interface FileSheets {
  file: string;
  bytes: Uint8Array;
  xlsx: boolean;
  sheets: SheetGrid[];
}

/** A sheet inserted from a file: where it came from, its name in the workbook, and whether formats came along. */
export interface InsertedSheet {
  file: string;
  sheet: string;
  name: string;
  /** Inserted with its formatting (insertWorksheetsFromBase64), or by value. */
  formatted: boolean;
}

export interface ReadOptions {
  /** Upper bound on cells read per sync by the split read, to stay under Excel's 5 MB response limit. */
  cellsPerSync?: number;
}

/** A change of the workbook made outside the add-in (its own writes are never reported). */
export interface WorkbookChange {
  kind: 'edited' | 'added' | 'deleted' | 'renamed';
  /** The sheet's name as the add-in last knew it; null for a sheet it had not seen (added since). */
  sheet: string | null;
  /** The changed cells on that sheet (`B3`), for an edit. */
  address?: string;
}

/** The functions `Excel.run` and `isSetSupported`, injectable so tests can hand in a fake Excel. */
export interface ExcelHost {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  isSetSupported(name: string, version: string): boolean;
}

export interface ExcelAdapter {
  capabilities(): Capabilities;
  /** Visible sheet names in tab order, without the add-in's own sheets; one sync. */
  listSheets(): Promise<string[]>;
  readAllSheets(options?: ReadOptions): Promise<WorkbookGrids & { activeSheet: string }>;
  markFindings(marks: readonly CellMark[]): Promise<MarkResult>;
  clearMarks(): Promise<ClearResult>;
  /** Writes the output tables on the add-in's own sheets; a name the user's sheet has is written beside it. */
  writeOutputSheets(tables: readonly OutputTable[]): Promise<WrittenSheet[]>;
  selectCell(sheet: string, cell: string): Promise<void>;
  insertReturnSheet(input: NewReturnSheet, name?: string): Promise<string>;
  /** Inserts the sheets of picked files after the workbook's sheets, never touching one that is there. */
  insertFileSheets(files: readonly FileSheets[]): Promise<InsertedSheet[]>;
  /** Adds a native chart (and the data block it is bound to) below the earlier ones on 图表. */
  insertChart(chart: NativeChart): Promise<string>;
  /**
   * Calls `onChange` whenever the user changes the workbook (cells, sheets added, deleted or renamed);
   * resolves false where the host has no such events (ExcelApi 1.9), and nothing will be reported.
   */
  watchChanges(onChange: (change: WorkbookChange) => void): Promise<boolean>;
}

/**
 * Excel refused, or would refuse, what was asked, for a reason the user can fix: a coded error (wording
 * in src/taskpane/refusals.ts), thrown before anything was written.
 */
export class ExcelRefusal extends Error {
  constructor(
    readonly reason: 'sheet_protected' | 'workbook_protected' | 'changed_meanwhile',
    readonly sheets: readonly string[] = [],
  ) {
    super(`${reason}${sheets.length ? `: ${sheets.join(', ')}` : ''}`);
    this.name = 'ExcelRefusal';
  }
}
