// Regenerates examples/: three months (2026-08, 2026-09, 2026-10) of monthly returns from the twelve
// communities of two streets, the roster, and examples/README.md, the answer key that lists every messy
// case with its file, sheet and cell. The data is fixed (a hash of community, month and indicator stands
// in for randomness), so a re-run writes the same cells; LibreOffice stamps its own save time in the
// xlsx metadata, which is the only difference between runs.
//
// Workbooks are built with exceljs, then opened and saved again by LibreOffice (headless), so that the
// committed files were written by a real spreadsheet program: merged cells, cached formula results
// (LibreOffice computes them; exceljs cannot) and date cells are as a spreadsheet writes them. The GBK
// CSV goes through iconv, as "CSV (逗号分隔)" from a Chinese Windows Excel would be GBK.
//
// Run from the repository root: node scripts/make-examples.mjs   (needs soffice and iconv on PATH)
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'examples');
const MONTHS = ['2026-08', '2026-09', '2026-10'];

// ── the catalogue (DOMAIN.md), with a typical community's monthly figure ──────────────────────────
// [code, name, unit, base, step] — step rounds the generated value (1 = whole, 0.1 = one decimal).
const CATALOGUE = [
  ['meetings', '召开创卫工作会议', '次', 2, 1],
  ['leaflets', '发放宣传资料', '份', 1200, 10],
  ['banners', '悬挂横幅标语', '条', 6, 1],
  ['boards', '宣传栏板报', '块', 4, 1],
  ['posters', '张贴海报', '张', 40, 1],
  ['lectures', '健康教育讲座', '期', 2, 1],
  ['lecture_attendance', '讲座参加人次', '人次', 90, 1],
  ['clinics', '义诊活动', '场', 1, 1],
  ['clinic_people', '义诊服务人数', '人', 60, 1],
  ['surveyed', '健康知识调查人数', '人', 300, 10],
  ['aware', '健康知识知晓人数', '人', null, 1],
  ['awareness_rate', '健康知识知晓率', '%', null, 0.1],
  ['behaviour', '健康行为形成人数', '人', null, 1],
  ['behaviour_rate', '健康行为形成率', '%', null, 0.1],
  ['cleanups', '集中清理活动', '次', 4, 1],
  ['volunteers', '出动人员', '人次', 120, 1],
  ['garbage_t', '清运垃圾', '吨', 12, 0.1],
  ['dead_corners', '整治卫生死角', '处', 15, 1],
  ['ads_removed', '清除小广告牛皮癣', '处', 80, 1],
  ['ditches_m', '疏通清理沟渠', '米', 300, 10],
  ['rodent_bait_kg', '投放鼠药', '公斤', 20, 0.5],
  ['roach_bait_kg', '投放灭蟑药', '公斤', 3, 0.5],
  ['bait_stations', '设置毒饵站（盒）', '个', 40, 1],
  ['rat_traps', '投放鼠夹鼠笼', '个', 30, 1],
  ['disinfected_m2', '消杀面积', '平方米', 5000, 100],
  ['vector_funds', '病媒防制经费', '元', 3000, 100],
  ['poisonings', '意外中毒事件', '起', 0, 1],
  ['notices', '下发整改通知书', '份', 3, 1],
  ['inspections', '卫生检查', '次', 6, 1],
];
const BY_CODE = Object.fromEntries(CATALOGUE.map((r) => [r[0], { code: r[0], name: r[1], unit: r[2], base: r[3], step: r[4] }]));
const ALL = CATALOGUE.map((r) => r[0]);
/** A shorter form some communities use: the required indicators and a few others. */
const SHORT = ['meetings', 'leaflets', 'banners', 'lectures', 'lecture_attendance', 'surveyed', 'aware', 'awareness_rate',
  'behaviour', 'behaviour_rate', 'cleanups', 'volunteers', 'garbage_t', 'dead_corners', 'ads_removed',
  'rodent_bait_kg', 'rat_traps', 'vector_funds', 'poisonings', 'notices', 'inspections'];

const TRAD = {
  meetings: ['召開創衛工作會議', '次'], leaflets: ['發放宣傳資料', '份'], banners: ['懸掛橫幅標語', '條'],
  boards: ['宣傳欄板報', '塊'], posters: ['張貼海報', '張'], lectures: ['健康教育講座', '期'],
  lecture_attendance: ['講座參加人次', '人次'], clinics: ['義診活動', '場'], clinic_people: ['義診服務人數', '人'],
  surveyed: ['健康知識調查人數', '人'], aware: ['健康知識知曉人數', '人'], awareness_rate: ['健康知識知曉率', '%'],
  behaviour: ['健康行為形成人數', '人'], behaviour_rate: ['健康行為形成率', '%'], cleanups: ['集中清理活動', '次'],
  volunteers: ['出動人員', '人次'], garbage_t: ['清運垃圾', '噸'], dead_corners: ['整治衛生死角', '處'],
  ads_removed: ['清除小廣告牛皮癬', '處'], ditches_m: ['疏通清理溝渠', '米'], rodent_bait_kg: ['投放鼠藥', '公斤'],
  roach_bait_kg: ['投放滅蟑藥', '公斤'], bait_stations: ['設置毒餌站（盒）', '個'], rat_traps: ['投放鼠夾鼠籠', '個'],
  disinfected_m2: ['消殺面積', '平方米'], vector_funds: ['病媒防制經費', '元'], poisonings: ['意外中毒事件', '起'],
  notices: ['下發整改通知書', '份'], inspections: ['衛生檢查', '次'],
};

