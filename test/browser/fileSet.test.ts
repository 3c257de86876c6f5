import { describe, expect, it } from 'vitest';
import { addFiles, comparePaths, digest, type Candidate } from '../../src/ui/fileSet.js';

const enc = new TextEncoder();
const file = (path: string, text: string): Candidate<null> => {
  const bytes = enc.encode(text);
  return { path, bytes, hash: digest(bytes), file: null };
};
const paths = (r: { files: { path: string }[] }) => r.files.map((f) => f.path);

describe('the page’s files, by path', () => {
  it('keeps two files with one name (a dialog gives bare names) and marks both', () => {
    const r = addFiles([], [file('阳光社区.xlsx', 'aug'), file('阳光社区.xlsx', 'sep'), file('建设村.xlsx', 'x')]);
    expect(paths(r)).toEqual(['建设村.xlsx', '阳光社区.xlsx', '阳光社区.xlsx (2)']);
    expect(r.files.map((f) => f.sameName)).toEqual([false, true, true]);
    expect(r.sameBytes).toEqual([]);
  });

  it('keeps the same bytes once, says so, and keeps the path that names the folder', () => {
    const first = addFiles([], [file('阳光社区.xlsx', 'oct'), file('建设村.xlsx', 'x')]);
    const r = addFiles(first.files, [file('2026-10/阳光社区.xlsx', 'oct'), file('2026-10/建设村.xlsx', 'x'), file('2026-10/新华社区.xlsx', 'y')]);
    expect(paths(r)).toEqual(['2026-10/建设村.xlsx', '2026-10/新华社区.xlsx', '2026-10/阳光社区.xlsx']);
    expect(r.sameBytes).toEqual([
      { path: '2026-10/阳光社区.xlsx', keptAs: '2026-10/阳光社区.xlsx' },
      { path: '2026-10/建设村.xlsx', keptAs: '2026-10/建设村.xlsx' },
    ]);
  });

  it('same digest but different bytes are two files (confirmed byte by byte)', () => {
    const a = file('a.csv', 'one');
    const b = { ...file('b.csv', 'two'), hash: a.hash };
    expect(paths(addFiles([], [a, b]))).toEqual(['a.csv', 'b.csv']);
  });

  it('passes over hidden files and Excel lock files, as the command line does', () => {
    expect(paths(addFiles([], [file('~$阳光社区.xlsx', 'l'), file('.DS_Store', 'h'), file('2026-10/.hidden/a.csv', 'z'), file('b.csv', 'b')]))).toEqual(['b.csv']);
  });

  it.each([
    ['a/x.csv', 'a-b.csv', -1], // the folder walk takes folder a's files before the file a-b.csv
    ['2026-08/z.csv', '2026-09/a.csv', -1],
    ['b.csv', 'a/b.csv', 1],
    ['a.csv', 'a.csv', 0],
  ])('comparePaths(%s, %s) has sign %s', (a, b, sign) => {
    expect(Math.sign(comparePaths(a, b))).toBe(sign);
  });
});
