import type { Finding } from '../core/findings/codes.js';
import type { CellRange, CellValue, SheetGrid, WorkbookGrids } from '../core/grid.js';
import { dateToSerial } from '../core/value/excelFormat.js';
import { GridBuilder, type BookContext } from './gridBuilder.js';
import { LIMITS, type ReadLimits } from './limits.js';
import { BUILTIN_FORMATS, cleanFormat } from './numberFormats.js';
import { ReadFailure } from './readFailure.js';
import { shiftFormula } from './shiftFormula.js';
import { decodeXml, eachElement, parseAttrs, textOf } from './xml.js';
import { OWN_OUTPUT_PROPERTY } from './ownOutputName.js';
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
  const wb = cached(workbookCache, wbXml, readWorkbook);

  const ctx: SheetContext = {
    file,
    limits,
    strings: readSharedStrings(zip, partOf('/sharedStrings', `${wbDir}sharedStrings.xml`), limits),
    formats: readStyles(zip, partOf('/styles', `${wbDir}styles.xml`)),
    date1904: wb.date1904,
    cells: 0,
    findings: [],
  };

  const sheets: SheetGrid[] = [];
  for (const { id, name } of wb.sheets) {
    const rel = id !== undefined ? relById.get(id) : undefined;
    if (!rel || !rel.type.endsWith('/worksheet')) continue; // chart, dialog and macro sheets hold no cells
    const xml = zip.text(rel.target);
    if (xml === null) throw new ReadFailure('corrupt', `missing ${rel.target}`);
    sheets.push(readSheet(xml, name, ctx));
  }

  const book: WorkbookGrids = { file, sheets };
  const custom = zip.find('docProps/custom.xml') ? zip.text('docProps/custom.xml') : null;
  if (custom !== null && new RegExp(`name\\s*=\\s*["']${OWN_OUTPUT_PROPERTY}["']`).test(custom)) book.ownOutput = true;
  return { book, findings: ctx.findings };
}

/**
 * Parts that returns made from one template share byte for byte (workbook, relationships, styles) come
 * from the zip reader as the same string, so what is read from them is kept too, keyed by that text.
 */
const workbookCache = new Map<string, WorkbookInfo>();
const relsCache = new Map<string, { dir: string; rels: Rel[] }>();
const stylesCache = new Map<string, (string | null)[]>();
const CACHE_MAX = 32;

function cached<T>(cache: Map<string, T>, xml: string, read: (xml: string) => T): T {
  let v = cache.get(xml);
  if (v === undefined) {
    v = read(xml);
    if (xml.length <= 64 * 1024) {
      if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
      cache.set(xml, v);
    }
  }
  return v;
}

interface WorkbookInfo {
  date1904: boolean;
  sheets: { id: string | undefined; name: string }[];
}

function readWorkbook(xml: string): WorkbookInfo {
  let date1904 = false;
  eachElement(xml, 'workbookPr', (tag) => {
    const v = parseAttrs(tag)['date1904'];
    date1904 = v === '1' || v === 'true';
  });
  const sheets: WorkbookInfo['sheets'] = [];
  eachElement(xml, 'sheet', (tag) => {
    const a = parseAttrs(tag);
    sheets.push({ id: a['id'], name: a['name'] ?? '' });
  });
  return { date1904, sheets };
}

interface Rel {
  id: string;
  type: string;
  target: string;
}

/** A .rels part: targets resolved to zip paths (relative to `dir`, or absolute from the root). */
function relsOf(zip: ZipArchive, path: string, dir: string): Rel[] {
  const xml = zip.find(path) ? zip.text(path) : null;
  if (xml === null) return [];
  const hit = relsCache.get(xml);
  if (hit?.dir === dir) return hit.rels;
  const rels = readRels(xml, dir);
  cached(relsCache, xml, () => ({ dir, rels }));
  return rels;
}

