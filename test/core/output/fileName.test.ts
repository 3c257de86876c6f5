import { describe, expect, it } from 'vitest';
import { safeBaseName, uniqueFileNames } from '../../../src/core/output/fileName.js';

describe('safeBaseName', () => {
  it.each([
    ['阳光社区', '阳光社区'],
    ['东城/西城 联合社区', '东城_西城 联合社区'],
    ['a:b*c?d"e<f>g|h\\i', 'a_b_c_d_e_f_g_h_i'],
    ['  新村。 ', '新村。'],
    ['幸福里社区...', '幸福里社区'],
    ['tab\there', 'tab_here'],
    ['CON', '_CON'],
    ['com1', '_com1'],
    ['', '未命名'],
    ['///', '未命名'],
    ['长'.repeat(120), '长'.repeat(80)],
  ])('%j → %j', (name, safe) => {
    expect(safeBaseName(name)).toBe(safe);
  });
});

describe('uniqueFileNames', () => {
  it('keeps order and numbers names that give the same file', () => {
    expect(uniqueFileNames(['阳光社区', 'A/B', 'A:B', 'a_b', '阳光社区'], '.xlsx')).toEqual(['阳光社区.xlsx', 'A_B.xlsx', 'A_B (2).xlsx', 'a_b (3).xlsx', '阳光社区 (2).xlsx']);
  });
});
