import type { SheetGrid, WorkbookGrids } from '../../src/core/grid.js';

/**
 * A small fake of the Excel JavaScript object model — only what src/excel/excelAdapter.ts uses — that
 * behaves like Excel where it counts:
 *
 * - every object is a proxy: reading a property before `load()` + `context.sync()` throws
 *   PropertyNotLoaded, as Office.js does;
 * - writes and loads are queued and applied, in order, only at `context.sync()`; a failing operation
 *   (ItemNotFound, InvalidArgument) rejects the sync and drops the rest of the batch;
 * - every sync is counted, with the request's payload size estimated the way Office.js serialises it
 *   (per operation: the object path, the action and its arguments — OPERATION_BYTES of envelope plus the
 *   JSON of the arguments; Microsoft's performance guidance: 10,000 single-cell writes would likely pass
 *   the 5 MB limit), and a request or response over 5 MB is refused like Excel on the web refuses it
 *   (RichApi.Error with code RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded; tests
 *   can lower the limits);
 * - a failing operation stops the batch after applying the earlier ones (Excel does not roll back);
 * - values written into General cells are parsed as Excel parses typed input (zh-CN locale): numbers
 *   with separators, percents, dates (2026-10, 3-4, 2026/10/1, 2026年10月), TRUE/FALSE, and a leading
 *   = + - makes a formula (Range.values docs); a cell formatted "@" keeps the text as written;
 * - protected sheets refuse writes (AccessDenied), a protected workbook structure refuses adding,
 *   deleting, renaming, hiding and copying sheets;
 * - table names and defined names share one workbook-wide, case-insensitive namespace; sheet names are
 *   at most 31 characters, none of [ ] : * ? / \, not blank, not starting or ending with ', unique
 *   ignoring case;
 * - comments.add and notes.add take a string address only with the sheet name (Office docs for
 *   CommentCollection.add; for notes the fake applies the same rule, the stricter reading);
 * - values, formulas and numberFormat of a range over 5 million cells load as null;
 * - formula cells keep a cached value (a plain reference to one cell and HYPERLINK(…,"text") are
 *   evaluated; anything else caches "" — the fake does not calculate); inserting rows (a test hook playing the user) moves cells, notes,
 *   comments and merges and adjusts references in formulas and defined names as Excel does;
 * - `*OrNullObject` results are null objects: loading one yields only `isNullObject`, reading any other
 *   property throws, writing to one fails the sync (strictest reading: nothing may rely on writes to a
 *   null object being ignored). What Excel does with an object derived from a null
 *   object (`nullSheet.getNextOrNullObject()`, `nullSheet.getUsedRangeOrNullObject()`) is not documented:
 *   by default the fake fails the sync (the stricter choice); with `nullChaining = 'propagate'` the
 *   derived object is a null object too;
 * - empty cells read as "" (not null), no fill reads as "#FFFFFF" with pattern "None", a mixed range
 *   reads null;
 * - events (worksheets.onChanged ExcelApi 1.9, onAdded/onDeleted 1.7, onNameChanged 1.17): a handler is
 *   registered by the sync after `add` and only inside its `Excel.run` (adding one to a context whose run
 *   has ended is refused); a host without the event's requirement set fails the sync (ApiNotFound). Values
 *   written (by the add-in or by the user through the test hooks), sheets added, copied, inserted, deleted
 *   and renamed raise the event with the documented args (`type`, `source`, `worksheetId`, `address`,
 *   `changeType`, `triggerSource` where ExcelApi 1.14 is claimed, `nameBefore`/`nameAfter`); handlers are
 *   called asynchronously after the sync that made the change (the stricter reading: an add-in cannot rely
 *   on its own changes' events arriving while its batch is still running). Formats, notes and comments do
 *   not raise worksheet onChanged (they have events of their own).
 *
 * The workbook state is plain data (`FakeWorkbookState`) so tests can build it and deep-compare it.
 */

export type Cell = {
  value: string | number | boolean;
  formula?: string;
  numberFormat?: string;
  /** null/absent = no fill. */
  fill?: string | null;
  /** A fill pattern other than Solid (ExcelApi 1.9: `Gray50`, `Checker`…), its colour, and the theme tint. */
  fillPattern?: string;
  patternColor?: string;
  tintAndShade?: number;
  bold?: boolean;
  fontColor?: string;
  hyperlink?: { address?: string; documentReference?: string; textToDisplay?: string; screenTip?: string } | null;
};

export interface FakeSheet {
  name: string;
  /** The id Excel gave a sheet inserted by insertWorksheetsFromBase64 (getItem takes a name or an id). */
  id?: string;
  /** The file a sheet inserted by insertWorksheetsFromBase64 came from (test bookkeeping, not Excel's). */
  insertedFrom?: string;
  visibility: 'Visible' | 'Hidden' | 'VeryHidden';
  /** Keyed by `row,col` (0-based). */
  cells: Record<string, Cell>;
  merges: string[];
  tables: { name: string; address: string; hasHeaders: boolean; style?: string }[];
  notes: { cell: string; content: string }[];
  comments: { id: string; cell: string; content: string }[];
  frozenRows: number;
  columnWidths: Record<number, number>;
  /** Native charts (absent until one is added, so sheets built before charts existed compare equal). */
  charts?: FakeChartState[];
  /** Sheet protection on (absent = off). */
  protected?: boolean;
}

/** A workbook-scoped defined name (NamedItem): its formula (`='Sheet'!$A$1`) and comment. */
export interface FakeName {
  name: string;
  formula: string;
  comment: string;
}

/** A native chart as plain data: what it is bound to and how it was dressed. */
export interface FakeChartState {
  name: string;
  type: string;
  /** The data block it is bound to, as A1 on the same sheet. */
  source: string;
  seriesBy: string;
  title: string;
  categoryTitle: string;
  valueTitle: string;
  /** Series index → chart type, where a series was changed (the target drawn as a line). */
  seriesTypes: Record<number, string>;
  /** `series,point` → fill colour. */
  pointColors: Record<string, string>;
  /** Top-left and bottom-right cells, once placed. */
  position: [string, string] | null;
}

export interface FakeWorkbookState {
  name: string;
  sheets: FakeSheet[];
  active: string;
  selection: { sheet: string; address: string } | null;
  /** Workbook-scoped defined names (absent = none). */
  names?: FakeName[];
  /** Workbook structure protected (absent = not). */
  structureProtected?: boolean;
}

export class FakeExcelError extends Error {
  constructor(
    public code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'RichApi.Error';
  }
}

/** Largest request Excel on the web accepts. */
export const MAX_REQUEST_BYTES = 5 * 1024 * 1024;
/** Largest response Excel on the web returns. */
export const MAX_RESPONSE_BYTES = 5 * 1024 * 1024;
/**
 * Envelope of one operation in an Office.js request besides its arguments: the object path entry (id,
 * type, parent, method name) and the action entry (id, type, name, object path id, argument info) —
 * with the JSON of a short path and arguments about 1.2 KB per object and action, as the issue measured.
 */
export const OPERATION_BYTES = 1000;
/** Envelope of one loaded object in a response (its action result and property names). */
export const LOADED_OBJECT_BYTES = 100;
/** Above this many cells, values, formulas and numberFormat load as null. */
export const MAX_CELLS_WITH_VALUES = 5_000_000;

export interface SyncStat {
  ops: number;
  /** Request size: JSON of the queued operations. */
  bytes: number;
  /** Response size: JSON of the values loaded. */
  responseBytes: number;
  /** The error code when the request or the response was refused for its size. */
  failed?: string;
}

export function jsonSize(v: unknown): number {
  return new TextEncoder().encode(JSON.stringify(v) ?? '').length;
}

// ── addresses ─────────────────────────────────────────────────────────────────────────────────

