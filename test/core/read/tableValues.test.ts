import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REVIEW_MARK } from '../../../src/core/extract/reviewMark.js';
import { denseValues } from '../../../src/core/check/dense.js';
import { peerOutliers } from '../../../src/core/check/outliers.js';
import { checkReturn } from '../../../src/core/check/returnChecks.js';
import { combineReturns } from '../../../src/core/combine/combineReturns.js';
import type { Finding } from '../../../src/core/findings/codes.js';
import type { CellValue, SheetGrid } from '../../../src/core/grid.js';
import { checkHistory } from '../../../src/core/months/historyOutliers.js';
import { IndicatorMatcher } from '../../../src/core/read/matcher.js';
import { findTableLayout } from '../../../src/core/read/readTableForm.js';
import { readValueCell } from '../../../src/core/read/readValueCell.js';
import { readWorkbooks } from '../../../src/core/read/readWorkbook.js';
import { cellOf, denseRow, hasValue, remarkOf, valueOf, ValuesReader } from '../../../src/core/read/returnValues.js';
import { TableReturn, type ParsedReturn, type ReturnValue } from '../../../src/core/read/types.js';
import { standardTemplate } from '../../helpers/template.js';

// A table row's values are held in its table's columns of numbers (TableValues), not as ReturnValue objects,
// and the checks and the consolidation read them without making those objects. Whatever the table, what
// they see must be exactly what the general path gives: readValueCell on every cell, and the same return
// as a plain object with an ordinary values record.
const tpl = standardTemplate();
const matcher = new IndicatorMatcher(tpl);
const labels = tpl.indicators.flatMap((i) => [i.name, `${i.name}（${i.unit}）`, ...i.aliases.slice(0, 1)]);
const labelsWithUnits = [...labels, '清运垃圾（公斤）', '投放鼠药（吨）', '消杀面积（公顷）', '病媒防制经费（万元）'];

const value: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 5000 }).map(String) },
  fc.constantFrom(null, '', ' ', '0', '-0', '-3', '87.5', '0.879', '101', '4,950', '500余', '约200', '2万', '0.02吨', '十二', '—', '#DIV/0!', '=A1', '1-2', ' 42 ', '1e3', '00012'),
  fc.double({ noNaN: true, min: -10, max: 1e6 }),
  fc.integer({ min: -5, max: 300 }),
  fc.boolean(),
);
const remark = fc.constantFrom(null, '', '说明', `${REVIEW_MARK}摘录`, '  ');
const community = fc.constantFrom('阳光社区', '东关社区', '西城社区', '南苑社区', '合计', '', null, '北湖社区', '翠苑社区');
const street = fc.constantFrom('东城街道', '西城街道', null);
const period = fc.constantFrom('2026-01', '2026-02', '2026-03', '2026年4月', '', null, 'x');

const table = fc
  .record({
    columns: fc.uniqueArray(fc.constantFrom(...labelsWithUnits), { minLength: 2, maxLength: 10 }),
    withRemark: fc.boolean(),
    withPeriod: fc.boolean(),
    rows: fc.array(fc.tuple(community, street, period, remark, fc.array(value, { minLength: 10, maxLength: 10 })), { maxLength: 40 }),
    origin: fc.option(fc.record({ row: fc.integer({ min: 0, max: 5 }), col: fc.integer({ min: 0, max: 30 }) }), { nil: undefined }),
    title: fc.constantFrom(null, '2026年5月社区创卫工作月报表'),
  })
  .map(({ columns, withRemark, withPeriod, rows, origin, title }): SheetGrid => {
    const header: CellValue[] = ['社区名称', '所属街道', ...(withPeriod ? ['报告期'] : []), ...columns, ...(withRemark ? ['备注'] : [])];
    const values: CellValue[][] = [[title], header];
    for (const [c, s, p, rm, vs] of rows) {
      values.push([c, s, ...(withPeriod ? [p] : []), ...vs.slice(0, columns.length), ...(withRemark ? [rm] : [])]);
    }
    return { name: '表', values, ...(origin ? { origin } : {}) };
  });