// ── the communities ─────────────────────────────────────────────────────────────────────────────
// scale: size of the community; aware/behave: its usual awareness and behaviour fractions.
const COMMUNITIES = [
  { name: '阳光社区', street: '东城街道', scale: 1.3, aware: 0.88, behave: 0.74, reporter: '张敏', phone: '13805710231' },
  { name: '和平社区', street: '东城街道', scale: 1.0, aware: 0.86, behave: 0.72, reporter: '李红', phone: '0571-86012345' },
  { name: '幸福里社区', street: '东城街道', scale: 0.9, aware: 0.84, behave: 0.71, reporter: '刘洋', phone: '13906523187' },
  { name: '建设村', street: '东城街道', scale: 0.7, aware: 0.81, behave: 0.68, reporter: '陈建国', phone: '13757190412' },
  { name: '新华社区', street: '东城街道', scale: 1.1, aware: 0.87, behave: 0.73, reporter: '王丽', phone: '15858107766' },
  { name: '朝阳社区', street: '东城街道', scale: 0.8, aware: 0.83, behave: 0.70, reporter: '赵静', phone: '13605816690' },
  { name: '湖滨社区', street: '西湖街道', scale: 1.2, aware: 0.89, behave: 0.76, reporter: '孙悦', phone: '13867420015' },
  { name: '翠苑社区', street: '西湖街道', scale: 1.4, aware: 0.87, behave: 0.74, reporter: '周文', phone: '13958001123' },
  { name: '柳营村', street: '西湖街道', scale: 0.6, aware: 0.80, behave: 0.67, reporter: '吴志强', phone: '13516829904' },
  { name: '文三社区', street: '西湖街道', scale: 1.0, aware: 0.85, behave: 0.72, reporter: '郑洁', phone: '18957106633' },
  { name: '古荡社区', street: '西湖街道', scale: 1.1, aware: 0.84, behave: 0.71, reporter: '冯磊', phone: '13735588120' },
  { name: '紫荆社区', street: '西湖街道', scale: 0.9, aware: 0.86, behave: 0.72, reporter: '钱芳', phone: '13588216470' },
];
const COMMUNITY = Object.fromEntries(COMMUNITIES.map((c) => [c.name, c]));

// ── fixed pseudo-randomness ────────────────────────────────────────────────────────────────────
function hash(s) {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0) / 4294967296;
}
/** A factor in [1 - spread, 1 + spread], fixed for (community, month, code). */
const jitter = (key, spread = 0.2) => 1 - spread + 2 * spread * hash(key);
const roundTo = (v, step) => Number((Math.round(v / step) * step).toFixed(step < 1 ? 1 : 0));

/** A community's true figures for a month (before anyone writes them down badly). */
function figures(community, month) {
  const c = COMMUNITY[community];
  const fixed = FIXED[community]?.[month] ?? {};
  const v = {};
  for (const { code, base, step } of Object.values(BY_CODE)) {
    if (base === null) continue;
    v[code] = fixed[code] ?? (base === 0 ? 0 : Math.max(step, roundTo(base * c.scale * jitter(`${community}|${month}|${code}`), step)));
  }
  if (v.lecture_attendance < v.lectures * 20) v.lecture_attendance = v.lectures * 35;
  // The parts of the two rates, then the rates from them, so that a clean return agrees with itself.
  v.aware = fixed.aware ?? Math.round(v.surveyed * c.aware * jitter(`${community}|${month}|aware`, 0.03));
  v.behaviour = fixed.behaviour ?? Math.round(v.surveyed * c.behave * jitter(`${community}|${month}|behaviour`, 0.03));
  v.awareness_rate = rate(v.aware, v.surveyed);
  v.behaviour_rate = rate(v.behaviour, v.surveyed);
  return v;
}
const rate = (part, whole) => Number(((part / whole) * 100).toFixed(1));

/** True figures fixed by hand: a story across months (history check) or round numbers for a case. */
const FIXED = {
  朝阳社区: { '2026-08': { rodent_bait_kg: 12 }, '2026-09': { rodent_bait_kg: 14 }, '2026-10': { rodent_bait_kg: 65 } },
  湖滨社区: { '2026-08': { garbage_t: 16.5 }, '2026-09': { garbage_t: 18.2 } },
  翠苑社区: { '2026-10': { surveyed: 800, aware: 703 } },
  和平社区: { '2026-10': { surveyed: 1000, aware: 879, disinfected_m2: 4950 } },
  文三社区: { '2026-10': { surveyed: 500, aware: 520 } },
  古荡社区: { '2026-10': { surveyed: 500, aware: 412 } },
};

// ── a sheet built as cells, then written to exceljs or CSV ───────────────────────────────────────
class Sheet {
  constructor(name) {
    this.name = name;
    this.cells = new Map(); // "r,c" (1-based) → { value, formula, numFmt, bold }
    this.merges = [];
    this.widths = {};
    this.maxRow = 0;
    this.maxCol = 0;
  }
  set(r, c, value, extra = {}) {
    this.cells.set(`${r},${c}`, { value, ...extra });
    this.maxRow = Math.max(this.maxRow, r);
    this.maxCol = Math.max(this.maxCol, c);
  }
  merge(r1, c1, r2, c2) {
    this.merges.push([r1, c1, r2, c2]);
  }
}