interface Box {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

function colLetters(c: number): string {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
function cellA1(r: number, c: number): string {
  return colLetters(c) + String(r + 1);
}
function boxA1(b: Box): string {
  const a = cellA1(b.r0, b.c0);
  return b.r0 === b.r1 && b.c0 === b.c1 ? a : `${a}:${cellA1(b.r1, b.c1)}`;
}
function quoteSheet(name: string): string {
  return /^[\p{L}\p{N}_.]+$/u.test(name) && !/^\d/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}
/** Parses `A1`, `A1:C3`, `Sheet!A1:C3`, `'My sheet'!A1`; the sheet part is returned unquoted. */
export function parseAddress(address: string): { sheet: string | null; box: Box } {
  let sheet: string | null = null;
  let ref = address;
  const bang = address.lastIndexOf('!');
  if (bang >= 0) {
    sheet = address.slice(0, bang);
    if (sheet.startsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
    ref = address.slice(bang + 1);
  }
  const parts = ref.replace(/\$/g, '').split(':');
  const one = (s: string): { r: number; c: number } => {
    const m = /^([A-Z]{1,3})(\d+)$/i.exec(s);
    if (!m) throw new FakeExcelError('InvalidArgument', `bad address ${address}`);
    let c = 0;
    for (const ch of m[1]!.toUpperCase()) c = c * 26 + ch.charCodeAt(0) - 64;
    return { r: Number(m[2]) - 1, c: c - 1 };
  };
  const a = one(parts[0]!);
  const b = parts[1] ? one(parts[1]) : a;
  return { sheet, box: { r0: Math.min(a.r, b.r), c0: Math.min(a.c, b.c), r1: Math.max(a.r, b.r), c1: Math.max(a.c, b.c) } };
}


// ── Excel's rules ─────────────────────────────────────────────────────────────────────────────

/** Sheet-name rules of Excel: ≤ 31 characters, none of [ ] : * ? / \, not blank, no ' at either end, unique ignoring case. */
export function checkSheetName(state: FakeWorkbookState, name: string, self?: FakeSheet): void {
  if (!name.trim() || name.length > 31 || /[\\/?*[\]:]/.test(name) || name.startsWith("'") || name.endsWith("'")) {
    throw new FakeExcelError('InvalidArgument', `bad sheet name ${JSON.stringify(name)}`);
  }
  if (state.sheets.some((s) => s !== self && s.name.toLowerCase() === name.toLowerCase())) {
    throw new FakeExcelError('ItemAlreadyExists', `worksheet ${name} exists`);
  }
}

function guardStructure(state: FakeWorkbookState, what: string): void {
  if (state.structureProtected) throw new FakeExcelError('AccessDenied', `${what}: the workbook structure is protected`);
}

/** Tables and defined names share one namespace in a workbook (ignoring case). */
function nameTaken(state: FakeWorkbookState, name: string): boolean {
  const n = name.toLowerCase();
  return state.sheets.some((s) => s.tables.some((t) => t.name.toLowerCase() === n)) || (state.names ?? []).some((x) => x.name.toLowerCase() === n);
}

/** Defined-name and table-name syntax: a letter, _ or \ first, then letters, digits, _ and .; never a cell reference. */
function checkDefinedName(name: string): void {
  if (!/^[\p{L}_\\][\p{L}\p{N}_.]*$/u.test(name) || name.length > 255 || /^[A-Z]{1,3}\d+$/i.test(name) || /^[RC]$/i.test(name)) {
    throw new FakeExcelError('InvalidArgument', `bad name ${name}`);
  }
}

const serial = (y: number, m: number, d: number): number | null => {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const t = Date.UTC(y, m - 1, d);
  if (new Date(t).getUTCDate() !== d) return null;
  return t / 86_400_000 + 25_569;
};

/**
 * What Excel makes of a string typed (or written through Range.values) into a General cell, in the
 * zh-CN locale: a number (thousands separators allowed), a percent, a date, a boolean, a formula (a
 * leading = + or - that is not a number), else the text. Formats Excel applies on the way are returned.
 */
export function parseTyped(x: string): { value: string | number | boolean; formula?: string; numberFormat?: string } {
  if (x === '') return { value: '' };
  const num = /^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?(e[+-]?\d+)?$|^[+-]?\.\d+$/i;
  if (num.test(x)) return x.includes(',') ? { value: Number(x.replace(/,/g, '')), numberFormat: '#,##0' } : { value: Number(x) };
  const pct = /^([+-]?(\d+(\.\d+)?|\.\d+))%$/.exec(x);
  if (pct) return { value: Number(pct[1]) / 100, numberFormat: '0%' };
  if (/^(true|false)$/i.test(x)) return { value: x.toLowerCase() === 'true' };
  const year = new Date().getFullYear();
  const dates: [RegExp, (m: RegExpExecArray) => number | null, string][] = [
    [/^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/, (m) => serial(+m[1]!, +m[2]!, +m[3]!), 'yyyy/m/d'],
    [/^(\d{4})[-/](\d{1,2})$/, (m) => serial(+m[1]!, +m[2]!, 1), 'yyyy"年"m"月"'],
    [/^(\d{1,2})[-/](\d{1,2})$/, (m) => serial(year, +m[1]!, +m[2]!), 'm"月"d"日"'],
    [/^(\d{4})年(\d{1,2})月(\d{1,2})日$/, (m) => serial(+m[1]!, +m[2]!, +m[3]!), 'yyyy"年"m"月"d"日"'],
    [/^(\d{4})年(\d{1,2})月$/, (m) => serial(+m[1]!, +m[2]!, 1), 'yyyy"年"m"月"'],
  ];
  for (const [re, make, format] of dates) {
    const m = re.exec(x);
    const v = m ? make(m) : null;
    if (v !== null) return { value: v, numberFormat: format };
  }
  if (x.length > 1 && (x[0] === '=' || x[0] === '+' || x[0] === '-')) return { value: '', formula: x[0] === '=' ? x : `=${x}` };
  return { value: x };
}

/** References to another sheet inside a formula: `'My sheet'!$D$5`, `Sheet1!D5`. */
const REF = /(?:'((?:[^']|'')+)'|([\p{L}\p{N}_.]+))!(\$?)([A-Z]{1,3})(\$?)(\d+)/gu;

/** Rewrites every qualified reference in every cell formula and defined name. */
function rewriteRefs(state: FakeWorkbookState, fn: (sheet: string, col: string, row: number, abs: [string, string]) => string | null): void {
  const apply = (f: string): string =>
    f.replace(REF, (all, q: string | undefined, plain: string | undefined, d1: string, col: string, d2: string, row: string) => {
      const sheet = q !== undefined ? q.replace(/''/g, "'") : plain!;
      return fn(sheet, col, Number(row), [d1, d2]) ?? all;
    });
  for (const s of state.sheets) for (const c of Object.values(s.cells)) if (c.formula) c.formula = apply(c.formula);
  for (const n of state.names ?? []) n.formula = apply(n.formula);
}

const quoted = (name: string): string => `'${name.replace(/'/g, "''")}'`;

/** The cached value of a formula: a plain reference to one cell is evaluated; anything else caches "". */
function cachedValue(state: FakeWorkbookState, formula: string, self: FakeSheet): string | number | boolean {
  const link = /^=HYPERLINK\("(?:[^"]|"")*",\s*"((?:[^"]|"")*)"\)$/i.exec(formula);
  if (link) return link[1]!.replace(/""/g, '"');
  const m = /^=(?:(?:'((?:[^']|'')+)'|([\p{L}\p{N}_.]+))!)?\$?([A-Z]{1,3})\$?(\d+)$/u.exec(formula);
  if (!m) return '';
  const name = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
  const sheet = name === undefined ? self : state.sheets.find((s) => s.name === name);
  if (!sheet) return '';
  const { box } = parseAddress(`${m[3]}${m[4]}`);
  return sheet.cells[`${box.r0},${box.c0}`]?.value ?? 0;
}

// ── the proxy machinery ───────────────────────────────────────────────────────────────────────

interface Op {
  /** What goes over the wire (its JSON is the request size). */
  wire: unknown;
  run: () => void;
}

export class FakeContext {
  queue: Op[] = [];
  /** Its `Excel.run` has ended: the context can no longer register event handlers. */
  closed = false;
  readonly workbook: FakeWorkbookProxy;
  constructor(readonly excel: FakeExcel) {
    this.workbook = new FakeWorkbookProxy(this);
  }
  /** Work an operation needs done before the sync applies it (parsing a workbook given as base64). */
  pending: Promise<unknown>[] = [];
  async sync(): Promise<void> {
    const ops = this.queue;
    this.queue = [];
    await Promise.all(this.pending.splice(0));
    const bytes = ops.reduce((n, o) => n + OPERATION_BYTES + jsonSize(o.wire), 0);
    const stat: SyncStat = { ops: ops.length, bytes, responseBytes: 0 };
    this.excel.syncs.push(stat);
    const { request, response } = this.excel.limits;
    if (bytes > request) {
      stat.failed = 'RequestPayloadSizeLimitExceeded';
      throw new FakeExcelError('RequestPayloadSizeLimitExceeded', `request of ${bytes} bytes exceeds ${request}`);
    }
    this.response = 0;
    const fault = this.excel.failAt;
    const failAt = fault && fault.sync === this.excel.syncs.length - 1 ? fault.op : -1;
    try {
      ops.forEach((op, i) => {
        if (i === failAt) throw new FakeExcelError('GeneralException', `operation ${i} failed (a fault the test injected)`);
        op.run();
      });
    } finally {
      // What was applied before a failure raised its events all the same.
      this.excel.deliver();
    }
    stat.responseBytes = this.response;
    if (this.response > response) {
      stat.failed = 'ResponsePayloadSizeLimitExceeded';
      throw new FakeExcelError('ResponsePayloadSizeLimitExceeded', `response of ${this.response} bytes exceeds ${response}`);
    }
  }
  private seq = 0;
  /** A short id for a derived object's path (Office.js refers to parents by id, so paths stay small). */
  nextId(): number {
    return ++this.seq;
  }
  /** Bytes loaded during the sync being run. */
  response = 0;
  get state(): FakeWorkbookState {
    return this.excel.state;
  }
}

/** Base of every proxy: loaded values, and the path that names it in the request. */
abstract class Proxy {
  protected loaded = new Map<string, unknown>();
  constructor(
    readonly context: FakeContext,
    readonly path: string,
  ) {}
  protected get$<T>(prop: string): T {
    if (!this.loaded.has(prop)) {
      throw new FakeExcelError(
        'PropertyNotLoaded',
        `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
      );
    }
    return this.loaded.get(prop) as T;
  }
  protected enqueue(wire: Record<string, unknown>, run: () => void): void {
    this.context.queue.push({ wire: { path: this.path, ...wire }, run });
  }
  protected set$(prop: string, value: unknown, apply: (v: never) => void): void {
    this.enqueue({ set: prop, value }, () => apply(value as never));
  }
  /** Names the properties to read; `items/name` style paths are handled by collections. */
  load(props?: string | string[] | { select?: string }): this {
    const list = (typeof props === 'string' ? props.split(',') : Array.isArray(props) ? props : (props?.select ?? '').split(','))
      .map((p) => p.trim())
      .filter(Boolean);
    this.enqueue({ load: list }, () => {
      this.context.response += LOADED_OBJECT_BYTES;
      // A null object loads only its isNullObject; its other properties stay unreadable.
      const isNull = this.nullNow();
      this.loaded.set('isNullObject', isNull);
      if (isNull) return;
      for (const p of list.length ? list : this.defaultProps()) {
        const v = this.read(p);
        this.loaded.set(p, v);
        this.context.response += jsonSize(v);
      }
    });
    return this;
  }
  protected defaultProps(): string[] {
    return [];
  }
  protected nullNow(): boolean {
    return false;
  }
  protected abstract read(prop: string): unknown;
}

function sheetOf(ctx: FakeContext, name: string): FakeSheet {
  const s = ctx.state.sheets.find((x) => x.name === name || sheetIdOf(x) === name);
  if (!s) throw new FakeExcelError('ItemNotFound', `worksheet ${name} not found`);
  return s;
}

// ── workbook and sheets ───────────────────────────────────────────────────────────────────────

export class FakeWorkbookProxy extends Proxy {
  readonly worksheets: FakeWorksheetCollection;
  readonly names: FakeNameCollection;
  readonly tables: FakeWorkbookTables;
  /** ExcelApi 1.7: `protected` is the workbook structure's protection. */
  readonly protection: FakeProtection;
  constructor(ctx: FakeContext) {
    super(ctx, 'wb');
    this.worksheets = new FakeWorksheetCollection(ctx);
    this.names = new FakeNameCollection(ctx);
    this.tables = new FakeWorkbookTables(ctx);
    this.protection = new FakeProtection(ctx, 'wb.protection', () => {
      if (!ctx.excel.isSetSupported('ExcelApi', '1.7')) throw new FakeExcelError('ApiNotFound', 'workbook.protection needs ExcelApi 1.7');
      return !!ctx.state.structureProtected;
    });
  }
  get name(): string {
    return this.get$('name');
  }
  /**
   * ExcelApi 1.13: inserts sheets of another workbook (an xlsx as base64) with their contents and
   * formats; resolves with the new sheets' ids. The base64 travels in the request, so it counts against
   * the 5 MB limit. What Excel does when an inserted sheet's name is taken is not documented: the fake
   * refuses it (ItemAlreadyExists, the stricter choice), so the adapter must never rely on a silent rename.
   * Bytes that are not an xlsx workbook, an unknown sheet in `sheetNamesToInsert`, or a protected
   * workbook structure fail the sync like any other operation.
   */
  insertWorksheetsFromBase64(base64: string, options: { sheetNamesToInsert?: string[]; positionType?: string; relativeTo?: string } = {}): { readonly value: string[] } {
    const ctx = this.context;
    let ids: string[] | null = null;
    const result = {
      get value(): string[] {
        if (!ids) throw new FakeExcelError('PropertyNotLoaded', 'The value of the result object has not been loaded yet. Call "context.sync()".');
        return ids;
      },
    };
    let parsed: { grids: WorkbookGrids } | { error: string } = { error: 'not parsed' };
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 !== 0) parsed = { error: 'not base64' };
    else {
      // The real xlsx reader (src/io/readXlsx.ts), loaded when first needed so the browser bundle of the fake stays light.
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      ctx.pending.push(
        import('../../src/io/readXlsx.js').then(({ readXlsx }) => readXlsx(bytes, 'inserted.xlsx').book).then(
          (grids) => void (parsed = { grids }),
          (e: unknown) => void (parsed = { error: e instanceof Error ? e.message : String(e) }),
        ),
      );
    }
    this.enqueue({ call: 'insertWorksheetsFromBase64', base64, options }, () => {
      if (!ctx.excel.isSetSupported('ExcelApi', '1.13')) throw new FakeExcelError('ApiNotFound', 'insertWorksheetsFromBase64 needs ExcelApi 1.13');
      guardStructure(ctx.state, 'insertWorksheetsFromBase64');
      if ('error' in parsed) throw new FakeExcelError('InvalidArgument', `the base64 string is not an xlsx workbook (${parsed.error})`);
      const { grids } = parsed;
      const wanted = options.sheetNamesToInsert?.length ? options.sheetNamesToInsert : grids.sheets.map((g) => g.name);
      const sheets = wanted.map((n) => {
        const g = grids.sheets.find((x) => x.name === n);
        if (!g) throw new FakeExcelError('InvalidArgument', `no sheet ${n} in the inserted workbook`);
        return sheetOfGrid(g);
      });
      for (const sh of sheets) checkSheetName(ctx.state, sh.name);
      const at = (() => {
        const p = options.positionType ?? 'End';
        if (p === 'Beginning') return 0;
        if (p === 'End' || p === 'None') return ctx.state.sheets.length;
        const i = ctx.state.sheets.findIndex((x) => x.name === options.relativeTo);
        if (i < 0) throw new FakeExcelError('InvalidArgument', `relativeTo ${String(options.relativeTo)}`);
        return p === 'Before' ? i : i + 1;
      })();
      sheets.forEach((sh) => (sh.id = `{fake-${ctx.excel.nextSheetId++}}`));
      // Two sheets of one inserted workbook cannot share a name either.
      for (let i = 0; i < sheets.length; i++) for (let j = 0; j < i; j++) if (sheets[i]!.name.toLowerCase() === sheets[j]!.name.toLowerCase()) throw new FakeExcelError('ItemAlreadyExists', sheets[i]!.name);
      ctx.state.sheets.splice(at, 0, ...sheets);
      ids = sheets.map((sh) => sh.id!);
      for (const sh of sheets) ctx.excel.sheetAdded(sh);
    });
    return result;
  }
  protected read(prop: string): unknown {
    if (prop === 'name') return this.context.state.name;
    throw new FakeExcelError('InvalidArgument', `workbook has no ${prop}`);
  }
}

/** `protection.protected` of a workbook or a sheet, read at sync time. */
export class FakeProtection extends Proxy {
  constructor(
    ctx: FakeContext,
    path: string,
    private readonly is: () => boolean,
  ) {
    super(ctx, path);
  }
  get protected(): boolean {
    return this.get$('protected');
  }
  protected read(prop: string): unknown {
    if (prop === 'protected') return this.is();
    throw new FakeExcelError('InvalidArgument', `protection has no ${prop}`);
  }
}

/** Workbook-scoped defined names (ExcelApi 1.4; `formula` 1.7). */
export class FakeNameCollection extends Proxy {
  private itemsLoaded: FakeNamedItem[] | null = null;
  constructor(ctx: FakeContext) {
    super(ctx, 'wb.names');
  }
  get items(): FakeNamedItem[] {
    if (!this.itemsLoaded) throw new FakeExcelError('PropertyNotLoaded', "The property 'items' is not available.");
    return this.itemsLoaded;
  }
  override load(props?: string | string[]): this {
    const list = (typeof props === 'string' ? props.split(',') : props ?? []).map((p) => p.trim().replace(/^items\//, ''));
    this.enqueue({ load: list }, () => {
      this.itemsLoaded = (this.context.state.names ?? []).map((n) => {
        const item = new FakeNamedItem(this.context, () => n, `name(${JSON.stringify(n.name)})`);
        item.fill(list.length ? list : ['name', 'formula', 'comment']);
        this.context.response += LOADED_OBJECT_BYTES + jsonSize(n);
        return item;
      });
    });
    return this;
  }
  /** `reference` is a formula (`='Sheet'!$A$1`) here; the comment is kept as written. */
  add(name: string, reference: string, comment = ''): FakeNamedItem {
    let made: FakeName | null = null;
    this.enqueue({ call: 'add', name, reference, comment }, () => {
      checkDefinedName(name);
      if (nameTaken(this.context.state, name)) throw new FakeExcelError('ItemAlreadyExists', `name ${name} already used`);
      made = { name, formula: reference.startsWith('=') ? reference : `=${reference}`, comment };
      (this.context.state.names ??= []).push(made);
    });
    return new FakeNamedItem(this.context, () => made, `${this.path}.added`);
  }
  getItemOrNullObject(name: string): FakeNamedItem {
    return new FakeNamedItem(this.context, () => (this.context.state.names ?? []).find((n) => n.name.toLowerCase() === name.toLowerCase()) ?? null, `nameOrNull(${JSON.stringify(name)})`);
  }
  /** ItemNotFound at sync time when there is no such name. */
  getItem(name: string): FakeNamedItem {
    return new FakeNamedItem(this.context, () => {
      const n = (this.context.state.names ?? []).find((x) => x.name.toLowerCase() === name.toLowerCase());
      if (!n) throw new FakeExcelError('ItemNotFound', `name ${name} not found`);
      return n;
    }, `name(${JSON.stringify(name)})`);
  }
  protected read(): unknown {
    throw new FakeExcelError('InvalidArgument', 'load items');
  }
}

export class FakeNamedItem extends Proxy {
  constructor(
    ctx: FakeContext,
    private readonly resolve: () => FakeName | null,
    path: string,
  ) {
    super(ctx, path);
  }
  private item(): FakeName {
    const n = this.resolve();
    if (!n || !(this.context.state.names ?? []).includes(n)) throw new FakeExcelError('ItemNotFound', `${this.path} not found`);
    return n;
  }
  fill(props: string[]): void {
    for (const p of props) this.loaded.set(p, this.read(p));
  }
  protected override nullNow(): boolean {
    return this.resolve() === null;
  }
  get isNullObject(): boolean {
    return this.get$('isNullObject');
  }
  get name(): string {
    return this.get$('name');
  }
  get formula(): string {
    return this.get$('formula');
  }
  get comment(): string {
    return this.get$('comment');
  }
  delete(): void {
    this.enqueue({ call: 'delete' }, () => {
      const list = this.context.state.names!;
      list.splice(list.indexOf(this.item()), 1);
    });
  }
  protected read(prop: string): unknown {
    const n = this.item();
    if (prop === 'name' || prop === 'formula' || prop === 'comment') return n[prop];
    if (prop === 'type') return 'Range';
    throw new FakeExcelError('InvalidArgument', `name has no ${prop}`);
  }
}

/** Every table of the workbook (names only: what the adapter needs to pick a free name). */
export class FakeWorkbookTables extends Proxy {
  private itemsLoaded: { name: string; worksheet: { name: string } }[] | null = null;
  constructor(ctx: FakeContext) {
    super(ctx, 'wb.tables');
  }
  get items(): { name: string; worksheet: { name: string } }[] {
    if (!this.itemsLoaded) throw new FakeExcelError('PropertyNotLoaded', "The property 'items' is not available.");
    return this.itemsLoaded;
  }
  override load(): this {
    this.enqueue({ load: ['items/name'] }, () => {
      this.itemsLoaded = this.context.state.sheets.flatMap((s) => s.tables.map((t) => ({ name: t.name, worksheet: { name: s.name } })));
      this.context.response += LOADED_OBJECT_BYTES + jsonSize(this.itemsLoaded);
    });
    return this;
  }
  protected read(): unknown {
    throw new FakeExcelError('InvalidArgument', 'load items');
  }
}

export class FakeWorksheetCollection extends Proxy {
  constructor(ctx: FakeContext) {
    super(ctx, 'wb.worksheets');
  }
  private itemProps: string[] = [];
  private itemsLoaded: FakeWorksheet[] | null = null;
  get items(): FakeWorksheet[] {
    if (!this.itemsLoaded) throw new FakeExcelError('PropertyNotLoaded', "The property 'items' is not available.");
    return this.itemsLoaded;
  }
  override load(props?: string | string[]): this {
    const list = (typeof props === 'string' ? props.split(',') : props ?? []).map((p) => p.trim().replace(/^items\//, ''));
    this.enqueue({ load: list }, () => {
      this.itemsLoaded = this.context.state.sheets.map((s) => {
        const ws = new FakeWorksheet(this.context, () => s, `ws(${JSON.stringify(s.name)})`);
        ws.fill(list.length ? list : ['name', 'visibility', 'position']);
        this.context.response += jsonSize(s.name) + 20;
        return ws;
      });
      this.itemProps = list;
    });
    return this;
  }
  getItem(name: string): FakeWorksheet {
    return new FakeWorksheet(this.context, () => sheetOf(this.context, name), `ws(${JSON.stringify(name)})`);
  }
  getItemOrNullObject(name: string): FakeWorksheet {
    return new FakeWorksheet(this.context, () => this.context.state.sheets.find((s) => s.name === name) ?? null, `wsOrNull(${JSON.stringify(name)})`, true);
  }
  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(this.context, () => sheetOf(this.context, this.context.state.active), 'ws.active');
  }
  /** ExcelApi 1.5. A workbook always has a sheet (and a visible one), so this never fails in Excel. */
  getFirst(visibleOnly = false): FakeWorksheet {
    return new FakeWorksheet(this.context, () => {
      const s = this.context.state.sheets.find((x) => !visibleOnly || x.visibility === 'Visible');
      if (!s) throw new FakeExcelError('ItemNotFound', 'no worksheet');
      return s;
    }, `ws.first(${visibleOnly})`);
  }
  add(name: string): FakeWorksheet {
    this.enqueue({ call: 'add', name }, () => {
      guardStructure(this.context.state, 'worksheets.add');
      checkSheetName(this.context.state, name);
      const sheet = emptySheet(name);
      this.context.state.sheets.push(sheet);
      ws.bind(sheet);
      this.context.excel.sheetAdded(sheet);
    });
    const ws = this.getItem(name);
    return ws;
  }
  protected read(): unknown {
    return this.itemProps;
  }
  /** ExcelApi 1.9 (the collection's; a single sheet's is 1.7). */
  get onChanged(): FakeEvent<FakeChangedArgs> {
    return new FakeEvent(this.context, 'changed', '1.9');
  }
  /** ExcelApi 1.7. */
  get onAdded(): FakeEvent<FakeSheetArgs> {
    return new FakeEvent(this.context, 'added', '1.7');
  }
  /** ExcelApi 1.7. */
  get onDeleted(): FakeEvent<FakeSheetArgs> {
    return new FakeEvent(this.context, 'deleted', '1.7');
  }
  /** ExcelApi 1.17. */
  get onNameChanged(): FakeEvent<FakeNameChangedArgs> {
    return new FakeEvent(this.context, 'nameChanged', '1.17');
  }
}

/** A sheet of an inserted workbook as the fake keeps it: values, formulas, number formats and merges. */
function sheetOfGrid(g: SheetGrid): FakeSheet {
  const s = emptySheet(g.name);
  const r0 = g.origin?.row ?? 0;
  const c0 = g.origin?.col ?? 0;
  g.values.forEach((row, r) =>
    row.forEach((v, c) => {
      const formula = g.formulas?.[r]?.[c] ?? undefined;
      const numberFormat = g.numberFormats?.[r]?.[c] ?? undefined;
      if ((v === null || v === '') && !formula) return;
      s.cells[`${r + r0},${c + c0}`] = { value: v ?? '', ...(formula ? { formula } : {}), ...(numberFormat && numberFormat !== 'General' ? { numberFormat } : {}) };
    }),
  );
  s.merges = (g.merges ?? []).map((m) => boxA1({ r0: m.top + r0, c0: m.left + c0, r1: m.bottom + r0, c1: m.right + c0 }));
  return s;
}

export function emptySheet(name: string): FakeSheet {
  return { name, visibility: 'Visible', cells: {}, merges: [], tables: [], notes: [], comments: [], frozenRows: 0, columnWidths: {} };
}

export class FakeWorksheet extends Proxy {
  readonly freezePanes: { freezeRows: (n: number) => void };
  readonly tables: FakeTableCollection;
  readonly notes: FakeNoteCollection;
  readonly comments: FakeCommentCollection;
  readonly charts: FakeChartCollection;
  /** ExcelApi 1.2: `protected` is this sheet's protection. */
  readonly protection: FakeProtection;
  /**
   * `resolve` finds the sheet when the sync runs: a sheet, null for a null object (only `*OrNullObject`
   * results may be null), or it throws (ItemNotFound).
   */
  constructor(
    ctx: FakeContext,
    private readonly resolve: () => FakeSheet | null,
    path: string,
    private readonly orNull = false,
  ) {
    super(ctx, path);
    this.freezePanes = {
      freezeRows: (n: number) => this.enqueue({ call: 'freezeRows', n }, () => void (this.writable().frozenRows = n)),
    };
    this.tables = new FakeTableCollection(ctx, this);
    this.notes = new FakeNoteCollection(ctx, this);
    this.comments = new FakeCommentCollection(ctx, this);
    this.charts = new FakeChartCollection(ctx, this);
    this.protection = new FakeProtection(ctx, `${path}.protection`, () => !!this.sheet().protected);
  }
  /** The sheet, for an operation that changes its cells: a protected sheet refuses. */
  writable(): FakeSheet {
    const s = this.sheet();
    if (s.protected) throw new FakeExcelError('AccessDenied', `the sheet ${s.name} is protected`);
    return s;
  }
  /** Used by collection loads to fill values directly during the sync. */
  fill(props: string[]): void {
    for (const p of props) this.loaded.set(p, this.read(p));
  }
  private bound: FakeSheet | null = null;
  /** Resolved once, then bound to that sheet (a rename keeps the proxy valid, as in Excel). */
  sheet(): FakeSheet {
    if (this.bound && this.context.state.sheets.includes(this.bound)) return this.bound;
    if (this.bound) throw new FakeExcelError('ItemNotFound', `worksheet ${this.bound.name} was deleted`);
    const s = this.resolveOrNull();
    if (!s) throw new FakeExcelError('InvalidObjectPath', `${this.path} is a null object: only isNullObject can be read`);
    this.bound = s;
    return s;
  }
  private resolveOrNull(): FakeSheet | null {
    const s = this.resolve();
    if (!s && !this.orNull) throw new FakeExcelError('ItemNotFound', `${this.path} not found`);
    return s;
  }
  /** At sync time: is this a null object? */
  isNull(): boolean {
    if (this.bound) return false;
    const s = this.resolveOrNull();
    if (s) this.bound = s;
    return !s;
  }
  /**
   * For objects derived from this sheet: true when this sheet is a null object and nulls propagate
   * (the derived object is then a null object too); throws when the fake plays a host that refuses.
   */
  nullParent(what: string): boolean {
    if (!this.isNull()) return false;
    if (this.context.excel.nullChaining === 'throw') {
      throw new FakeExcelError('InvalidObjectPath', `${what} of a null object (${this.path})`);
    }
    return true;
  }
  /** ExcelApi 1.5: the next sheet in tab order, or a null object after the last one. */
  getNextOrNullObject(visibleOnly = false): FakeWorksheet {
    return new FakeWorksheet(this.context, () => {
      if (this.nullParent('getNextOrNullObject')) return null;
      const all = this.context.state.sheets;
      const rest = all.slice(all.indexOf(this.sheet()) + 1);
      return rest.find((x) => !visibleOnly || x.visibility === 'Visible') ?? null;
    }, `ws#${this.context.nextId()}`, true);
  }
  bind(sheet: FakeSheet): void {
    this.bound = sheet;
  }
  get name(): string {
    return this.get$('name');
  }
  get visibility(): string {
    return this.get$('visibility');
  }
  set visibility(v: string) {
    this.set$('visibility', v, (x: FakeSheet['visibility']) => {
      guardStructure(this.context.state, 'visibility');
      this.sheet().visibility = x;
    });
  }
  set name(v: string) {
    this.set$('name', v, (x: string) => {
      const s = this.sheet();
      const before = s.name;
      renameSheet(this.context.state, s, x);
      if (before !== x) this.context.excel.raise('nameChanged', { type: 'WorksheetNameChanged', source: 'Local', worksheetId: sheetIdOf(s), nameBefore: before, nameAfter: x });
    });
  }
  get isNullObject(): boolean {
    return this.get$('isNullObject');
  }
  protected override nullNow(): boolean {
    return this.isNull();
  }
  get position(): number {
    return this.get$('position');
  }
  get id(): string {
    return this.get$('id');
  }
  protected read(prop: string): unknown {
    const s = this.sheet();
    switch (prop) {
      case 'name':
        return s.name;
      case 'visibility':
        return s.visibility;
      case 'position':
        return this.context.state.sheets.indexOf(s);
      case 'id':
        return sheetIdOf(s);
      default:
        throw new FakeExcelError('InvalidArgument', `worksheet has no ${prop}`);
    }
  }
  /** No address: the whole sheet, as in Excel. */
  getRange(address?: string): FakeRange {
    const whole = { r0: 0, c0: 0, r1: 1048575, c1: 16383 };
    return new FakeRange(this.context, this, `${this.path}.range(${JSON.stringify(address ?? '')})`, () => (address ? parseAddress(address).box : whole));
  }
  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    return new FakeRange(this.context, this, `${this.path}.usedRangeOrNull(${valuesOnly})`, () => usedBox(this.sheet(), valuesOnly), true);
  }
  getUsedRange(valuesOnly = false): FakeRange {
    return new FakeRange(this.context, this, `${this.path}.usedRange(${valuesOnly})`, () => usedBox(this.sheet(), valuesOnly) ?? { r0: 0, c0: 0, r1: 0, c1: 0 });
  }
  delete(): void {
    this.enqueue({ call: 'delete' }, () => {
      const st = this.context.state;
      const s = this.sheet();
      guardStructure(st, 'delete');
      if (st.sheets.filter((x) => x.visibility === 'Visible' && x !== s).length === 0) {
        throw new FakeExcelError('InvalidOperation', 'cannot delete the last visible sheet');
      }
      st.sheets.splice(st.sheets.indexOf(s), 1);
      this.context.excel.raise('deleted', { type: 'WorksheetDeleted', source: 'Local', worksheetId: sheetIdOf(s) });
      // References to it become #REF!, in formulas and defined names alike.
      rewriteRefs(st, (sheet) => (sheet === s.name ? '#REF!' : null));
      if (st.active === s.name) st.active = st.sheets.find((x) => x.visibility === 'Visible')!.name;
    });
  }
  activate(): void {
    this.enqueue({ call: 'activate' }, () => {
      const s = this.sheet();
      if (s.visibility !== 'Visible') throw new FakeExcelError('InvalidOperation', 'cannot activate a hidden sheet');
      this.context.state.active = s.name;
    });
  }
  copy(position: 'End' | 'After' = 'End', relativeTo?: FakeWorksheet): FakeWorksheet {
    let copied = '';
    const result = new FakeWorksheet(this.context, () => sheetOf(this.context, copied), `${this.path}.copy`);
    this.enqueue({ call: 'copy', position }, () => {
      const st = this.context.state;
      const s = this.sheet();
      guardStructure(st, 'copy');
      let n = 2;
      while (st.sheets.some((x) => x.name === `${s.name} (${n})`)) n++;
      copied = `${s.name} (${n})`;
      const clone: FakeSheet = { ...structuredClone(s), name: copied, visibility: 'Visible', tables: [], comments: [] };
      const at = position === 'After' && relativeTo ? st.sheets.indexOf(relativeTo.sheet()) + 1 : st.sheets.length;
      st.sheets.splice(at, 0, clone);
      result.bind(clone);
      this.context.excel.sheetAdded(clone);
    });
    return result;
  }
}

/** Renames a sheet as Excel does: the rules, the structure's protection, and every reference to it follows. */
export function renameSheet(state: FakeWorkbookState, s: FakeSheet, name: string): void {
  if (name === s.name) return;
  guardStructure(state, 'rename');
  checkSheetName(state, name, s);
  const old = s.name;
  rewriteRefs(state, (sheet, col, row, [d1, d2]) => (sheet === old ? `${quoted(name)}!${d1}${col}${d2}${row}` : null));
  if (state.active === old) state.active = name;
  s.name = name;
}

/**
 * The user inserts `count` rows above row `at` (0-based) of a sheet, as in Excel's UI: cells, notes,
 * comments, merges and tables below move down, and references to moved cells in formulas and defined
 * names follow (references from formulas on the same sheet without a sheet name are not adjusted here;
 * the adapter writes none).
 */
export function insertRows(state: FakeWorkbookState, sheetName: string, at: number, count: number): void {
  const s = state.sheets.find((x) => x.name === sheetName)!;
  const moved: Record<string, Cell> = {};
  for (const [k, c] of Object.entries(s.cells)) {
    const [r, col] = k.split(',').map(Number) as [number, number];
    moved[`${r >= at ? r + count : r},${col}`] = c;
  }
  s.cells = moved;
  const shift = (a1: string): string => {
    const { box } = parseAddress(a1);
    const d = (r: number) => (r >= at ? r + count : r);
    return boxA1({ r0: d(box.r0), c0: box.c0, r1: d(box.r1), c1: box.c1 });
  };
  for (const n of s.notes) n.cell = shift(n.cell);
  for (const c of s.comments) c.cell = shift(c.cell);
  s.merges = s.merges.map(shift);
  for (const t of s.tables) t.address = shift(t.address);
  rewriteRefs(state, (sheet, col, row, [d1, d2]) => (sheet === sheetName && row - 1 >= at ? `${quoted(sheet)}!${d1}${col}${d2}${row + count}` : null));
}

function usedBox(s: FakeSheet, valuesOnly: boolean): Box | null {
  let box: Box | null = null;
  for (const [k, cell] of Object.entries(s.cells)) {
    const hasValue = cell.value !== '' || !!cell.formula;
    if (!hasValue && (valuesOnly || (!cell.fill && !cell.numberFormat && !cell.bold))) continue;
    const [r, c] = k.split(',').map(Number) as [number, number];
    box = box
      ? { r0: Math.min(box.r0, r), c0: Math.min(box.c0, c), r1: Math.max(box.r1, r), c1: Math.max(box.c1, c) }
      : { r0: r, c0: c, r1: r, c1: c };
  }
  return box;
}

// ── ranges ────────────────────────────────────────────────────────────────────────────────────

type Grid<T> = T[][];

export class FakeRange extends Proxy {
  readonly format: FakeRangeFormat;
  constructor(
    ctx: FakeContext,
    readonly ws: FakeWorksheet,
    path: string,
    readonly box: () => Box | null,
    private readonly orNull = false,
  ) {
    super(ctx, path);
    this.format = new FakeRangeFormat(ctx, this);
  }
  /** The resolved rectangle; a null object has none and fails any use but `isNullObject`. */
  rect(): Box {
    const b = this.box();
    if (!b) throw new FakeExcelError('InvalidObjectPath', 'null object: only isNullObject can be read');
    return b;
  }
  private each<T>(fn: (cell: Cell | undefined, r: number, c: number) => T): Grid<T> {
    const b = this.rect();
    const s = this.ws.sheet();
    const out: Grid<T> = [];
    for (let r = b.r0; r <= b.r1; r++) {
      const row: T[] = [];
      for (let c = b.c0; c <= b.c1; c++) row.push(fn(s.cells[`${r},${c}`], r, c));
      out.push(row);
    }
    return out;
  }
  private write<T>(prop: string, grid: Grid<T> | T, apply: (cell: Cell, v: T) => void): void {
    this.set$(prop, grid, () => {
      const b = this.rect();
      const rows = b.r1 - b.r0 + 1;
      const cols = b.c1 - b.c0 + 1;
      const isGrid = Array.isArray(grid);
      if (isGrid && (grid.length !== rows || grid.some((row) => !Array.isArray(row) || row.length !== cols))) {
        throw new FakeExcelError('InvalidArgument', `${prop}: ${rows}×${cols} expected`);
      }
      const s = this.ws.writable();
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) {
          const key = `${b.r0 + r},${b.c0 + c}`;
          const cell = (s.cells[key] ??= { value: '' });
          apply(cell, isGrid ? (grid as Grid<T>)[r]![c]! : (grid as T));
          if (cell.value === '' && !cell.formula && !cell.fill && !cell.numberFormat && !cell.bold && !cell.hyperlink) delete s.cells[key];
        }
      }
      if (prop === 'values') this.context.excel.cellsChanged(s, b, 'ThisLocalAddin');
    });
  }
  get isNullObject(): boolean {
    return this.get$('isNullObject');
  }
  protected override nullNow(): boolean {
    return this.isNull();
  }
  /** At sync time: a null object (an empty used range, or derived from a null sheet)? */
  isNull(): boolean {
    if (this.ws.nullParent('a range')) return true;
    return this.orNull && this.box() === null;
  }
  get values(): Grid<string | number | boolean> {
    return this.get$('values');
  }
  /** Strings go through Excel's typed-input parsing unless the cell is formatted as text ("@"). */
  set values(v: Grid<string | number | boolean | null>) {
    this.write('values', v, (cell, x) => {
      if (x === null) return; // null in a 2-D array leaves the cell as it is
      delete cell.formula;
      if (typeof x !== 'string' || cell.numberFormat === '@') {
        cell.value = x;
        return;
      }
      const typed = parseTyped(x);
      if (typed.numberFormat && !cell.numberFormat) cell.numberFormat = typed.numberFormat;
      if (typed.formula) {
        cell.formula = typed.formula;
        cell.value = cachedValue(this.context.state, typed.formula, this.ws.sheet());
      } else cell.value = typed.value;
    });
  }
  get formulas(): Grid<string | number | boolean> {
    return this.get$('formulas');
  }
  set formulas(v: Grid<string | number | boolean | null>) {
    this.values = v;
  }
  get numberFormat(): Grid<string> {
    return this.get$('numberFormat');
  }
  set numberFormat(v: Grid<string> | string) {
    this.write('numberFormat', v, (cell, x: string | null) => {
      if (x === null) return;
      if (x === 'General') delete cell.numberFormat;
      else cell.numberFormat = x;
    });
  }
  get hyperlink(): Cell['hyperlink'] {
    return this.get$('hyperlink');
  }
  set hyperlink(v: Cell['hyperlink']) {
    this.write('hyperlink', v, (cell, x) => void (cell.hyperlink = x));
  }
  get address(): string {
    return this.get$('address');
  }
  get rowCount(): number {
    return this.get$('rowCount');
  }
  get columnCount(): number {
    return this.get$('columnCount');
  }
  get rowIndex(): number {
    return this.get$('rowIndex');
  }
  get columnIndex(): number {
    return this.get$('columnIndex');
  }
  protected read(prop: string): unknown {
    const b = this.rect();
    const big = (b.r1 - b.r0 + 1) * (b.c1 - b.c0 + 1) > this.context.excel.limits.cellsWithValues;
    if (big && (prop === 'values' || prop === 'formulas' || prop === 'numberFormat')) return null;
    switch (prop) {
      case 'values':
        return this.each((c) => c?.value ?? '');
      case 'formulas':
        return this.each((c) => c?.formula ?? c?.value ?? '');
      case 'numberFormat':
        return this.each((c) => c?.numberFormat ?? 'General');
      case 'address':
        return `${quoteSheet(this.ws.sheet().name)}!${boxA1(b)}`;
      case 'rowCount':
        return b.r1 - b.r0 + 1;
      case 'columnCount':
        return b.c1 - b.c0 + 1;
      case 'rowIndex':
        return b.r0;
      case 'columnIndex':
        return b.c0;
      case 'hyperlink':
        return this.ws.sheet().cells[`${b.r0},${b.c0}`]?.hyperlink ?? null;
      default:
        throw new FakeExcelError('InvalidArgument', `range has no ${prop}`);
    }
  }
  getCell(row: number, col: number): FakeRange {
    return new FakeRange(this.context, this.ws, `${this.path}.cell(${row},${col})`, () => {
      const b = this.rect();
      return { r0: b.r0 + row, c0: b.c0 + col, r1: b.r0 + row, c1: b.c0 + col };
    });
  }
  getMergedAreasOrNullObject(): { load: (p?: string) => unknown; readonly isNullObject: boolean; readonly address: string } {
    const areas = new FakeMergedAreas(this.context, this);
    return areas;
  }
  select(): void {
    this.enqueue({ call: 'select' }, () => {
      const s = this.ws.sheet();
      if (s.visibility !== 'Visible') throw new FakeExcelError('InvalidOperation', 'cannot select on a hidden sheet');
      this.context.state.active = s.name;
      this.context.state.selection = { sheet: s.name, address: boxA1(this.rect()) };
    });
  }
  merge(): void {
    this.enqueue({ call: 'merge' }, () => void this.ws.writable().merges.push(boxA1(this.rect())));
  }
  clear(): void {
    this.enqueue({ call: 'clear' }, () => {
      const b = this.rect();
      const s = this.ws.writable();
      for (let r = b.r0; r <= b.r1; r++) for (let c = b.c0; c <= b.c1; c++) delete s.cells[`${r},${c}`];
    });
  }
  /** Test hook: the resolved box without a sync (not Excel API). */
  get fakeBox(): Box | null {
    return this.box();
  }
}

