/**
 * Where the task pane meets the core and the Excel adapter: each button's work as one function over
 * plain data. The UI is handed these functions and never sees `Excel`; the adapter is handed plain
 * grids and marks and never sees the core's logic.
 */
import { loadRoster, type Roster } from '../core/check/roster.js';
import type { Finding } from '../core/findings/codes.js';
import { messageOf, type Lang } from '../core/findings/wording.js';
import type { SheetGrid, WorkbookGrids } from '../core/grid.js';
import { runJob, type Job } from '../core/job.js';
import { loadTemplate, type TemplateGrids } from '../core/template/loadTemplate.js';
import type { Template } from '../core/template/types.js';
import type { CellMark, ClearResult, ExcelAdapter, FileSheets, InsertedSheet, WorkbookChange, WrittenSheet } from '../excel/excelAdapter.js';
import type { OutputTable } from '../core/output/tables.js';
import { kindOf, type InputFile } from '../ui/files.js';
import { readFiles } from '../ui/readFiles.js';
import type { ChartSource, ChartSpec } from '../core/charts/index.js';
import { blankReturn } from '../core/output/blankReturn.js';
import { nativeChartOf } from './nativeChart.js';

export type Scope = 'active' | 'all';

/** What the buttons do. Every function resolves with plain data for the UI to show. */
export interface TaskpaneActions {
  insertReturnSheet(): Promise<string>;
  /** Adds the draft returns extracted from a work summary, one sheet each; returns the sheet names. */
  insertDraftReturns(grids: SheetGrid[]): Promise<string[]>;
  validate(scope: Scope): Promise<Finding[]>;
  /** `written`: where each output table went (beside a user's sheet of the same name, if any). */
  combine(): Promise<{ returns: number; findings: Finding[]; written: WrittenSheet[] }>;
  clearMarks(): Promise<ClearResult>;
  selectCell(sheet: string, cell: string): Promise<void>;
  /** The summary's data for the chart view (the same consolidation 汇总 is written from). */
  chartSource(): Promise<ChartSource>;
  /**
   * Combines picked files (not the workbook's sheets) into the output sheets: the same reader as the
   * page, the workbook's own template and roster if it has them. Links in 校验结果 point at a cell only
   * where that file's sheet was inserted into this workbook (and is still there); the file · sheet · cell
   * columns name every place either way.
   */
  combineFiles(files: readonly InputFile[]): Promise<{ files: number; returns: number; findings: Finding[]; written: WrittenSheet[] }>;
  /** Inserts the picked files' sheets into the workbook; unreadable files come back as findings. */
  importFiles(files: readonly InputFile[]): Promise<{ inserted: InsertedSheet[]; findings: Finding[] }>;
  /**
   * 生成填报表: one form per community of the workbook's 名册 sheet (the command line's `returns forms`:
   * header filled, data validation, protection), inserted as sheets; `roster` false when there is none.
   */
  generateForms(period: string): Promise<{ inserted: InsertedSheet[]; findings: Finding[]; roster: boolean }>;
  /** A native Excel chart of the spec on the 图表 sheet; resolves with the sheet's name. */
  insertChart(spec: ChartSpec): Promise<string>;
  /**
   * Calls `onChange` when the user changes the workbook (a cell, a sheet added, deleted or renamed — the
   * roster and template sheets included), never for the pane's own writes; false where Excel cannot tell.
   */
  watchChanges(onChange: (change: WorkbookChange) => void): Promise<boolean>;
}

/** Sheets that configure the job rather than report: the workbook's own template and roster. */
const TEMPLATE_SHEETS = ['指标模板', '模板', 'indicators', 'template'];
const RULE_SHEETS = ['校验规则', '规则', 'rules'];
const ROSTER_SHEETS = ['名册', '社区名册', 'roster'];
/** A blank sheet-form return kept in the workbook, copied by 插入填报表 instead of the standard one. */
const FORM_SHEETS = ['填报表模板', '报表模板', '空白报表'];
const CONFIG = new Set([...TEMPLATE_SHEETS, ...RULE_SHEETS, ...ROSTER_SHEETS, ...FORM_SHEETS].map((s) => s.toLowerCase()));

const pick = (sheets: readonly SheetGrid[], names: readonly string[]): SheetGrid | null =>
  sheets.find((s) => names.some((n) => n.toLowerCase() === s.name.trim().toLowerCase())) ?? null;

export interface ActionDeps {
  lang: Lang;
  /** The standard template's grids (bundled with the add-in, loaded lazily). */
  standardTemplate: () => TemplateGrids | Promise<TemplateGrids>;
}

