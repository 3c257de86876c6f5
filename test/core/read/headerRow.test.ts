import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CellValue, SheetGrid } from '../../../src/core/grid.js';
import { findHeaderRow, type ColumnSpec, type HeaderMatch } from '../../../src/core/read/headerRow.js';
import { foldText, normalizeLabel } from '../../../src/core/text/normalize.js';

// findHeaderRow skips plain decimals and folds each text once per grid: it must find what the rule as
// written finds (every non-blank text cell folded and compared, row by row).
function headerKeys(text: string): string[] {
  const folded = foldText(text).toLowerCase();
  const m = /^(.*?)[(\[【]([^()[\]【】]+)[)\]】]$/u.exec(folded);
  if (!m) return [normalizeLabel(folded).key.toLowerCase()];
  return [normalizeLabel(m[1]!).key.toLowerCase(), m[2]!];
}
function reference<K extends string>(grid: SheetGrid, specs: readonly ColumnSpec<K>[], minHits = 1): HeaderMatch<K> | null {
  const wanted = specs.map((s) => ({ id: s.id, names: new Set(s.names.map((n) => headerKeys(n)[0]!)) }));
  for (let r = 0; r < Math.min(grid.values.length, 30); r++) {
    const row = grid.values[r] ?? [];
    const cols: Partial<Record<K, number>> = {};
    let hits = 0;
    for (let c = 0; c < row.length; c++) {
      const v = row[c] ?? null;
      if (typeof v !== 'string' || v.trim() === '') continue;
      const keys = headerKeys(v);
      const w = wanted.find((x) => cols[x.id] === undefined && keys.some((k) => x.names.has(k)));
      if (w) {
        cols[w.id] = c;
        hits++;
      }
    }
    if (hits >= minHits) return { row: r, cols };
  }
  return null;
}

const names = ['代码', 'code', '名称', '单位(unit)', '2026', '1.5', '12.5', '5', '-3', '序号', 'Ｃｏｄｅ', '1、名称'];
const cell: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constantFrom(...names, '1080', '84.4', '0', '12.5', '2026', '5', '05', '１２', ' 5 ', '', null, 3, '阳光社区', '1.2.3', '-'),
  fc.integer({ min: -20, max: 3000 }).map(String),
);

describe('findHeaderRow', () => {
  it('finds what folding every text cell finds', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 35 }),
        fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd'), { minLength: 1 }),
        fc.array(fc.subarray(names, { minLength: 1, maxLength: 3 }), { minLength: 4, maxLength: 4 }),
        fc.integer({ min: 1, max: 3 }),
        (values, ids, nameSets, minHits) => {
          const specs = ids.map((id, i) => ({ id, names: nameSets[i]! }));
          const grid: SheetGrid = { name: 's', values };
          expect(findHeaderRow(grid, specs, minHits)).toEqual(reference(grid, specs, minHits));
          expect(findHeaderRow(grid, specs, minHits)).toEqual(reference(grid, specs, minHits)); // folded texts kept
        },
      ),
      { numRuns: 1000 },
    );
  });
});
