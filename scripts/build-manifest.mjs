// Writes dist-web/manifest.xml for a production server: every https://localhost:3000/ URL in
// manifest.xml becomes the --base URL. Usage (after vite build, via npm run build):
//   npm run build -- --base https://intranet.example/returns/
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEV_ORIGIN = 'https://localhost:3000';

/** Rewrites the development origin in a manifest's text to `base` (which must be https). */
export function rebaseManifest(xml, base) {
  const url = new URL(base);
  if (url.protocol !== 'https:') throw new Error(`--base must be an https URL (Office requires it): ${base}`);
  const root = url.href.endsWith('/') ? url.href : url.href + '/';
  return xml
    .replaceAll(`<AppDomain>${DEV_ORIGIN}</AppDomain>`, `<AppDomain>${url.origin}</AppDomain>`)
    .replaceAll(`${DEV_ORIGIN}/`, root);
}

function main(argv) {
  const i = argv.indexOf('--base');
  const base = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--base='))?.slice(7);
  const here = dirname(fileURLToPath(import.meta.url));
  const src = resolve(here, '../manifest.xml');
  const out = resolve(here, '../dist-web/manifest.xml');
  mkdirSync(dirname(out), { recursive: true });
  const xml = readFileSync(src, 'utf8');
  writeFileSync(out, base ? rebaseManifest(xml, base) : xml);
  console.log(
    base
      ? `dist-web/manifest.xml → ${base}`
      : 'dist-web/manifest.xml (development URLs; pass --base https://your.server/path/ for production)',
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main(process.argv.slice(2));
  } catch (e) {
    console.error(String(e instanceof Error ? e.message : e));
    process.exit(1);
  }
}
