import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CellValue } from '../../../src/core/grid.js';
import { runJob, type Job } from '../../../src/core/job.js';
import type { DetailRow } from '../../../src/core/combine/types.js';
import { detailSource, findingsSource, materialise, sourceOf } from '../../../src/core/output/tables.js';
import { readInputs } from '../../../src/node/readInputs.js';
import { standardTemplate } from '../../helpers/template.js';

const EX = path.resolve(import.meta.dirname, '../../../examples');
let job: Job;

beforeAll(async () => {
  const books = (await readInputs([path.join(EX, '2026-09'), path.join(EX, '2026-10')])).books;
  job = runJob({ books, template: standardTemplate() });
});

// 明细 as it was built before it was streamed: from the consolidation's detail objects.
const fromDetails = (d: DetailRow): CellValue[] => [
  d.community, d.street, d.period, d.code, d.name, d.value, d.unit, d.raw, d.approximate ? '是' : null, d.file, d.sheet, d.cell,
];

describe('output sheets made row by row', () => {
  it('明细 from the combined returns has the rows of the detail objects, in their order', () => {
    const c = job.consolidation;
    expect(c.combined).toHaveLength(c.rows.length);
    const src = detailSource(c);
    const t = materialise(src);
    expect(src.rowCount).toBe(c.details.length);
    expect(t.rows).toEqual(c.details.map(fromDetails));
    expect(c.details.length).toBeGreaterThan(100);
    // Without the returns (a consolidation built by hand) the same rows come from the detail objects.
    expect(materialise(detailSource({ ...c, combined: undefined })).rows).toEqual(t.rows);
  });

  it('a cursor reuses one row array, and a second cursor starts again from the first row', () => {
    const src = detailSource(job.consolidation);
    const a = src.cursor();
    a.next();
    const first = a.row.slice();
    const same = a.row;
    a.next();
    expect(a.row).toBe(same);
    expect(a.row).not.toEqual(first);
    const b = src.cursor();
    expect(b.next()).toBe('return');
    expect(b.row).toEqual(first);
  });

  it('the job gives the same sheets as sources and as tables (校验结果 and 累计/环比 included)', () => {
    const sources = job.outputSources();
    const tables = job.outputTables();
    expect(sources.map((s) => s.sheet)).toEqual(tables.map((t) => t.sheet));
    sources.forEach((s, i) => {
      const m = materialise(s);
      expect(s.rowCount).toBe(tables[i]!.rows.length);
      expect(m.rows).toEqual(tables[i]!.rows);
      expect(m.kinds).toEqual(tables[i]!.kinds);
      expect(m.columns).toEqual(tables[i]!.columns);
    });
    expect(materialise(findingsSource(job.findings)).rows).toHaveLength(job.findings.length);
    const summary = tables[0]!;
    expect(materialise(sourceOf(summary))).toEqual({ sheet: summary.sheet, tableName: summary.tableName, columns: summary.columns, rows: summary.rows, kinds: summary.kinds });
  });

  it('明细 names its runs truly: wherever a run has the same key, its cells hold the same values', () => {
    const src = detailSource(job.consolidation);
    expect(src.runs).toBeDefined();
    const cur = src.cursor();
    const seen = src.runs!.map(() => new Map<number, string>());
    let keyed = 0;
    for (let k = cur.next(); k !== null; k = cur.next()) {
      src.runs!.forEach(([from, to], j) => {
        const key = cur.runKeys![j]!;
        if (key < 0) return;
        keyed++;
        const cells = JSON.stringify(cur.row.slice(from, to));
        const before = seen[j]!.get(key);
        if (before === undefined) seen[j]!.set(key, cells);
        else expect(cells).toBe(before);
      });
    }
    expect(keyed).toBe(src.rowCount * src.runs!.length);
    // Keys do come round: fewer distinct keys than rows in every run.
    for (const m of seen) expect(m.size).toBeLessThan(src.rowCount / 2);
  });
});
