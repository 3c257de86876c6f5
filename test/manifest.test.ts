// Offline checks of manifest.xml and of the manifest the production build writes: Microsoft's XSDs
// (xmllint, as Excel's own schema check would), then a real XML 1.0 parser (saxes) for what the schemas
// cannot say: a GUID id, https URLs, every resid defined, every override locale complete, icons of the
// right pixel sizes.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { rebaseManifest } from '../scripts/build-manifest.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
/** Microsoft's manifest schemas (reference data beside the clone; see its README). */
const XSD = path.join(path.resolve(ROOT, '../shared/office-addin-manifest-xsd'), 'OfficeAppManifestV1_1.xsd');

interface El {
  name: string;
  attrs: Record<string, string>;
  children: El[];
  text: string;
}

/** Parses with saxes (a conforming XML 1.0 parser): any well-formedness error throws. */
function parseXml(src: string): El {
  const parser = new SaxesParser();
  const stack: El[] = [];
  let root: El | null = null;
  let error: Error | null = null;
  parser.on('error', (e) => {
    error ??= e;
  });
  parser.on('opentag', (tag) => {
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(tag.attributes)) attrs[k] = String(v);
    const el: El = { name: tag.name, attrs, children: [], text: '' };
    if (stack.length) stack.at(-1)!.children.push(el);
    else root = el;
    if (!tag.isSelfClosing) stack.push(el);
  });
  parser.on('closetag', (tag) => {
    if (!tag.isSelfClosing) stack.pop();
  });
  parser.on('text', (t) => {
    if (stack.length) stack.at(-1)!.text += t;
  });
  parser.on('cdata', (t) => {
    if (stack.length) stack.at(-1)!.text += t;
  });
  parser.write(src).close();
  if (error) throw error;
  if (!root) throw new Error('no root element');
  return root;
}

/** xmllint against Microsoft's XSDs: exit status and its message. */
function validate(file: string): { ok: boolean; message: string } {
  const r = spawnSync('xmllint', ['--noout', '--schema', XSD, file], { encoding: 'utf8' });
  if (r.error) throw new Error(`xmllint is needed (Debian: libxml2-utils, installed by scripts/setup.sh): ${r.error.message}`);
  return { ok: r.status === 0, message: `${r.stdout}${r.stderr}` };
}

function tempFile(name: string, text: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'cr-manifest-')), name);
  writeFileSync(file, text);
  return file;
}

const local = (name: string): string => name.slice(name.indexOf(':') + 1);
const all = (el: El, out: El[] = []): El[] => {
  out.push(el);
  for (const c of el.children) all(c, out);
  return out;
};
const child = (el: El, name: string): El | undefined => el.children.find((c) => local(c.name) === name);

