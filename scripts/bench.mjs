// npm run bench — how fast validate + combine runs on a city's worth of returns.
//
// Generates (into a temp folder, removed at the end unless --keep):
//   csv12  a city-year in table form: 2,400 communities × 12 months (2026-01..12), one UTF-8 BOM CSV per month;
//   csv1   the same 28,800 rows as one big CSV;
//   xlsx   one month (2026-10) as 2,400 sheet-form .xlsx files (the blank return of `returns template`, filled in);
// with plausible values and a few messy cells (500余, 4,950, 0.02吨 under 公斤, ４９５０, blanks, 3-4, outliers) so
// the checks do real work, and a roster of the 2,400 communities (a few of which do not report some months).
//
// Each case then runs in its own child process, through the command line's own code path: `loadAndRun`
// (dist/cli/load.js: template, roster, read every file, runJob) followed by the three output tables and the
// .xlsx workbook (`outputSources` streamed by `outputWorkbookChunks`, as `returns combine --out` does). Peak RSS is the child's
// maxRSS. A second child per case times the phases separately (read files → runJob → tables + xlsx). Generation
// time is not part of the figures.
//
// Default (no --cases): CPU time side by side with DuckDB on one CSV of a city-year (1×) and ten times that
// (10×), see ratioBench below; `--scales 1` for one size, `--commands out,text` for some of the commands (matched
// against their labels: json, text, out). The phase cases below run with --cases.
// Usage: npm run bench [-- --keep] [-- --cases csv12,csv1,xlsx] [-- --communities 2400] [-- --no-split] [-- --heap MB] [-- --gen-only]
// Ratio bench options: --scales 1,10; --only json|xlsx (one of the two commands); --keep (keep each size's CSV,
// roster and stdout, e.g. to profile `node --cpu-prof bin/returns.js combine <dir>/2026全年.csv --roster <dir>/roster.csv --format json`).
// (--gen-only writes the data and keeps it, for profiling a child by hand:
//   node --cpu-prof scripts/bench.mjs --child split <dir>/csv12 <dir>/roster.csv /tmp/out.xlsx;
//  --heap passes --max-old-space-size to the measured children; without it they get node's default, as the CLI does)
// (the npm script compiles dist/ first; `node scripts/bench.mjs` alone uses whatever dist/ holds).
import ExcelJS from 'exceljs';
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { open, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => pathToFileURL(path.join(ROOT, 'dist', p)).href;

const MONTHS = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);
const XLSX_MONTH = '2026-10';

// ── child: run one case and print one JSON line ────────────────────────────────────────────────────
async function child(mode, inputDir, roster, outFile) {
  const { loadAndRun } = await import(dist('cli/load.js'));
  const { outputWorkbookChunks } = await import(dist('io/writeXlsx.js'));
  const { zlibCrc32, zlibDeflater } = await import(dist('node/zlibDeflater.js'));
  const ms = (t) => Number(process.hrtime.bigint() - t) / 1e6;
  const res = { mode };
  const t0 = process.hrtime.bigint();
  let result;
  if (mode === 'cli') {
    const loaded = await loadAndRun([inputDir], { roster });
    res.loadMs = ms(t0);
    res.files = loaded.files;
    result = loaded.result;
    emit('load', res, result);
  } else {
    // The same steps as loadAndRun, timed one by one.
    const { loadTemplateFile } = await import(dist('node/loadTemplateFile.js'));
    const { loadRosterFile } = await import(dist('node/loadRosterFile.js'));
    const { readInputs } = await import(dist('node/readInputs.js'));
    const { runJob } = await import(dist('core/job.js'));
    const tpl = await loadTemplateFile();
    const r = await loadRosterFile(roster);
    const read = await readInputs([inputDir]);
    res.readMs = ms(t0);
    const t1 = process.hrtime.bigint();
    result = runJob({ books: read.books, template: tpl.template, roster: r.roster, defaultPeriod: null, findings: [...tpl.findings, ...r.findings] });
    res.jobMs = ms(t1);
    res.files = read.books.length;
    emit('job', res, result);
  }
  // As `returns combine --out` does: the sheets as row sources (明细 and 校验结果 are made while they are
  // written, so "tables" is 汇总, 累计 and 环比 only), streamed into the file through node's zlib.
  const t2 = process.hrtime.bigint();
  const tables = result.outputSources();
  res.tablesMs = ms(t2);
  emit('tables', res, result);
  const t3 = process.hrtime.bigint();
  const fh = await open(outFile, 'w');
  let size = 0;
  for await (const c of outputWorkbookChunks(tables, { deflater: zlibDeflater, crc32: zlibCrc32 })) {
    await fh.write(c);
    size += c.length;
  }
  await fh.close();
  res.xlsxMs = ms(t3);
  res.wallMs = ms(t0);
  res.outMB = size / 1048576;
  emit('done', res, result);
}

