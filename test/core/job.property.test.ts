import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CellValue, SheetGrid } from '../../src/core/grid.js';
import { runJob } from '../../src/core/job.js';
import { standardTemplate } from '../helpers/template.js';

const tpl = standardTemplate();
const labels = tpl.indicators.flatMap((i) => [i.name, ...i.aliases.slice(0, 2), `${i.name}（${i.unit}）`]);
const fields = ['社区名称', '填报单位：阳光社区', '所属街道', '报告期', '2026年10月', '本月数', '单位', '备注', '序号', '合计', '注：无'];

const cell: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constant(null),
  fc.constantFrom(...labels, ...fields),
  fc.string(),
  fc.stringMatching(/^[0-9０-９.,，万余约近多~—\-xX_%吨公斤元#/!A-Z]{0,8}$/),
  fc.double({ noNaN: false }),
  fc.integer(),
  fc.boolean(),
);
const grid: fc.Arbitrary<SheetGrid> = fc.record({
  name: fc.string({ minLength: 1, maxLength: 8 }).filter((s) => s.trim() !== ''), // Excel sheets always have a name
  values: fc.array(fc.array(cell, { maxLength: 7 }), { maxLength: 25 }),
});

describe('runJob on arbitrary grids', () => {
  it('never throws, and every value is a number, empty, or has a finding at its cell', () => {
    fc.assert(
      fc.property(fc.array(grid, { minLength: 1, maxLength: 3 }), (sheets) => {
        const { returns, findings } = runJob({ books: [{ file: 'x.xlsx', sheets }], template: tpl });
        for (const r of returns) {
          for (const [code, v] of Object.entries(r.values)) {
            if (v.value !== null) expect(Number.isFinite(v.value)).toBe(true);
            const blank = v.raw === null || (typeof v.raw === 'string' && v.raw.trim() === '');
            if (v.value === null && !blank) {
              expect(findings.some((f) => f.sheet === r.sheet && f.cell === v.cell && f.indicator === code && f.severity === 'error')).toBe(true);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
