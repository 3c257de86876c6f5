import type { Finding } from '../core/findings/codes.js';
import type { CellRange, CellValue, SheetGrid, WorkbookGrids } from '../core/grid.js';
import { GridBuilder, type BookContext } from './gridBuilder.js';
import { LIMITS, type ReadLimits } from './limits.js';
import { BUILTIN_FORMATS, cleanFormat } from './numberFormats.js';
import { ReadFailure } from './readFailure.js';
import { shiftFormula } from './shiftFormula.js';
import { decodeXml, eachElement, parseAttrs, textOf } from './xml.js';
import { ZipArchive } from './zip.js';

const MS_PER_DAY = 86_400_000;
/** 1899-12-30, day 0 of Excel's 1900 date system (after its 1900-02-29 bug). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
/** Days between the 1900 and 1904 date systems. */
const DAYS_1904 = 1462;

/** JS Date → Excel serial number in the 1900 system (what `range.values` gives for a date cell). */
export function excelSerial(d: Date): number {
  return (d.getTime() - EXCEL_EPOCH_MS) / MS_PER_DAY;
}

export interface XlsxRead {
  book: WorkbookGrids;
  /** Cells whose text was cut at the limit (`cell_text_truncated`). */
  findings: Finding[];
}

/**
 * Reads an .xlsx/.xlsm straight from its zip: the workbook, its relationships, shared strings, styles
 * and each worksheet's XML, scanned once. Grids are shaped like Excel's `range.values`: a merged area's
 * value is in its top-left cell only, a formula gives its cached result (and its text, shared formulas
 * moved to each cell), a date its serial number, an error its text (`#DIV/0!`). Hidden sheets are
 * included (a statistician may hide a sheet to tidy up without meaning it is not a return); chart and
 * dialog sheets hold no cells and are skipped. Namespace prefixes (`x:c`) are accepted.
 *
 * Cost is proportional to the cells that hold something, not to the declared used range: a grid starts
 * at its first such cell (`origin`), empty rows share one empty array. Throws a {@link ReadFailure}.
 */
export function readXlsx(bytes: Uint8Array, file: string, limits: ReadLimits = LIMITS): XlsxRead {
  const zip = new ZipArchive(bytes, limits.inflatedBytes);
  const rootRels = relsOf(zip, '_rels/.rels', '');
  const wbPath = rootRels.find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
  const wbXml = zip.text(wbPath);
  if (wbXml === null) throw new ReadFailure('corrupt', 'no workbook part');
  const wbDir = wbPath.slice(0, wbPath.lastIndexOf('/') + 1);
  const wbRels = relsOf(zip, `${wbDir}_rels/${wbPath.slice(wbDir.length)}.rels`, wbDir);
  const relById = new Map(wbRels.map((r) => [r.id, r]));
  const partOf = (kind: string, fallback: string): string => wbRels.find((r) => r.type.endsWith(kind))?.target ?? fallback;

  let date1904 = false;
  eachElement(wbXml, 'workbookPr', (tag) => {
    const v = parseAttrs(tag)['date1904'];
    date1904 = v === '1' || v === 'true';
  });

  const ctx: SheetContext = {
    file,
    limits,
    strings: readSharedStrings(zip, partOf('/sharedStrings', `${wbDir}sharedStrings.xml`), limits),
    formats: readStyles(zip, partOf('/styles', `${wbDir}styles.xml`)),
    date1904,
    cells: 0,
    findings: [],
  };

  const sheets: SheetGrid[] = [];
  eachElement(wbXml, 'sheet', (tag) => {
    const a = parseAttrs(tag);
    const rel = a['id'] !== undefined ? relById.get(a['id']) : undefined;
    if (!rel || !rel.type.endsWith('/worksheet')) return; // chart, dialog and macro sheets hold no cells
    const xml = zip.text(rel.target);
    if (xml === null) throw new ReadFailure('corrupt', `missing ${rel.target}`);
    sheets.push(readSheet(xml, a['name'] ?? '', ctx));
  });

  const book: WorkbookGrids = { file, sheets };
  const custom = zip.find('docProps/custom.xml') ? zip.text('docProps/custom.xml') : null;
  if (custom !== null && /name\s*=\s*["']CommunityReturnsOutput["']/.test(custom)) book.ownOutput = true;
  return { book, findings: ctx.findings };
}

interface Rel {
  id: string;
  type: string;
  target: string;
}

/** A .rels part: targets resolved to zip paths (relative to `dir`, or absolute from the root). */
function relsOf(zip: ZipArchive, path: string, dir: string): Rel[] {
  const xml = zip.find(path) ? zip.text(path) : null;
  const out: Rel[] = [];
  if (xml === null) return out;
  eachElement(xml, 'Relationship', (tag) => {
    const a = parseAttrs(tag);
    if (a['TargetMode'] === 'External') return;
    const t = a['Target'] ?? '';
    out.push({ id: a['Id'] ?? '', type: a['Type'] ?? '', target: normalizePath(t.startsWith('/') ? t.slice(1) : dir + t) });
  });
  return out;
}

function normalizePath(p: string): string {
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '..') out.pop();
    else if (seg !== '.' && seg !== '') out.push(seg);
  }
  return out.join('/');
}

