/**
 * A maker of objects keyed by a fixed list of codes, in that order, each starting as null.
 *
 * An object given 29 keys one by one (`values[code] = …`, the natural way to fill a return's values) is
 * turned by V8 into a slow dictionary after a dozen or so keys: larger, slower to read, and a city-year
 * makes 57,000 of them. A copy of an object JSON.parse made keeps the fast layout, and filling its keys in
 * place keeps it too. Same keys in the same order as filling an empty object: `Object.keys`, JSON and
 * every reader see no difference.
 */
export function recordMaker<T>(codes: readonly string[]): () => Record<string, T> {
  // `__proto__` would be an own key here and the prototype there: keep the plain way for it.
  if (codes.includes('__proto__')) return () => ({});
  const proto = JSON.parse(`{${codes.map((c) => `${JSON.stringify(c)}:null`).join(',')}}`) as Record<string, T>;
  return () => ({ ...proto });
}
