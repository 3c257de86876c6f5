/**
 * The per-community forms: `returns forms` on examples/roster.csv, each form's sheet XML read with a real
 * XML parser (data validations, input messages, error alerts, locked/unlocked cells, sheet protection,
 * print set-up), and forms filled by our writer and by LibreOffice read back with no findings — while
 * values typed past the validation are still caught.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { SaxesParser } from 'saxes';
import { unzipSync, strFromU8 } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { entryRule } from '../../src/core/output/entryRule.js';
import { BLANK_RETURN_LAYOUT, blankReturn } from '../../src/core/output/blankReturn.js';
import { communityFormXlsx } from '../../src/io/formXlsx.js';
import { workbookBytes } from '../../src/io/writeXlsx.js';
import { standardTemplate } from '../helpers/template.js';
import { returns } from '../helpers/cli.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FIXTURES = path.join(ROOT, 'test/fixtures/forms');
const ROSTER = path.join(ROOT, 'examples/roster.csv');
const COMMUNITIES = readFileSync(ROSTER, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/).slice(1).map((l) => l.split(',') as [string, string]);

/** An element as the strict parser gave it. */
interface El {
  name: string;
  attrs: Record<string, string>;
  children: El[];
  text: string;
}

/** A strict, conformant parse (saxes): any well-formedness error throws. */
function parseXml(text: string): El {
  const parser = new SaxesParser();
  const root: El = { name: '#document', attrs: {}, children: [], text: '' };
  const stack = [root];
  parser.on('error', (e) => {
    throw new Error(`XML: ${e.message}`);
  });
  parser.on('opentag', (t) => {
    const el: El = { name: t.name, attrs: { ...(t.attributes as Record<string, string>) }, children: [], text: '' };
    stack.at(-1)!.children.push(el);
    stack.push(el);
  });
  parser.on('text', (t) => {
    for (const el of stack) el.text += t;
  });
  parser.on('closetag', () => void stack.pop());
  parser.write(text).close();
  return root;
}

/** Every descendant element with this name, in document order. */
function elements(node: El, name: string): El[] {
  const out: El[] = [];
  const walk = (e: El) => {
    for (const c of e.children) {
      if (c.name === name) out.push(c);
      walk(c);
    }
  };
  walk(node);
  return out;
}

interface FormXml {
  sheet: El;
  styles: El;
  workbook: El;
  strings: string[];
}

function formXml(bytes: Uint8Array): FormXml {
  const files = unzipSync(bytes);
  const text = (name: string) => strFromU8(files[name] ?? new Uint8Array());
  const rels = parseXml(text('xl/_rels/workbook.xml.rels'));
  const workbook = parseXml(text('xl/workbook.xml'));
  const rid = elements(workbook, 'sheet')[0]!.attrs['r:id'];
  const target = elements(rels, 'Relationship').find((r) => r.attrs['Id'] === rid)!.attrs['Target']!;
  const strings = elements(parseXml(text('xl/sharedStrings.xml')), 'si').map((si) => elements(si, 't').map((t) => t.text).join(''));
  return { sheet: parseXml(text(`xl/${target.replace(/^\/?xl\//, '')}`)), styles: parseXml(text('xl/styles.xml')), workbook, strings };
}

/** Whether a cell is locked: its style's protection (absent = locked, Excel's default); a cell not written is locked. */
function isLocked(x: FormXml, address: string): boolean {
  const c = elements(x.sheet, 'c').find((e) => e.attrs['r'] === address);
  const xf = elements(elements(x.styles, 'cellXfs')[0]!, 'xf')[Number(c?.attrs['s'] ?? 0)]!;
  const p = elements(xf, 'protection')[0];
  return !p || !['0', 'false'].includes(p.attrs['locked'] ?? '1');
}

function cellText(x: FormXml, address: string): string | null {
  const c = elements(x.sheet, 'c').find((e) => e.attrs['r'] === address);
  const v = c && elements(c, 'v')[0]?.text;
  if (!c || v === undefined) return null;
  return c.attrs['t'] === 's' ? x.strings[Number(v)]! : v;
}

