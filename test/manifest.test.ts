// Offline checks of manifest.xml (the online validator is unreachable here): well-formed XML, the
// schema's element order, a GUID id, https URLs, every resid defined, every override locale complete,
// and icons of the right pixel sizes.
import { readFileSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rebaseManifest } from '../scripts/build-manifest.mjs';

interface El {
  name: string;
  attrs: Record<string, string>;
  children: El[];
  text: string;
}

/**
 * A small strict XML parser: enough of XML 1.0 to reject what Office would reject (mismatched or
 * unclosed tags, unquoted or duplicate attributes, bad entities, two roots, text outside the root).
 */
function parseXml(src: string): El {
  let i = 0;
  const fail = (msg: string): never => {
    const line = src.slice(0, i).split('\n').length;
    throw new Error(`XML line ${line}: ${msg}`);
  };
  const decode = (s: string): string =>
    s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);|&/gi, (m, e: string | undefined) => {
      if (!e) return fail('bare &');
      if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
      const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
      return named[e] ?? fail(`unknown entity ${m}`);
    });
  const NAME = /[A-Za-z_][\w.:-]*/y;
  const readName = (): string => {
    NAME.lastIndex = i;
    const m = NAME.exec(src);
    if (!m) fail('name expected');
    i = NAME.lastIndex;
    return m![0];
  };
  const skipWs = (): void => {
    while (/\s/.test(src[i] ?? '')) i++;
  };
  const skipMisc = (): void => {
    for (;;) {
      skipWs();
      if (src.startsWith('<?', i)) {
        const end = src.indexOf('?>', i);
        if (end < 0) fail('unclosed <?');
        i = end + 2;
      } else if (src.startsWith('<!--', i)) {
        const end = src.indexOf('-->', i);
        if (end < 0) fail('unclosed comment');
        i = end + 3;
      } else return;
    }
  };
  const readElement = (): El => {
    if (src[i] !== '<') fail('< expected');
    i++;
    const el: El = { name: readName(), attrs: {}, children: [], text: '' };
    for (;;) {
      const before = i;
      skipWs();
      if (src.startsWith('/>', i)) {
        i += 2;
        return el;
      }
      if (src[i] === '>') {
        i++;
        break;
      }
      if (i === before) fail('space expected between attributes');
      const key = readName();
      skipWs();
      if (src[i] !== '=') fail(`= expected after ${key}`);
      i++;
      skipWs();
      const q = src[i];
      if (q !== '"' && q !== "'") fail(`attribute ${key} not quoted`);
      const end = src.indexOf(q!, i + 1);
      if (end < 0) fail('unclosed attribute');
      const raw = src.slice(i + 1, end);
      if (raw.includes('<')) fail(`< in attribute ${key}`);
      if (key in el.attrs) fail(`duplicate attribute ${key}`);
      el.attrs[key] = decode(raw);
      i = end + 1;
    }
    for (;;) {
      if (i >= src.length) fail(`<${el.name}> not closed`);
      if (src.startsWith('</', i)) {
        i += 2;
        const name = readName();
        if (name !== el.name) fail(`</${name}> closes <${el.name}>`);
        skipWs();
        if (src[i] !== '>') fail('> expected');
        i++;
        return el;
      }
      if (src.startsWith('<!--', i)) {
        const end = src.indexOf('-->', i);
        if (end < 0) fail('unclosed comment');
        i = end + 3;
      } else if (src.startsWith('<![CDATA[', i)) {
        const end = src.indexOf(']]>', i);
        if (end < 0) fail('unclosed CDATA');
        el.text += src.slice(i + 9, end);
        i = end + 3;
      } else if (src[i] === '<') {
        el.children.push(readElement());
      } else {
        const end = src.indexOf('<', i);
        el.text += decode(src.slice(i, end < 0 ? src.length : end));
        i = end < 0 ? src.length : end;
      }
    }
  };
  skipMisc();
  const root = readElement();
  skipMisc();
  if (i < src.length) fail('content after the root element');
  return root;
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

const text = readFileSync(new URL('../manifest.xml', import.meta.url), 'utf8');
const root = parseXml(text);

describe('the XML parser used by these checks', () => {
  it.each([
    ['<a><b></a>', /closes/],
    ['<a x=1/>', /not quoted/],
    ['<a x="1" x="2"/>', /duplicate/],
    ['<a>&nbsp;</a>', /unknown entity/],
    ['<a/><b/>', /after the root/],
    ['<a>', /not closed/],
    ['<a>AT&T</a>', /bare &/],
  ])('rejects %s', (xml, msg) => {
    expect(() => parseXml(xml)).toThrow(msg);
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