/** The same return as a plain object whose values are an ordinary record (the general path of every reader). */
function plain(ret: ParsedReturn): ParsedReturn {
  const values: Record<string, ReturnValue> = {};
  for (const [code, v] of Object.entries(ret.values)) values[code] = { ...v };
  return {
    file: ret.file, sheet: ret.sheet, form: ret.form, row: ret.row, community: ret.community, communityCell: ret.communityCell,
    street: ret.street, period: ret.period, reporter: ret.reporter, phone: ret.phone, values,
  };
}

describe('table rows held as columns of numbers', () => {
  it('give the values readValueCell gives cell by cell, in column order', () => {
    fc.assert(
      fc.property(table, (grid) => {
        const { returns } = readWorkbooks([{ file: 'f.csv', sheets: [grid] }], tpl);
        const layout = findTableLayout(grid, matcher);
        if (!layout) return;
        const seen = new Set<string>();
        const columns = [...layout.indicators].filter(([, m]) => !seen.has(m.indicator.code) && !!seen.add(m.indicator.code));
        const originRow = grid.origin?.row ?? 0;
        for (const ret of returns) {
          expect(ret).toBeInstanceOf(TableReturn);
          const r = ret.row! - 1 - originRow;
          const remarkV = layout.remarkCol !== null ? grid.values[r]![layout.remarkCol] : null;
          const remarkText = remarkV === null || remarkV === undefined || String(remarkV).trim() === '' ? null : String(remarkV).trim();
          const expected: Record<string, ReturnValue> = {};
          for (const [c, m] of columns) {
            expected[m.indicator.code] = readValueCell(grid, r, c, m.indicator, m.unit, remarkText, { file: 'f.csv', sheet: '表' }, [] as Finding[]);
          }
          const values = ret.values;
          expect(Object.keys(values)).toEqual(Object.keys(expected));
          for (const code of Object.keys(expected)) {
            const [a, b] = [values[code]!, expected[code]!];
            expect(Object.is(a.value, b.value)).toBe(true);
            expect([a.raw, a.cell, a.approximate, a.remark]).toEqual([b.raw, b.cell, b.approximate, b.remark]);
          }
          // The accessors say what the record says, for every code (and one no template has).
          const p = plain(ret);
          for (const code of [...tpl.indicators.map((i) => i.code), 'no_such_code']) {
            expect(hasValue(ret, code)).toBe(hasValue(p, code));
            expect(Object.is(valueOf(ret, code), valueOf(p, code))).toBe(true);
            expect(cellOf(ret, code)).toBe(cellOf(p, code));
            expect(remarkOf(ret, code)).toBe(remarkOf(p, code));
          }
          const [x, y] = [new Float64Array(tpl.indicators.length), new Float64Array(tpl.indicators.length)];
          const [ax, ay]: string[][] = [[], []];
          denseRow(ret, tpl.indicators, x, 0, ax);
          denseRow(p, tpl.indicators, y, 0, ay);
          expect(Array.from(x)).toEqual(Array.from(y));
          expect(ax).toEqual(ay);
          // 明细's reader, value by value in template order.
          const reader = new ValuesReader(tpl.indicators);
          reader.at(ret);
          tpl.indicators.forEach((ind, i) => {
            const v = p.values[ind.code];
            expect(reader.has(i)).toBe(!!v);
            if (v) expect([reader.value(i), reader.raw(i), reader.approximate(i), reader.cell(i)]).toEqual([v.value, v.raw, v.approximate, v.cell]);
          });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('give the checks and the consolidation what the same returns as plain objects give', () => {
    fc.assert(
      fc.property(table, (grid) => {
        const returns = readWorkbooks([{ file: 'f.csv', sheets: [grid] }], tpl).returns;
        const plains = returns.map(plain);
        for (let q = 0; q < returns.length; q++) expect(checkReturn(returns[q]!, tpl)).toEqual(checkReturn(plains[q]!, tpl));
        expect(Array.from(denseValues(returns, tpl.indicators))).toEqual(Array.from(denseValues(plains, tpl.indicators)));
        const ctx = (rs: ParsedReturn[]) => ({ returns: rs, template: tpl, roster: null });
        expect(peerOutliers(ctx(returns))).toEqual(peerOutliers(ctx(plains)));
        expect(checkHistory(returns, tpl)).toEqual(checkHistory(plains, tpl));
        const named = (rs: ParsedReturn[]) => rs.filter((r) => r.community);
        const [a, b] = [combineReturns(named(returns), tpl), combineReturns(named(plains), tpl)];
        expect(a.rows.map((r) => [r.values, r.approximate, r.sources])).toEqual(b.rows.map((r) => [r.values, r.approximate, r.sources]));
        expect([a.streets, a.totals, a.details]).toEqual([b.streets, b.totals, b.details]);
      }),
      { numRuns: 200 },
    );
  });

  it('lend a table in template order its own numbers, and the consolidation the job\'s', () => {
    // A form's export: the template's indicators in order (the numbers are then the table's own buffer).
    const inOrder = fc
      .record({
        rows: fc.array(fc.tuple(community, street, period, fc.array(value, { minLength: tpl.indicators.length, maxLength: tpl.indicators.length })), { maxLength: 30 }),
        replace: fc.option(fc.nat(), { nil: undefined }),
      })
      .map(({ rows, replace }) => {
        const header: CellValue[] = ['社区名称', '所属街道', '报告期', ...tpl.indicators.map((i) => i.name)];
        const grid: SheetGrid = { name: '表', values: [header, ...rows.map(([c, s, p, vs]) => [c, s, p, ...vs])] };
        return { grid, replace };
      });
    fc.assert(
      fc.property(inOrder, ({ grid, replace }) => {
        const returns = readWorkbooks([{ file: 'f.csv', sheets: [grid] }], tpl).returns;
        // A return whose values were replaced is no longer the table's: the numbers are then copied.
        if (replace !== undefined && returns.length > 0) {
          const r = returns[replace % returns.length]!;
          r.values = { leaflets: { value: 7, raw: '7', cell: 'E9', approximate: false, remark: null } };
        }
        const plains = returns.map(plain);
        const dense = denseValues(returns, tpl.indicators);
        expect(Array.from(dense)).toEqual(Array.from(denseValues(plains, tpl.indicators)));
        // The combined returns (every other one here) read from the job's numbers, or from the returns.
        const at = returns.flatMap((r, q) => (r.community && q % 2 === 0 ? [q] : []));
        const combined = at.map((q) => returns[q]!);
        const [a, b] = [combineReturns(combined, tpl, null, { numbers: dense, at }), combineReturns(at.map((q) => plains[q]!), tpl)];
        expect(a.rows.map((r) => [r.values, r.approximate, r.sources])).toEqual(b.rows.map((r) => [r.values, r.approximate, r.sources]));
        expect([a.streets, a.totals, a.details]).toEqual([b.streets, b.totals, b.details]);
      }),
      { numRuns: 200 },
    );
    const grid: SheetGrid = { name: '表', values: [['社区名称', ...tpl.indicators.map((i) => i.name)], ['阳光社区', ...tpl.indicators.map(() => '1')]] };
    const returns = readWorkbooks([{ file: 'f.csv', sheets: [grid] }], tpl).returns as TableReturn[];
    expect(denseValues(returns, tpl.indicators).buffer).toBe(returns[0]!.valuesStore!.numbers.buffer);
  });

  it('keep a replaced values record, and make a record for whichever row is asked', () => {
    const grid: SheetGrid = {
      name: '表',
      values: [['社区名称', '发放宣传资料', '健康教育讲座', '备注'], ['阳光社区', '500', '2', '说明'], ['东关社区', '约300', '3', null]],
    };
    const [a, b] = readWorkbooks([{ file: 'f.csv', sheets: [grid] }], tpl).returns as TableReturn[];
    expect(a!.values['leaflets']).toEqual({ value: 500, raw: '500', cell: 'B2', approximate: false, remark: '说明' });
    expect(b!.values['leaflets']).toEqual({ value: 300, raw: '约300', cell: 'B3', approximate: true, remark: null });
    expect(a!.values['lectures']!.value).toBe(2);
    const own = { leaflets: { value: 1, raw: 1, cell: 'Z9', approximate: false, remark: null } };
    a!.values = own;
    expect(a!.values).toBe(own);
    expect(valueOf(a!, 'leaflets')).toBe(1);
    expect(hasValue(a!, 'lectures')).toBe(false);
    expect(valueOf(b!, 'lectures')).toBe(3);
  });
});