/** PNG width and height from the IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  expect(b.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(b.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

const MANIFEST = path.join(ROOT, 'manifest.xml');
const text = readFileSync(MANIFEST, 'utf8');
const root = parseXml(text);

describe('the XML checks can fail', () => {
  it.each([
    ['<a><b></a>', /mismatch|unexpected close tag/i],
    ['<a x=1/>', /quote/i],
    ['<a x="1" x="2"/>', /duplicate/i],
    ['<a>&nbsp;</a>', /undefined entity|entity/i],
    ['<a/><b/>', /root|text data outside/i],
    ['<a>', /unclosed/i],
    ['<a>AT&T</a>', /entity|unclosed/i],
    ['<!-- npm run build -- --base x --><a/>', /malformed comment/i],
  ])('the parser rejects %s', (xml, msg) => {
    expect(() => parseXml(xml)).toThrow(msg);
  });

  it('xmllint refuses a manifest with -- inside a comment (not well-formed XML)', () => {
    const bad = text.replace('<OfficeApp ', '<!-- npm run build -- --base https://x/ -->\n<OfficeApp ');
    const r = validate(tempFile('manifest.xml', bad));
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/Double hyphen|Comment not terminated|comment/i);
    expect(() => parseXml(bad)).toThrow(/malformed comment/);
  });

  it('xmllint refuses a manifest that breaks the schema (elements out of order, an unknown element)', () => {
    const swapped = text.replace(/(<Version>[^<]*<\/Version>)(\s*)(<ProviderName>[^<]*<\/ProviderName>)/, '$3$2$1');
    expect(swapped).not.toBe(text);
    expect(validate(tempFile('manifest.xml', swapped)).ok).toBe(false);
    const unknown = text.replace('<Permissions>', '<Colour>red</Colour>\n  <Permissions>');
    expect(validate(tempFile('manifest.xml', unknown)).ok).toBe(false);
  });
});

describe('the manifests are valid against Microsoft\'s schemas', () => {
  it('manifest.xml', () => {
    expect(validate(MANIFEST)).toEqual({ ok: true, message: expect.stringContaining('validates') });
  });

  it('the built dist-web/manifest.xml (npm run build with a production base)', () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'cr-build-')), 'manifest.xml');
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-manifest.mjs'), '--base', 'https://intranet.example/a&b/returns/', '--out', out]);
    expect(validate(out)).toEqual({ ok: true, message: expect.stringContaining('validates') });
    const built = parseXml(readFileSync(out, 'utf8'));
    expect(child(child(built, 'DefaultSettings')!, 'SourceLocation')!.attrs['DefaultValue']).toBe('https://intranet.example/a&b/returns/taskpane.html');
  });
});

describe('manifest.xml', () => {
  it('is a TaskPaneApp OfficeApp', () => {
    expect(root.name).toBe('OfficeApp');
    expect(root.attrs['xsi:type']).toBe('TaskPaneApp');
    expect(root.attrs['xmlns']).toBe('http://schemas.microsoft.com/office/appforoffice/1.1');
  });

  it('has the required elements in schema order', () => {
    const order = [
      'Id', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description', 'IconUrl',
      'HighResolutionIconUrl', 'SupportUrl', 'AppDomains', 'Hosts', 'Requirements', 'DefaultSettings',
      'Permissions', 'VersionOverrides',
    ];
    const names = root.children.map((c) => c.name);
    expect(names.filter((n) => order.includes(n))).toEqual(order);
    // Nothing unexpected between them either (AlternateId is the only optional one we do not use).
    expect(names).toEqual(order);
  });

  it('has a GUID id, a four-part version, zh-CN default and the Workbook host', () => {
    expect(child(root, 'Id')!.text.trim()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    expect(child(root, 'Version')!.text.trim()).toMatch(/^\d+(\.\d+){3}$/);
    expect(child(root, 'DefaultLocale')!.text.trim()).toBe('zh-CN');
    expect(child(child(root, 'Hosts')!, 'Host')!.attrs['Name']).toBe('Workbook');
    expect(child(root, 'Permissions')!.text.trim()).toBe('ReadWriteDocument');
  });

  it('names the display name in both languages', () => {
    const dn = child(root, 'DisplayName')!;
    expect(dn.attrs['DefaultValue']).toBe('社区报表 校验汇总');
    expect(child(dn, 'Override')!.attrs).toMatchObject({ Locale: 'en-US', Value: 'Community Returns' });
  });

  it('requires ExcelApi 1.7 at least', () => {
    const sets = child(child(root, 'Requirements')!, 'Sets')!;
    const excel = sets.children.find((s) => s.attrs['Name'] === 'ExcelApi')!;
    expect(Number(excel.attrs['MinVersion'])).toBeGreaterThanOrEqual(1.7);
  });

  it('uses https for every URL', () => {
    const urls: string[] = [];
    for (const el of all(root)) {
      for (const [k, v] of Object.entries(el.attrs)) if (/^https?:/i.test(v) && !k.startsWith('xmlns')) urls.push(v);
      if (/^https?:/i.test(el.text.trim())) urls.push(el.text.trim());
    }
    expect(urls.length).toBeGreaterThan(8);
    for (const u of urls) expect(u, u).toMatch(/^https:\/\//);
    expect(child(child(root, 'DefaultSettings')!, 'SourceLocation')!.attrs['DefaultValue']).toBe(
      'https://localhost:3000/taskpane.html',
    );
  });

  it('defines every resid it refers to, of the right kind, exactly once', () => {
    const vo = child(root, 'VersionOverrides')!;
    const resources = child(vo, 'Resources')!;
    const defined = new Map<string, string>();
    for (const group of resources.children) {
      for (const r of group.children) {
        expect(defined.has(r.attrs['id']!), `duplicate id ${r.attrs['id']}`).toBe(false);
        defined.set(r.attrs['id']!, local(group.name));
      }
    }
    const expectedKind: Record<string, string[]> = {
      Image: ['Images'],
      Title: ['ShortStrings'],
      Label: ['ShortStrings'],
      Description: ['LongStrings'],
      LearnMoreUrl: ['Urls'],
      SourceLocation: ['Urls'],
      FunctionFile: ['Urls'],
    };
    const refs = all(vo).filter((e) => 'resid' in e.attrs);
    expect(refs.length).toBeGreaterThan(10);
    for (const r of refs) {
      const kind = defined.get(r.attrs['resid']!);
      expect(kind, `resid ${r.attrs['resid']} undefined`).toBeDefined();
      expect(expectedKind[local(r.name)], `resid ${r.attrs['resid']} on <${r.name}>`).toContain(kind);
    }
    expect(defined.size).toBe(new Set(refs.map((r) => r.attrs['resid'])).size);
  });

  it('has a ShowTaskpane button on the Home tab', () => {
    const tab = all(root).find((e) => local(e.name) === 'OfficeTab')!;
    expect(tab.attrs['id']).toBe('TabHome');
    const action = all(tab).find((e) => local(e.name) === 'Action')!;
    expect(action.attrs['xsi:type']).toBe('ShowTaskpane');
  });

  it('overrides every user-facing string in en-US, and only in complete locales', () => {
    const strings = all(root).filter(
      (e) => 'DefaultValue' in e.attrs && !/^https:/.test(e.attrs['DefaultValue']!) && local(e.name) !== 'Image',
    );
    expect(strings.length).toBeGreaterThanOrEqual(7);
    const locales = new Set<string>();
    for (const s of strings) for (const o of s.children) locales.add(o.attrs['Locale']!);
    expect([...locales]).toEqual(['en-US']);
    for (const s of strings) {
      const overrides = s.children.filter((o) => local(o.name) === 'Override');
      for (const loc of locales) {
        const o = overrides.find((x) => x.attrs['Locale'] === loc);
        expect(o?.attrs['Value']?.trim(), `${s.name} ${s.attrs['id'] ?? ''} lacks ${loc}`).toBeTruthy();
      }
    }
  });

  it('keeps short strings within 125 characters and long strings within 250', () => {
    const vo = child(root, 'VersionOverrides')!;
    const res = child(vo, 'Resources')!;
    for (const [group, max] of [['ShortStrings', 125], ['LongStrings', 250]] as const) {
      for (const s of child(res, group)!.children) {
        for (const v of [s.attrs['DefaultValue']!, ...s.children.map((o) => o.attrs['Value']!)]) {
          expect(v.length).toBeLessThanOrEqual(max);
        }
      }
    }
  });

  it('points at icons that exist in assets/ with the right pixel sizes', () => {
    const images = all(root).filter((e) => local(e.name) === 'Image' && 'id' in e.attrs);
    for (const img of images) {
      const size = Number(/(\d+)x\1/.exec(img.attrs['id']!)![1]);
      const file = new URL(`../${img.attrs['DefaultValue']!.replace('https://localhost:3000/', '')}`, import.meta.url);
      expect(pngSize(file.pathname)).toEqual({ width: size, height: size });
    }
    for (const size of [16, 32, 64, 80]) {
      const file = new URL(`../assets/icon-${size}.png`, import.meta.url).pathname;
      expect(existsSync(file)).toBe(true);
      expect(pngSize(file)).toEqual({ width: size, height: size });
    }
    expect(child(root, 'IconUrl')!.attrs['DefaultValue']).toMatch(/icon-32\.png$/);
    expect(child(root, 'HighResolutionIconUrl')!.attrs['DefaultValue']).toMatch(/icon-64\.png$/);
  });
});

describe('rebaseManifest (production build)', () => {
  const out = rebaseManifest(text, 'https://intranet.example/returns/');

  it('moves every localhost URL to the base and the app domain to its origin', () => {
    expect(out).not.toContain('localhost');
    expect(out).toContain('<SourceLocation DefaultValue="https://intranet.example/returns/taskpane.html"/>');
    expect(out).toContain('<AppDomain>https://intranet.example</AppDomain>');
    expect(parseXml(out).children.length).toBe(root.children.length);
  });

  it('accepts a base without a trailing slash and refuses http', () => {
    expect(rebaseManifest(text, 'https://a.example/x')).toContain('https://a.example/x/assets/icon-16.png');
    expect(() => rebaseManifest(text, 'http://a.example/')).toThrow(/https/);
  });
});