/** One JSON line per finished phase, so a run that dies (out of memory) still tells how far it got. */
function emit(phase, res, result) {
  res.phase = phase;
  res.returns = result.returns.length;
  res.findings = result.findings.length;
  const bySev = { error: 0, warning: 0, info: 0 };
  const byCode = {};
  for (const f of result.findings) {
    bySev[f.severity] = (bySev[f.severity] ?? 0) + 1;
    byCode[f.code] = (byCode[f.code] ?? 0) + 1;
  }
  res.bySeverity = bySev;
  res.byCode = byCode;
  res.summaryRows = result.consolidation.rows.length;
  // Counted from the combined returns: `details` would build 8.3 million objects at ten times a city-year.
  const c = result.consolidation;
  res.detailRows = (c.combined ?? []).reduce((n, r) => n + c.indicators.filter((i) => r.values[i.code]).length, 0);
  res.maxRssMB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify(res) + '\n');
}

// ── data generation ────────────────────────────────────────────────────────────────────────────────
// A small deterministic PRNG, so every run measures the same data.
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// A typical community's monthly figure and its rounding step (cf. scripts/make-examples.mjs).
const BASE = {
  meetings: [2, 1], leaflets: [1200, 10], banners: [6, 1], boards: [4, 1], posters: [40, 1], lectures: [2, 1],
  lecture_attendance: [90, 1], clinics: [1, 1], clinic_people: [60, 1], surveyed: [300, 10], cleanups: [4, 1],
  volunteers: [120, 1], garbage_t: [12, 0.1], dead_corners: [15, 1], ads_removed: [80, 1], ditches_m: [300, 10],
  rodent_bait_kg: [20, 0.5], roach_bait_kg: [3, 0.5], bait_stations: [40, 1], rat_traps: [30, 1],
  disinfected_m2: [5000, 100], vector_funds: [3000, 100], poisonings: [0, 1], notices: [3, 1], inspections: [6, 1],
};

const STREETS = ['东城', '西城', '南苑', '北关', '中山', '解放', '人民', '建设', '和平', '文化', '新华', '胜利',
  '朝阳', '长安', '青年', '光明', '红旗', '东风', '湖滨', '江南', '城东', '城西', '桥西', '花园'].map((s) => s + '街道');
const A = '安宝碧彩翠春丹东芳丰福富广桂海和红华惠吉佳金锦景康兰乐丽莲林柳龙梅美明南宁平青清瑞润山盛松泰桃天同新';
const B = '苑园湖桥林庄塘坊里湾岭港泉洲河溪坪冈店门街路巷村屯堡营寨圃畈埠滩墩坝井池亭阁台楼院府堂城关场口滨埔渡';

function communities(n) {
  const out = [];
  for (let i = 0; i < n; i++) {
    // 2,500 two-character names; beyond them (ten times a city) a number keeps the names unique.
    const k = Math.floor(i / (A.length * B.length));
    const name = A[i % A.length] + B[Math.floor(i / A.length) % B.length] + (k ? String(k + 1) : '') + (i % 9 === 8 ? '村' : '社区');
    out.push({ name, street: STREETS[i % STREETS.length], size: 0.5 + mulberry32(i * 7919 + 1)() * 1.5 });
  }
  if (new Set(out.map((c) => c.name)).size !== n) throw new Error(`community names not unique for n=${n}`);
  return out;
}

const round = (v, step) => Number((Math.round(v / step) * step).toFixed(step < 1 ? 1 : 0));
const FULLWIDTH = (s) => String(s).replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));

