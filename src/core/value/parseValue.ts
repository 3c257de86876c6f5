import type { CellValue } from '../grid.js';
import { multiplyExact } from './decimal.js';
import { isDateFormat, isPercentFormat, serialToIsoDate } from './excelFormat.js';
import { foldValueText } from './fold.js';
import { readText, type TextReading } from './readText.js';
import type { ParsedValue, ValueContext, ValueIssue } from './types.js';
import { convertUnit, isKnownUnit, normalizeUnit } from './units.js';
import { runValueChecks } from './valueChecks.js';

export type { ParsedValue, ValueCode, ValueContext, ValueIssue } from './types.js';

/** A number read from the cell, before its unit is reconciled with the template's. */
interface Reading {
  value: number;
  approximate: boolean;
  unit: string | null;
  percentInCell: boolean;
}

/**
 * Reads one cell as one number for one indicator. Never throws and never guesses: what cannot be read
 * exactly (or as a flagged approximation) gives `value: null` and an error issue.
 */
export function parseValue(raw: CellValue, ctx: ValueContext): ParsedValue {
  const text = raw === null ? '' : typeof raw === 'boolean' ? (raw ? 'TRUE' : 'FALSE') : String(raw).trim();
  if (ctx.formula) {
    // A formula whose result was never stored (file not recalculated) is not the same as an empty cell;
    // one that returns "" on purpose (=IF(B5="","",B5*2)) is empty, like the cell it stands for.
    if (raw === null) return failed({ code: 'formula_no_result', args: { formula: ctx.formula } });
    if (text === '') return { value: null, empty: true, approximate: false, issues: [] };
    const parsed = readCell(raw, text, ctx);
    if (parsed.value !== null) {
      parsed.issues.unshift({ code: 'formula_value', args: { formula: ctx.formula, value: parsed.value } });
    }
    return parsed;
  }
  if (text === '') return { value: null, empty: true, approximate: false, issues: [] };
  return readCell(raw, text, ctx);
}

function readCell(raw: CellValue, text: string, ctx: ValueContext): ParsedValue {
  const reading = typeof raw === 'number' ? readNumberCell(raw, ctx) : readTextCell(text, ctx);
  if ('code' in reading) return failed(reading);

  const issues: ValueIssue[] = [];
  let value = reading.value;
  const unit = reading.unit ?? (ctx.statedUnit || null);
  if (unit !== null && ctx.unit !== '' && !(ctx.kind === 'rate' && normalizeUnit(unit) === '%')) {
    const converted = convertUnit(value, unit, ctx.unit, ctx.unitAliases);
    if (!converted) return failed({ code: 'unit_mismatch', args: { unit, expected: ctx.unit } });
    if (converted.factor !== 1) {
      issues.push({ code: 'unit_converted', args: { from: unit, to: ctx.unit, original: value, value: converted.value } });
    }
    value = converted.value;
  }
  // ×100 or a unit factor can overflow a huge input; that is not a number anyone reported.
  if (!Number.isFinite(value)) return failed({ code: 'not_a_number', args: { text } });
  if (reading.approximate) issues.unshift({ code: 'approximate', args: { text, value } });
  issues.push(...runValueChecks({ value, ctx, percentInCell: reading.percentInCell }));
  return { value, empty: false, approximate: reading.approximate, issues };
}

function readNumberCell(raw: number, ctx: ValueContext): Reading | ValueIssue {
  if (!Number.isFinite(raw)) return { code: 'not_a_number', args: { text: String(raw) } };
  if (isDateFormat(ctx.numberFormat)) return { code: 'date_value', args: { text: serialToIsoDate(raw) } };
  // Under a 0.0% format Excel stores 0.879 and shows 87.9%: what the statistician typed is 87.9.
  if (isPercentFormat(ctx.numberFormat)) {
    return { value: multiplyExact(raw, 100), approximate: false, unit: '%', percentInCell: true };
  }
  return { value: raw === 0 ? 0 : raw, approximate: false, unit: null, percentInCell: false };
}

// Most cells of a CSV are plain decimals (`4950`, `87.5`): readText would read them as this very number
// (no shape matches, no unit, not approximate), so they skip the folding and the unit list.
const PLAIN_DECIMAL = /^-?\d{1,15}(?:\.\d{1,15})?$/;

function readTextCell(text: string, ctx: ValueContext): Reading | ValueIssue {
  if (PLAIN_DECIMAL.test(text)) {
    const value = Number(text);
    return { value: value === 0 ? 0 : value, approximate: false, unit: null, percentInCell: false };
  }
  let expected: string[] | undefined;
  const isUnit = (u: string): boolean =>
    u !== '' && (isKnownUnit(u) || (expected ??= [ctx.unit, ...(ctx.unitAliases ?? [])].filter((x) => x !== '').map(normalizeUnit)).includes(normalizeUnit(u)));
  const r = readText(foldValueText(text).trim(), isUnit);
  if (r.kind === 'number') {
    const percentInCell = r.unit !== null && normalizeUnit(r.unit) === '%';
    return { value: r.value, approximate: r.approximate, unit: r.unit, percentInCell };
  }
  return issueFor(r.kind, text);
}

function issueFor(kind: Exclude<TextReading['kind'], 'number'>, text: string): ValueIssue {
  switch (kind) {
    case 'formula_text':
      return { code: 'formula_text', args: { formula: text } };
    case 'cell_error':
    case 'placeholder':
    case 'date_value':
    case 'range_value':
    case 'not_a_number':
      return { code: kind, args: { text } };
  }
}

function failed(issue: ValueIssue): ParsedValue {
  return { value: null, empty: false, approximate: false, issues: [issue] };
}
