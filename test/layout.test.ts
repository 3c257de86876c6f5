/**
 * The layout's arrows, checked: every folder of src/ imports only folders below it, so everything points
 * at the core and no two folders import each other. Imports are parsed from the source (static, type-only,
 * re-exports and dynamic `import()`), so a new file cannot slip past.
 *
 *   app                      the web app's entry: picks the task pane or the page
 *   cli · browser · taskpane the doors
 *   ui · excel · node · io   shared UI, the Excel adapter, node-only I/O, browser-safe bytes ⇄ grids
 *   core                     pure: imports nothing outside itself
 * Sideways, node and ui may read bytes with io. Only cli and node run in Node alone: nothing else may import node:* or src/node.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../src');
const RANK: Record<string, number> = { app: 4, cli: 3, browser: 3, taskpane: 3, ui: 2, excel: 2, node: 2, io: 2, core: 1 };
/**
 * Same-rank arrows that are allowed: node-only I/O and the shared UI (the page's and the pane's file
 * pickers, the summary extractor) read files with the browser-safe readers.
 */
const SIDEWAYS = new Set(['node→io', 'ui→io']);
/** The only folders that run in Node alone; everything else is loaded in a browser too. */
const NODE_SIDE = new Set(['node', 'cli']);
/** Packages only node may use. */
const NODE_ONLY = /^(node:|@napi-rs\/canvas$)/;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name)) : /\.ts$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path.join(dir, e.name)] : [],
  );
}

/** Every module specifier a file imports. */
export function importsOf(source: string): string[] {
  const out: string[] = [];
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  for (const m of code.matchAll(/(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]/g)) out.push(m[1]!);
  for (const m of code.matchAll(/(?:^|[\s;])import\s*['"]([^'"]+)['"]/g)) out.push(m[1]!);
  for (const m of code.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1]!);
  return out;
}

/** The src/ folder a relative import lands in, or null for a package. */
function folderOf(fromFile: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const rel = path.relative(SRC, path.resolve(path.dirname(fromFile), spec));
  return rel.startsWith('..') ? '(outside src)' : rel.split(path.sep)[0]!;
}

/** What is wrong with one file's imports; `rel` is its path under src/ (`browser/page.ts`). */
export function violationsOf(rel: string, source: string): string[] {
  const bad: string[] = [];
  const file = path.join(SRC, rel);
  const from = rel.split('/')[0]!;
  const rank = RANK[from];
  if (rank === undefined) return [`${rel}: folder src/${from} has no place in the layout`];
  for (const spec of importsOf(source)) {
    const where = `${rel} imports ${spec}`;
    if (!NODE_SIDE.has(from) && NODE_ONLY.test(spec)) bad.push(`${where}: ${from} must run in a browser`);
    if (from === 'core' && !spec.startsWith('.')) bad.push(`${where}: core imports nothing outside core`);
    const to = folderOf(file, spec);
    if (to === null || to === from) continue;
    // templates/ (data) is read by the UI's bundled standard template: data, not code.
    if (to === '(outside src)') {
      if (!/\/templates\/standard\/[^/]+\.csv\?raw$/.test(spec)) bad.push(`${where}: outside src`);
      continue;
    }
    if (to === 'node' && !NODE_SIDE.has(from)) bad.push(`${where}: ${from} is loaded in a browser; node-only code may not be`);
    const toRank = RANK[to];
    if (toRank === undefined) bad.push(`${where}: unknown folder ${to}`);
    else if (toRank > rank || (toRank === rank && !SIDEWAYS.has(`${from}→${to}`))) bad.push(`${where}: ${from} may not import ${to}`);
  }
  return bad;
}

describe('layout', () => {
  it('parses every kind of import', () => {
    const src = [
      "import { a } from '../core/a.js';",
      "import type { B } from \"../io/b.js\";",
      "export { c } from './c.js';",
      "import './style.css';",
      "const m = await import('../node/d.js');",
      "// import { x } from '../cli/x.js';",
      "/* import { y } from '../cli/y.js'; */",
      'import {\n  e,\n  f,\n} from "../ui/e.js";',
    ].join('\n');
    expect(importsOf(src)).toEqual(['../core/a.js', '../io/b.js', './c.js', '../ui/e.js', './style.css', '../node/d.js']);
  });

  it.each([
    ['browser/page.ts', "import { el } from '../taskpane/dom.js';", 'browser may not import taskpane'],
    ['taskpane/ui.ts', "const p = await import('../browser/page.js');", 'taskpane may not import browser'],
    ['core/job.ts', "import { readInputs } from '../node/readInputs.js';", 'core may not import node'],
    ['core/job.ts', "import Papa from 'papaparse';", 'core imports nothing outside core'],
    ['io/readCsv.ts', "import { readFile } from 'node:fs/promises';", 'io must run in a browser'],
    ['io/readCsv.ts', "import { x } from '../node/x.js';", 'io may not import node'],
    ['ui/dom.ts', "import { mountTaskpane } from '../taskpane/ui.js';", 'ui may not import taskpane'],
    ['excel/excelAdapter.ts', "import type { UI } from '../ui/i18n.js';", 'excel may not import ui'],
    ['io/readBook.ts', "import { el } from '../ui/dom.js';", 'io may not import ui'],
    ['browser/readFiles.ts', "import { readInputs } from '../node/readInputs.js';", 'node-only code may not be'],
    ['ui/chartView.ts', "import path from 'node:path';", 'ui must run in a browser'],
    ['stray/x.ts', "import { a } from '../core/a.js';", 'has no place in the layout'],
  ])('%s: %s is refused', (rel, source, why) => {
    expect(violationsOf(rel, source).join('\n')).toContain(why);
  });

  it.each([
    ['cli/main.ts', "import { runJob } from '../core/job.js'; import { readInputs } from '../node/readInputs.js';"],
    ['node/readInputs.ts', "import { readCsv } from '../io/readCsv.js';"],
    ['ui/extractView.ts', "import { readSummary } from '../io/readSummary.js';"],
    ['app/main.ts', "import { mountBrowserPage } from '../browser/page.js'; import { mountTaskpane } from '../taskpane/ui.js';"],
  ])('%s: allowed', (rel, source) => {
    expect(violationsOf(rel, source)).toEqual([]);
  });

  it('no folder of src imports a folder above it or beside it; core and io never import node', () => {
    const bad = files(SRC).flatMap((f) => violationsOf(path.relative(SRC, f).split(path.sep).join('/'), readFileSync(f, 'utf8')));
    expect(bad).toEqual([]);
  });
});