/** One return's values by indicator code: numbers, or strings as people write them (messy), or null (blank). */
function returnValues(indicators, c, month, rnd, stats) {
  const v = {};
  const s = c.size;
  for (const ind of indicators) {
    const [base, step] = BASE[ind.code] ?? [10, 1];
    v[ind.code] = round(base * s * (0.7 + rnd() * 0.6), step);
  }
  if ('poisonings' in v) v.poisonings = rnd() < 0.002 ? 1 : 0;
  if ('surveyed' in v) {
    const sv = v.surveyed;
    v.aware = Math.round(sv * (0.75 + rnd() * 0.2));
    v.awareness_rate = Math.round((v.aware / sv) * 1000) / 10;
    v.behaviour = Math.round(sv * (0.6 + rnd() * 0.25));
    v.behaviour_rate = Math.round((v.behaviour / sv) * 1000) / 10;
  }
  if ('lecture_attendance' in v && v.lectures === 0) v.lecture_attendance = 0;
  // About one return in four has one messy cell, one in twenty a second one.
  const messes = (rnd() < 0.25 ? 1 : 0) + (rnd() < 0.05 ? 1 : 0);
  for (let k = 0; k < messes; k++) {
    const kind = Math.floor(rnd() * 10);
    stats[kind] = (stats[kind] ?? 0) + 1;
    switch (kind) {
      case 0: v.leaflets = `${Math.round(v.leaflets / 100) * 100}余`; break; // approximate
      case 1: v.leaflets = Number(v.leaflets).toLocaleString('en-US'); break; // 4,950
      case 2: v.disinfected_m2 = FULLWIDTH(v.disinfected_m2); break; // ４９５０
      case 3: v.rodent_bait_kg = `${Math.round(v.rodent_bait_kg) / 1000}吨`; break; // 0.02吨 under 公斤: converted
      case 4: v.garbage_t = `${v.garbage_t}吨`; break; // 12.5吨 under 吨
      case 5: v[rnd() < 0.5 ? 'volunteers' : 'banners'] = null; break; // blank (required / optional)
      case 6: v.meetings = `${v.meetings}-${v.meetings + 1}`; break; // a range: error
      case 7: v.awareness_rate = Math.round(v.awareness_rate * 10) / 1000; break; // 0.879 in a % field
      case 8: v.garbage_t = Math.round(v.garbage_t * 1000); break; // an outlier (peer / history / max)
      case 9: v.aware = v.surveyed + 10; break; // aware > surveyed, rate disagrees
    }
  }
  return v;
}

const csvCell = (x) => {
  if (x === null || x === undefined) return '';
  const s = String(x);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** Which community/month pairs are left out (not reported) or sent twice. */
const skipped = (i, m) => (i * 31 + m * 17) % 997 === 0;
const doubled = (i, m) => (i * 13 + m * 7) % 1499 === 0;

function genCsv(dir, indicators, comms, oneFile) {
  mkdirSync(dir, { recursive: true });
  const header = ['社区名称', '所属街道', '报告期', ...indicators.map((ind) => (ind.unit ? `${ind.name}(${ind.unit})` : ind.name))].join(',');
  const stats = {};
  const all = [header];
  MONTHS.forEach((month, m) => {
    const rnd = mulberry32(1000 + m);
    const lines = [header];
    comms.forEach((c, i) => {
      if (skipped(i, m)) return;
      const v = returnValues(indicators, c, month, rnd, stats);
      const line = [c.name, c.street, month, ...indicators.map((ind) => csvCell(v[ind.code]))].join(',');
      lines.push(line);
      if (doubled(i, m)) lines.push(line);
    });
    if (oneFile) all.push(...lines.slice(1));
    else writeFileSync(path.join(dir, `${month}.csv`), '\ufeff' + lines.join('\r\n') + '\r\n');
  });
  if (oneFile) writeFileSync(path.join(dir, '2026全年.csv'), '\ufeff' + all.join('\r\n') + '\r\n');
  return stats;
}

async function genXlsx(dir, template, comms) {
  const { blankReturn } = await import(dist('core/output/blankReturn.js'));
  const { addGridSheet } = await import(dist('io/writeXlsx.js'));
  mkdirSync(dir, { recursive: true });
  const m = MONTHS.indexOf(XLSX_MONTH);
  const rnd = mulberry32(5000 + m);
  const stats = {};
  const blank = blankReturn(template, XLSX_MONTH, '月报表');
  const rowOf = new Map(template.indicators.map((ind, i) => [ind.code, 5 + i]));
  const pending = [];
  for (let i = 0; i < comms.length; i++) {
    if (skipped(i, m)) continue;
    const c = comms[i];
    const v = returnValues(template.indicators, c, XLSX_MONTH, rnd, stats);
    const values = blank.values.map((r) => r.slice());
    values[1][1] = c.name;
    values[1][3] = c.street;
    values[2][3] = '王' + '明华丽芳军'[i % 5];
    values[3][1] = `0571-${String(86000000 + i * 37).slice(0, 8)}`;
    for (const ind of template.indicators) {
      const r = rowOf.get(ind.code);
      values[r][3] = v[ind.code];
      if (ind.code === 'poisonings' && v.poisonings > 0) values[r][4] = '误食变质食物，已送医，无大碍';
    }
    const wb = new ExcelJS.Workbook();
    addGridSheet(wb, { ...blank, values }, [6, 24, 10, 12, 24]);
    const file = path.join(dir, `${c.street}_${c.name}.xlsx`);
    pending.push(wb.xlsx.writeBuffer().then((buf) => writeFile(file, Buffer.from(buf))));
    if (doubled(i, m)) pending.push(wb.xlsx.writeBuffer().then((buf) => writeFile(file.replace('.xlsx', '（更正）.xlsx'), Buffer.from(buf))));
    if (pending.length >= 32) await Promise.all(pending.splice(0));
  }
  await Promise.all(pending);
  return stats;
}

function dirStats(dir) {
  let files = 0;
  let bytes = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    files++;
    bytes += statSync(path.join(e.parentPath ?? e.path, e.name)).size;
  }
  return { files, mb: bytes / 1048576 };
}

