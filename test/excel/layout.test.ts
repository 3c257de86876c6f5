/** The Excel door's shape: exactly one module calls `Excel.run`, and nothing outside src/excel touches `Excel`. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../../src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|js)$/.test(f) ? [p] : [];
  });
}

describe('src/excel', () => {
  it('has exactly one caller of Excel.run: host.ts', () => {
    const callers = files(SRC).filter((f) => /\bExcel\.run\s*\(/.test(readFileSync(f, 'utf8')));
    expect(callers.map((f) => path.relative(SRC, f))).toEqual([path.join('excel', 'host.ts')]);
  });

  it('keeps the Excel object model inside src/excel (the pane and the core never call it)', () => {
    const outside = files(SRC).filter((f) => !f.startsWith(path.join(SRC, 'excel')) && /\b(Excel\.run|context\.workbook|context\.sync)\b/.test(readFileSync(f, 'utf8')));
    expect(outside).toEqual([]);
  });
});