class FakeMergedAreas extends Proxy {
  constructor(
    ctx: FakeContext,
    private readonly range: FakeRange,
  ) {
    super(ctx, `${range.path}.mergedAreasOrNull`);
  }
  get isNullObject(): boolean {
    return this.get$('isNullObject');
  }
  get address(): string {
    return this.get$('address');
  }
  protected override nullNow(): boolean {
    return this.range.isNull() || this.inside().length === 0;
  }
  private inside(): string[] {
    const b = this.range.rect();
    return this.range.ws
      .sheet()
      .merges.filter((m) => {
        const x = parseAddress(m).box;
        return x.r0 >= b.r0 && x.r1 <= b.r1 && x.c0 >= b.c0 && x.c1 <= b.c1;
      });
  }
  protected read(prop: string): unknown {
    const list = this.inside();
    if (list.length === 0) throw new FakeExcelError('InvalidObjectPath', 'null object');
    if (prop === 'address') return list.map((m) => `${quoteSheet(this.range.ws.sheet().name)}!${m}`).join(',');
    throw new FakeExcelError('InvalidArgument', `areas have no ${prop}`);
  }
}

class FakeRangeFormat {
  readonly fill: FakeFill;
  readonly font: FakeFont;
  constructor(
    ctx: FakeContext,
    readonly range: FakeRange,
  ) {
    this.fill = new FakeFill(ctx, range);
    this.font = new FakeFont(ctx, range);
  }
  set columnWidth(w: number) {
    this.range.context.queue.push({
      wire: { path: `${this.range.path}.format`, set: 'columnWidth', value: w },
      run: () => {
        const b = this.range.rect();
        for (let c = b.c0; c <= b.c1; c++) this.range.ws.writable().columnWidths[c] = w;
      },
    });
  }
  autofitColumns(): void {
    this.range.context.queue.push({ wire: { path: `${this.range.path}.format`, call: 'autofitColumns' }, run: () => undefined });
  }
}

