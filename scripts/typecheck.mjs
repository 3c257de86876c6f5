// Type-checks the three projects side by side (they are independent): the core without DOM or node types,
// the browser-safe I/O without node types, and everything (sources, tests, scripts). Exits non-zero when any fails.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const runs = [
  ['-p', 'tsconfig.core.json'],
  ['-p', 'tsconfig.io.json'],
  ['-p', 'tsconfig.json', '--noEmit'],
].map(
  (args) =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, [tsc, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
      child.on('close', (code) => resolve({ args, code, out }));
    }),
);
let failed = 0;
for (const r of await Promise.all(runs)) {
  if (r.code === 0) continue;
  failed++;
  process.stderr.write(`tsc ${r.args.join(' ')} failed:\n${r.out}`);
}
process.exit(failed ? 1 : 0);