export function createActions(adapter: ExcelAdapter, deps: ActionDeps): TaskpaneActions {
  /** The template: the workbook's own (a 指标模板 sheet, with an optional 校验规则 sheet), else the standard one. */
  async function templateFor(book: WorkbookGrids): Promise<{ template: Template; findings: Finding[] }> {
    const own = pick(book.sheets, TEMPLATE_SHEETS);
    if (own) return loadTemplate({ indicators: own, rules: pick(book.sheets, RULE_SHEETS) }, `${book.file} / ${own.name}`);
    return loadTemplate(await deps.standardTemplate(), 'templates/standard');
  }

  /** The template and roster of a workbook (its own sheets, else the standard template and no roster). */
  async function configOf(book: WorkbookGrids): Promise<{ template: Template; roster: Roster | null; findings: Finding[] }> {
    const t = await templateFor(book);
    const rosterGrid = pick(book.sheets, ROSTER_SHEETS);
    let roster: Roster | null = null;
    const pre = [...t.findings];
    if (rosterGrid) {
      const r = loadRoster(rosterGrid, book.file);
      roster = r.roster;
      pre.push(...r.findings);
    }
    return { template: t.template, roster, findings: pre };
  }

  /** Reads the workbook once and runs the core over its return sheets. */
  async function job(): Promise<{ book: WorkbookGrids & { activeSheet: string }; result: Job }> {
    const book = await adapter.readAllSheets();
    const { template, roster, findings: pre } = await configOf(book);
    const returns = { file: book.file, sheets: book.sheets.filter((s) => !CONFIG.has(s.name.trim().toLowerCase())) };
    const result = runJob({ books: [returns], template, roster, findings: pre, lang: deps.lang });
    return { book, result };
  }

  /** Sheets this pane inserted from files: `file\0sheet` → the sheet's name in the workbook. */
  const insertedFrom = new Map<string, string>();
  const fileKey = (file: string, sheet: string): string => `${file}\u0000${sheet}`;

  /** 校验结果's links kept only where the finding's file and sheet are a sheet of this workbook now. */
  function relink(tables: OutputTable[], findings: readonly Finding[], present: ReadonlySet<string>): OutputTable[] {
    return tables.map((t) => {
      if (!t.links) return t;
      const links = t.links.map((l, i) => {
        const f = findings[i];
        const name = l && f && t.links!.length === findings.length ? insertedFrom.get(fileKey(f.file, l.sheet)) : undefined;
        return l && name && present.has(name) ? { sheet: name, cell: l.cell } : null;
      });
      return { ...t, links };
    });
  }

  const toMarks = (findings: readonly Finding[]): CellMark[] =>
    findings.flatMap((f) => (f.sheet && f.cell ? [{ sheet: f.sheet, cell: f.cell, severity: f.severity, message: messageOf(f, deps.lang) }] : []));

  return {
    async insertReturnSheet() {
      const names = await adapter.listSheets();
      const form = names.find((n) => FORM_SHEETS.includes(n.trim()));
      if (form) return adapter.insertReturnSheet({ copyOf: form }, '填报表');
      const { template } = loadTemplate(await deps.standardTemplate(), 'templates/standard');
      return adapter.insertReturnSheet({ grid: blankReturn(template) });
    },

    async insertDraftReturns(grids) {
      const names: string[] = [];
      for (const g of grids) names.push(await adapter.insertReturnSheet({ grid: g }, g.name));
      return names;
    },

    async validate(scope) {
      const { book, result } = await job();
      // Peers and the roster are judged over all sheets; "active" only narrows what is shown and marked.
      const findings = scope === 'active' ? result.findings.filter((f) => !f.sheet || f.sheet === book.activeSheet) : result.findings;
      await adapter.markFindings(toMarks(findings));
      return findings;
    },

    async combine() {
      const { result } = await job();
      const written = await adapter.writeOutputSheets(result.outputTables());
      return { returns: result.consolidation.rows.length, findings: result.findings, written };
    },

    async combineFiles(files) {
      const names = await adapter.listSheets();
      const configured = names.some((n) => CONFIG.has(n.trim().toLowerCase()));
      const config = configured
        ? await configOf(await adapter.readAllSheets())
        : { template: loadTemplate(await deps.standardTemplate(), 'templates/standard').template, roster: null, findings: [] };
      const read = await readFiles(files);
      const result = runJob({ books: read.books, template: config.template, roster: config.roster, findings: [...config.findings, ...read.findings], lang: deps.lang });
      const written = await adapter.writeOutputSheets(relink(result.outputTables(), result.findings, new Set(names)));
      return { files: files.length, returns: result.consolidation.rows.length, findings: result.findings, written };
    },

    async importFiles(files) {
      const read = await readFiles(files);
      const byName = new Map(files.map((f) => [f.name, f]));
      const picked: FileSheets[] = [];
      for (const book of read.books) {
        const xlsx = kindOf(book.file) === 'xlsx';
        picked.push({ file: book.file, xlsx, bytes: xlsx ? await byName.get(book.file)!.bytes() : new Uint8Array(), sheets: book.sheets });
      }
      const inserted = await adapter.insertFileSheets(picked);
      for (const s of inserted) insertedFrom.set(fileKey(s.file, s.sheet), s.name);
      return { inserted, findings: read.findings };
    },

    async generateForms(period) {
      const { template, roster, findings } = await configOf(await adapter.readAllSheets());
      if (!roster || roster.entries.length === 0) return { inserted: [], findings, roster: false };
      const [{ communityForms }, { readXlsx }] = await Promise.all([import('../io/formXlsx.js'), import('../io/readXlsx.js')]);
      const forms = await communityForms(template, period, roster.entries);
      const inserted = await adapter.insertFileSheets(
        forms.map((f) => ({ file: f.name, xlsx: true, bytes: f.bytes, sheets: readXlsx(f.bytes, f.name).book.sheets })),
      );
      return { inserted, findings, roster: true };
    },

    clearMarks: () => adapter.clearMarks(),

    selectCell: (sheet, cell) => adapter.selectCell(sheet, cell),

    async chartSource() {
      // The job's own chart source: the same rows, exclusions and words as the command line's charts.
      return (await job()).result.chartSource();
    },

    insertChart: (spec) => adapter.insertChart(nativeChartOf(spec)),

    watchChanges: (onChange) => adapter.watchChanges(onChange),
  };
}
