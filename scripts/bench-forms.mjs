// node scripts/bench-forms.mjs [--communities 300] — what `returns forms` costs for a street office's roster,
// in CPU time (user + sys) and peak RSS, side by side in one run with its anchor: `returns template`, which
// writes one blank form without validation or protection (so the difference is the per-form cost), and
// `returns validate` reading the same forms back (what the office runs when they return).
// Each command runs as its own process under /usr/bin/time; the figures include node's start-up.
// Prints figures; it is not a test. (Uses dist/: run `npm run build:node` first.)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { communities: { type: 'string', default: '300' } } });
const N = Number(values.communities);
const tmp = mkdtempSync(path.join(tmpdir(), 'cr-bench-forms-'));

/** Runs `returns …` under /usr/bin/time; returns CPU seconds (user + sys) and peak RSS in MB. */
function timed(args) {
  const stats = path.join(tmp, 'time.txt');
  try {
    execFileSync('/usr/bin/time', ['-o', stats, '-f', '%U %S %M', process.execPath, path.join(ROOT, 'bin/returns.js'), ...args], { cwd: ROOT, stdio: 'ignore' });
  } catch (e) {
    if (e.status !== 1) throw e; // validate exits 1 when it finds errors (the forms are blank)
  }
  const [u, s, m] = execFileSync('tail', ['-1', stats], { encoding: 'utf8' }).trim().split(' ').map(Number);
  return { cpu: u + s, rss: m / 1024 };
}

try {
  const streets = Math.ceil(N / 25);
  const roster = ['社区名称,所属街道', ...Array.from({ length: N }, (_, i) => `第${i + 1}社区,第${(i % streets) + 1}街道`)].join('\n');
  writeFileSync(path.join(tmp, 'roster.csv'), '\uFEFF' + roster + '\n');
  const forms = path.join(tmp, 'forms');
  const rows = [
    ['returns template (anchor: one blank form)', 1, timed(['template', '--out', path.join(tmp, 'template.xlsx'), '--period', '2026-10'])],
    [`returns forms (${N} communities)`, N, timed(['forms', '--roster', path.join(tmp, 'roster.csv'), '--period', '2026-10', '--out', forms])],
    [`returns validate (the same ${N} forms, blank)`, N, timed(['validate', forms, '--roster', path.join(tmp, 'roster.csv'), '--format', 'json'])],
  ];
  const mb = readdirSync(forms).reduce((a, f) => a + statSync(path.join(forms, f)).size, 0) / 1e6;
  console.log(`node ${process.version}, ${N} communities, forms ${mb.toFixed(1)} MB in all\n`);
  console.log('| command | files | CPU s (user+sys) | ms per file over the anchor | peak RSS MB |');
  console.log('|---|--:|--:|--:|--:|');
  const anchor = rows[0][2].cpu;
  for (const [name, files, t] of rows) {
    const per = files > 1 ? (((t.cpu - anchor) / (files - 1)) * 1000).toFixed(1) : '—';
    console.log(`| ${name} | ${files} | ${t.cpu.toFixed(2)} | ${per} | ${t.rss.toFixed(0)} |`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