/** One value for the whole range, or null when the cells differ (as Excel reports mixed formats). */
function uniform<T>(range: FakeRange, pick: (c: Cell | undefined) => T): T | null {
  const b = range.rect();
  const s = range.ws.sheet();
  let first: T | undefined;
  for (let r = b.r0; r <= b.r1; r++) {
    for (let c = b.c0; c <= b.c1; c++) {
      const v = pick(s.cells[`${r},${c}`]);
      if (first === undefined) first = v;
      else if (v !== first) return null;
    }
  }
  return first ?? null;
}

function cellsOf(range: FakeRange, fn: (cell: Cell) => void): void {
  const b = range.rect();
  const s = range.ws.writable();
  for (let r = b.r0; r <= b.r1; r++) {
    for (let c = b.c0; c <= b.c1; c++) {
      const key = `${r},${c}`;
      const cell = (s.cells[key] ??= { value: '' });
      fn(cell);
      if (cell.value === '' && !cell.formula && !cell.fill && !cell.numberFormat && !cell.bold && !cell.hyperlink) delete s.cells[key];
    }
  }
}

class FakeFill extends Proxy {
  constructor(
    ctx: FakeContext,
    private readonly range: FakeRange,
  ) {
    super(ctx, `${range.path}.format.fill`);
  }
  protected override nullNow(): boolean {
    return this.range.isNull();
  }
  get color(): string | null {
    return this.get$('color');
  }
  /** Setting a colour makes a plain solid fill: a pattern and a tint the cell had are gone. */
  set color(v: string) {
    this.set$('color', v, (x: string) =>
      cellsOf(this.range, (c) => {
        c.fill = x.toUpperCase();
        delete c.fillPattern;
        delete c.patternColor;
        delete c.tintAndShade;
      }),
    );
  }
  get pattern(): string | null {
    return this.get$('pattern');
  }
  set pattern(v: string) {
    this.set$('pattern', v, (x: string) => {
      this.need19();
      cellsOf(this.range, (c) => {
        if (x === 'None') {
          delete c.fill;
          delete c.fillPattern;
        } else if (x === 'Solid') delete c.fillPattern;
        else {
          c.fillPattern = x;
          c.fill ??= '#FFFFFF';
        }
      });
    });
  }
  get patternColor(): string | null {
    return this.get$('patternColor');
  }
  set patternColor(v: string) {
    this.set$('patternColor', v, (x: string) => {
      this.need19();
      cellsOf(this.range, (c) => void (c.patternColor = x.toUpperCase()));
    });
  }
  get tintAndShade(): number | null {
    return this.get$('tintAndShade');
  }
  set tintAndShade(v: number) {
    this.set$('tintAndShade', v, (x: number) => {
      this.need19();
      cellsOf(this.range, (c) => void (x === 0 ? delete c.tintAndShade : (c.tintAndShade = x)));
    });
  }
  private need19(): void {
    if (!this.context.excel.isSetSupported('ExcelApi', '1.9')) throw new FakeExcelError('ApiNotFound', 'fill pattern and tint need ExcelApi 1.9');
  }
  clear(): void {
    this.enqueue({ call: 'clear' }, () =>
      cellsOf(this.range, (c) => {
        delete c.fill;
        delete c.fillPattern;
        delete c.patternColor;
        delete c.tintAndShade;
      }),
    );
  }
  protected read(prop: string): unknown {
    if (prop === 'color') return uniform(this.range, (c) => c?.fill ?? '#FFFFFF');
    if (prop === 'pattern') {
      this.need19();
      return uniform(this.range, (c) => (c?.fill ? (c.fillPattern ?? 'Solid') : 'None'));
    }
    if (prop === 'patternColor') {
      this.need19();
      return uniform(this.range, (c) => c?.patternColor ?? '#000000');
    }
    if (prop === 'tintAndShade') {
      this.need19();
      return uniform(this.range, (c) => c?.tintAndShade ?? 0);
    }
    throw new FakeExcelError('InvalidArgument', `fill has no ${prop}`);
  }
}