function runChild(mode, input, roster, out, heap) {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const flags = heap ? [`--max-old-space-size=${heap}`] : [];
    const p = spawn(process.execPath, [...flags, fileURLToPath(import.meta.url), '--child', mode, input, roster, out], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code, signal) => {
      const lines = stdout.trim().split('\n').filter((l) => l.startsWith('{'));
      if (lines.length === 0) return reject(new Error(`child ${mode} ${input} exited ${code ?? signal}\n${stderr}`));
      const last = JSON.parse(lines.pop());
      last.childMs = Date.now() - t0;
      if (code !== 0) {
        last.failed = /heap out of memory/.test(stderr) ? `out of memory (${heap ? `${heap} MB` : 'default'} heap)` : `exit ${code ?? signal}: ${stderr.trim().split('\n').pop()}`;
        last.failedAfter = last.phase;
      }
      resolve(last);
    });
  });
}

// ── ratio: CPU time side by side with DuckDB ─────────────────────────────────────────────────────────
// Each side is a whole process under /usr/bin/time (user + sys of every thread, peak RSS): `returns combine`
// exactly as a user runs it, and a node process that loads @duckdb/node-api, reads the same CSV and computes
// the same sums (per period and street, per period; rates as Σnumerator / Σdenominator) and fetches them.

const BIN = path.join(ROOT, 'bin/returns.js');

function timed(args, stdoutFile) {
  return new Promise((resolve, reject) => {
    const out = stdoutFile ? openSync(stdoutFile, 'w') : 'ignore';
    const p = spawn('/usr/bin/time', ['-f', 'CPU %U %S %M', ...args], { stdio: ['ignore', out, 'pipe'] });
    let stderr = '';
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => {
      if (typeof out === 'number') closeSync(out);
      const m = /CPU (\d+\.\d+) (\d+\.\d+) (\d+)\s*$/.exec(stderr);
      if (!m) return reject(new Error(`${args.join(' ')}: no timing (exit ${code})\n${stderr.slice(-2000)}`));
      resolve({ code, cpu: Number(m[1]) + Number(m[2]), user: Number(m[1]), sys: Number(m[2]), rssMB: Number(m[3]) / 1024, stderr });
    });
  });
}

