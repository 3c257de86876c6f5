import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { columnLetters, type CellValue } from '../core/grid.js';
import type { OutputTable, RowKind } from '../core/output/tables.js';
import { ownOutputCustomXml } from './ownOutput.js';

/**
 * Writes output tables (汇总, 明细, 校验结果) as an .xlsx, one Excel table per sheet, streaming each
 * sheet's XML row by row into a deflating zip. exceljs holds a whole workbook as objects and ran out of
 * memory on a city-year's 834,000-row 明细; this writer keeps only the compressed output. No node:* or
 * DOM imports: the browser page uses it too. Fixed timestamps make re-runs byte-identical.
 */

// Zip entry times are DOS local date-time fields, which fflate fills from the Date's *local* parts: a
// Date built from local parts gives the same bytes in every time zone (a UTC instant would not).
const MTIME = new Date(2000, 0, 1);
const enc = new TextEncoder();

// Characters XML 1.0 forbids (control characters other than tab, newline, return).
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const NEEDS_ESCAPE = /[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
function esc(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Style indices: the number formats used by the tables × plain / sub-total / total rows. */
class Styles {
  private readonly fmts = new Map<string, number>([['', 0]]);
  private readonly xfs = new Map<string, number>();
  private readonly list: { fmtId: number; kind: RowKind }[] = [{ fmtId: 0, kind: 'return' }];

  index(numFmt: string | undefined, kind: RowKind): number {
    const f = numFmt ?? '';
    let fmtId = this.fmts.get(f);
    if (fmtId === undefined) this.fmts.set(f, (fmtId = 164 + this.fmts.size - 1));
    const key = `${fmtId}|${kind}`;
    let i = this.xfs.get(key);
    if (i === undefined) {
      i = this.list.length;
      this.list.push({ fmtId, kind });
      this.xfs.set(key, i);
    }
    return i;
  }

  xml(): string {
    const fmts = [...this.fmts].filter(([f]) => f !== '');
    const font = (kind: RowKind): number => (kind === 'header' || kind === 'subtotal' || kind === 'total' ? 1 : 0);
    const fill = (kind: RowKind): number => (kind === 'subtotal' ? 2 : kind === 'total' ? 3 : 0);
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      (fmts.length ? `<numFmts count="${fmts.length}">${fmts.map(([f, id]) => `<numFmt numFmtId="${id}" formatCode="${esc(f)}"/>`).join('')}</numFmts>` : '') +
      '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
      '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
      '<fills count="4"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
      '<fill><patternFill patternType="solid"><fgColor rgb="FFF2F2F2"/><bgColor indexed="64"/></patternFill></fill>' +
      '<fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills>' +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.list.length}">` +
      this.list
        .map(({ fmtId, kind }) => {
          const attrs = `numFmtId="${fmtId}" fontId="${font(kind)}" fillId="${fill(kind)}" borderId="0" xfId="0"`;
          const applied = `${fmtId ? ' applyNumberFormat="1"' : ''}${font(kind) ? ' applyFont="1"' : ''}${fill(kind) ? ' applyFill="1"' : ''}`;
          return `<xf ${attrs}${applied}/>`;
        })
        .join('') +
      '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '</styleSheet>'
    );
  }
}

/** The shared string table: repeated names (community, street, file) are stored once. */
class SharedStrings {
  private readonly index = new Map<string, number>();
  count = 0;
  id(s: string): number {
    this.count++;
    let i = this.index.get(s);
    if (i === undefined) this.index.set(s, (i = this.index.size));
    return i;
  }
  *xml(): Generator<string> {
    yield '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${this.count}" uniqueCount="${this.index.size}">`;
    let chunk = '';
    for (const s of this.index.keys()) {
      chunk += /^\s|\s$/.test(s) ? `<si><t xml:space="preserve">${esc(s)}</t></si>` : `<si><t>${esc(s)}</t></si>`;
      if (chunk.length > 1 << 16) {
        yield chunk;
        chunk = '';
      }
    }
    yield chunk + '</sst>';
  }
}

// Every cell carries its `r` address: the schema makes it optional, but exceljs (our own reader) and
// other libraries need it. Empty unstyled cells are left out. Text goes to the shared string table when
// its column repeats itself (names, streets, units), inline otherwise (as-written values, messages):
// a city-year's table held 915,815 strings that occur once.
function cellXml(ref: string, v: CellValue, style: number, sst: SharedStrings | null): string {
  const s = style ? ` s="${style}"` : '';
  if (v === null || v === '') return style ? `<c r="${ref}"${s}/>` : '';
  if (typeof v === 'number' && Number.isFinite(v)) return `<c r="${ref}"${s}><v>${v}</v></c>`;
  if (typeof v === 'boolean') return `<c r="${ref}"${s} t="b"><v>${v ? 1 : 0}</v></c>`;
  const text = String(v);
  if (sst) return `<c r="${ref}"${s} t="s"><v>${sst.id(text)}</v></c>`;
  return /^\s|\s$/.test(text)
    ? `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${esc(text)}</t></is></c>`
    : `<c r="${ref}"${s} t="inlineStr"><is><t>${esc(text)}</t></is></c>`;
}

