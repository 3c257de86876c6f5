// Regenerates test/fixtures/forms/: the October forms of examples/roster.csv written by `returns forms`,
// then filled in LibreOffice Calc (python-uno, scripts/fill-form-lo.py) and saved by it as .xlsx:
//   fill-plan.json            what goes in which cell, per community (also used by the tests to fill the
//                             same forms with our own writer)
//   libreoffice/*.xlsx        all twelve communities, filled correctly (validate: no findings)
//   typed-past/建设村.xlsx     values Excel's validation refuses (500余, 3-4, 12公斤) set as text, as a paste
//                             or a program that ignores validation would leave them
// The figures are fixed (a hash of community and indicator stands in for randomness) and satisfy the
// standard rules (知晓人数 ≤ 调查人数, rates agree with their parts, 讲座参加人次 ≥ 讲座期数).
//
// Run from the repository root: node scripts/make-form-fixtures.mjs
// (needs soffice and Debian's python3-uno: apt-get install libreoffice-calc-nogui python3-uno; the
// system /usr/bin/python3 is used, since a pyenv or venv python does not see the uno module)
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'test/fixtures/forms');
const PERIOD = '2026-10';
const tmp = mkdtempSync(path.join(tmpdir(), 'cr-forms-'));

// [code, typical figure, step]; aware/behaviour and the rates are derived from surveyed.
const BASE = [
  ['meetings', 2, 1], ['leaflets', 1200, 10], ['banners', 6, 1], ['boards', 4, 1], ['posters', 40, 1],
  ['lectures', 2, 1], ['lecture_attendance', 90, 1], ['clinics', 1, 1], ['clinic_people', 60, 1],
  ['surveyed', 300, 10], ['cleanups', 4, 1], ['volunteers', 120, 1], ['garbage_t', 12, 0.1],
  ['dead_corners', 15, 1], ['ads_removed', 80, 1], ['ditches_m', 300, 10], ['rodent_bait_kg', 20, 0.5],
  ['roach_bait_kg', 3, 0.5], ['bait_stations', 40, 1], ['rat_traps', 30, 1], ['disinfected_m2', 5000, 100],
  ['vector_funds', 3000, 100], ['poisonings', 0, 1], ['notices', 3, 1], ['inspections', 5, 1],
];

function hash(s) {
  let h = 2166136261;
  for (const ch of s) h = Math.imul(h ^ ch.codePointAt(0), 16777619) >>> 0;
  return h / 4294967296;
}
const round = (x, step) => Math.round(x / step) * step;
const dec = (x) => Math.round(x * 10) / 10;

/** One community's October figures by indicator code. */
function figures(community) {
  const v = {};
  for (const [code, base, step] of BASE) v[code] = round(base * (0.85 + 0.3 * hash(`${community}|${code}`)), step);
  v.aware = Math.round(v.surveyed * (0.8 + 0.15 * hash(`${community}|aware`)));
  v.behaviour = Math.round(v.surveyed * (0.65 + 0.2 * hash(`${community}|behaviour`)));
  v.awareness_rate = dec((v.aware / v.surveyed) * 100);
  v.behaviour_rate = dec((v.behaviour / v.surveyed) * 100);
  for (const k of ['garbage_t', 'rodent_bait_kg', 'roach_bait_kg']) v[k] = dec(v[k]);
  return v;
}

// 1. The blank forms, by our own command.
execFileSync(process.execPath, ['bin/returns.js', 'forms', '--roster', 'examples/roster.csv', '--period', PERIOD, '--out', path.join(tmp, 'blank')], { cwd: ROOT, stdio: 'inherit' });

// 2. Where each indicator's value cell is: the template order, from row 6 (BLANK_RETURN_LAYOUT).
const codes = readFileSync(path.join(ROOT, 'templates/standard/indicators.csv'), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/).slice(1).map((l) => l.split(',')[0]);
const cellOf = Object.fromEntries(codes.map((c, i) => [c, `D${6 + i}`]));
const roster = readFileSync(path.join(ROOT, 'examples/roster.csv'), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/).slice(1).map((l) => l.split(','));
const fillPlan = roster.map(([community], i) => {
  const v = figures(community);
  const cells = { D3: `张${'一二三四五六七八九十'[i % 10]}`, B4: `0571-8${String(7000000 + i * 1379).padStart(7, '0')}` };
  for (const code of codes) cells[cellOf[code]] = v[code];
  return { community, file: `${community}.xlsx`, cells };
});
mkdirSync(OUT, { recursive: true });
writeFileSync(path.join(OUT, 'fill-plan.json'), JSON.stringify({ period: PERIOD, forms: fillPlan }, null, 1) + '\n');

// 3. LibreOffice fills and saves them; the typed-past copy gets text Excel's validation would refuse.
rmSync(path.join(OUT, 'libreoffice'), { recursive: true, force: true });
rmSync(path.join(OUT, 'typed-past'), { recursive: true, force: true });
mkdirSync(path.join(OUT, 'libreoffice'));
mkdirSync(path.join(OUT, 'typed-past'));
const jianshe = fillPlan.find((f) => f.community === '建设村');
const loPlan = [
  ...fillPlan.map((f) => ({ in: path.join(tmp, 'blank', f.file), out: path.join(OUT, 'libreoffice', f.file), cells: f.cells })),
  {
    in: path.join(tmp, 'blank', jianshe.file),
    out: path.join(OUT, 'typed-past', jianshe.file),
    cells: { ...jianshe.cells, [cellOf.leaflets]: '500余', [cellOf.cleanups]: '3-4', [cellOf.rodent_bait_kg]: '12公斤' },
  },
];
writeFileSync(path.join(tmp, 'plan.json'), JSON.stringify(loPlan));
const port = String(20000 + Math.floor(Math.random() * 20000));
const profile = `file://${path.join(tmp, 'profile')}`;
const office = spawn('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--invisible', '--norestore', `--accept=socket,host=127.0.0.1,port=${port};urp;`], { stdio: 'ignore' });
try {
  for (let i = 0; ; i++) {
    try {
      execFileSync('/usr/bin/python3', [path.join(ROOT, 'scripts/fill-form-lo.py'), port, path.join(tmp, 'plan.json')], { stdio: ['ignore', 'inherit', 'pipe'] });
      break;
    } catch (e) {
      // soffice takes a few seconds to listen; a refused connection is retried, anything else is reported.
      if (i > 30 || !/NoConnectException|Connector/.test(String(e.stderr))) throw new Error(String(e.stderr));
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
} finally {
  office.kill();
  rmSync(tmp, { recursive: true, force: true });
}