interface SharedStrings {
  texts: string[];
  /** Original length of each string that was cut, by index. */
  cut: Map<number, number>;
}

function readSharedStrings(zip: ZipArchive, path: string, limits: ReadLimits): SharedStrings {
  const texts: string[] = [];
  const cut = new Map<number, number>();
  const xml = zip.find(path) ? zip.text(path) : null;
  if (xml === null) return { texts, cut };
  eachElement(xml, 'si', (_tag, inner) => {
    let s = textOf(inner);
    if (s.length > limits.cellText) {
      cut.set(texts.length, s.length);
      s = s.slice(0, limits.cellText);
    }
    texts.push(s);
  });
  return { texts, cut };
}

/** Number format code per cell style index (`s` attribute), null for General. */
function readStyles(zip: ZipArchive, path: string): (string | null)[] {
  const xml = zip.find(path) ? zip.text(path) : null;
  const out: (string | null)[] = [];
  if (xml === null) return out;
  const custom = new Map<number, string>();
  eachElement(xml, 'numFmt', (tag) => {
    const a = parseAttrs(tag);
    if (a['numFmtId'] !== undefined && a['formatCode'] !== undefined) custom.set(Number(a['numFmtId']), cleanFormat(a['formatCode']));
  });
  eachElement(xml, 'cellXfs', (_tag, inner) => {
    eachElement(inner, 'xf', (tag) => {
      const id = Number(parseAttrs(tag)['numFmtId'] ?? 0);
      out.push(id === 0 ? null : custom.get(id) ?? BUILTIN_FORMATS[id] ?? null);
    });
  });
  return out;
}

interface SheetContext extends BookContext {
  strings: SharedStrings;
  formats: (string | null)[];
  date1904: boolean;
}

interface SharedMaster {
  formula: string;
  row: number;
  col: number;
}

