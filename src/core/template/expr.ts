import type { Expr } from './types.js';

export type ExprResult = { ok: true; expr: Expr } | { ok: false; reason: string };

/**
 * Parses `aware / surveyed * 100` — numbers, indicator references (codes, or names that `resolve`
 * maps to codes), + − × ÷ and parentheses. Never throws.
 */
export function parseExpr(text: string, resolve: (name: string) => string | null): ExprResult {
  const tokens = tokenize(text.normalize('NFKC'));
  if (typeof tokens === 'string') return { ok: false, reason: tokens };
  let i = 0;
  const peek = (): string | undefined => tokens[i];
  const fail = (reason: string): never => {
    throw new ExprError(reason);
  };
  const primary = (): Expr => {
    const t = tokens[i++];
    if (t === undefined) return fail('unexpected end');
    if (t === '(') {
      const e = sum();
      if (tokens[i++] !== ')') fail('missing )');
      return e;
    }
    if (t === '-') return { type: 'bin', op: '-', left: { type: 'num', value: 0 }, right: primary() };
    if (/^[0-9.]+$/.test(t)) {
      const v = Number(t);
      if (!Number.isFinite(v)) fail(`bad number ${t}`);
      return { type: 'num', value: v };
    }
    if (/^[()+\-*/]$/.test(t)) return fail(`unexpected ${t}`);
    const code = resolve(t);
    if (code === null) return fail(`unknown indicator ${t}`);
    return { type: 'ref', code };
  };
  const product = (): Expr => {
    let e = primary();
    while (peek() === '*' || peek() === '/') {
      const op = tokens[i++] as '*' | '/';
      e = { type: 'bin', op, left: e, right: primary() };
    }
    return e;
  };
  const sum = (): Expr => {
    let e = product();
    while (peek() === '+' || peek() === '-') {
      const op = tokens[i++] as '+' | '-';
      e = { type: 'bin', op, left: e, right: product() };
    }
    return e;
  };
  try {
    if (tokens.length === 0) return { ok: false, reason: 'empty' };
    const expr = sum();
    if (i !== tokens.length) return { ok: false, reason: `unexpected ${tokens[i]}` };
    return { ok: true, expr };
  } catch (e) {
    if (e instanceof ExprError) return { ok: false, reason: e.message };
    throw e;
  }
}

class ExprError extends Error {}

function tokenize(s: string): string[] | string {
  const out: string[] = [];
  const re = /\s*(?:([0-9]+(?:\.[0-9]+)?)|([()+\-*/×÷])|([^\s()+\-*/×÷]+))/gy;
  let m: RegExpExecArray | null;
  let pos = 0;
  while (pos < s.length && (m = re.exec(s)) !== null) {
    pos = re.lastIndex;
    if (m[1]) out.push(m[1]);
    else if (m[2]) out.push(m[2] === '×' ? '*' : m[2] === '÷' ? '/' : m[2]);
    else if (m[3]) out.push(m[3]);
  }
  if (s.slice(pos).trim() !== '') return `cannot read "${s.slice(pos)}"`;
  return out;
}

/** Evaluates an expression; null when a referenced value is missing (per `missingAsZero`) or ÷ 0. */
export function evalExpr(e: Expr, get: (code: string) => number | null, missingAsZero = false): number | null {
  switch (e.type) {
    case 'num':
      return e.value;
    case 'ref': {
      const v = get(e.code);
      return v === null ? (missingAsZero ? 0 : null) : v;
    }
    case 'bin': {
      const l = evalExpr(e.left, get, missingAsZero);
      const r = evalExpr(e.right, get, missingAsZero);
      if (l === null || r === null) return null;
      switch (e.op) {
        case '+':
          return l + r;
        case '-':
          return l - r;
        case '*':
          return l * r;
        case '/':
          return r === 0 ? null : l / r;
      }
    }
  }
}

/** The indicator codes an expression refers to. */
export function refsOf(e: Expr, out: string[] = []): string[] {
  if (e.type === 'ref') out.push(e.code);
  else if (e.type === 'bin') {
    refsOf(e.left, out);
    refsOf(e.right, out);
  }
  return out;
}
