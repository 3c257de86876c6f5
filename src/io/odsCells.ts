/**
 * How many cells SheetJS will make from an .ods `content.xml`, counted before it is asked to.
 *
 * OpenDocument stores runs of identical cells and rows once, with `table:number-columns-repeated` and
 * `table:number-rows-repeated`. LibreOffice uses them for the empty rest of a sheet (self-closing empty
 * cells, which cost nothing), but a cell with something in it may be repeated too, and SheetJS then
 * makes one cell object per copy: a few KB that say "this value, 1,024 columns × 1,048,000 rows" become
 * a billion objects. This counts what SheetJS would make, the way it reads the attributes (`+` for rows,
 * `parseInt` for columns), so the reader can refuse such a file with `too_many_cells` in time
 * proportional to the XML, not to the declared range.
 */

/** Row and cell start tags, any namespace prefix: [1] row|cell, [2] attributes ('/' last when empty). */
const TAG = /<(?:[^\s<>:/!?]+:)?(table-row|table-cell)(?=[\s/>])([^>]*)>/g;
const ROWS = /number-rows-repeated\s*=\s*(?:"([^"]*)"|'([^']*)')/;
const COLS = /number-columns-repeated\s*=\s*(?:"([^"]*)"|'([^']*)')/;

/** Cells SheetJS would make from `xml`; stops counting once past `max` (the result is then > max). */
export function odsCellCount(xml: string, max: number): number {
  let cells = 0;
  let rows = 1;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(xml); m; m = TAG.exec(xml)) {
    const attrs = m[2]!;
    if (m[1] === 'table-row') {
      const r = ROWS.exec(attrs);
      rows = r ? +(r[1] ?? r[2]!) || 1 : 1; // SheetJS: `+tag['number-rows-repeated'] || 1`
      continue;
    }
    if (attrs.endsWith('/')) {
      cells += 1; // an empty element: SheetJS keeps at most one cell (a string value), never repeated
    } else {
      const c = COLS.exec(attrs);
      const cols = c ? parseInt(c[1] ?? c[2]!, 10) || 1 : 1; // SheetJS: `parseInt(…, 10) || 1`
      cells += Math.max(cols, 1) * Math.max(rows, 0);
    }
    if (!(cells <= max)) return Number.isNaN(cells) ? Infinity : cells;
  }
  return cells;
}