const SHARED = /\bt\s*=\s*["']shared["']/;

function readSheet(xml: string, name: string, ctx: SheetContext): SheetGrid {
  const grid = new GridBuilder(name, ctx);
  const shared = new Map<string, SharedMaster>();
  let nextRow = 0;

  const dataStart = xml.search(/<(?:[\w.-]+:)?sheetData[\s>]/);
  const dataEnd = xml.search(/<\/(?:[\w.-]+:)?sheetData>/);
  if (dataStart >= 0 && dataEnd > dataStart) {
    eachElement(xml, 'row', (rowTag, rowInner) => {
      const ra = parseAttrs(rowTag)['r'];
      const r = ra !== undefined ? Number(ra) - 1 : nextRow;
      nextRow = r + 1;
      if (rowInner === '') return;
      let nextCol = 0;
      eachElement(rowInner, 'c', (tag, inner) => {
        const a = parseAttrs(tag);
        const c = a['r'] !== undefined ? colOf(a['r']) : nextCol;
        nextCol = c + 1;
        if (inner !== '') readCell(a, inner, r, c, grid, shared, ctx); // else styled but empty
      });
    }, dataStart, dataEnd);
  }

  const merges: CellRange[] = [];
  eachElement(xml, 'mergeCell', (tag) => {
    const ref = parseAttrs(tag)['ref'];
    const m = ref ? /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/i.exec(ref) : null;
    if (!m) return;
    const top = Number(m[2]) - 1;
    const left = colOf(m[1]!);
    merges.push({ top, left, bottom: m[4] ? Number(m[4]) - 1 : top, right: m[3] ? colOf(m[3]) : left });
  }, dataEnd > 0 ? dataEnd : 0);

  return grid.finish(merges);
}

function readCell(
  a: Record<string, string>,
  inner: string,
  r: number,
  c: number,
  grid: GridBuilder,
  shared: Map<string, SharedMaster>,
  ctx: SheetContext,
): void {
  let formula: string | null = null;
  let raw: string | null = null;
  let inline: string | null = null;
  eachElement(inner, 'f', (tag, body) => {
    if (body !== '') {
      formula = decodeXml(body);
      if (SHARED.test(tag)) {
        const si = parseAttrs(tag)['si'];
        if (si !== undefined) shared.set(si, { formula, row: r, col: c });
      }
    } else if (SHARED.test(tag)) {
      const master = shared.get(parseAttrs(tag)['si'] ?? '');
      if (master) formula = shiftFormula(master.formula, r - master.row, c - master.col);
    }
  });
  eachElement(inner, 'v', (_tag, body) => {
    raw = body;
  });
  const t = a['t'] ?? 'n';
  if (t === 'inlineStr') {
    eachElement(inner, 'is', (_tag, body) => {
      inline = textOf(body);
    });
  }

  // Style 0 is the workbook's default (General); exceljs and Office.js give no format for it either.
  const style = a['s'] !== undefined ? Number(a['s']) : 0;
  let format: string | null = style > 0 ? ctx.formats[style] ?? null : null;
  let value: CellValue = null;
  const rawText = raw as string | null;
  const f = formula as string | null;
  switch (t) {
    case 's':
      if (rawText !== null) {
        const i = Number(rawText);
        value = ctx.strings.texts[i] ?? null;
        const length = ctx.strings.cut.get(i);
        if (length !== undefined) grid.cut(length, r, c);
      }
      break;
    case 'inlineStr':
    case 'str': {
      const s = (inline as string | null) ?? (rawText === null ? null : decodeXml(rawText));
      value = s === null ? null : grid.text(s, r, c);
      if (t === 'str' && value === '' && f === null) value = null;
      break;
    }
    case 'b':
      value = rawText === null ? null : rawText.trim() === '1' || rawText.trim() === 'true';
      break;
    case 'e':
      value = rawText === null ? null : decodeXml(rawText);
      break;
    case 'd': {
      const ms = rawText === null ? NaN : Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(rawText) ? rawText : rawText + 'Z');
      value = Number.isNaN(ms) ? null : (ms - EXCEL_EPOCH_MS) / MS_PER_DAY;
      if (value !== null && !format) format = 'yyyy-mm-dd';
      break;
    }
    default:
      if (rawText !== null && rawText !== '') {
        const n = Number(rawText);
        value = Number.isFinite(n) ? n : decodeXml(rawText);
        if (ctx.date1904 && typeof value === 'number' && format && /[ymd]/i.test(format)) value += DAYS_1904;
      }
  }
  grid.add(r, c, value, format, f === null ? null : '=' + f);
}

/** `BC12` → 54 (0-based column); digits are ignored. */
function colOf(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const ch = ref.charCodeAt(i) | 32;
    if (ch < 97 || ch > 122) break;
    col = col * 26 + (ch - 96);
  }
  return col - 1;
}
