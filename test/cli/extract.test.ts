import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runJob, type JobResult } from '../../src/core/job.js';
import { readXlsx } from '../../src/io/readXlsx.js';
import { standardTemplate } from '../helpers/template.js';
import { returns } from '../helpers/cli.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SEED = '../shared/seeds/000_b5df7ddf021696d8.txt';
const FIXTURES = 'test/fixtures/extract';

interface JsonMention { indicator: string; value: number; unit: string; text: string; approximate: boolean; sentence: string; start: number; end: number; flags: string[] }
interface JsonDoc { file: string; title: string; community: string | null; street: string | null; period: string | null; mentions: JsonMention[] }
const sha = (f: string) => createHash('sha256').update(readFileSync(path.resolve(ROOT, f))).digest('hex');

describe('returns extract on a real summary collection', () => {
  let docs: JsonDoc[];
  let before: string;
  beforeAll(async () => {
    before = sha(SEED);
    const r = await returns(['extract', SEED, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    docs = (JSON.parse(r.stdout) as { documents: JsonDoc[] }).documents;
  }, 60_000);

  it('gives the documented JSON shape: documents with file, title, community, street, period and mentions', () => {
    expect(docs.map((d) => d.title)).toEqual([
      '社区创卫工作总结一', '社区创卫工作总结二', '社区创卫工作总结三', '社区创卫工作总结四', '社区创卫工作总结五',
      '社区创卫工作总结六', '社区创卫工作总结七', '社区创卫工作总结八', '社区创卫工作总结【二】',
    ]);
    for (const d of docs) {
      expect(Object.keys(d)).toEqual(['file', 'title', 'community', 'street', 'period', 'mentions']);
      expect(d.file).toBe(SEED);
      for (const m of d.mentions) expect(Object.keys(m)).toEqual(['indicator', 'value', 'unit', 'text', 'approximate', 'sentence', 'start', 'end', 'flags']);
    }
    expect(docs[0]!.community).toBe('昌宁宫社区');
    expect(docs[4]!.community).toBe('城中社区');
    // 二 is a hospital's summary and 八 a sub-district office's: no community is named, none is guessed.
    expect([docs[1]!.community, docs[7]!.community]).toEqual([null, null]);
  });

  it('reports values in the template unit with their sentence and offsets into the decoded file', () => {
    const text = readFileSync(path.resolve(ROOT, SEED), 'utf8');
    const all = docs.flatMap((d) => d.mentions);
    for (const m of all) {
      expect(text.slice(m.start, m.end)).toBe(m.text);
      expect(m.sentence.replace(/\s/g, '')).toContain(m.text);
    }
    const bait = all.find((m) => m.indicator === 'rodent_bait_kg')!;
    expect(bait).toMatchObject({ value: 90, unit: '公斤', text: '90公斤', approximate: false, flags: [] });
    expect(bait.sentence).toContain('据统计辖区各单位共计投放鼠药90公斤');
    expect(all.find((m) => m.indicator === 'boards' && m.text === '8处')!.flags).toEqual(['unit_mismatch']);
    expect(all.find((m) => m.indicator === 'rat_traps')).toMatchObject({ value: 200, approximate: true, text: '200余个' });
  });

  it('never changes its input', () => {
    expect(sha(SEED)).toBe(before);
  });

  it('reads GBK .txt and LibreOffice .docx made from the same summaries: the same mentions', async () => {
    const utf8 = await returns(['extract', '../shared/seeds/002_0f366e330dcb8b89.txt', '--format', 'json']);
    const gbk = await returns(['extract', `${FIXTURES}/002_0f366e330dcb8b89_gbk.txt`, '--format', 'json']);
    const docx = await returns(['extract', `${FIXTURES}/000_b5df7ddf021696d8.docx`, '--format', 'json']);
    const key = (out: string) => (JSON.parse(out) as { documents: JsonDoc[] }).documents.map((d) => [d.title, d.community, d.mentions.map((m) => [m.indicator, m.value, m.text, m.flags])]);
    expect(gbk.code, gbk.stderr).toBe(0);
    expect(key(gbk.stdout)).toEqual(key(utf8.stdout));
    expect(key(gbk.stdout).flatMap((d) => d[2] as unknown[]).length).toBeGreaterThan(40);
    expect(docx.code, docx.stderr).toBe(0);
    expect(key(docx.stdout)).toEqual(docs.map((d) => [d.title, d.community, d.mentions.map((m) => [m.indicator, m.value, m.text, m.flags])]));
  }, 60_000);

  it('a missing or unreadable file is reported with exit code 2, never skipped silently', async () => {
    const r = await returns(['extract', 'no/such.txt', `${FIXTURES}/labels.json`, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no/such.txt');
    const folder = mkdtempSync(path.join(tmpdir(), 'cr-doc-'));
    writeFileSync(path.join(folder, '旧总结.doc'), new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]));
    writeFileSync(path.join(folder, '总结.txt'), '发放宣传单200份。');
    const bad = await returns(['extract', folder, '--format', 'json']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('旧总结.doc');
    expect((JSON.parse(bad.stdout) as { documents: JsonDoc[] }).documents[0]!.mentions).toHaveLength(1);
    // Why, in the chosen language: typed causes worded from the tables, no raw exception text.
    expect(bad.stderr).toContain('无法读取 — 旧版 Word 97–2003 格式（.doc）不读取');
    expect(r.stderr).toContain('no/such.txt: 无法读取 — 文件或文件夹不存在');
    const en = await returns(['extract', 'no/such.txt', folder, '--format', 'json', '--lang', 'en']);
    expect(en.code).toBe(2);
    expect(en.stderr).toContain('no/such.txt: cannot read — file or folder not found');
    expect(en.stderr).toContain('旧总结.doc: cannot read — the old Word 97–2003 format (.doc) is not read');
    expect(en.stderr).not.toMatch(/无法读取|不存在|旧版/);
    // A file far too large for a summary is refused by its size, without reading it.
    const big = path.join(folder, '大文件.txt');
    writeFileSync(big, '');
    truncateSync(big, 51 * 1024 * 1024);
    const large = await returns(['extract', big, '--lang', 'en']);
    expect(large.code).toBe(2);
    expect(large.stderr).toContain('大文件.txt: cannot read — the file is too large (> 50 MB)');
  }, 30_000);

  it('--out never replaces an input (also through a link) and is written whole or not at all', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cr-extract-out-'));
    const summary = path.join(dir, '总结.txt');
    writeFileSync(summary, '发放宣传单200份。');
    const link = path.join(dir, 'link.xlsx');
    symlinkSync(summary, link);
    for (const out of [summary.replace(/\.txt$/, '.xlsx'), link]) {
      // An .xlsx given as the input (read as unsupported) and named as --out, or a link to the input.
      const input = out === link ? summary : out;
      if (out !== link) writeFileSync(input, 'not a summary');
      const before = readFileSync(input);
      const r = await returns(['extract', input, '--out', out]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('[output_is_input]');
      expect(readFileSync(input).equals(before)).toBe(true);
    }
    // A folder in the way of the output: a coded finding, no stack trace, nothing half-written.
    mkdirSync(path.join(dir, 'draft.xlsx'));
    const blocked = await returns(['extract', summary, '--out', path.join(dir, 'draft.xlsx'), '--lang', 'en']);
    expect(blocked.code).toBe(2);
    expect(blocked.stderr).toContain('--out cannot be written: it is a folder (any existing file is unchanged)');
    expect(blocked.stderr).not.toContain('    at ');
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    // A draft beside the summaries in the folder given is no input (the folder is walked for .txt/.docx).
    const ok = await returns(['extract', dir, '--out', path.join(dir, '草稿.xlsx')]);
    expect([ok.code, ok.stderr]).toEqual([0, '']);
    expect(readFileSync(path.join(dir, '草稿.xlsx')).subarray(0, 2).toString()).toBe('PK');
  }, 30_000);

  it('prints a readable text listing by default', async () => {
    const r = await returns(['extract', SEED]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('投放鼠药：90公斤  “90公斤”');
    expect(r.stdout).toContain('宣传栏板报：8处  “8处”（单位“处”无法换算为“块”）');
  }, 30_000);
});

describe('returns extract --out: a draft return that reads back through validate', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'cr-extract-'));
  const draft = path.join(out, 'draft.xlsx');
  let docs: JsonDoc[];
  let job: JobResult;
  let cliFindings: { code: string; sheet: string | null; indicator: string | null }[];

  beforeAll(async () => {
    const r = await returns(['extract', SEED, '--format', 'json', '--out', draft, '--period', '2026-10']);
    expect(r.code, r.stderr).toBe(0);
    docs = (JSON.parse(r.stdout) as { documents: JsonDoc[] }).documents;
    const v = await returns(['validate', draft, '--format', 'json']);
    cliFindings = (JSON.parse(v.stdout) as { findings: typeof cliFindings }).findings;
    job = runJob({ books: [readXlsx(readFileSync(draft), 'draft.xlsx').book], template: standardTemplate() });
  }, 60_000);

  it('has one sheet-form return per document, with every extracted value present and flagged for review', () => {
    expect(job.returns).toHaveLength(docs.length);
    for (const [i, d] of docs.entries()) {
      const ret = job.returns[i]!;
      const indicators = [...new Set(d.mentions.map((m) => m.indicator))].sort();
      const flagged = cliFindings.filter((f) => f.code === 'extracted_for_review' && f.sheet === ret.sheet).map((f) => f.indicator);
      expect(flagged.sort(), ret.sheet).toEqual(indicators);
      for (const code of indicators) {
        const v = ret.values[code]!;
        expect(v.remark!.startsWith('【待核实】'), `${ret.sheet} ${code}`).toBe(true);
        for (const m of d.mentions.filter((x) => x.indicator === code)) expect(v.remark).toContain(m.text);
        const usable = d.mentions.some((m) => m.indicator === code && !m.flags.includes('unit_mismatch'));
        expect(v.value !== null, `${ret.sheet} ${code}`).toBe(usable);
      }
      // Indicators the summary does not report stay blank: nothing is filled in by guess.
      for (const [code, v] of Object.entries(ret.values)) if (!indicators.includes(code)) expect(v.value, `${ret.sheet} ${code}`).toBeNull();
    }
  });

  it('proposes values and says how: several mentions added, a stated total kept, unconvertible units left for a person', () => {
    const values = (i: number) => job.returns[i]!.values;
    expect(values(2)['leaflets']!.value).toBe(500);
    expect(values(2)['leaflets']!.remark).toContain('2 处相加：300 + 200 = 500');
    expect(values(2)['boards']!.value).toBeNull();
    expect(values(2)['boards']!.remark).toContain('单位“处”无法换算为“块”');
    expect(values(4)['lecture_attendance']!.value).toBe(150);
    expect(values(4)['lecture_attendance']!.remark).toContain('取总数“150人次”');
    expect(values(7)['rodent_bait_kg']!.value).toBe(90);
    expect(job.returns[0]!.community).toBe('昌宁宫社区');
    expect(job.returns[0]!.period).toBe('2026-10');
  });
});