const tpl = standardTemplate();
const firstRow = BLANK_RETURN_LAYOUT.firstIndicatorRow + 1;
const valueCell = (i: number) => `D${firstRow + i}`;

describe('returns forms on examples/roster.csv', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'cr-forms-'));
  let first: Awaited<ReturnType<typeof returns>>;
  const hashes = () => Object.fromEntries(readdirSync(out).map((f) => [f, createHash('sha256').update(readFileSync(path.join(out, f))).digest('hex')]));

  beforeAll(async () => {
    first = await returns(['forms', '--roster', ROSTER, '--period', '2026-10', '--out', out]);
  });

  it('writes one form per community, named after it', () => {
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('已写出 12 份填报表');
    expect(readdirSync(out).sort()).toEqual(COMMUNITIES.map(([c]) => `${c}.xlsx`).sort());
  });

  it('refuses to overwrite existing forms without --force, and writes the same bytes with it', async () => {
    const before = hashes();
    const again = await returns(['forms', '--roster', ROSTER, '--period', '2026-10', '--out', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('--force');
    expect(hashes()).toEqual(before);
    const forced = await returns(['forms', '--roster', ROSTER, '--period', '2026-10', '--out', out, '--force']);
    expect(forced.code).toBe(0);
    expect(hashes()).toEqual(before); // deterministic: same roster and period, same bytes
  });

  it('never overwrites an input, even with --force', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cr-forms-in-'));
    const roster = path.join(dir, '阳光社区.xlsx');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('名册').addRows([['社区名称', '所属街道'], ['阳光社区', '东城街道']]);
    writeFileSync(roster, await workbookBytes(wb));
    const before = readFileSync(roster);
    const r = await returns(['forms', '--roster', roster, '--period', '2026-10', '--out', dir, '--force']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('[output_is_input]');
    expect(readFileSync(roster).equals(before)).toBe(true);
    expect(readdirSync(dir)).toEqual(['阳光社区.xlsx']); // nothing written
  });

  it.each([
    [['--period', '2026-10', '--out', 'x'], '--roster'],
    [['--roster', ROSTER, '--period', '2026-13', '--out', 'x'], '--period'],
    [['--roster', ROSTER, '--period', '2026-10'], '--out'],
  ])('bad usage exits 2: %j', async (args, says) => {
    const r = await returns(['forms', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(says);
  });

  it('an --out that is a file exits 2 with a message, not a stack trace', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cr-forms-file-'));
    writeFileSync(path.join(dir, 'out'), 'x');
    const r = await returns(['forms', '--roster', ROSTER, '--period', '2026-10', '--out', path.join(dir, 'out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--out 无法写出：路径中有同名文件挡住了文件夹（原有文件未改动）');
    expect(r.stderr).not.toContain('    at ');
    expect(readFileSync(path.join(dir, 'out'), 'utf8')).toBe('x');
    expect(readdirSync(dir)).toEqual(['out']); // no temporary file left
  });

  it('--help exits 0; a roster without a 社区名称 column, or with no community, exits 2 with the reason', async () => {
    const help = await returns(['forms', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('returns forms --roster');
    const dir = mkdtempSync(path.join(tmpdir(), 'cr-forms-roster-'));
    writeFileSync(path.join(dir, 'no-column.csv'), 'a,b\n1,2\n');
    writeFileSync(path.join(dir, 'empty.csv'), '社区名称,所属街道\n');
    const noColumn = await returns(['forms', '--roster', path.join(dir, 'no-column.csv'), '--period', '2026-10', '--out', path.join(dir, 'out')]);
    expect([noColumn.code, noColumn.stderr]).toEqual([2, expect.stringContaining('名册缺少“社区名称”列')]);
    const empty = await returns(['forms', '--roster', path.join(dir, 'empty.csv'), '--period', '2026-10', '--out', path.join(dir, 'out')]);
    expect([empty.code, empty.stderr]).toEqual([2, expect.stringContaining('名册中没有社区')]);
    expect(readdirSync(dir).sort()).toEqual(['empty.csv', 'no-column.csv']);
  });

  it('an unreadable roster exits 2 and writes nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cr-forms-bad-'));
    const r = await returns(['forms', '--roster', path.join(dir, 'missing.csv'), '--period', '2026-10', '--out', path.join(dir, 'out')]);
    expect(r.code).toBe(2);
    expect(readdirSync(dir)).toEqual([]);
  });

  describe.each(COMMUNITIES)('the XML of %s.xlsx', (community, street) => {
    let x: FormXml;
    beforeAll(() => {
      x = formXml(new Uint8Array(readFileSync(path.join(out, `${community}.xlsx`))));
    });

    it('has the header filled in and locked', () => {
      expect(cellText(x, 'B2')).toBe(community);
      expect(cellText(x, 'D2')).toBe(street);
      expect(cellText(x, 'B3')).toBe('2026年10月');
      for (const a of ['A1', 'A2', 'B2', 'C2', 'D2', 'A3', 'B3', 'C3', 'A4', 'A5', 'B5', 'D5', 'E5']) expect(isLocked(x, a), a).toBe(true);
      for (const a of ['D3', 'B4']) expect(isLocked(x, a), a).toBe(false); // 填报人, 联系电话
    });

    it('has one data validation per value cell, by kind, with an input message and an error alert', () => {
      const dvs = elements(x.sheet, 'dataValidation');
      expect(dvs).toHaveLength(tpl.indicators.length);
      tpl.indicators.forEach((ind, i) => {
        const dv = dvs.find((d) => d.attrs['sqref'] === valueCell(i));
        expect(dv, ind.code).toBeDefined();
        const f = (n: string) => elements(dv!, n)[0]?.text ?? null;
        const at = (n: string) => dv!.attrs[n];
        const expected = {
          count: { type: 'whole', bounds: ['0', null] },
          quantity: { type: 'decimal', bounds: ['0', ind.max === null ? null : String(ind.max)] },
          money: { type: 'decimal', bounds: ['0', null] },
          rate: { type: 'decimal', bounds: ['0', '100'] },
        }[ind.kind];
        expect(at('type'), ind.code).toBe(expected.type);
        // `between` is the schema's default, so a writer may leave the attribute out.
        expect(at('operator') ?? 'between', ind.code).toBe(expected.bounds[1] === null ? 'greaterThanOrEqual' : 'between');
        expect([f('formula1'), f('formula2')], ind.code).toEqual(expected.bounds);
        expect(at('allowBlank')).toBe('1');
        expect(at('showInputMessage')).toBe('1');
        expect(at('showErrorMessage')).toBe('1');
        expect(at('errorStyle')).toBe('stop');
        expect(at('promptTitle')).toContain(ind.name);
        expect(at('prompt')).toContain(`单位：${ind.unit}`);
        expect(at('errorTitle')).toContain(ind.name);
        expect(at('error')).toMatch(/^本格只能填写.*请不要填写“约”“余”“多”、范围/);
      });
    });

    it('locks labels and unlocks the value and remark cells', () => {
      tpl.indicators.forEach((_, i) => {
        const r = firstRow + i;
        for (const c of ['A', 'B', 'C']) expect(isLocked(x, `${c}${r}`), `${c}${r}`).toBe(true);
        for (const c of ['D', 'E']) expect(isLocked(x, `${c}${r}`), `${c}${r}`).toBe(false);
      });
      expect(isLocked(x, `A${firstRow + tpl.indicators.length}`)).toBe(true); // the note row
    });

    it('is protected without a password and prints on one A4 page', () => {
      const p = elements(x.sheet, 'sheetProtection');
      expect(p).toHaveLength(1);
      expect(p[0]!.attrs['sheet']).toBe('1');
      for (const a of ['password', 'hashValue', 'algorithmName']) expect(p[0]!.attrs[a], a).toBeUndefined();
      expect(elements(x.sheet, 'pageSetUpPr')[0]!.attrs['fitToPage']).toBe('1');
      const setup = elements(x.sheet, 'pageSetup')[0]!.attrs;
      expect([setup['paperSize'], setup['fitToWidth'], setup['fitToHeight']]).toEqual(['9', '1', '1']);
      const area = elements(x.workbook, 'definedName').find((d) => d.attrs['name'] === '_xlnm.Print_Area');
      expect(area?.text).toBe(`'填报表'!$A$1:$E$${firstRow + tpl.indicators.length}`);
    });
  });

  it('the XML helper is strict: a broken sheet fails to parse', () => {
    expect(() => parseXml('<worksheet><sheetData></worksheet>')).toThrow(/XML/);
  });
});

describe('BLANK_RETURN_LAYOUT says where blankReturn puts things', () => {
  it('header values next to their labels, the table header, the first indicator', () => {
    const g = blankReturn(tpl, '2026-10', '填报表', { community: '阳光社区', street: '东城街道' }).values;
    const L = BLANK_RETURN_LAYOUT;
    const at = ([r, c]: readonly [number, number]) => g[r]![c];
    const label = ([r, c]: readonly [number, number]) => g[r]![c - 1];
    expect([at(L.community), label(L.community)]).toEqual(['阳光社区', '社区名称']);
    expect([at(L.street), label(L.street)]).toEqual(['东城街道', '所属街道']);
    expect([at(L.period), label(L.period)]).toEqual(['2026年10月', '报告期']);
    expect([at(L.reporter), label(L.reporter)]).toEqual([null, '填报人']);
    expect([at(L.phone), label(L.phone)]).toEqual([null, '联系电话']);
    expect(at(L.title)).toBe('2026年10月社区创卫工作月报表');
    expect(g[L.tableHeaderRow]).toEqual(['序号', '指标名称', '单位', '本月数', '备注']);
    expect(g[L.tableHeaderRow]![L.valueCol]).toBe('本月数');
    expect(g[L.tableHeaderRow]![L.remarkCol]).toBe('备注');
    expect(g[L.firstIndicatorRow]!.slice(0, 3)).toEqual([1, tpl.indicators[0]!.name, tpl.indicators[0]!.unit]);
    expect(g[L.tableHeaderRow]).toHaveLength(L.width);
  });
});

describe('entry rules by kind (the template decides the bounds)', () => {
  const byCode = (code: string) => tpl.indicators.find((i) => i.code === code)!;
  it.each([
    ['leaflets', 'whole', 0, null],
    ['garbage_t', 'decimal', 0, 500],
    ['rodent_bait_kg', 'decimal', 0, null],
    ['vector_funds', 'decimal', 0, null],
    ['awareness_rate', 'decimal', 0, 100],
  ] as const)('%s → %s in [%d, %s]', (code, type, min, max) => {
    expect(entryRule(byCode(code), tpl)).toMatchObject({ type, min, max });
  });

  it('a template min/max narrows the bounds, and a rate never leaves 0–100', () => {
    expect(entryRule({ ...byCode('leaflets'), min: 10, max: 5000 }, tpl)).toMatchObject({ min: 10, max: 5000 });
    expect(entryRule({ ...byCode('leaflets'), min: -5 }, tpl)).toMatchObject({ min: 0 });
    expect(entryRule({ ...byCode('awareness_rate'), max: 120 }, tpl)).toMatchObject({ max: 100 });
    expect(entryRule({ ...byCode('awareness_rate'), min: 50, max: 90 }, tpl)).toMatchObject({ min: 50, max: 90 });
  });

  it('says the unit, the rate formula and the remark rule, within Excel’s text limits', () => {
    expect(entryRule(byCode('awareness_rate'), tpl).prompt).toContain('= 健康知识知晓人数 ÷ 健康知识调查人数 × 100');
    expect(entryRule(byCode('poisonings'), tpl).prompt).toContain('大于 0 时请在备注栏说明');
    expect(entryRule(byCode('rodent_bait_kg'), tpl).prompt).toContain('单位：公斤');
    const long = entryRule({ ...byCode('leaflets'), name: '很长的指标名称'.repeat(10) }, tpl);
    for (const ind of [...tpl.indicators.map((i) => entryRule(i, tpl)), long]) {
      expect(ind.promptTitle.length).toBeLessThanOrEqual(32);
      expect(ind.prompt.length).toBeLessThanOrEqual(255);
      expect(ind.errorTitle.length).toBeLessThanOrEqual(32);
      expect(ind.error.length).toBeLessThanOrEqual(225);
    }
  });
});

type Plan = { period: string; forms: { community: string; file: string; cells: Record<string, string | number> }[] };
type Json = { findings: { code: string; cell: string | null; file: string }[]; returns: { community: string; values: Record<string, number | null> }[] };

describe('filled forms read back with no findings', () => {
  const plan = JSON.parse(readFileSync(path.join(FIXTURES, 'fill-plan.json'), 'utf8')) as Plan;

  it('filled by our writer (exceljs, as the forms were written): returns validate finds nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cr-filled-'));
    for (const [community, street] of COMMUNITIES) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await communityFormXlsx(tpl, plan.period, { community, street })) as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      for (const [a, v] of Object.entries(plan.forms.find((f) => f.community === community)!.cells)) ws.getCell(a).value = v;
      writeFileSync(path.join(dir, `${community}.xlsx`), await workbookBytes(wb));
    }
    const r = await returns(['validate', dir, '--roster', ROSTER, '--format', 'json']);
    const json = JSON.parse(r.stdout) as Json;
    expect(json.findings).toEqual([]);
    expect(r.code).toBe(0);
    expect(json.returns).toHaveLength(12);
  });

  it('filled and saved by LibreOffice (fixtures): returns validate finds nothing, and the values are the plan’s', async () => {
    const r = await returns(['validate', path.join(FIXTURES, 'libreoffice'), '--roster', ROSTER, '--format', 'json']);
    const json = JSON.parse(r.stdout) as Json;
    expect(json.findings).toEqual([]);
    expect(r.code).toBe(0);
    const yang = json.returns.find((x) => x.community === '阳光社区')!;
    const cells = plan.forms.find((f) => f.community === '阳光社区')!.cells;
    tpl.indicators.forEach((ind, i) => expect(yang.values[ind.code], ind.code).toBe(cells[valueCell(i)]));
  });

  it('LibreOffice kept the validations and the protection when it saved the form', () => {
    const x = formXml(new Uint8Array(readFileSync(path.join(FIXTURES, 'libreoffice/阳光社区.xlsx'))));
    expect(elements(x.sheet, 'dataValidation')).toHaveLength(tpl.indicators.length);
    expect(['1', 'true']).toContain(elements(x.sheet, 'sheetProtection')[0]!.attrs['sheet']);
    expect(isLocked(x, 'B7')).toBe(true);
    expect(isLocked(x, 'D7')).toBe(false);
  });

  it('values typed past the validation (500余, 3-4) are still caught by the checks', async () => {
    const r = await returns(['validate', path.join(FIXTURES, 'typed-past'), '--format', 'json']);
    const json = JSON.parse(r.stdout) as Json;
    const at = (code: string) => json.findings.filter((f) => f.code === code).map((f) => f.cell);
    const cellOf = (code: string) => valueCell(tpl.indicators.findIndex((i) => i.code === code));
    expect(at('range_value')).toEqual([cellOf('cleanups')]);
    expect(at('approximate')).toEqual([cellOf('leaflets')]);
    expect(r.code).toBe(1);
    // 12公斤 in a 公斤 cell is refused by Excel's validation but is an exact reading for us: 12, no finding.
    expect(json.returns[0]!.values['rodent_bait_kg']).toBe(12);
    expect(json.findings).toHaveLength(2);
  });
});
