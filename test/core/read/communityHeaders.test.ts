import { describe, expect, it } from 'vitest';
import { readWorkbooks } from '../../../src/core/read/readWorkbook.js';
import { readCsv } from '../../../src/io/readCsv.js';
import { standardTemplate } from '../../helpers/template.js';

const tpl = standardTemplate();
const enc = new TextEncoder();
const read = (csv: string, file = '网上填报.csv') => readWorkbooks([readCsv(enc.encode(csv), file).book], tpl);

describe('table form: the community column under the names people give it', () => {
  it.each(['社区名称', '社区', '社区名', '名称', '单位', '单位名称', '填报单位', '居委会', '社区居委会', '村委会', '村（社区）', '社区（村）', '村(社区)名称', '村居名称', ' 社区名 '])(
    '%s',
    (header) => {
      const r = read(`${header},所属街道,报告期,发放宣传资料,健康教育讲座\n阳光社区,东城街道,2026-10,500,2\n建设村,东城街道,2026-10,300,1\n`);
      expect(r.returns.map((x) => [x.community, x.period, x.values['leaflets']?.value])).toEqual([
        ['阳光社区', '2026-10', 500],
        ['建设村', '2026-10', 300],
      ]);
      expect(r.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    },
  );
});

describe('a file that looks like a return but yields none', () => {
  it('is a warning naming what is missing and the headers it saw, not a quiet info', () => {
    const r = read('街道,月份,发放宣传资料,健康教育讲座,讲座参加人次\n东城街道,2026-10,500,2,120\n');
    expect(r.returns).toEqual([]);
    expect(r.findings.map((f) => [f.code, f.severity, f.cell, f.args])).toEqual([
      ['return_not_read', 'warning', 'A1', { missing: 'community', indicators: 3, headers: ['街道', '月份'] }],
    ]);
  });

  it('a sheet with no indicator names at all is still only skipped', () => {
    const r = read('姓名,电话\n张三,123\n');
    expect(r.findings.map((f) => [f.code, f.severity])).toEqual([['sheet_skipped', 'info']]);
  });
});
