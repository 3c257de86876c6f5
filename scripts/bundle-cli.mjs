// Bundles the command line compiled by tsc (dist/cli/main.js and the ~100 small modules it imports) into a
// few files in dist/bin/, which bin/returns.js loads. Why: node resolves, reads and links every ES module
// separately — ~0.15 s CPU of a `returns` run went to loading 96 files before any work began. Dynamic imports
// (exceljs, charts, extract, the xlsx writer) stay separate chunks, loaded only by the commands that need them;
// packages under node_modules are not bundled. dist/bin/ sits two folders deep like dist/cli/, so paths made
// from import.meta.url (the bundled templates) resolve the same.
import { build } from 'rolldown';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(ROOT, 'dist', 'bin');
rmSync(out, { recursive: true, force: true });
await build({
  input: path.join(ROOT, 'dist', 'cli', 'main.js'),
  platform: 'node',
  // Our own modules only: anything not a relative or absolute path is a package (or node:) import.
  external: (id) => !id.startsWith('.') && !path.isAbsolute(id),
  logLevel: 'warn',
  output: { dir: out, format: 'esm', entryFileNames: 'main.js', chunkFileNames: '[name]-[hash].js', sourcemap: true },
});
