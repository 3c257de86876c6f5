// Writes dist-web/manifest.xml for a production server: every https://localhost:3000/ URL in
// manifest.xml becomes the --base URL. Usage (after vite build, via npm run build):
//   npm run build -- --base https://intranet.example/returns/
// (`--out file` writes elsewhere; the tests use it.) The result is checked to be well-formed XML, and
// valid against Microsoft's schemas when xmllint and ../shared/office-addin-manifest-xsd are present.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEV_ORIGIN = 'https://localhost:3000';

/** Rewrites the development origin in a manifest's text to `base` (which must be https). */
export function rebaseManifest(xml, base) {
  const url = new URL(base);
  if (url.protocol !== 'https:') throw new Error(`--base must be an https URL (Office requires it): ${base}`);
  const root = escapeXml(url.href.endsWith('/') ? url.href : url.href + '/');
  return xml
    .replaceAll(`<AppDomain>${DEV_ORIGIN}</AppDomain>`, `<AppDomain>${escapeXml(url.origin)}</AppDomain>`)
    .replaceAll(`${DEV_ORIGIN}/`, root);
}

/** A URL as XML text or attribute value (a `&` in a query would otherwise break the manifest). */
function escapeXml(s) {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('"', '&quot;');
}

/** xmllint against Microsoft's schemas, when both are at hand; throws on an invalid manifest. */
function validate(file, here) {
  const xsd = resolve(here, '../../shared/office-addin-manifest-xsd/OfficeAppManifestV1_1.xsd');
  if (!existsSync(xsd)) return 'schemas not found: not validated';
  const r = spawnSync('xmllint', ['--noout', '--schema', xsd, file], { encoding: 'utf8' });
  if (r.error) return 'xmllint not installed: not validated';
  if (r.status !== 0) throw new Error(`${file} is not a valid manifest:\n${r.stderr}`);
  return 'valid against the manifest schemas';
}

function main(argv) {
  const i = argv.indexOf('--base');
  const base = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--base='))?.slice(7);
  const here = dirname(fileURLToPath(import.meta.url));
  const src = resolve(here, '../manifest.xml');
  const o = argv.indexOf('--out');
  const out = o >= 0 ? resolve(argv[o + 1]) : resolve(here, '../dist-web/manifest.xml');
  mkdirSync(dirname(out), { recursive: true });
  const xml = readFileSync(src, 'utf8');
  writeFileSync(out, base ? rebaseManifest(xml, base) : xml);
  const checked = validate(out, here);
  console.log(
    base
      ? `${out} → ${base} (${checked})`
      : `${out} (development URLs; pass --base https://your.server/path/ for production; ${checked})`,
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
