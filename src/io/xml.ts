/**
 * Just enough XML for the parts of an xlsx: find elements by local name whatever their namespace prefix
 * (`<c>` and `<x:c>` alike, as the .NET OpenXML SDK writes them), read attributes, decode entities. It is
 * a scanner, not a validating parser: it trusts the zip's parts to be well-formed XML and reads what they
 * say, in one pass over the text.
 */

export type Attrs = Record<string, string>;

const ATTR = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** A start tag's attributes by local name (`r:id` → `id`), values decoded. */
export function parseAttrs(tag: string): Attrs {
  const out: Attrs = {};
  ATTR.lastIndex = 0;
  for (let m = ATTR.exec(tag); m; m = ATTR.exec(tag)) {
    const q = m[1]!;
    const colon = q.indexOf(':');
    if (q.startsWith('xmlns')) continue;
    out[colon < 0 ? q : q.slice(colon + 1)] = decodeXml(m[2] ?? m[3] ?? '');
  }
  return out;
}

const patterns = new Map<string, RegExp>();

function startPattern(name: string): RegExp {
  let p = patterns.get(name);
  if (!p) {
    p = new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${name}(?=[\\s/>])`, 'g');
    patterns.set(name, p);
  }
  return p;
}

/**
 * Calls `fn` for each element with local name `name` between `from` and `to`: the start tag's text and
 * the element's inner XML ('' when self-closing). Elements of the same name are not nested in the parts
 * we read, so the first matching end tag closes the element.
 */
export function eachElement(
  xml: string,
  name: string,
  fn: (tag: string, inner: string) => void,
  from = 0,
  to = xml.length,
): void {
  const re = startPattern(name);
  re.lastIndex = from;
  for (let m = re.exec(xml); m && m.index < to; m = re.exec(xml)) {
    const start = m.index;
    const gt = xml.indexOf('>', start);
    if (gt < 0) return;
    const tag = xml.slice(start, gt + 1);
    if (xml.charCodeAt(gt - 1) === 47 /* / */) {
      fn(tag, '');
      re.lastIndex = gt + 1;
      continue;
    }
    const close = `</${m[0].slice(1)}>`;
    const end = xml.indexOf(close, gt + 1);
    if (end < 0) return;
    fn(tag, xml.slice(gt + 1, end));
    re.lastIndex = end + close.length;
  }
}

/** The first element named `name` in `xml`: its start tag and inner XML, or null. */
export function firstElement(xml: string, name: string): { tag: string; inner: string } | null {
  let found: { tag: string; inner: string } | null = null;
  const re = startPattern(name);
  re.lastIndex = 0;
  const m = re.exec(xml);
  if (!m) return null;
  eachElement(xml, name, (tag, inner) => {
    found ??= { tag, inner };
  }, m.index, m.index + 1);
  return found;
}

/** Concatenated text of every `<t>` in `xml` (a shared string or inline string), phonetic runs left out. */
const PLAIN_T = /^<(?:[\w.-]+:)?t(?:\s[^>]*)?>([^<]*)<\/(?:[\w.-]+:)?t>$/;

export function textOf(xml: string): string {
  const plain = PLAIN_T.exec(xml);
  if (plain) return decodeXml(plain[1]!);
  if (xml.indexOf('rPh') >= 0) xml = xml.replace(/<(?:[\w.-]+:)?rPh\b[\s\S]*?<\/(?:[\w.-]+:)?rPh>/g, '');
  let s = '';
  eachElement(xml, 't', (_tag, inner) => {
    s += inner;
  });
  return decodeXml(s);
}

const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML entities, then OOXML's `_xHHHH_` escapes (how a control character such as CR is stored), as Excel shows them. */
export function decodeXml(s: string): string {
  if (s.indexOf('&') >= 0) {
    s = s.replace(ENTITY, (_m, named: string | undefined, dec: string | undefined, hex: string | undefined) =>
      named ? NAMED[named]! : String.fromCodePoint(dec ? Number(dec) : parseInt(hex!, 16)),
    );
  }
  if (s.indexOf('_x') >= 0) s = s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  return s;
}
