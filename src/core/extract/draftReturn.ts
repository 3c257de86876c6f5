import type { SheetGrid } from '../grid.js';
import { blankReturn } from '../output/blankReturn.js';
import type { Template } from '../template/types.js';
import { proposeValue } from './proposeValue.js';
import { REVIEW_MARK } from './reviewMark.js';
import type { ExtractedDocument } from './types.js';

/** Evidence sentences are cut to this length in the 备注 cell, so that a cell stays readable. */
const SENTENCE_MAX = 160;

/**
 * One document → a draft return in the template's own sheet form: header fields from the text, each
 * indicator with mentions filled with the proposed value, and its 备注 saying it needs review, how the
 * value was formed and every sentence it came from. Indicators the text does not report stay blank
 * (blank means not reported; nothing is guessed).
 */
export function draftReturn(doc: ExtractedDocument, template: Template, sheetName: string): SheetGrid {
  const grid = blankReturn(template, doc.period, sheetName);
  const values = grid.values.map((row) => [...row]);
  values[1]![1] = doc.community;
  values[1]![3] = doc.street;
  const firstRow = 5;
  template.indicators.forEach((ind, i) => {
    const mentions = doc.mentions.filter((m) => m.indicator === ind.code);
    if (mentions.length === 0) return;
    const p = proposeValue(mentions);
    const row = values[firstRow + i]!;
    row[3] = p.value;
    const approx = p.approximate ? '原文为约数，' : '';
    const evidence = mentions
      .map((m, k) => `${circled(k)}“${cut(m.sentence)}”（${m.text}${m.flags.includes('unit_mismatch') ? `，单位“${m.unit}”无法换算为“${ind.unit}”` : ''}）`)
      .join(' ');
    row[4] = `${REVIEW_MARK}由工作总结摘录，${approx}${p.how}。依据：${evidence}`;
  });
  values[0]![0] = `${values[0]![0]}（由工作总结摘录的草稿，待核实）`;
  return { ...grid, values };
}

function circled(k: number): string {
  return k < 20 ? String.fromCodePoint(0x2460 + k) : `(${k + 1})`;
}

function cut(s: string): string {
  return s.length > SENTENCE_MAX ? `${s.slice(0, SENTENCE_MAX)}…` : s;
}

/** Sheet names for the documents: the community or title, unique, at most 31 characters, no []:*?/\. */
export function draftSheetNames(docs: readonly ExtractedDocument[]): string[] {
  const used = new Set<string>();
  return docs.map((d, i) => {
    const base = (d.community ?? d.title ?? `总结${i + 1}`).replace(/[[\]:*?/\\]/g, '').slice(0, 24) || `总结${i + 1}`;
    let name = base;
    for (let k = 2; used.has(name.toLowerCase()); k++) name = `${base.slice(0, 24)}（${k}）`;
    used.add(name.toLowerCase());
    return name;
  });
}

/** One draft sheet-form return per document, named uniquely. */
export function draftGrids(docs: readonly ExtractedDocument[], template: Template): SheetGrid[] {
  const names = draftSheetNames(docs);
  return docs.map((d, i) => draftReturn(d, template, names[i]!));
}