function readRels(xml: string, dir: string): Rel[] {
  const out: Rel[] = [];
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
  const add = (text: string): void => {
    let s = text;
    if (s.length > limits.cellText) {
      cut.set(texts.length, s.length);
      s = s.slice(0, limits.cellText);
    }
    texts.push(intern(s));
  };
  if (/<[\w.-]+:si[\s/>]/.test(xml)) eachElement(xml, 'si', (_tag, inner) => add(textOf(inner)));
  else plainStrings(xml, add);
  return { texts, cut };
}

/**
 * The shared strings of a part without namespace prefixes, in order: `<si><t>…</t></si>` (nearly all of
 * them) read in place, any other body (rich text runs, phonetic guides) by {@link textOf}.
 */
function plainStrings(xml: string, add: (text: string) => void): void {
  for (let i = xml.indexOf('<si'); i >= 0; i = xml.indexOf('<si', i)) {
    const after = xml.charCodeAt(i + 3);
    if (after !== 62 && after !== 47 && !isSpace(after)) {
      i += 3; // <sst>, <sis…>
      continue;
    }
    const gt = xml.indexOf('>', i);
    if (gt < 0) return;
    if (xml.charCodeAt(gt - 1) === 47) {
      add(''); // <si/>
      i = gt + 1;
      continue;
    }
    const end = xml.indexOf('</si>', gt);
    if (end < 0) return;
    i = end + 5;
    const ch = xml.charCodeAt(gt + 3);
    if (xml.startsWith('<t', gt + 1) && (ch === 62 || isSpace(ch)) && xml.startsWith('</t>', end - 4)) {
      const tGt = xml.indexOf('>', gt + 1);
      if (xml.charCodeAt(tGt - 1) !== 47 && xml.indexOf('<', tGt) === end - 4) {
        add(decodeXml(xml.slice(tGt + 1, end - 4)));
        continue;
      }
    }
    add(textOf(xml.slice(gt + 1, end)));
  }
}

/**
 * Labels repeat across returns made from one template (指标名称, 社区名称, 健康教育讲座 …), so each text is
 * kept once for the run: 2,400 returns hold one copy of their labels, not 2,400, and that copy does not
 * keep the part's whole XML alive (a substring of it would). Bounded: cleared when full.
 */
const interned = new Map<string, string>();
const INTERN_MAX_ENTRIES = 50_000;
const INTERN_MAX_LENGTH = 256;

function intern(s: string): string {
  if (s.length > INTERN_MAX_LENGTH) return s;
  const hit = interned.get(s);
  if (hit !== undefined) return hit;
  if (interned.size >= INTERN_MAX_ENTRIES) interned.clear();
  // A copy of its own: JS engines keep a longer substring as a view of its parent string.
  const own = s.length < 13 ? s : (' ' + s).slice(1);
  interned.set(own, own);
  return own;
}

/** Number format code per cell style index (`s` attribute), null for General. */
function readStyles(zip: ZipArchive, path: string): (string | null)[] {
  const xml = zip.find(path) ? zip.text(path) : null;
  return xml === null ? [] : cached(stylesCache, xml, styleFormats);
}