/** The SQL DuckDB runs: the sums `returns combine` reports, from the same CSV columns. */
function duckSql(csv, indicators) {
  const header = (ind) => (ind.unit ? `${ind.name}(${ind.unit})` : ind.name);
  const col = (ind) => `TRY_CAST("${header(ind)}" AS DOUBLE)`;
  const byCode = new Map(indicators.map((i) => [i.code, i]));
  const sums = indicators.map((ind) => {
    if (ind.kind !== 'rate') return `SUM(${col(ind)}) AS "${ind.code}"`;
    const a = byCode.get(ind.numerator);
    const b = byCode.get(ind.denominator);
    if (!a || !b) return `NULL AS "${ind.code}"`;
    const both = `${col(a)} IS NOT NULL AND ${col(b)} IS NOT NULL`;
    return `ROUND(SUM(CASE WHEN ${both} THEN ${col(a)} END) / SUM(CASE WHEN ${both} THEN ${col(b)} END) * 100, 2) AS "${ind.code}"`;
  }).join(', ');
  const src = `read_csv('${csv}', header = true, all_varchar = true)`;
  return `SELECT 报告期, 所属街道, COUNT(*) AS returns, ${sums} FROM ${src} GROUP BY GROUPING SETS ((报告期, 所属街道), (报告期)) ORDER BY 1, 2`;
}

async function duckChild(sqlFile) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  const reader = await con.runAndReadAll(readFileSync(sqlFile, 'utf8'));
  const rows = reader.getRows();
  process.stdout.write(`${rows.length} rows\n`);
}

async function ratioBench(values, template) {
  const scales = values.scales.split(',').map(Number);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'returns-ratio-'));
  console.log(`returns bench (CPU time vs DuckDB) — ${new Date().toISOString().slice(0, 10)}, ${os.cpus()[0]?.model ?? '?'}, nproc ${os.availableParallelism?.() ?? os.cpus().length}, node ${process.version}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB`);
  const table = [];
  try {
    for (const scale of scales) {
      const n = 2400 * scale;
      const comms = communities(n);
      const dir = path.join(tmp, `x${scale}`);
      genCsv(dir, template.indicators, comms, true);
      const csv = path.join(dir, '2026全年.csv');
      const roster = path.join(dir, 'roster.csv');
      writeFileSync(roster, '\ufeff社区名称,所属街道\r\n' + comms.map((c) => `${c.name},${c.street}`).join('\r\n') + '\r\n');
      const sqlFile = path.join(dir, 'sums.sql');
      writeFileSync(sqlFile, duckSql(csv, template.indicators));
      const mb = statSync(csv).size / 1048576;
      console.log(`\n[${scale}×] ${n} communities × 12 months in one CSV (${mb.toFixed(1)} MB)`);
      const duck = await timed([process.execPath, fileURLToPath(import.meta.url), '--duck', sqlFile]);
      if (duck.code !== 0) throw new Error(`duckdb failed: ${duck.stderr}`);
      console.log(`  DuckDB sums                       CPU ${duck.cpu.toFixed(2)} s (user ${duck.user.toFixed(2)} + sys ${duck.sys.toFixed(2)}), peak ${duck.rssMB.toFixed(0)} MB`);
      const cases = [
        ['combine --format json', ['combine', csv, '--roster', roster, '--format', 'json']],
        // The text report alone: what --out adds over it is the output tables and summary.xlsx.
        ['combine (text report)', ['combine', csv, '--roster', roster]],
        // As users run it: a city-year's 明细 (834,000 rows, one per value) is over the default limit and left out,
        // with a note (DETAILS_DEFAULT_LIMIT).
        ['combine --out summary.xlsx', ['combine', csv, '--roster', roster, '--out', path.join(dir, 'summary.xlsx')]],
        // 明细 asked for: most of the file and of the time it takes to write.
        ['combine --out --details', ['combine', csv, '--roster', roster, '--out', path.join(dir, 'summary.xlsx'), '--details']],
      ].filter(([label]) => (values.only === undefined || label.includes(values.only === 'json' ? '--format json' : values.only === 'text' ? '(text report)' : '--out')) && (!values.commands || values.commands.split(',').some((c) => label.includes(c))));
      for (const [label, args] of cases) {
        const r = await timed([process.execPath, BIN, ...args], path.join(dir, 'stdout.txt'));
        const ok = r.code === 0 || r.code === 1;
        const ratio = r.cpu / duck.cpu;
        if (label.includes('--out') && r.code <= 1) console.log(`  summary.xlsx ${(statSync(path.join(dir, 'summary.xlsx')).size / 1048576).toFixed(1)} MB`);
        console.log(`  returns ${label.padEnd(26)} CPU ${r.cpu.toFixed(2)} s (user ${r.user.toFixed(2)} + sys ${r.sys.toFixed(2)}), peak ${r.rssMB.toFixed(0)} MB, exit ${r.code} → ${ratio.toFixed(2)}× DuckDB`);
        if (!ok) console.log(r.stderr.slice(-1500));
        if (r.code === 2) {
          // Exit 2 is input that could not be read (or bad usage): say why, from the report.
          const out = readFileSync(path.join(dir, 'stdout.txt'), 'utf8');
          const why = /"code":"file_unreadable".*?"message":"([^"]*)"/.exec(out)?.[1] ?? out.split('\n').find((l) => /无法读取|unreadable/.test(l));
          if (why) console.log(`  (exit 2: ${why.trim()})`);
        }
        table.push({ scale, rows: comms.length * 12, mb, label, cpu: r.cpu, rss: r.rssMB, duck: duck.cpu, duckRss: duck.rssMB, ratio, ok, code: r.code });
      }
      if (values.keep) console.log(`  data kept in ${dir}`);
      else rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    if (!values.keep) rmSync(tmp, { recursive: true, force: true });
  }
  console.log('\n| size | CSV rows | CSV MB | command | returns CPU s | DuckDB CPU s | ratio | returns peak MB | DuckDB peak MB |');
  console.log('|---|--:|--:|---|--:|--:|--:|--:|--:|');
  for (const t of table) {
    console.log(`| ${t.scale}× city-year | ${t.rows.toLocaleString('en-US')} | ${t.mb.toFixed(1)} | \`${t.label}\`${t.ok ? '' : ` ✗ exit ${t.code}`} | ${t.cpu.toFixed(2)} | ${t.duck.toFixed(2)} | **${t.ratio.toFixed(2)}×** | ${t.rss.toFixed(0)} | ${t.duckRss.toFixed(0)} |`);
  }
}