class FakeFont extends Proxy {
  constructor(
    ctx: FakeContext,
    private readonly range: FakeRange,
  ) {
    super(ctx, `${range.path}.format.font`);
  }
  get bold(): boolean | null {
    return this.get$('bold');
  }
  set bold(v: boolean) {
    this.set$('bold', v, (x: boolean) => cellsOf(this.range, (c) => void (x ? (c.bold = true) : delete c.bold)));
  }
  set color(v: string) {
    this.set$('color', v, (x: string) => cellsOf(this.range, (c) => void (c.fontColor = x)));
  }
  protected read(prop: string): unknown {
    if (prop === 'bold') return uniform(this.range, (c) => !!c?.bold);
    if (prop === 'color') return uniform(this.range, (c) => c?.fontColor ?? '#000000');
    throw new FakeExcelError('InvalidArgument', `font has no ${prop}`);
  }
}

// ── tables, notes, comments ───────────────────────────────────────────────────────────────────

class FakeTableCollection extends Proxy {
  constructor(
    ctx: FakeContext,
    private readonly ws: FakeWorksheet,
  ) {
    super(ctx, `${ws.path}.tables`);
  }
  add(address: string, hasHeaders: boolean): FakeTable {
    let added: FakeSheet['tables'][number] | null = null;
    this.enqueue({ call: 'add', address, hasHeaders }, () => {
      const sheet = this.ws.writable();
      let n = 1;
      while (nameTaken(this.context.state, `Table${n}`)) n++;
      added = { name: `Table${n}`, address: boxA1(parseAddress(address).box), hasHeaders };
      sheet.tables.push(added);
    });
    return new FakeTable(this.context, this.ws, () => added, `${this.path}.added`);
  }
  protected read(): unknown {
    throw new FakeExcelError('InvalidArgument', 'not loadable in this fake');
  }
}

