import { describe, expect, it } from 'vitest';
import { loadTemplate } from '../../../src/core/template/loadTemplate.js';
import { csvGrid, standardTemplate } from '../../helpers/template.js';

const HEADER = '代码(code),指标名称(name),单位(unit),类型(kind),必填(required),最小值(min),分子(numerator),分母(denominator)';
const RULES_HEADER = '编号,左侧,运算符,右侧,严重程度,缺失时,容差';

describe('loadTemplate', () => {
  it('loads the standard template with rates wired to their components', () => {
    const t = standardTemplate();
    expect(t.indicators).toHaveLength(29);
    expect(t.indicators.find((i) => i.code === 'awareness_rate')).toMatchObject({ kind: 'rate', numerator: 'aware', denominator: 'surveyed', target: 80 });
    expect(t.rules.map((r) => r.id)).toEqual(['R01', 'R02', 'R03', 'R04', 'R05', 'R06']);
    expect(t.rules[2]).toMatchObject({ op: '≈', tolerance: 0.5 });
  });

  it('reports every problem of a broken template with its cell, and keeps the usable rows', () => {
    const indicators = csvGrid([
      HEADER,
      'a,甲,次,count,是,0,,',
      'a,甲二,次,count,是,0,,',
      '2bad,乙,次,count,是,0,,',
      'c,丙,次,weird,是,0,,',
      'd,丁,次,count,maybe,zero,,',
      'r,率,%,rate,是,,x,a',
    ].join('\n'), '指标');
    const rules = csvGrid([RULES_HEADER, 'R1,a,<=,nope,error,skip,', 'R2,a,=<>,a,error,skip,', 'R3,a,<=,a*(2,fatal,skip,-1'].join('\n'), '规则');
    const { template, findings } = loadTemplate({ indicators, rules }, 't.csv');
    expect(findings.map((f) => [f.code, f.cell])).toEqual([
      ['template_duplicate_code', 'A3'],
      ['template_bad_value', 'A4'],
      ['template_bad_value', 'D5'],
      ['template_bad_value', 'E6'],
      ['template_bad_value', 'F6'],
      ['template_unknown_code', 'A7'],
      ['template_bad_expression', 'D2'],
      ['template_bad_value', 'C3'],
      ['template_bad_expression', 'D4'],
      ['template_bad_value', 'E4'],
      ['template_bad_value', 'G4'],
    ]);
    expect(template.indicators.map((i) => i.code)).toEqual(['a', 'd', 'r']);
    expect(template.indicators[2]).toMatchObject({ numerator: null, denominator: 'a' });
    expect(template.rules).toEqual([]);
  });

  it('says which columns are missing', () => {
    const { findings } = loadTemplate({ indicators: csvGrid('名称,单位\n甲,次') }, 't.csv');
    expect(findings.map((f) => f.code)).toEqual(['template_missing_column']);
  });
});
