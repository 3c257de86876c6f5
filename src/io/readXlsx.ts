import type { Finding } from '../core/findings/codes.js';
import type { CellRange, CellValue, SheetGrid, WorkbookGrids } from '../core/grid.js';
import { dateToSerial } from '../core/value/excelFormat.js';
import { GridBuilder, type BookContext } from './gridBuilder.js';
import { LIMITS, type ReadLimits } from './limits.js';
import { BUILTIN_FORMATS, cleanFormat } from './numberFormats.js';
import { ReadFailure } from './readFailure.js';
import { shiftFormula } from './shiftFormula.js';
import { decodeXml, eachElement, parseAttrs, textOf } from './xml.js';
import { OWN_OUTPUT_PROPERTY } from './ownOutput.js';
import { ZipArchive } from './zip.js';

/** Days between the 1900 and 1904 date systems. */
const DAYS_1904 = 1462;

/** JS Date → Excel serial number in the 1900 system (what `range.values` gives for a date cell). */
export const excelSerial = dateToSerial;

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
export function readXlsx(bytes: Uint8Array, file: string, limits: ReadLimits = LIMITS, zip = new ZipArchive(bytes, limits.inflatedBytes)): XlsxRead {
  // The package's own .rels names the workbook part; nearly always xl/workbook.xml, which saves a part.
  const wbPath = zip.find('xl/workbook.xml')
    ? 'xl/workbook.xml'
    : relsOf(zip, '_rels/.rels', '').find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
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
  if (custom !== null && new RegExp(`name\\s*=\\s*["']${OWN_OUTPUT_PROPERTY}["']`).test(custom)) book.ownOutput = true;
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

/** A row or cell start tag in sheetData, any prefix: [1] prefix, [2] row|c, [3] attributes, [4] '/' if empty. */
const ROW_OR_CELL = /<(?:([\w.-]+):)?(row|c)(?=[\s/>])([^>]*?)(\/?)>/g;
const CELL_ATTR = /(?:^|\s)(r|t|s)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const VALUE = /<(?:[\w.-]+:)?v(?:\s[^>]*)?>([^<]*)<\/(?:[\w.-]+:)?v>/;
const FORMULA = /<(?:[\w.-]+:)?f(\s[^>]*)?(?:\/>|>([^<]*)<\/(?:[\w.-]+:)?f>)/;
const INLINE = /<(?:[\w.-]+:)?is(?:\s[^>]*)?>([\s\S]*?)<\/(?:[\w.-]+:)?is>/;
const SHARED_SI = /\bsi\s*=\s*["']([^"']*)["']/;

/**
 * One worksheet's XML → a grid. The hot loop of the whole reader (it runs for every stored cell), so it
 * is one regex over sheetData for row and cell tags, with the few attributes it needs picked out
 * directly, rather than the general element scanner.
 */
function readSheet(xml: string, name: string, ctx: SheetContext): SheetGrid {
  const grid = new GridBuilder(name, ctx);
  const shared = new Map<string, SharedMaster>();

  const dataStart = xml.search(/<(?:[\w.-]+:)?sheetData[\s>]/);
  const dataEnd = xml.search(/<\/(?:[\w.-]+:)?sheetData>/);
  if (dataStart >= 0 && dataEnd > dataStart) {
    let row = -1;
    let nextCol = 0;
    ROW_OR_CELL.lastIndex = dataStart;
    for (let m = ROW_OR_CELL.exec(xml); m && m.index < dataEnd; m = ROW_OR_CELL.exec(xml)) {
      const attrs = m[3]!;
      if (m[2] === 'row') {
        const r = /(?:^|\s)r\s*=\s*["'](\d+)["']/.exec(attrs);
        row = r ? Number(r[1]) - 1 : row + 1;
        nextCol = 0;
        continue;
      }
      let ref: string | undefined;
      let t = 'n';
      let style = 0;
      if (attrs.indexOf("'") < 0) {
        // The usual spelling (double quotes): pick the three attributes out without a match per attribute.
        ref = attrValue(attrs, ' r="');
        t = attrValue(attrs, ' t="') ?? 'n';
        const sv = attrValue(attrs, ' s="');
        if (sv !== undefined) style = Number(sv);
      } else {
        CELL_ATTR.lastIndex = 0;
        for (let a = CELL_ATTR.exec(attrs); a; a = CELL_ATTR.exec(attrs)) {
          const v = a[2] ?? a[3]!;
          if (a[1] === 'r') ref = v;
          else if (a[1] === 't') t = v;
          else style = Number(v);
        }
      }
      const c = ref !== undefined ? colOf(ref) : nextCol;
      if (ref !== undefined) {
        const r = rowOf(ref);
        if (r >= 0) row = r;
      }
      nextCol = c + 1;
      if (m[4] === '/') continue; // styled but empty
      const innerStart = ROW_OR_CELL.lastIndex;
      const close = m[1] ? `</${m[1]}:c>` : '</c>';
      const innerEnd = xml.indexOf(close, innerStart);
      if (innerEnd < 0) break;
      ROW_OR_CELL.lastIndex = innerEnd + close.length;
      readCell(xml.slice(innerStart, innerEnd), t, style, row, c, grid, shared, ctx);
    }
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
  inner: string,
  t: string,
  style: number,
  r: number,
  c: number,
  grid: GridBuilder,
  shared: Map<string, SharedMaster>,
  ctx: SheetContext,
): void {
  let formula: string | null = null;
  if (inner.indexOf('f') >= 0) {
    const fm = FORMULA.exec(inner);
    if (fm) {
      const fAttrs = fm[1] ?? '';
      const isShared = SHARED.test(fAttrs);
      if (fm[2] !== undefined && fm[2] !== '') {
        formula = decodeXml(fm[2]);
        const si = isShared ? SHARED_SI.exec(fAttrs) : null;
        if (si) shared.set(si[1]!, { formula, row: r, col: c });
      } else if (isShared) {
        const master = shared.get(SHARED_SI.exec(fAttrs)?.[1] ?? '');
        if (master) formula = shiftFormula(master.formula, r - master.row, c - master.col);
      }
    }
  }
  const vm = VALUE.exec(inner);
  const rawText = vm ? vm[1]! : null;
  let inline: string | null = null;
  if (t === 'inlineStr') {
    const im = INLINE.exec(inner);
    if (im) inline = textOf(im[1]!);
  }

  // Style 0 is the workbook's default (General); exceljs and Office.js give no format for it either.
  let format: string | null = style > 0 ? ctx.formats[style] ?? null : null;
  let value: CellValue = null;
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
      const s = inline ?? (rawText === null ? null : decodeXml(rawText));
      value = s === null ? null : grid.text(s, r, c);
      if (t === 'str' && value === '' && formula === null) value = null;
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
      value = Number.isNaN(ms) ? null : dateToSerial(new Date(ms));
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
  grid.add(r, c, value, format, formula === null ? null : '=' + formula);
}

/** The value of the attribute whose ` name="` (with its leading space) is given, in a start tag's attribute text. */
function attrValue(attrs: string, key: string): string | undefined {
  let i = attrs.indexOf(key);
  if (i < 0) {
    // The first attribute may follow the tag name without a space of its own (attrs starts with a space).
    if (attrs.startsWith(key.slice(1))) i = -1;
    else return undefined;
  }
  const from = i + key.length;
  const to = attrs.indexOf('"', from);
  return to < 0 ? undefined : attrs.slice(from, to);
}

/** `BC12` → 11 (0-based row), or -1 when the reference has no row. */
function rowOf(ref: string): number {
  let i = 0;
  while (i < ref.length && ref.charCodeAt(i) > 57) i++;
  const n = Number(ref.slice(i));
  return i < ref.length && Number.isInteger(n) ? n - 1 : -1;
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