class FakeTable extends Proxy {
  constructor(
    ctx: FakeContext,
    private readonly ws: FakeWorksheet,
    private readonly resolve: () => FakeSheet['tables'][number] | null,
    path: string,
  ) {
    super(ctx, path);
  }
  private table(): FakeSheet['tables'][number] {
    const t = this.resolve();
    if (!t || !this.ws.sheet().tables.includes(t)) throw new FakeExcelError('ItemNotFound', 'table');
    return t;
  }
  set name(v: string) {
    this.set$('name', v, (x: string) => {
      const t = this.table();
      checkDefinedName(x);
      if (t.name.toLowerCase() !== x.toLowerCase() && nameTaken(this.context.state, x)) {
        throw new FakeExcelError('InvalidArgument', `table name ${x} already used in this workbook`);
      }
      const old = t.name;
      t.name = x;
      this.renamed = old;
    });
  }
  private renamed: string | null = null;
  set style(v: string) {
    this.set$('style', v, (x: string) => void (this.table().style = x));
  }
  getHeaderRowRange(): FakeRange {
    return new FakeRange(this.context, this.ws, `${this.path}.header`, () => {
      const b = parseAddress(this.table().address).box;
      return { ...b, r1: b.r0 };
    });
  }
  getDataBodyRange(): FakeRange {
    return new FakeRange(this.context, this.ws, `${this.path}.body`, () => {
      const b = parseAddress(this.table().address).box;
      return { ...b, r0: b.r0 + 1 };
    });
  }
  readonly rows = {
    add: (_index: number | null, values: (string | number | boolean | null)[][]) => {
      this.enqueue({ call: 'rows.add', values }, () => {
        const t = this.table();
        const b = parseAddress(t.address).box;
        const s = this.ws.sheet();
        values.forEach((row, i) =>
          row.forEach((v, j) => {
            if (v !== null && v !== '') s.cells[`${b.r1 + 1 + i},${b.c0 + j}`] = { value: v };
          }),
        );
        t.address = boxA1({ ...b, r1: b.r1 + values.length });
      });
    },
  };
  protected read(): unknown {
    void this.renamed;
    throw new FakeExcelError('InvalidArgument', 'not loadable in this fake');
  }
}