// ── main ──────────────────────────────────────────────────────────────────────────────────────────
async function main() {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child') return child(argv[1], argv[2], argv[3], argv[4]);
  if (argv[0] === '--duck') return duckChild(argv[1]);
  const { values } = parseArgs({
    args: argv,
    options: {
      keep: { type: 'boolean', default: false },
      'no-split': { type: 'boolean', default: false },
      cases: { type: 'string' },
      scales: { type: 'string', default: '1,10' },
      commands: { type: 'string' },
      communities: { type: 'string', default: '2400' },
      heap: { type: 'string' },
      'gen-only': { type: 'boolean', default: false },
      only: { type: 'string' },
    },
  });
  if (values.cases === undefined && !values['gen-only']) {
    const { loadTemplateFile } = await import(dist('node/loadTemplateFile.js'));
    return ratioBench(values, (await loadTemplateFile()).template);
  }
  const n = Number(values.communities);
  const cases = (values.cases ?? 'csv12,csv1,xlsx').split(',');
  const heap = values.heap ? Number(values.heap) : null;
  const { loadTemplateFile } = await import(dist('node/loadTemplateFile.js'));
  const { template } = await loadTemplateFile();
  const comms = communities(n);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'returns-bench-'));
  if (values['gen-only']) values.keep = true;
  const cleanup = () => {
    if (!values.keep) rmSync(tmp, { recursive: true, force: true });
  };
  process.on('SIGINT', () => {
    cleanup();
    process.exit(130);
  });

  console.log(`returns bench — ${new Date().toISOString().slice(0, 10)}, ${os.cpus()[0]?.model ?? '?'}, nproc ${os.availableParallelism?.() ?? os.cpus().length}, node ${process.version}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB`);
  console.log(`data in ${tmp}${values.keep ? ' (kept)' : ''}; child heap limit ${heap ? `${heap} MB` : 'node default'}`);
  const roster = path.join(tmp, 'roster.csv');
  writeFileSync(roster, '\ufeff社区名称,所属街道\r\n' + comms.map((c) => `${c.name},${c.street}`).join('\r\n') + '\r\n');

  const DESC = {
    csv12: `table-form CSV, ${n} communities × 12 months, one file per month`,
    csv1: `table-form CSV, ${n} communities × 12 months, one file`,
    xlsx: `sheet-form .xlsx, ${n} communities, one month (${XLSX_MONTH}), one file each`,
  };
  const rows = [];
  try {
    for (const name of cases) {
      if (!DESC[name]) throw new Error(`unknown case ${name} (csv12, csv1, xlsx)`);
      const dir = path.join(tmp, name);
      const g0 = Date.now();
      const mess = name === 'xlsx' ? await genXlsx(dir, template, comms) : genCsv(dir, template.indicators, comms, name === 'csv1');
      const ds = dirStats(dir);
      console.log(`\n[${name}] ${DESC[name]}: generated ${ds.files} files, ${ds.mb.toFixed(1)} MB in ${((Date.now() - g0) / 1000).toFixed(1)} s; messy cells by kind ${JSON.stringify(mess)}`);
      if (values['gen-only']) continue;
      const out = path.join(tmp, `${name}-summary.xlsx`);
      const r = await runChild('cli', dir, roster, out, heap);
      const s = values['no-split'] ? null : await runChild('split', dir, roster, out, heap);
      const sec = (x) => (x === undefined ? null : x / 1000);
      const row = {
        name, files: ds.files, mb: ds.mb, returns: r.returns, findings: r.findings, rss: r.maxRssMB, failed: r.failed,
        load: sec(r.loadMs), tables: sec(r.tablesMs), xlsx: sec(r.xlsxMs), wall: sec(r.wallMs), childWall: r.childMs / 1000,
        split: s ? { read: sec(s.readMs), job: sec(s.jobMs), tables: sec(s.tablesMs), xlsx: sec(s.xlsxMs), failed: s.failed } : null,
      };
      rows.push(row);
      const t = (x) => (x === null ? '—' : x.toFixed(2));
      console.log(`  loadAndRun ${t(row.load)} s + tables ${t(row.tables)} s + xlsx ${t(row.xlsx)} s = ${t(row.wall)} s; peak RSS ${r.maxRssMB.toFixed(0)} MB${r.outMB ? `; summary.xlsx ${r.outMB.toFixed(1)} MB` : ''}`);
      if (r.failed) console.log(`  FAILED after ${r.failedAfter}: ${r.failed}, ${row.childWall.toFixed(1)} s into the run (peak RSS above is as of the last finished phase)`);
      console.log(`  ${r.files} files, ${r.returns} returns, ${r.summaryRows} summary rows, ${r.detailRows} detail rows, findings ${JSON.stringify(r.bySeverity)}`);
      console.log(`  by code: ${Object.entries(r.byCode).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ')}`);
      if (s) console.log(`  split (separate run): read ${t(row.split.read)} s, check+combine ${t(row.split.job)} s, tables ${t(row.split.tables)} s, xlsx ${t(row.split.xlsx)} s${s.failed ? ` (${s.failed})` : ''}`);
      if (!values.keep) rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    cleanup();
  }

  const f = (x, d) => (x === null || x === undefined ? '—' : x.toFixed(d));
  console.log(`\n| case | files | returns | findings | input MB | validate+combine s | + tables + xlsx = wall s | returns/s (wall) | MB/s (wall) | peak RSS MB | split: read / check+combine / tables / xlsx s |`);
  console.log('|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|');
  for (const r of rows) {
    const split = r.split ? `${f(r.split.read, 2)} / ${f(r.split.job, 2)} / ${f(r.split.tables, 2)} / ${f(r.split.xlsx, 2)}` : '—';
    const wall = r.failed ? `✗ ${r.failed} after ${r.childWall.toFixed(0)} s` : f(r.wall, 2);
    const per = r.wall ?? r.load;
    const rss = r.failed ? `> ${f(r.rss, 0)}` : f(r.rss, 0);
    console.log(`| ${r.name}: ${DESC[r.name]} | ${r.files} | ${r.returns} | ${r.findings} | ${f(r.mb, 1)} | ${f(r.load, 2)} | ${wall} | ${f(r.returns / per, 0)} | ${f(r.mb / per, 2)} | ${rss} | ${split} |`);
  }
  if (rows.some((r) => r.failed)) console.log('\n(returns/s and MB/s of a failed case are over validate+combine only.)');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