function styleFormats(xml: string): (string | null)[] {
  const out: (string | null)[] = [];
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
const VALUE = /<(?:[\w.-]+:)?v(?:\s[^>]*)?>([^<]*)<\/(?:[\w.-]+:)?v>/;
const FORMULA = /<(?:[\w.-]+:)?f(\s[^>]*)?(?:\/>|>([^<]*)<\/(?:[\w.-]+:)?f>)/;
const INLINE = /<(?:[\w.-]+:)?is(?:\s[^>]*)?>([\s\S]*?)<\/(?:[\w.-]+:)?is>/;
const SHARED_SI = /\bsi\s*=\s*["']([^"']*)["']/;

const SHEET_DATA = /<(?:[\w.-]+:)?sheetData[\s>]/;

/**
 * One worksheet's XML → a grid. The hot loop of the whole reader (it runs for every stored cell): a
 * hand-written scan over sheetData by character codes, which picks the cell reference, type and style
 * out of each start tag without building strings for them, and reads the usual `<v>…</v>` body
 * directly; a cell with anything else in it (a formula, an inline string, a prefix) goes through
 * {@link readCell}.
 */
function readSheet(xml: string, name: string, ctx: SheetContext): SheetGrid {
  const grid = new GridBuilder(name, ctx);
  const shared = new Map<string, SharedMaster>();

  const dataStart = xml.search(SHEET_DATA);
  const dataEnd = dataStart < 0 ? -1 : sheetDataEnd(xml);
  if (dataStart >= 0 && dataEnd > dataStart) scanCells(xml, dataStart, dataEnd, grid, shared, ctx);

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

/** Where `</sheetData>` (any prefix) starts, or -1. */
function sheetDataEnd(xml: string): number {
  for (let i = xml.lastIndexOf('sheetData>'); i > 1; i = xml.lastIndexOf('sheetData>', i - 1)) {
    let j = i - 1;
    if (xml.charCodeAt(j) === 58 /* : */) {
      j--;
      while (j > 0 && isNameChar(xml.charCodeAt(j))) j--;
    }
    if (xml.charCodeAt(j) === 47 /* / */ && xml.charCodeAt(j - 1) === 60 /* < */) return j - 1;
  }
  return -1;
}

function isNameChar(ch: number): boolean {
  return (ch >= 97 && ch <= 122) || (ch >= 65 && ch <= 90) || (ch >= 48 && ch <= 57) || ch === 95 || ch === 46 || ch === 45;
}

function isSpace(ch: number): boolean {
  return ch === 32 || ch === 10 || ch === 13 || ch === 9;
}

/** The last cell reference read by {@link scanCells}: 0-based column (-1 without letters) and row (-1 without digits). */
let refCol = -1;
let refRow = -1;

/** `BC12` between `from` and `to` → {@link refCol}, {@link refRow}, as colOf and rowOf read it. */
function readRef(xml: string, from: number, to: number): void {
  let col = 0;
  let i = from;
  for (; i < to; i++) {
    const ch = xml.charCodeAt(i) | 32;
    if (ch < 97 || ch > 122) break;
    col = col * 26 + (ch - 96);
  }
  refCol = col - 1;
  if (i >= to) {
    refRow = -1;
    return;
  }
  let row = 0;
  for (let k = i; k < to; k++) {
    const d = xml.charCodeAt(k) - 48;
    if (d < 0 || d > 9 || row > 1e9) {
      refRow = rowOf(xml.slice(from, to));
      return;
    }
    row = row * 10 + d;
  }
  refRow = row - 1;
}

/** A non-negative integer of up to 9 digits between `from` and `to`, or -1 when it is anything else. */
function smallInt(xml: string, from: number, to: number): number {
  if (to <= from || to - from > 9) return -1;
  let n = 0;
  for (let k = from; k < to; k++) {
    const d = xml.charCodeAt(k) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

function scanCells(xml: string, dataStart: number, dataEnd: number, grid: GridBuilder, shared: Map<string, SharedMaster>, ctx: SheetContext): void {
  const { texts, cut } = ctx.strings;
  let row = -1;
  let nextCol = 0;
  let i = dataStart + 1;
  for (;;) {
    const lt = xml.indexOf('<', i);
    if (lt < 0 || lt >= dataEnd) return;
    let k = lt + 1;
    const first = xml.charCodeAt(k);
    if (first === 47 || first === 33 || first === 63) {
      i = k; // an end tag, a comment, a processing instruction
      continue;
    }
    let nameStart = k;
    for (; k < dataEnd; k++) {
      const ch = xml.charCodeAt(k);
      if (ch === 62 || ch === 47 || isSpace(ch)) break;
      if (ch === 58) nameStart = k + 1;
    }
    const nameLen = k - nameStart;
    const isCell = nameLen === 1 && xml.charCodeAt(nameStart) === 99; /* c */
    const isRow = !isCell && nameLen === 3 && xml.startsWith('row', nameStart);
    const gt = xml.indexOf('>', k);
    if (gt < 0) return;
    i = gt + 1;
    if (!isCell && !isRow) continue;

    // Attributes: only the one-letter r, t and s matter.
    let hasRef = false;
    let rowAttr = -1;
    let t = 'n';
    let style = 0;
    for (let a = k; a < gt; ) {
      let ch = xml.charCodeAt(a);
      if (isSpace(ch) || ch === 47) {
        a++;
        continue;
      }
      const an = a;
      while (a < gt && (ch = xml.charCodeAt(a)) !== 61 && !isSpace(ch)) a++;
      const anLen = a - an;
      while (a < gt && xml.charCodeAt(a) !== 61) a++;
      a++;
      while (a < gt && isSpace(xml.charCodeAt(a))) a++;
      const q = xml.charCodeAt(a);
      if (q !== 34 && q !== 39) break;
      const vs = a + 1;
      const ve = xml.indexOf(q === 34 ? '"' : "'", vs);
      if (ve < 0) break;
      a = ve + 1;
      if (anLen !== 1) continue;
      const n = xml.charCodeAt(an);
      if (n === 114 /* r */) {
        if (isCell) {
          readRef(xml, vs, ve);
          hasRef = true;
        } else {
          rowAttr = smallInt(xml, vs, ve);
          if (rowAttr < 0 && /^\d+$/.test(xml.slice(vs, ve))) rowAttr = Number(xml.slice(vs, ve));
        }
      } else if (isCell && n === 116 /* t */) {
        t = xml.slice(vs, ve);
      } else if (isCell && n === 115 /* s */) {
        const v = smallInt(xml, vs, ve);
        style = v >= 0 ? v : Number(xml.slice(vs, ve));
      }
    }

    if (isRow) {
      row = rowAttr >= 0 ? rowAttr - 1 : row + 1;
      nextCol = 0;
      continue;
    }
    const c = hasRef ? refCol : nextCol;
    if (hasRef && refRow >= 0) row = refRow;
    nextCol = c + 1;
    if (xml.charCodeAt(gt - 1) === 47) continue; // styled but empty

    const prefixed = nameStart > lt + 1;
    const close = prefixed ? `</${xml.slice(lt + 1, nameStart)}c>` : '</c>';
    const innerEnd = xml.indexOf(close, i);
    if (innerEnd < 0) return;
    const innerStart = i;
    i = innerEnd + close.length;

    // The usual body, `<v>…</v>` alone, of a number or a shared string: read in place.
    if (
      !prefixed &&
      (t === 'n' || t === 's') &&
      xml.startsWith('<v>', innerStart) &&
      xml.startsWith('</v>', innerEnd - 4) &&
      xml.indexOf('<', innerStart + 3) === innerEnd - 4
    ) {
      const vs = innerStart + 3;
      const ve = innerEnd - 4;
      const format = style > 0 ? ctx.formats[style] ?? null : null;
      let value: CellValue = null;
      if (t === 's') {
        const n = smallInt(xml, vs, ve);
        const index = n >= 0 || ve === vs ? Math.max(n, 0) : Number(xml.slice(vs, ve));
        value = texts[index] ?? null;
        const length = cut.get(index);
        if (length !== undefined) grid.cut(length, row, c);
      } else if (ve > vs) {
        const small = smallInt(xml, vs, ve);
        if (small >= 0) value = small;
        else {
          const raw = xml.slice(vs, ve);
          const num = Number(raw);
          value = Number.isFinite(num) ? num : decodeXml(raw);
        }
        if (ctx.date1904 && typeof value === 'number' && format && /[ymd]/i.test(format)) value += DAYS_1904;
      }
      grid.add(row, c, value, format, null);
      continue;
    }
    readCell(xml.slice(innerStart, innerEnd), t, style, row, c, grid, shared, ctx);
  }
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