// A column whose first SAMPLE texts are mostly distinct is written inline.
const SAMPLE = 1000;
function repeats(t: OutputTable, c: number): boolean {
  const seen = new Set<string>();
  let n = 0;
  for (let r = 0; r < t.rows.length && n < SAMPLE; r++) {
    const v = t.rows[r]![c];
    if (typeof v !== 'string' || v === '') continue;
    n++;
    seen.add(v);
  }
  return n === 0 || seen.size <= n / 2;
}

/** Unique, non-empty header names: an Excel table refuses duplicates. */
function headerNames(t: OutputTable): string[] {
  const seen = new Set<string>();
  return t.columns.map((c, i) => {
    let name = c.header.trim() || `列${i + 1}`;
    for (let k = 2; seen.has(name); k++) name = `${c.header}${k}`;
    seen.add(name);
    return name;
  });
}

function* sheetXml(t: OutputTable, styles: Styles, sst: SharedStrings, tableRel: string): Generator<string> {
  const cols = t.columns.length;
  const last = columnLetters(cols);
  const rows = Math.max(t.rows.length, 1);
  const names = headerNames(t);
  yield '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' +
    `<dimension ref="A1:${last}${rows + 1}"/>` +
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
    '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>' +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    `<cols>${t.columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width ?? 12}" customWidth="1"/>`).join('')}</cols>` +
    '<sheetData>';
  const header = styles.index(undefined, 'header');
  const letters = t.columns.map((_, c) => columnLetters(c + 1));
  yield `<row r="1">${names.map((n, c) => cellXml(`${letters[c]}1`, n, header, sst)).join('')}</row>`;
  const styleOf = t.columns.map((c) => ({ return: styles.index(c.numFmt, 'return'), subtotal: styles.index(c.numFmt, 'subtotal'), total: styles.index(c.numFmt, 'total'), header }));
  const sstOf = t.columns.map((_, c) => (repeats(t, c) ? sst : null));
  let chunk = '';
  for (let r = 0; r < t.rows.length; r++) {
    const row = t.rows[r]!;
    const kind = t.kinds[r] ?? 'return';
    let xml = `<row r="${r + 2}">`;
    const rr = r + 2;
    for (let c = 0; c < cols; c++) xml += cellXml(letters[c]! + rr, row[c] ?? null, styleOf[c]![kind], sstOf[c]!);
    chunk += xml + '</row>';
    if (chunk.length > 1 << 16) {
      yield chunk;
      chunk = '';
    }
  }
  yield chunk;
  yield '</sheetData>' +
    '<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>' +
    '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>' +
    `<tableParts count="1"><tablePart r:id="${tableRel}"/></tableParts></worksheet>`;
}

function tableXml(t: OutputTable, id: number): string {
  const names = headerNames(t);
  const ref = `A1:${columnLetters(t.columns.length)}${Math.max(t.rows.length, 1) + 1}`;
  return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="${id}" name="${esc(t.tableName)}" displayName="${esc(t.tableName)}" ref="${ref}" totalsRowShown="0">` +
    `<autoFilter ref="${ref}"/>` +
    `<tableColumns count="${names.length}">${names.map((n, i) => `<tableColumn id="${i + 1}" name="${esc(n)}"/>`).join('')}</tableColumns>` +
    '<tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>';
}

/** Excel's limit is 1,048,576 rows per sheet; the header takes one. */
export const EXCEL_MAX_DATA_ROWS = 1_048_575;

/**
 * Tables longer than a sheet holds continue on further sheets — 明细, 明细(2), 明细(3) … — each with its own
 * header row and Excel table (CR_Details, CR_Details_2 …), so Excel opens the workbook and nothing is lost.
 */
export function splitForExcel(tables: readonly OutputTable[], maxRows = EXCEL_MAX_DATA_ROWS): OutputTable[] {
  const out: OutputTable[] = [];
  for (const t of tables) {
    if (t.rows.length <= maxRows) {
      out.push(t);
      continue;
    }
    for (let from = 0, part = 1; from < t.rows.length; from += maxRows, part++) {
      const to = from + maxRows;
      out.push({
        ...t,
        sheet: part === 1 ? t.sheet : `${t.sheet}(${part})`,
        tableName: part === 1 ? t.tableName : `${t.tableName}_${part}`,
        rows: t.rows.slice(from, to),
        kinds: t.kinds.slice(from, to),
        ...(t.links ? { links: t.links.slice(from, to) } : {}),
      });
    }
  }
  return out;
}

/**
 * A raw-deflate stream for one zip entry. The browser uses fflate's (JavaScript); the command line passes
 * node's zlib (src/node/zlibDeflater.ts), which does the same level in about half the time. This module
 * never imports node:*, so the choice is made by the caller.
 */
