// npm run bench:read — CPU time (user+sys) of reading returns, and of `returns --help`, each side by side
// with its anchor in the same run.
//
//   read      2,400 sheet-form .xlsx (the blank return of `returns template`, filled in, written by exceljs, as
//             scripts/bench.mjs makes them), read by readInputs (the command line's own path: walk the folder,
//             read each file, src/io/readBook.ts → readXlsx)
//   anchors   exceljs: `Workbook.xlsx.load` of the same bytes (what the previous reader spent before converting
//             a single cell); unzip+scan: fflate unzips sheet1.xml and sharedStrings.xml and a regex visits
//             every <c> — the floor the issue named (0.37 s)
//   --help    `node bin/returns.js --help`, anchor: `node -e ""` (node's own start-up)
//
// Each measurement runs in its own child process; CPU is the child's own user+sys around the measured part
// (process.cpuUsage), or, for --help, the whole process (/usr/bin/time), median of 5 runs.
// Usage: npm run bench:read [-- --communities 2400] [-- --runs 3] [-- --keep] [-- --dir <the kept folder>/xlsx]
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => pathToFileURL(path.join(ROOT, 'dist', p)).href;
const cpu = (t) => {
  const u = process.cpuUsage(t);
  return (u.user + u.system) / 1e6;
};

async function child(mode, dir) {
  const files = readdirSync(dir).map((n) => path.join(dir, n));
  let t;
  let n = 0;
  if (mode === 'read') {
    const { readInputs } = await import(dist('node/readInputs.js'));
    t = process.cpuUsage();
    const r = await readInputs([dir]);
    n = r.books.length;
    if (r.problems.length) throw new Error(JSON.stringify(r.problems.slice(0, 3)));
  } else if (mode === 'exceljs') {
    t = process.cpuUsage();
    for (const f of files) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync(f));
      n += wb.worksheets.length;
    }
  } else {
    const { unzipSync } = await import('fflate');
    t = process.cpuUsage();
    const dec = new TextDecoder();
    for (const f of files) {
      const parts = unzipSync(readFileSync(f), { filter: (e) => e.name === 'xl/worksheets/sheet1.xml' || e.name === 'xl/sharedStrings.xml' });
      const xml = dec.decode(parts['xl/worksheets/sheet1.xml']);
      dec.decode(parts['xl/sharedStrings.xml'] ?? new Uint8Array());
      for (const m of xml.matchAll(/<c r="([A-Z]+\d+)"[^>]*>(?:<v>([^<]*)<\/v>)?/g)) if (m[2] !== undefined) n++;
    }
  }
  process.stdout.write(JSON.stringify({ mode, cpu: cpu(t), n }) + '\n');
}

async function generate(dir, count) {
  const { loadTemplateFile } = await import(dist('node/loadTemplateFile.js'));
  const { blankReturn } = await import(dist('core/output/blankReturn.js'));
  const { addGridSheet } = await import(dist('io/writeXlsx.js'));
  const { template } = await loadTemplateFile();
  const blank = blankReturn(template, '2026-10', '月报表');
  mkdirSync(dir, { recursive: true });
  const pending = [];
  for (let i = 0; i < count; i++) {
    const values = blank.values.map((r) => r.slice());
    values[1][1] = `社区${i}`;
    values[1][3] = `街道${i % 24}`;
    template.indicators.forEach((ind, k) => (values[5 + k][3] = ((i * 7919 + k * 104729) % 997) + (ind.unit === '%' ? 0.5 : 0)));
    const wb = new ExcelJS.Workbook();
    addGridSheet(wb, { ...blank, values }, [6, 24, 10, 12, 24]);
    pending.push(wb.xlsx.writeBuffer().then((b) => writeFileSync(path.join(dir, `社区${i}.xlsx`), Buffer.from(b))));
    if (pending.length >= 32) await Promise.all(pending.splice(0));
  }
  await Promise.all(pending);
}

function run(mode, dir) {
  const p = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', mode, dir], { encoding: 'utf8' });
  if (p.status !== 0) throw new Error(`${mode}: ${p.stderr}`);
  return JSON.parse(p.stdout.trim().split('\n').pop());
}

/** Median CPU (user+sys) of a whole process, by /usr/bin/time. */
function processCpu(args) {
  const runs = [];
  for (let i = 0; i < 5; i++) {
    const p = spawnSync('/usr/bin/time', ['-f', '%U %S', ...args], { encoding: 'utf8', cwd: ROOT });
    const [u, s] = p.stderr.trim().split('\n').pop().split(' ').map(Number);
    runs.push(u + s);
  }
  return runs.sort((a, b) => a - b)[2];
}

async function main() {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child') return child(argv[1], argv[2]);
  const { values } = parseArgs({ args: argv, options: { communities: { type: 'string', default: '2400' }, runs: { type: 'string', default: '3' }, keep: { type: 'boolean', default: false }, dir: { type: 'string' } } });
  const count = Number(values.communities);
  const runs = Math.max(1, Number(values.runs) || 1);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'returns-bench-read-'));
  try {
    console.log(`returns bench:read — ${new Date().toISOString().slice(0, 10)}, ${os.cpus()[0]?.model ?? '?'}, nproc ${os.availableParallelism?.() ?? os.cpus().length}, node ${process.version}`);
    // --dir reuses the returns a --keep run made (generating them costs a minute of exceljs).
    const dir = values.dir ?? path.join(tmp, 'xlsx');
    if (!values.dir) await generate(dir, count);
    // Each measurement `runs` times, interleaved, so that a burst of load elsewhere falls on all of them.
    const modes = [
      ['read', 'read: readInputs (readBook → readXlsx)'],
      ['exceljs', 'anchor: exceljs Workbook.xlsx.load only'],
      ['scan', 'anchor: unzip sheet1 + sharedStrings, scan <c>'],
    ];
    const results = new Map(modes.map(([m]) => [m, []]));
    for (let i = 0; i < runs; i++) for (const [m] of modes) results.get(m).push(run(m, dir));
    console.log(`\n${values.dir ? readdirSync(dir).length : count} sheet-form .xlsx (${values.dir ? dir : tmp}${values.keep ? ', kept' : ''}), ${runs} run(s) each, interleaved\n`);
    console.log('| what | CPU s (user+sys), median | all runs | books / sheets / cells |');
    console.log('|---|--:|--:|--:|');
    for (const [m, name] of modes) {
      const rs = results.get(m);
      const cpus = rs.map((r) => r.cpu).sort((a, b) => a - b);
      console.log(`| ${name} | ${cpus[Math.floor(cpus.length / 2)].toFixed(2)} | ${rs.map((r) => r.cpu.toFixed(2)).join(' ')} | ${rs[0].n} |`);
    }
    const help = processCpu(['node', 'bin/returns.js', '--help']);
    const bare = processCpu(['node', '-e', '']);
    console.log('\n| command | CPU s (user+sys), median of 5 |');
    console.log('|---|--:|');
    console.log(`| returns --help | ${help.toFixed(2)} |`);
    console.log(`| anchor: node -e "" | ${bare.toFixed(2)} |`);
  } finally {
    if (!values.keep) rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