/** Notes (ExcelApi 1.18) and comments (1.10) share their shape: a collection of items at cells. */
abstract class FakeCellTextCollection<Item extends { cell: string; content: string }> extends Proxy {
  private itemsLoaded: FakeCellText[] | null = null;
  protected abstract readonly requirement: string;
  constructor(
    ctx: FakeContext,
    protected readonly ws: FakeWorksheet,
    kind: string,
  ) {
    super(ctx, `${ws.path}.${kind}`);
  }
  protected abstract list(): Item[];
  protected abstract make(cell: string, content: string): Item;
  protected need(): void {
    if (!this.context.excel.isSetSupported('ExcelApi', this.requirement)) {
      throw new FakeExcelError('ApiNotFound', `needs ExcelApi ${this.requirement}`);
    }
  }
  get items(): FakeCellText[] {
    if (!this.itemsLoaded) throw new FakeExcelError('PropertyNotLoaded', "The property 'items' is not available.");
    return this.itemsLoaded;
  }
  override load(props?: string | string[]): this {
    const list = (typeof props === 'string' ? props.split(',') : props ?? []).map((p) => p.trim().replace(/^items\//, ''));
    this.enqueue({ load: list }, () => {
      this.need();
      this.itemsLoaded = this.list().map((it) => {
        const x = new FakeCellText(this.context, this, () => it, `${this.path}[${JSON.stringify(it.cell)}]`);
        x.fillFrom(list.length ? list : ['content']);
        this.context.response += jsonSize(it.content);
        return x;
      });
    });
    return this;
  }
  /** `cellAddress` must name the sheet (`'东关'!D5`): a bare `D5` fails, as documented for comments. */
  add(cellAddress: string, content: string): FakeCellText {
    const { sheet, box } = parseAddress(cellAddress);
    const cell = boxA1({ ...box, r1: box.r0, c1: box.c0 });
    const item = this.make(cell, content);
    this.enqueue({ call: 'add', cellAddress, content }, () => {
      this.need();
      if (sheet === null) throw new FakeExcelError('InvalidArgument', `${cellAddress}: the address must include the sheet name`);
      if (sheet !== this.ws.sheet().name) throw new FakeExcelError('InvalidArgument', `${cellAddress} is not on ${this.ws.sheet().name}`);
      if (box.r0 !== box.r1 || box.c0 !== box.c1) throw new FakeExcelError('InvalidArgument', `${cellAddress} is more than one cell`);
      this.ws.writable();
      if (this.list().some((x) => x.cell === cell)) throw new FakeExcelError('InvalidArgument', `${cell} already has one`);
      this.list().push(item);
    });
    return new FakeCellText(this.context, this, () => item, `${this.path}.added`);
  }
  /** Notes are keyed by cell address (NoteCollection.getItemOrNullObject, ExcelApi 1.18). */
  getItemOrNullObject(key: string): FakeCellText {
    const { box } = parseAddress(key);
    const cell = boxA1({ ...box, r1: box.r0, c1: box.c0 });
    return new FakeCellText(this.context, this, () => {
      this.need();
      return this.list().find((x) => x.cell === cell) ?? null;
    }, `${this.path}.orNull(${JSON.stringify(cell)})`);
  }
  remove(item: Item): void {
    this.ws.writable();
    const list = this.list();
    const i = list.indexOf(item);
    if (i < 0) throw new FakeExcelError('ItemNotFound', 'already deleted');
    list.splice(i, 1);
  }
  protected read(): unknown {
    throw new FakeExcelError('InvalidArgument', 'load items');
  }
}

export class FakeCellText extends Proxy {
  constructor(
    ctx: FakeContext,
    private readonly owner: FakeCellTextCollection<{ cell: string; content: string }>,
    private readonly resolve: () => { cell: string; content: string; id?: string } | null,
    path: string,
  ) {
    super(ctx, path);
  }
  private item(): { cell: string; content: string; id?: string } {
    const it = this.resolve();
    if (!it) throw new FakeExcelError('ItemNotFound', `${this.path} not found`);
    return it;
  }
  fillFrom(props: string[]): void {
    for (const p of props) this.loaded.set(p, this.read(p));
  }
  get isNullObject(): boolean {
    return this.get$('isNullObject');
  }
  protected override nullNow(): boolean {
    return this.resolve() === null;
  }
  get content(): string {
    return this.get$('content');
  }
  get id(): string {
    return this.get$('id');
  }
  delete(): void {
    this.enqueue({ call: 'delete' }, () => this.owner.remove(this.item()));
  }
  getLocation(): FakeRange {
    const ws = (this.owner as unknown as { ws: FakeWorksheet }).ws;
    return new FakeRange(this.context, ws, `${this.path}.location`, () => parseAddress(this.item().cell).box);
  }
  protected read(prop: string): unknown {
    const it = this.item();
    if (prop === 'content') return it.content;
    if (prop === 'id' && it.id !== undefined) return it.id;
    if (prop === 'cell') return it.cell;
    throw new FakeExcelError('InvalidArgument', `no ${prop}`);
  }
}

class FakeNoteCollection extends FakeCellTextCollection<FakeSheet['notes'][number]> {
  protected readonly requirement = '1.18';
  constructor(ctx: FakeContext, ws: FakeWorksheet) {
    super(ctx, ws, 'notes');
  }
  protected list(): FakeSheet['notes'] {
    return this.ws.sheet().notes;
  }
  protected make(cell: string, content: string): FakeSheet['notes'][number] {
    return { cell, content };
  }
}

class FakeCommentCollection extends FakeCellTextCollection<FakeSheet['comments'][number]> {
  protected readonly requirement = '1.10';
  private static next = 1;
  constructor(ctx: FakeContext, ws: FakeWorksheet) {
    super(ctx, ws, 'comments');
  }
  protected list(): FakeSheet['comments'] {
    return this.ws.sheet().comments;
  }
  protected make(cell: string, content: string): FakeSheet['comments'][number] {
    return { id: `c${FakeCommentCollection.next++}`, cell, content };
  }
}

// ── charts (ExcelApi 1.1–1.7: add, title, axis titles, series type, point fill, position) ─────────────

const CHART_TYPES = new Set(['ColumnClustered', 'BarClustered', 'Line', 'LineMarkers', 'ColumnStacked', 'Pie']);

export class FakeChartCollection extends Proxy {
  private itemsLoaded: FakeChart[] | null = null;
  constructor(
    ctx: FakeContext,
    readonly ws: FakeWorksheet,
  ) {
    super(ctx, `${ws.path}.charts`);
  }
  private list(): FakeChartState[] {
    return (this.ws.sheet().charts ??= []);
  }
  get items(): FakeChart[] {
    if (!this.itemsLoaded) throw new FakeExcelError('PropertyNotLoaded', "The property 'items' is not available.");
    return this.itemsLoaded;
  }
  override load(props?: string | string[]): this {
    const list = (typeof props === 'string' ? props.split(',') : props ?? []).map((p) => p.trim().replace(/^items\//, ''));
    this.enqueue({ load: list }, () => {
      this.itemsLoaded = (this.ws.sheet().charts ?? []).map((c, i) => {
        const chart = new FakeChart(this.context, this, () => c, `${this.path}[${i}]`);
        chart.fill(list.length ? list : ['name']);
        this.context.response += jsonSize(c.name) + 20;
        return chart;
      });
    });
    return this;
  }
  /** Like Excel: the series come from the source's columns (first column = categories, first row = names). */
  add(type: string, source: FakeRange, seriesBy: string = 'Auto'): FakeChart {
    let made: FakeChartState | null = null;
    this.enqueue({ call: 'add', type, source: source.path, seriesBy }, () => {
      if (!CHART_TYPES.has(type)) throw new FakeExcelError('InvalidArgument', `chart type ${type}`);
      if (!['Auto', 'Columns', 'Rows'].includes(seriesBy)) throw new FakeExcelError('InvalidArgument', `seriesBy ${seriesBy}`);
      if (source.ws.sheet() !== this.ws.writable()) throw new FakeExcelError('InvalidArgument', 'source on another sheet');
      const list = this.list();
      made = {
        name: `图表 ${list.length + 1}`, type, source: boxA1(source.rect()), seriesBy,
        title: '', categoryTitle: '', valueTitle: '', seriesTypes: {}, pointColors: {}, position: null,
      };
      list.push(made);
    });
    return new FakeChart(this.context, this, () => made, `${this.path}.added`);
  }
  protected read(): unknown {
    throw new FakeExcelError('InvalidArgument', 'load items');
  }
}

export class FakeChart extends Proxy {
  readonly title: { text: string };
  readonly axes: { categoryAxis: { title: { text: string } }; valueAxis: { title: { text: string } } };
  readonly series: { getItemAt(i: number): { chartType: string; points: { getItemAt(j: number): { format: { fill: { setSolidColor(c: string): void } } } } } };
  constructor(
    ctx: FakeContext,
    readonly owner: FakeChartCollection,
    private readonly resolve: () => FakeChartState | null,
    path: string,
  ) {
    super(ctx, path);
    const textSetter = (what: string, apply: (c: FakeChartState, v: string) => void) => {
      const self = this;
      return {
        set text(v: string) {
          self.enqueue({ set: `${what}.text`, value: v }, () => apply(self.chart(), v));
        },
        get text(): string {
          throw new FakeExcelError('PropertyNotLoaded', `${what}.text`);
        },
      };
    };
    this.title = textSetter('title', (c, v) => void (c.title = v));
    this.axes = {
      categoryAxis: { title: textSetter('categoryAxis.title', (c, v) => void (c.categoryTitle = v)) },
      valueAxis: { title: textSetter('valueAxis.title', (c, v) => void (c.valueTitle = v)) },
    };
    this.series = {
      getItemAt: (i: number) => {
        const self = this;
        return {
          set chartType(v: string) {
            self.enqueue({ set: `series[${i}].chartType`, value: v }, () => {
              self.seriesCheck(i);
              if (!CHART_TYPES.has(v)) throw new FakeExcelError('InvalidArgument', `chart type ${v}`);
              self.chart().seriesTypes[i] = v;
            });
          },
          get chartType(): string {
            throw new FakeExcelError('PropertyNotLoaded', 'chartType');
          },
          points: {
            getItemAt: (j: number) => ({
              format: {
                fill: {
                  setSolidColor: (color: string) =>
                    self.enqueue({ call: `series[${i}].points[${j}].fill.setSolidColor`, color }, () => {
                      self.seriesCheck(i, j);
                      self.chart().pointColors[`${i},${j}`] = color;
                    }),
                },
              },
            }),
          },
        };
      },
    };
  }
  chart(): FakeChartState {
    const c = this.resolve();
    if (!c) throw new FakeExcelError('ItemNotFound', `${this.path} not found`);
    return c;
  }
  /** A series or point index beyond the bound data fails like Excel (series per column after the first). */
  seriesCheck(i: number, j?: number): void {
    const { box } = parseAddress(this.chart().source);
    const series = box.c1 - box.c0;
    const points = box.r1 - box.r0;
    if (i < 0 || i >= series) throw new FakeExcelError('ItemNotFound', `series ${i} of ${series}`);
    if (j !== undefined && (j < 0 || j >= points)) throw new FakeExcelError('ItemNotFound', `point ${j} of ${points}`);
  }
  fill(props: string[]): void {
    for (const p of props) this.loaded.set(p, this.read(p));
  }
  get name(): string {
    return this.get$('name');
  }
  set name(v: string) {
    this.set$('name', v, (x: string) => void (this.chart().name = x));
  }
  setPosition(startCell: string, endCell?: string): void {
    this.enqueue({ call: 'setPosition', startCell, endCell }, () => {
      parseAddress(startCell);
      if (endCell) parseAddress(endCell);
      this.chart().position = [startCell, endCell ?? startCell];
    });
  }
  protected read(prop: string): unknown {
    const c = this.chart();
    if (prop === 'name') return c.name;
    throw new FakeExcelError('InvalidArgument', `chart has no ${prop}`);
  }
}

// ── events ────────────────────────────────────────────────────────────────────────────────────

/** Excel.WorksheetChangedEventArgs as the fake raises it (ExcelApi 1.7; `triggerSource` 1.14). */
export interface FakeChangedArgs {
  type: 'WorksheetChanged';
  source: 'Local';
  worksheetId: string;
  /** The changed area on its sheet, without the sheet's name (`B3`, `A1:C4`). */
  address: string;
  changeType: 'RangeEdited' | 'RowInserted';
  triggerSource?: 'ThisLocalAddin' | 'Others';
}
/** Excel.WorksheetAddedEventArgs / WorksheetDeletedEventArgs (ExcelApi 1.7). */
export interface FakeSheetArgs {
  type: 'WorksheetAdded' | 'WorksheetDeleted';
  source: 'Local';
  worksheetId: string;
}
/** Excel.WorksheetNameChangedEventArgs (ExcelApi 1.17). */
export interface FakeNameChangedArgs {
  type: 'WorksheetNameChanged';
  source: 'Local';
  worksheetId: string;
  nameBefore: string;
  nameAfter: string;
}
type EventKind = 'changed' | 'added' | 'deleted' | 'nameChanged';
type ArgsOf = { changed: FakeChangedArgs; added: FakeSheetArgs; deleted: FakeSheetArgs; nameChanged: FakeNameChangedArgs };
type Handler = (args: never) => Promise<unknown> | unknown;

/** Ids Excel gives sheets (`{…}`), kept beside the plain state so states still deep-compare. */
const sheetIds = new WeakMap<FakeSheet, string>();
let nextId = 1;
export function sheetIdOf(s: FakeSheet): string {
  if (s.id) return s.id;
  let id = sheetIds.get(s);
  if (!id) sheetIds.set(s, (id = `{00000000-0000-0000-0000-${String(nextId++).padStart(12, '0')}}`));
  return id;
}

/** An event of the worksheet collection: `add(handler)` registers it at the next sync (OfficeExtension.EventHandlers). */
export class FakeEvent<A> {
  constructor(
    private readonly context: FakeContext,
    private readonly kind: EventKind,
    private readonly requirement: string,
  ) {}
  add(handler: (args: A) => Promise<unknown> | unknown): { context: FakeContext; remove(): void } {
    const ctx = this.context;
    if (ctx.closed) {
      throw new FakeExcelError(
        'InvalidObjectPath',
        `worksheets.on${this.kind[0]!.toUpperCase()}${this.kind.slice(1)}.add: the request context's Excel.run has ended; register event handlers inside Excel.run and sync`,
      );
    }
    const entry = { handler: handler as Handler };
    ctx.queue.push({
      wire: { path: 'wb.worksheets', event: this.kind, call: 'add' },
      run: () => {
        if (!ctx.excel.isSetSupported('ExcelApi', this.requirement)) throw new FakeExcelError('ApiNotFound', `worksheets.${this.kind} events need ExcelApi ${this.requirement}`);
        ctx.excel.handlers[this.kind].push(entry);
      },
    });
    return {
      context: ctx,
      remove: () => {
        if (ctx.closed) throw new FakeExcelError('InvalidObjectPath', 'remove an event handler inside Excel.run with the context it was added in');
        ctx.queue.push({ wire: { path: 'wb.worksheets', event: this.kind, call: 'remove' }, run: () => void (ctx.excel.handlers[this.kind] = ctx.excel.handlers[this.kind].filter((e) => e !== entry)) });
      },
    };
  }
}

// ── the host ──────────────────────────────────────────────────────────────────────────────────

/** One fake Excel: its workbook state, the requirement sets it claims, and what its syncs cost. */
export class FakeExcel {
  syncs: SyncStat[] = [];
  runs = 0;
  /** Highest supported version per requirement set; tests change it to play older hosts. */
  supported: Record<string, number> = { ExcelApi: 1.18 };
  /** Payload limits of Excel on the web; tests lower them to force the split paths. */
  limits = { request: MAX_REQUEST_BYTES, response: MAX_RESPONSE_BYTES, cellsWithValues: MAX_CELLS_WITH_VALUES };
  /** What an object derived from a null object is: a null object too, or a failed sync (see the top). */
  nullChaining: 'propagate' | 'throw' = 'throw';
  /** A fault a test injects: operation `op` of sync number `sync` (0-based, as in `syncs`) fails, the earlier ones applied. */
  failAt: { sync: number; op: number } | null = null;
  /** Next id of a sheet inserted from base64. */
  nextSheetId = 1;
  /** Registered event handlers, by event. */
  handlers: Record<EventKind, { handler: Handler }[]> = { changed: [], added: [], deleted: [], nameChanged: [] };
  /** Events raised by the sync being run, delivered after it. */
  private raised: { kind: EventKind; args: unknown }[] = [];
  /** Events raised and not yet delivered to the handlers. */
  pendingEvents = 0;
  /**
   * When Excel calls the handlers is not documented: after the sync has returned to the add-in (`later`,
   * the default) or before (`first`: the handlers run before the code after `await context.sync()`).
   * Tests run the add-in's own writes both ways.
   */
  eventDelivery: 'later' | 'first' = 'later';
  /** What handlers threw or rejected with (Excel only logs it). */
  handlerErrors: unknown[] = [];
  constructor(public state: FakeWorkbookState) {}

  /** Queues an event; `deliver` hands it to the handlers registered then. */
  raise<K extends EventKind>(kind: K, args: ArgsOf[K]): void {
    if (this.handlers[kind].length) this.raised.push({ kind, args });
  }

  /** Calls the handlers of the events raised so far, asynchronously, as Excel does after a sync. */
  deliver(): void {
    const events = this.raised.splice(0);
    if (!events.length) return;
    this.pendingEvents += events.length;
    const call = (fn: () => void): unknown => (this.eventDelivery === 'first' ? fn() : setTimeout(fn, 0));
    call(() => {
      for (const e of events) {
        this.pendingEvents--;
        for (const { handler } of [...this.handlers[e.kind]]) {
          try {
            void Promise.resolve((handler as (a: unknown) => unknown)(e.args)).catch((err: unknown) => this.handlerErrors.push(err));
          } catch (err) {
            this.handlerErrors.push(err);
          }
        }
      }
    });
  }

  cellsChanged(sheet: FakeSheet, box: Box, by: 'ThisLocalAddin' | 'Others', changeType: FakeChangedArgs['changeType'] = 'RangeEdited'): void {
    const address = box.r0 === box.r1 && box.c0 === box.c1 ? cellA1(box.r0, box.c0) : boxA1(box);
    this.raise('changed', { type: 'WorksheetChanged', source: 'Local', worksheetId: sheetIdOf(sheet), address, changeType, ...(this.isSetSupported('ExcelApi', '1.14') ? { triggerSource: by } : {}) });
  }

  sheetAdded(sheet: FakeSheet): void {
    this.raise('added', { type: 'WorksheetAdded', source: 'Local', worksheetId: sheetIdOf(sheet) });
  }

  /** The user types `value` into a cell (parsed as Excel parses typed input), in Excel's UI. */
  userEdit(sheetName: string, a1: string, value: string): void {
    const s = this.state.sheets.find((x) => x.name === sheetName)!;
    if (s.protected) throw new FakeExcelError('AccessDenied', `the sheet ${s.name} is protected`);
    const { box } = parseAddress(a1);
    const key = `${box.r0},${box.c0}`;
    const cell = (s.cells[key] ??= { value: '' });
    const typed = cell.numberFormat === '@' ? { value } : parseTyped(value);
    delete cell.formula;
    cell.value = typed.value;
    if ('formula' in typed && typed.formula) cell.formula = typed.formula;
    if (cell.value === '' && !cell.formula && !cell.fill && !cell.numberFormat) delete s.cells[key];
    this.cellsChanged(s, box, 'Others');
    this.deliver();
  }

  /** The user adds an empty sheet at the end, in Excel's UI. */
  userAddSheet(name: string): void {
    guardStructure(this.state, 'add');
    checkSheetName(this.state, name);
    const sheet = emptySheet(name);
    this.state.sheets.push(sheet);
    this.sheetAdded(sheet);
    this.deliver();
  }

  /** The user deletes a sheet, in Excel's UI (references to it become #REF!). */
  userDeleteSheet(name: string): void {
    const st = this.state;
    const s = st.sheets.find((x) => x.name === name)!;
    guardStructure(st, 'delete');
    st.sheets.splice(st.sheets.indexOf(s), 1);
    rewriteRefs(st, (sheet) => (sheet === s.name ? '#REF!' : null));
    if (st.active === s.name) st.active = st.sheets.find((x) => x.visibility === 'Visible')!.name;
    this.raise('deleted', { type: 'WorksheetDeleted', source: 'Local', worksheetId: sheetIdOf(s) });
    this.deliver();
  }

  isSetSupported(name: string, version = '1.1'): boolean {
    const have = this.supported[name];
    if (have === undefined) return false;
    const [a, b] = version.split('.').map(Number) as [number, number];
    const [x, y] = String(have).split('.').map(Number) as [number, number];
    return x > a || (x === a && (y ?? 0) >= (b ?? 0));
  }

  /** Like Excel.run: a fresh context; pending operations are flushed by one last sync after the callback. */
  async run<T>(cb: (context: FakeContext) => Promise<T>): Promise<T> {
    this.runs++;
    const ctx = new FakeContext(this);
    try {
      const result = await cb(ctx);
      if (ctx.queue.length) await ctx.sync();
      return result;
    } finally {
      ctx.closed = true;
    }
  }

  /** The globals the adapter reads: `Excel.run` and `Office.context.requirements.isSetSupported`. */
  globals(): { Excel: { run: FakeExcel['run'] }; Office: { context: { requirements: { isSetSupported: FakeExcel['isSetSupported'] } } } } {
    return {
      Excel: { run: (cb) => this.run(cb) },
      Office: { context: { requirements: { isSetSupported: (n, v) => this.isSetSupported(n, v) } } },
    };
  }

  /** The user inserts rows in Excel's UI (see `insertRows`). */
  insertRows(sheet: string, at: number, count: number): void {
    insertRows(this.state, sheet, at, count);
    const s = this.state.sheets.find((x) => x.name === sheet)!;
    this.cellsChanged(s, { r0: at, c0: 0, r1: at + count - 1, c1: 16383 }, 'Others', 'RowInserted');
    this.deliver();
  }

  /** The user renames a sheet in Excel's UI: references follow. */
  renameSheet(from: string, to: string): void {
    const s = this.state.sheets.find((x) => x.name === from)!;
    renameSheet(this.state, s, to);
    if (from !== to) this.raise('nameChanged', { type: 'WorksheetNameChanged', source: 'Local', worksheetId: sheetIdOf(s), nameBefore: from, nameAfter: to });
    this.deliver();
  }

  get maxRequestBytes(): number {
    return Math.max(0, ...this.syncs.map((s) => s.bytes));
  }

  resetCounters(): void {
    this.syncs = [];
    this.runs = 0;
  }
}

/** Builds a sheet from rows of values (row 0 = A1), with optional per-cell extras keyed by A1. */
export function sheetFrom(name: string, rows: (string | number | boolean | null)[][], extras: Record<string, Partial<Cell>> = {}): FakeSheet {
  const s = emptySheet(name);
  rows.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v !== null && v !== '') s.cells[`${r},${c}`] = { value: v };
    }),
  );
  for (const [a1, extra] of Object.entries(extras)) {
    const { box } = parseAddress(a1);
    const key = `${box.r0},${box.c0}`;
    s.cells[key] = { ...{ value: '' as Cell['value'] }, ...s.cells[key], ...extra };
  }
  return s;
}