function colLetter(c) {
  let s = '';
  for (let n = c; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
const addr = (r, c) => colLetter(c) + r;

const HEAD = {
  seq: ['序号', '序號'], label: ['指标名称', '指標名稱'], unit: ['单位', '單位'], value: ['本月数', '本月數'],
  cum: ['累计', '累計'], remark: ['备注', '備註'],
};

/**
 * Writes one sheet-form return. `ret.rows` are { code, label?, unit?, value, cum?, remark?, formula?,
 * numFmt? } in table order ('blank' for an empty row); `opts` chooses the layout. Returns the A1
 * address of each row's value, label and cumulative cells, keyed by code.
 */
function writeSheetForm(sheet, ret, opts) {
  const trad = opts.trad ?? false;
  const cols = opts.columns ?? ['seq', 'label', 'unit', 'value', 'remark'];
  const width = Math.max(cols.length, 6);
  const t = (zh, tw) => (trad ? tw : zh);
  const [year, mon] = ret.period.split('-');
  sheet.set(1, 1, opts.title ?? t(`${year}年${Number(mon)}月社区创卫工作月报表`, `${year}年${Number(mon)}月社區創衛工作月報表`), { bold: true });
  sheet.merge(1, 1, 1, width);
  const where = { header: {} };
  let r = 2;
  const periodValue = opts.period ?? `${year}年${Number(mon)}月`;
  switch (opts.header ?? 'A') {
    case 'A': // label and value in separate cells
      sheet.set(2, 1, t(opts.communityLabel ?? '社区名称', '社區名稱'));
      sheet.set(2, 2, ret.community);
      sheet.set(2, 4, t('所属街道', '所屬街道'));
      sheet.set(2, 5, ret.street);
      sheet.set(3, 1, t(opts.periodLabel ?? '报告期', '報告期'));
      setPeriod(sheet, 3, 2, periodValue);
      sheet.set(3, 4, t('填报人', '填報人'));
      sheet.set(3, 5, ret.reporter);
      sheet.set(4, 4, t('联系电话', '聯繫電話'));
      sheet.set(4, 5, ret.phone);
      where.header = { community: 'B2', street: 'E2', period: 'B3' };
      r = 6;
      break;
    case 'B': // "label：value" in one cell, some of them merged
      sheet.set(2, 1, `填报单位：${ret.community}`);
      sheet.merge(2, 1, 2, 3);
      sheet.set(2, 4, `所属街道：${ret.street}`);
      sheet.merge(2, 4, 2, width);
      sheet.set(3, 1, `报告期：${periodValue}`);
      sheet.merge(3, 1, 3, 3);
      sheet.set(3, 4, `填报人：${ret.reporter}`);
      sheet.set(3, 5, `联系电话：${ret.phone}`);
      where.header = { community: 'A2', street: 'D2', period: 'A3' };
      r = 5;
      break;
    case 'C': // 单位名称 and a real date cell for the period
      sheet.set(2, 1, '单位名称');
      sheet.set(2, 2, ret.community);
      sheet.set(2, 3, '所属街道');
      sheet.set(2, 4, ret.street);
      sheet.set(3, 1, '报告期');
      setPeriod(sheet, 3, 2, periodValue);
      sheet.set(3, 3, '填报人');
      sheet.set(3, 4, ret.reporter);
      sheet.set(3, 5, '电话');
      sheet.set(3, 6, ret.phone);
      where.header = { community: 'B2', street: 'D2', period: 'B3' };
      r = 5;
      break;
    default:
      throw new Error(`layout ${opts.header}`);
  }
  // the table
  cols.forEach((k, i) => sheet.set(r, i + 1, opts.headNames?.[k] ?? t(...HEAD[k]), { bold: true }));
  const headerRow = r;
  r++;
  // First pass: where each row goes, so that formulas can name other cells.
  const place = {};
  let rr = r;
  for (const row of ret.rows) {
    if (row !== 'blank') place[row.code] = rr;
    rr++;
  }
  const ci = (k) => cols.indexOf(k) + 1;
  const cellOf = (k, code) => addr(place[code], ci(k));
  let seq = 0;
  for (const row of ret.rows) {
    if (row === 'blank') {
      r++;
      continue;
    }
    const ind = BY_CODE[row.code];
    const [tLabel, tUnit] = TRAD[row.code];
    seq++;
    if (ci('seq')) sheet.set(r, ci('seq'), seq);
    sheet.set(r, ci('label'), row.label ?? (trad ? tLabel : ind.name));
    const unit = row.unit !== undefined ? row.unit : trad ? tUnit : ind.unit;
    if (unit !== null) sheet.set(r, ci('unit'), unit);
    const numFmt = row.numFmt ?? (ind.unit === '%' ? '0.0' : undefined);
    if (row.formula) {
      sheet.set(r, ci('value'), null, { formula: row.formula({ value: (c) => cellOf('value', c), cum: (c) => cellOf('cum', c) }), numFmt });
    } else if (row.value !== null && row.value !== undefined) {
      sheet.set(r, ci('value'), row.value, { numFmt });
    }
    if (ci('cum') && row.cum !== undefined && row.cum !== null) sheet.set(r, ci('cum'), row.cum);
    if (ci('remark') && row.remark) sheet.set(r, ci('remark'), row.remark);
    where[row.code] = { value: addr(r, ci('value')), label: addr(r, ci('label')), unit: addr(r, ci('unit')) };
    r++;
  }
  if (opts.note) {
    sheet.set(r + 1, 1, opts.note);
    sheet.merge(r + 1, 1, r + 1, width);
    where.note = addr(r + 1, 1);
  }
  where.headerRow = headerRow;
  sheet.widths = { 1: 6, [ci('label')]: 24, [ci('unit')]: 8, [ci('value')]: 12, [ci('remark') || 6]: 18 };
  if (opts.header === 'B') sheet.widths[1] = 10;
  return where;
}

function setPeriod(sheet, r, c, p) {
  if (p instanceof Date) sheet.set(r, c, p, { numFmt: 'yyyy"年"m"月"' });
  else sheet.set(r, c, p);
}

/** Table rows for a return: every code of `codes` from `figs`, with per-code overrides. */
function rowsFor(codes, figs, overrides = {}, blankAfter = []) {
  const rows = [];
  for (const code of codes) {
    const o = overrides[code] ?? {};
    rows.push({ code, value: figs[code], ...o });
    if (blankAfter.includes(code)) rows.push('blank');
  }
  return rows;
}

function cumulative(rows, month, skip = []) {
  const n = Number(month.slice(5));
  for (const row of rows) {
    if (row === 'blank' || typeof row.value !== 'number' || skip.includes(row.code)) continue;
    if (BY_CODE[row.code].unit === '%') continue;
    const step = BY_CODE[row.code].step;
    row.cum = roundTo(row.value * n * jitter(`cum|${row.code}|${month}`, 0.08), step);
  }
  return rows;
}

// ── the answer key ───────────────────────────────────────────────────────────────────────────────
const key = []; // { month, file, sheet, cell, indicator, written, expect }
function note(month, file, sheet, cell, indicator, written, expect) {
  key.push({ month, file, sheet, cell, indicator, written, expect });
}

// ── what each community sends, month by month ────────────────────────────────────────────────────
const NOTE = '注：1.本表于次月5日前报送街道爱卫办；2.累计为1月至本月合计；3.数据须真实，不得估填。';

/** Returns as workbooks: { file, kind: 'xlsx' | 'csv-gbk' | 'csv-bom', sheets: [Sheet] } */
function monthFiles(month) {
  const files = [];
  const oct = month === '2026-10';
  const [year, mon] = month.split('-');
  const ret = (name, rows) => ({ community: name, street: COMMUNITY[name].street, period: month, reporter: COMMUNITY[name].reporter, phone: COMMUNITY[name].phone, rows });

  // 阳光社区: the tidy one. Unit inside the label; the awareness rate is a formula.
  {
    const f = figures('阳光社区', month);
    const rows = rowsFor(ALL, f, {
      rodent_bait_kg: { label: '投放鼠药（公斤）', unit: null },
      awareness_rate: { formula: (a) => `ROUND(${a.value('aware')}/${a.value('surveyed')}*100,1)` },
    }, ['clinic_people', 'behaviour_rate', 'ditches_m', 'vector_funds']);
    const s = new Sheet('月报表');
    const w = writeSheetForm(s, ret('阳光社区', rows), { note: NOTE });
    files.push({ file: '阳光社区.xlsx', kind: 'xlsx', sheets: [s] });
    if (oct) {
      note(month, '阳光社区.xlsx', s.name, w.rodent_bait_kg.label, 'rodent_bait_kg', '投放鼠药（公斤）（单位写在名称里，单位栏空）', '读作 投放鼠药，单位 公斤；无错误');
      note(month, '阳光社区.xlsx', s.name, w.awareness_rate.value, 'awareness_rate', `=ROUND(${w.aware.value}/${w.surveyed.value}*100,1) → ${f.awareness_rate}`, `formula_value（info），值 ${f.awareness_rate}`);
    }
    // 阳光社区 sends a corrected copy in October: the same community and period twice.
    if (oct) {
      const g = { ...f, leaflets: f.leaflets + 300, volunteers: f.volunteers + 12 };
      const s2 = new Sheet('月报表');
      const w2 = writeSheetForm(s2, ret('阳光社区', rowsFor(ALL, g, { rodent_bait_kg: { label: '投放鼠药（公斤）', unit: null } },
        ['clinic_people', 'behaviour_rate', 'ditches_m', 'vector_funds'])), {
        title: `${year}年${Number(mon)}月社区创卫工作月报表（更正）`,
        note: '注：第2项、第16项数据更正，以本表为准。',
      });
      files.push({ file: '阳光社区（更正）.xlsx', kind: 'xlsx', sheets: [s2] });
      note(month, '阳光社区（更正）.xlsx', s2.name, w2.header.community, null, '阳光社区 2026-10 第二份报表（与 阳光社区.xlsx 重复）', 'duplicate_return（error）');
    }
  }

  // 和平社区: GBK CSV in sheet form, saved from Excel as "CSV (逗号分隔)".
  {
    const f = figures('和平社区', month);
    const over = {};
    if (month === '2026-08') over.ditches_m = { value: '300多' };
    if (oct) {
      over.disinfected_m2 = { value: '4,950' };
      over.ditches_m = { value: '500余', remark: '含背街小巷排水沟' };
      over.awareness_rate = { value: '87.9%' };
    }
    const s = new Sheet('和平社区');
    const w = writeSheetForm(s, ret('和平社区', rowsFor(ALL, f, over)), { note: NOTE });
    files.push({ file: '和平社区.csv', kind: 'csv-gbk', sheets: [s] });
    const sh = '和平社区';
    if (month === '2026-08') note(month, '和平社区.csv', sh, w.ditches_m.value, 'ditches_m', '300多', 'approximate（warning），值 300');
    if (oct) {
      note(month, '和平社区.csv', sh, 'A1', null, '整个文件为 GBK 编码', 'encoding_detected（info）gb18030');
      note(month, '和平社区.csv', sh, w.disinfected_m2.value, 'disinfected_m2', '4,950（千位分隔符）', '4950，无错误');
      note(month, '和平社区.csv', sh, w.ditches_m.value, 'ditches_m', '500余', 'approximate（warning），值 500');
      note(month, '和平社区.csv', sh, w.awareness_rate.value, 'awareness_rate', '87.9%', '87.9，无错误（879/1000）');
    }
  }

  // 幸福里社区: "label：value" cells, period 2026.10, an extra 累计 column.
  {
    const f = figures('幸福里社区', month);
    const over = {};
    if (oct) {
      over.leaflets = { value: '１０８０' };
      over.volunteers = { value: '近100' };
      over.vector_funds = { value: '0.98万元' };
      over.behaviour_rate = { formula: (a) => `${a.value('behaviour')}/${a.cum('surveyed')}*100` };
    }
    const rows = cumulative(rowsFor(ALL, f, over, ['behaviour_rate']), month, ['surveyed', 'aware', 'behaviour']);
    const s = new Sheet('Sheet1');
    const w = writeSheetForm(s, ret('幸福里社区', rows), {
      header: 'B', period: `${year}.${mon}`, columns: ['seq', 'label', 'unit', 'value', 'cum', 'remark'], note: NOTE,
    });
    files.push({ file: '幸福里社区.xlsx', kind: 'xlsx', sheets: [s] });
    if (oct) {
      note(month, '幸福里社区.xlsx', s.name, w.header.period, null, '报告期：2026.10', 'period 2026-10');
      note(month, '幸福里社区.xlsx', s.name, w.leaflets.value, 'leaflets', '１０８０（全角数字）', '1080，无错误');
      note(month, '幸福里社区.xlsx', s.name, w.volunteers.value, 'volunteers', '近100', 'approximate（warning），值 100');
      note(month, '幸福里社区.xlsx', s.name, w.vector_funds.value, 'vector_funds', '0.98万元', '9800 元（万 ×10000），无错误');
      note(month, '幸福里社区.xlsx', s.name, w.behaviour_rate.value, 'behaviour_rate', `=${w.behaviour.value}/E${Number(w.surveyed.value.slice(1))}*100 → #DIV/0!（累计栏为空）`, 'cell_error（error）#DIV/0!');
    }
  }

  // 建设村: 单位名称, the period as a real date cell, an extra 累计 column, alias labels.
  {
    const f = figures('建设村', month);
    const over = {
      leaflets: { label: '发放宣传单' },
      lectures: { label: '健康讲座', unit: '次' },
      cleanups: { label: '洁净家园' },
    };
    if (month === '2026-09') over.dead_corners = { value: '约10' };
    if (oct) {
      over.rodent_bait_kg = { value: '0.25吨' };
      over.cleanups = { label: '洁净家园', value: '3—4次' };
      over.poisonings = { value: 1 };
    }
    const rows = cumulative(rowsFor(ALL, f, over, ['behaviour_rate', 'inspections']), month);
    const s = new Sheet('建设村');
    const w = writeSheetForm(s, ret('建设村', rows), {
      header: 'C', period: new Date(Date.UTC(Number(year), Number(mon) - 1, 1)),
      columns: ['seq', 'label', 'unit', 'value', 'cum', 'remark'],
    });
    files.push({ file: '建设村.xlsx', kind: 'xlsx', sheets: [s] });
    if (month === '2026-09') note(month, '建设村.xlsx', s.name, w.dead_corners.value, 'dead_corners', '约10', 'approximate（warning），值 10');
    if (oct) {
      note(month, '建设村.xlsx', s.name, w.header.period, null, 'Excel 日期 2026-10-01（格式 yyyy"年"m"月"）', 'period 2026-10');
      note(month, '建设村.xlsx', s.name, w.lectures.label, 'lectures', '健康讲座，单位 次（别名 + 单位别名）', '读作 lectures；次 是模板的单位别名，无错误');
      note(month, '建设村.xlsx', s.name, w.rodent_bait_kg.value, 'rodent_bait_kg', '0.25吨（单位栏 公斤）', 'unit_converted（info），250 公斤；另 outlier_peer（warning，约为中位数 10 倍）');
      note(month, '建设村.xlsx', s.name, w.cleanups.value, 'cleanups', '3—4次', 'range_value（error）');
      note(month, '建设村.xlsx', s.name, w.poisonings.value, 'poisonings', '1，备注为空', 'remark_missing（warning）');
    }
  }

  // 新华社区: a shorter form whose columns are in another order (项目 | 数量 | 单位 | 备注, no 序号).
  {
    const f = figures('新华社区', month);
    const over = {};
    if (oct) {
      over.vector_funds = { value: '20__余元' };
      over.behaviour = { value: null };
      over.aware = { label: '健康知识知晓人次' };
    }
    const s = new Sheet(`${Number(mon)}月`);
    const w = writeSheetForm(s, ret('新华社区', rowsFor(SHORT, f, over, ['awareness_rate'])), {
      header: 'A', period: month, columns: ['label', 'value', 'unit', 'remark'],
      headNames: { label: '项目', value: '数量' }, note: '注：本月无意外中毒事件。',
    });
    files.push({ file: '新华社区.xlsx', kind: 'xlsx', sheets: [s] });
    if (oct) {
      note(month, '新华社区.xlsx', s.name, `A${w.headerRow}`, null, '列顺序：项目 | 数量 | 单位 | 备注（无序号）', '按标题找列，无错误');
      note(month, '新华社区.xlsx', s.name, w.vector_funds.value, 'vector_funds', '20__余元', 'placeholder（error）');
      note(month, '新华社区.xlsx', s.name, w.behaviour.value, 'behaviour', '（空）', 'required_empty（error）');
      note(month, '新华社区.xlsx', s.name, w.note, null, '注：本月无意外中毒事件。（注释行里提到指标名）', '注释行，不是指标：无 finding（不得读成 意外中毒事件 的重复）');
      note(month, '新华社区.xlsx', s.name, w.aware.label, 'aware', '健康知识知晓人次（错字，应为 人数）', 'unknown_label（warning）建议 健康知识知晓人数；aware 缺失 → required_missing（error）');
    }
  }

  // 朝阳社区: 月份 instead of 报告期; rodent bait jumps in October.
  {
    const f = figures('朝阳社区', month);
    const over = {};
    if (oct) {
      over.notices = { value: 'xx' };
      over.lectures = { value: 6 };
      over.lecture_attendance = { value: 5 };
    }
    const s = new Sheet('创卫月报');
    const w = writeSheetForm(s, ret('朝阳社区', rowsFor(SHORT, f, over, ['lecture_attendance', 'garbage_t'])), {
      periodLabel: '月份', period: `${year}年${mon}月`, note: NOTE,
    });
    files.push({ file: '朝阳社区.xlsx', kind: 'xlsx', sheets: [s] });
    if (oct) {
      note(month, '朝阳社区.xlsx', s.name, w.notices.value, 'notices', 'xx', 'placeholder（error）');
      note(month, '朝阳社区.xlsx', s.name, w.lecture_attendance.value, 'lecture_attendance', `5（讲座 6 期，${w.lectures.value}）`, 'rule_failed R05（error）left 5 right 6；另 outlier_peer（warning）');
      note(month, '朝阳社区.xlsx', s.name, w.rodent_bait_kg.value, 'rodent_bait_kg', '65（8月 12，9月 14）', '历史跳变（约 4.6 倍）');
    }
  }

  // 柳营村: Traditional script throughout; ads removed given in 平方米.
  {
    const f = figures('柳营村', month);
    const over = {};
    if (oct) over.ads_removed = { value: 35, unit: '平方米' };
    const s = new Sheet('月報表');
    const r = { ...ret('柳营村', rowsFor(ALL, f, over, ['behaviour_rate'])), community: '柳營村', reporter: '吳志強' };
    const w = writeSheetForm(s, r, { trad: true, note: '註：本表於次月5日前報送。' });
    files.push({ file: '柳营村.xlsx', kind: 'xlsx', sheets: [s] });
    if (oct) {
      note(month, '柳营村.xlsx', s.name, 'A2', null, '繁体：社區名稱 / 所屬街道 / 報告期 / 投放鼠藥 / 健康知識知曉率 …，社区名 柳營村', '按简体读出，社区 柳营村，无错误');
      note(month, '柳营村.xlsx', s.name, w.ads_removed.value, 'ads_removed', `35，单位 平方米（${w.ads_removed.unit}）`, 'unit_mismatch（error）平方米 → 处');
    }
  }

  // 文三社区 and 古荡社区: one workbook from the street's 网格员, with an instructions sheet.
  {
    const info = new Sheet('说明');
    info.set(1, 1, '填表说明');
    info.set(2, 1, '1. 本工作簿含文三社区、古荡社区两张月报表，每个社区一张工作表。');
    info.set(3, 1, '2. 数字请填阿拉伯数字，不要填“约”“余”等字样；无数据填0。');
    info.set(4, 1, '3. 意外中毒事件大于0的，须在备注中说明。');
    info.widths = { 1: 60 };
    const sheets = [info];
    for (const name of ['文三社区', '古荡社区']) {
      const f = figures(name, month);
      const over = {};
      if (oct && name === '古荡社区') {
        over.awareness_rate = { value: 85 };
        over.inspections = { value: new Date(Date.UTC(2026, 2, 4)), numFmt: 'm"月"d"日"' };
      }
      const s = new Sheet(name);
      const w = writeSheetForm(s, ret(name, rowsFor(ALL, f, over, ['clinic_people'])), { period: `${year}-${mon}` });
      sheets.push(s);
      if (oct && name === '文三社区') {
        note(month, '西湖街道_文三_古荡.xlsx', '说明', 'A1', null, '说明工作表（不是报表）', 'sheet_skipped（info）');
        note(month, '西湖街道_文三_古荡.xlsx', name, w.aware.value, 'aware', `520 > 调查人数 500（${w.surveyed.value}）`, 'rule_failed R01（error）left 520 right 500；其知晓率 104.0 → rate_out_of_range / above_max（error）');
      }
      if (oct && name === '古荡社区') {
        note(month, '西湖街道_文三_古荡.xlsx', name, w.awareness_rate.value, 'awareness_rate', `85.0，但 412/500 = 82.4（${w.aware.value}, ${w.surveyed.value}）`, 'rule_failed R03（error）left 85 right 82.4');
        note(month, '西湖街道_文三_古荡.xlsx', name, w.inspections.value, 'inspections', 'Excel 日期 2026-03-04（显示 3月4日，原意“3-4”次）', 'date_value（error）');
      }
    }
    files.push({ file: '西湖街道_文三_古荡.xlsx', kind: 'xlsx', sheets });
  }

  // 翠苑社区 and 湖滨社区: the street's online form, exported as a table-form CSV (UTF-8 with BOM).
  {
    const names = ['翠苑社区', '湖滨社区'];
    const s = new Sheet('网上填报');
    const header = ['社区名称', '所属街道', '报告期', ...ALL.map((c) => `${BY_CODE[c].name}(${BY_CODE[c].unit})`)];
    header.forEach((h, i) => s.set(1, i + 1, h));
    names.forEach((name, k) => {
      const f = figures(name, month);
      const row = { ...f };
      if (oct && name === '翠苑社区') row.awareness_rate = '0.879';
      if (oct && name === '湖滨社区') row.garbage_t = 17360;
      const r = k + 2;
      s.set(r, 1, name);
      s.set(r, 2, COMMUNITY[name].street);
      s.set(r, 3, month);
      ALL.forEach((c, i) => s.set(r, i + 4, row[c]));
      const col = (c) => colLetter(ALL.indexOf(c) + 4);
      if (oct && name === '翠苑社区') note(month, '网上填报汇总.csv', '网上填报汇总', `${col('awareness_rate')}${r}`, 'awareness_rate', '0.879（调查 800，知晓 703）', 'rate_fraction（warning）asPercent 87.9；另 R03 rule_failed（0.879 ≠ 87.9）与 outlier_peer');
      if (oct && name === '湖滨社区') note(month, '网上填报汇总.csv', '网上填报汇总', `${col('garbage_t')}${r}`, 'garbage_t', '17360 吨（8月 16.5，9月 18.2）', 'above_max（error，模板上限 500）+ outlier_peer（warning）+ 历史跳变');
    });
    files.push({ file: '网上填报汇总.csv', kind: 'csv-bom', sheets: [s] });
  }

  // 紫荆社区 reports in August and September only.
  if (!oct) {
    const f = figures('紫荆社区', month);
    const s = new Sheet('月报表');
    writeSheetForm(s, ret('紫荆社区', rowsFor(ALL, f, {}, ['behaviour_rate'])), { note: NOTE });
    files.push({ file: '紫荆社区.xlsx', kind: 'xlsx', sheets: [s] });
  } else {
    note(month, '（无文件）', '', '', null, '紫荆社区 10月未报', 'missing_return（warning）紫荆社区 西湖街道');
  }
  return files;
}

// ── writers ──────────────────────────────────────────────────────────────────────────────────────
async function writeXlsx(file, sheets) {
  const wb = new ExcelJS.Workbook();
  wb.creator = '社区';
  wb.created = new Date(Date.UTC(2026, 10, 3));
  wb.modified = wb.created;
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    for (const [k, w] of Object.entries(s.widths)) ws.getColumn(Number(k)).width = w;
    for (const [key, cell] of s.cells) {
      const [r, c] = key.split(',').map(Number);
      const x = ws.getCell(r, c);
      x.value = cell.formula ? { formula: cell.formula } : cell.value;
      if (cell.numFmt) x.numFmt = cell.numFmt;
      if (cell.bold) x.font = { bold: true };
    }
    for (const [r1, c1, r2, c2] of s.merges) ws.mergeCells(r1, c1, r2, c2);
  }
  await wb.xlsx.writeFile(file);
}

/** As Excel's "CSV (逗号分隔)" writes it: every row padded to the same width, CRLF, quotes only when needed. */
function csvText(s) {
  const lines = [];
  for (let r = 1; r <= s.maxRow; r++) {
    const fields = [];
    for (let c = 1; c <= s.maxCol; c++) {
      const cell = s.cells.get(`${r},${c}`);
      let v = cell?.value ?? '';
      if (typeof v === 'number') v = String(v);
      fields.push(/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    }
    lines.push(fields.join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

function soffice(profile, outDir, inputs) {
  execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', outDir, ...inputs], { stdio: 'ignore' });
}

/** A private LibreOffice profile that recalculates every formula on load, so that cached results exist. */
function makeProfile() {
  const profile = mkdtempSync(path.join(tmpdir(), 'lo-examples-'));
  mkdirSync(path.join(profile, 'user'), { recursive: true });
  writeFileSync(path.join(profile, 'user', 'registrymodifications.xcu'), `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`);
  return profile;
}

function roster() {
  const lines = ['社区名称,所属街道', ...COMMUNITIES.map((c) => `${c.name},${c.street}`)];
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

function readme() {
  const rows = (month) => key.filter((k) => k.month === month);
  const table = (month) => [
    '| 文件 file | 工作表 sheet | 单元格 cell | 指标 indicator | 写法 as written | 应得 expected |',
    '|---|---|---|---|---|---|',
    ...rows(month).map((k) => `| ${[k.file, k.sheet, k.cell, k.indicator ?? '', k.written, k.expect].map((x) => x.replace(/\|/g, '\\|')).join(' | ')} |`),
  ].join('\n');
  return `# Example returns (示例报表)

Made by \`node scripts/make-examples.mjs\` (fixed data; exceljs builds each workbook, LibreOffice headless
opens and saves it, iconv writes the GBK file). Do not edit by hand: change the script and re-run it.

Two streets, twelve communities (\`roster.csv\`, UTF-8 with BOM, columns 社区名称,所属街道):
东城街道 — 阳光社区, 和平社区, 幸福里社区, 建设村, 新华社区, 朝阳社区;
西湖街道 — 湖滨社区, 翠苑社区, 柳营村, 文三社区, 古荡社区, 紫荆社区.
紫荆社区 reports in August and September but not in October.

Each community keeps its own form from month to month:

| file | form | layout |
|---|---|---|
| 阳光社区.xlsx | sheet | label and value in separate cells; 报告期 \`2026年10月\` (text); full catalogue; blank rows; 注 row; unit inside one label |
| 阳光社区（更正）.xlsx | sheet | October only: a corrected copy of 阳光社区 for the same period |
| 和平社区.csv | sheet, CSV | GBK (\`CSV (逗号分隔)\` from Chinese Windows Excel), rows padded to one width, CRLF |
| 幸福里社区.xlsx | sheet | \`填报单位：…\`, \`所属街道：…\`, \`报告期：2026.10\` in single (merged) cells; extra 累计 column |
| 建设村.xlsx | sheet | 单位名称; 报告期 is a real Excel date (\`yyyy"年"m"月"\`); extra 累计 column; aliases 发放宣传单, 健康讲座, 洁净家园 |
| 新华社区.xlsx | sheet | sheet named after the month; columns 项目 \\| 数量 \\| 单位 \\| 备注 (another order, no 序号); period \`2026-10\`; shorter form |
| 朝阳社区.xlsx | sheet | 月份 instead of 报告期 (\`2026年10月\`); shorter form |
| 柳营村.xlsx | sheet | Traditional script throughout (社區名稱, 柳營村, 投放鼠藥, 健康知識知曉率 …) |
| 西湖街道_文三_古荡.xlsx | sheet ×2 | sheets 说明 (not a return), 文三社区, 古荡社区; period \`2026-10\` |
| 网上填报汇总.csv | table, CSV | UTF-8 with BOM; 社区名称,所属街道,报告期, then \`指标名称(单位)\` per indicator; 翠苑社区 and 湖滨社区 |
| 紫荆社区.xlsx | sheet | August and September only |

In a CSV the cell address is the one a spreadsheet shows when the file is opened (row 1 = first line).
Every file not listed below for a month is clean: it should give no errors or warnings (only infos such as
\`formula_value\` or \`encoding_detected\`), apart from the history and peer checks noted.

## 2026-10 — the messy month

${table('2026-10')}

## 2026-09

${table('2026-09')}

## 2026-08

${table('2026-08')}

## Month-to-month continuity (for the history check)

- 朝阳社区 投放鼠药 (rodent_bait_kg): 12 → 14 → **65** 公斤 (2026-08 → 2026-09 → 2026-10).
- 湖滨社区 清运垃圾 (garbage_t): 16.5 → 18.2 → **17360** 吨 (a figure in 公斤 typed as 吨).
- 建设村 投放鼠药: the October \`0.25吨\` is 250 公斤 against a few dozen 公斤 before.
- Every other figure moves by at most about ±20 % between months.
`;
}

// ── main ─────────────────────────────────────────────────────────────────────────────────────────
const work = mkdtempSync(path.join(tmpdir(), 'make-examples-'));
const profile = makeProfile();
try {
  for (const month of MONTHS) {
    const dir = path.join(OUT, month);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const stage = path.join(work, month);
    mkdirSync(stage, { recursive: true });
    const xlsx = [];
    for (const f of monthFiles(month)) {
      if (f.kind === 'xlsx') {
        const p = path.join(stage, f.file);
        await writeXlsx(p, f.sheets);
        xlsx.push(p);
      } else if (f.kind === 'csv-gbk') {
        writeFileSync(path.join(dir, f.file), execFileSync('iconv', ['-f', 'utf-8', '-t', 'gb18030'], { input: csvText(f.sheets[0]) }));
      } else {
        writeFileSync(path.join(dir, f.file), '\uFEFF' + csvText(f.sheets[0]));
      }
    }
    soffice(profile, dir, xlsx);
    const made = readdirSync(dir).length;
    console.log(`${month}: ${made} files`);
  }
  writeFileSync(path.join(OUT, 'roster.csv'), roster());
  writeFileSync(path.join(OUT, 'README.md'), readme());
} finally {
  rmSync(work, { recursive: true, force: true });
  rmSync(profile, { recursive: true, force: true });
}