export interface RawDeflater {
  /** Takes the next chunk (`final` on the last one); a returned promise asks the caller to wait for it. */
  push(chunk: Uint8Array, final: boolean): void | Promise<void>;
  /** Set by the writer: where compressed data goes (`final` once, after the last chunk). */
  ondata: (data: Uint8Array, final: boolean) => void;
}

export interface XlsxOptions {
  /** Rows per sheet before a table continues on the next sheet (tests use a small number). */
  maxRows?: number;
  /** Makes a raw deflater per zip entry at the given level; fflate's when absent. */
  deflater?: (level: number) => RawDeflater;
}

/** A zip entry compressed by an injected deflater (fflate computes the CRC and size, we the data). */
class InjectedDeflate extends ZipPassThrough {
  private readonly d: RawDeflater;
  wait: void | Promise<void> = undefined;
  constructor(name: string, d: RawDeflater) {
    super(name);
    this.compression = 8;
    this.d = d;
    d.ondata = (data, final) => this.ondata(null, data as Uint8Array<ArrayBuffer>, final);
  }
  protected override process(chunk: Uint8Array<ArrayBuffer>, final: boolean): void {
    this.wait = this.d.push(chunk, final);
  }
}

/** Streams the tables into an .xlsx and returns its bytes. */
export function tablesToXlsx(allTables: readonly OutputTable[], opts: XlsxOptions = {}): Promise<Uint8Array> {
  const tables = splitForExcel(allTables, opts.maxRows);
  return new Promise((resolve, reject) => {
    let failed = false;
    const parts: Uint8Array[] = [];
    const zip = new Zip((err, data, final) => {
      if (err) {
        failed = true;
        return reject(err);
      }
      parts.push(data);
      if (final) {
        const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
        let o = 0;
        for (const p of parts) {
          out.set(p, o);
          o += p.length;
        }
        resolve(out);
      }
    });
    // Deflate level 3: on a city-year's 10 million cells level 6 takes about 50 % longer for a file 10 % smaller.
    const LEVEL = 3;
    const file = async (name: string, chunks: Iterable<string>): Promise<void> => {
      if (opts.deflater) {
        const f = new InjectedDeflate(name, opts.deflater(LEVEL));
        f.mtime = MTIME;
        zip.add(f);
        for (const c of chunks) {
          if (!c) continue;
          f.push(enc.encode(c));
          if (f.wait) await f.wait;
          if (failed) return;
        }
        f.push(new Uint8Array(0), true);
        if (f.wait) await f.wait;
        return;
      }
      const f = new ZipDeflate(name, { level: LEVEL });
      f.mtime = MTIME;
      zip.add(f);
      for (const c of chunks) if (c) f.push(enc.encode(c));
      f.push(new Uint8Array(0), true);
    };
    void (async () => {
      const styles = new Styles();
      const sst = new SharedStrings();
      const n = tables.length;
      const sheetIds = tables.map((_, i) => i + 1);
      await file('[Content_Types].xml', [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
          '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
          '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
          sheetIds.map((i) => `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
            `<Override PartName="/xl/tables/table${i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"/>`).join('') +
          '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
          '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
          '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>',
      ]);
      await file('_rels/.rels', [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
          '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
          '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
          '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>' +
          '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>',
      ]);
      await file('docProps/core.xml', [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
          '<dc:creator>Community Returns</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">2000-01-01T00:00:00Z</dcterms:created></cp:coreProperties>',
      ]);
      await file('docProps/app.xml', [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Community Returns</Application></Properties>',
      ]);
      await file('docProps/custom.xml', [ownOutputCustomXml('summary')]);
      await file('xl/workbook.xml', [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
          '<bookViews><workbookView/></bookViews><sheets>' +
          tables.map((t, i) => `<sheet name="${esc(t.sheet)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
          '</sheets><definedNames>' +
          tables.map((t, i) => `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">'${esc(t.sheet)}'!$1:$1</definedName>`).join('') +
          '</definedNames></workbook>',
      ]);
      await file('xl/_rels/workbook.xml.rels', [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
          sheetIds.map((i) => `<Relationship Id="rId${i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i}.xml"/>`).join('') +
          `<Relationship Id="rId${n + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
          `<Relationship Id="rId${n + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
      ]);
      for (const [i, t] of tables.entries()) {
        await file(`xl/worksheets/sheet${i + 1}.xml`, sheetXml(t, styles, sst, 'rId1'));
        await file(`xl/worksheets/_rels/sheet${i + 1}.xml.rels`, [
          '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
            `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/table" Target="../tables/table${i + 1}.xml"/></Relationships>`,
        ]);
        await file(`xl/tables/table${i + 1}.xml`, [tableXml(t, i + 1)]);
      }
      // Styles and strings last: the sheets have registered every format, row kind and string by now.
      await file('xl/styles.xml', [styles.xml()]);
      await file('xl/sharedStrings.xml', sst.xml());
      zip.end();
    })().catch(reject);
  });
}
