/**
 * JSON text in chunks, for results too large to hold as one string (a city-year's JSON is tens of MB):
 * the top levels are walked here and every element below them is stringified on its own, so the chunks
 * are small and only one is alive at a time. The text equals `JSON.stringify(value, null, pretty ? 2 : 0)`
 * (plain data only: no toJSON methods or replacers).
 */
export function* jsonChunks(value: unknown, pretty = false): Generator<string> {
  if (!pretty) return yield* compactChunks(value);
  let buf = '';
  for (const s of walk(value, pretty, '', 0)) {
    buf += s;
    if (buf.length > 1 << 16) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}

// Below this depth an element is small enough to stringify in one go.
const WALK_DEPTH = 2;

function* walk(v: unknown, pretty: boolean, indent: string, depth: number): Generator<string> {
  if (depth >= WALK_DEPTH || v === null || typeof v !== 'object') {
    const s = JSON.stringify(v, null, pretty ? 2 : undefined) ?? 'null';
    yield pretty && indent && s.includes('\n') ? s.replace(/\n/g, '\n' + indent) : s;
    return;
  }
  const inner = pretty ? indent + '  ' : '';
  const nl = pretty ? '\n' : '';
  if (Array.isArray(v)) {
    if (v.length === 0) return yield '[]';
    yield '[' + nl;
    for (let i = 0; i < v.length; i++) {
      const el = v[i];
      yield (i ? ',' + nl : '') + inner;
      yield* walk(el === undefined || typeof el === 'function' || typeof el === 'symbol' ? null : el, pretty, inner, depth + 1);
    }
    return yield nl + indent + ']';
  }
  let first = true;
  for (const [k, el] of Object.entries(v)) {
    if (el === undefined || typeof el === 'function' || typeof el === 'symbol') continue;
    yield (first ? '{' + nl : ',' + nl) + inner + JSON.stringify(k) + (pretty ? ': ' : ':');
    first = false;
    yield* walk(el, pretty, inner, depth + 1);
  }
  yield first ? '{}' : nl + indent + '}';
}

const CHUNK = 1 << 16;
const skipped = (v: unknown): boolean => v === undefined || typeof v === 'function' || typeof v === 'symbol';

/**
 * The compact text (`--format json` of a city-year is tens of MB): the elements of the top-level arrays are
 * stringified one by one into a buffer handed over at about 64 KB, everything else stringified whole — one
 * generator step per chunk rather than per piece, which is what the pretty walk above costs.
 */
function* compactChunks(value: unknown): Generator<string> {
  if (value === null || typeof value !== 'object') {
    yield JSON.stringify(value) ?? 'null';
    return;
  }
  let buf = '';
  function* elements(el: readonly unknown[]): Generator<string> {
    buf += '[';
    for (let i = 0; i < el.length; i++) {
      const x: unknown = el[i];
      buf += (i ? ',' : '') + (skipped(x) ? 'null' : JSON.stringify(x));
      if (buf.length > CHUNK) {
        yield buf;
        buf = '';
      }
    }
    buf += ']';
  }
  if (Array.isArray(value)) {
    yield* elements(value);
    yield buf;
    return;
  }
  buf = '{';
  let first = true;
  for (const [k, el] of Object.entries(value)) {
    if (skipped(el)) continue;
    buf += (first ? '' : ',') + JSON.stringify(k) + ':';
    first = false;
    if (Array.isArray(el)) yield* elements(el);
    else buf += JSON.stringify(el);
    if (buf.length > CHUNK) {
      yield buf;
      buf = '';
    }
  }
  yield buf + '}';
}
