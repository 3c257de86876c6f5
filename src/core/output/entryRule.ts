import type { Indicator, Template } from '../template/types.js';

/**
 * What may be typed in one indicator's value cell of a per-community form: the data validation Excel
 * enforces at entry, with the input message (shown when the cell is selected) and the error alert (shown
 * when a wrong value is typed). Pure data; src/io/formXlsx.ts turns it into the sheet's dataValidation.
 *
 * It only prevents what it can: a value pasted or typed in a program that ignores validation still gets
 * the reader's findings (range_value, approximate, not_a_number …), which stay the final word.
 */
export interface EntryRule {
  /** `whole` for counts, `decimal` for quantities, money and rates. */
  type: 'whole' | 'decimal';
  /** Lowest value allowed: 0 for every kind, raised by the template's min. */
  min: number;
  /** Highest value allowed: 100 for rates, else the template's max, or null for none. */
  max: number | null;
  promptTitle: string;
  prompt: string;
  errorTitle: string;
  error: string;
}

/** Excel's limits on the texts of a data validation (characters); longer texts make Excel repair the file. */
export const VALIDATION_TEXT_LIMITS = { promptTitle: 32, prompt: 255, errorTitle: 32, error: 225 } as const;

const clip = (s: string, n: number): string => (s.length <= n ? s : s.slice(0, n - 1) + '…');

/** The entry rule of one indicator of the template. */
export function entryRule(ind: Indicator, template: Template): EntryRule {
  const rate = ind.kind === 'rate';
  const type = ind.kind === 'count' ? 'whole' : 'decimal';
  const min = Math.max(0, ind.min ?? 0);
  const max = rate ? Math.min(100, ind.max ?? 100) : ind.max;
  const what =
    type === 'whole'
      ? max === null
        ? min === 0 ? '0 或正整数' : `不小于 ${min} 的整数`
        : `${min} 到 ${max} 之间的整数`
      : max === null
        ? `不小于 ${min} 的数字（可带小数）`
        : `${min} 到 ${max} 之间的数字（可带小数）`;
  // A space before a leading digit, as Chinese typesetting spaces numbers: 请填写 0 或正整数.
  const fill = (/^\d/.test(what) ? ' ' : '') + what;
  const unit = rate ? '%（只填数字，如 87.9）' : ind.unit;
  const nameOf = (code: string | null) => template.indicators.find((i) => i.code === code)?.name;
  const num = nameOf(ind.numerator);
  const den = nameOf(ind.denominator);
  const prompt = [
    `请填写${fill}，单位：${unit}。`,
    rate && num && den ? `= ${num} ÷ ${den} × 100，保留一位小数。` : '',
    ind.required ? '必填，' : '',
    '没有发生请填 0，不要写“约”“余”或范围。',
    ind.remarkAbove !== null ? `大于 ${ind.remarkAbove} 时请在备注栏说明情况。` : '',
  ].join('');
  const error = `本格只能填写${fill}，单位：${unit}。请不要填写“约”“余”“多”、范围（如 3-4）、文字或单位；没有发生请填 0。`;
  const L = VALIDATION_TEXT_LIMITS;
  return {
    type,
    min,
    max,
    promptTitle: clip(`${ind.name}（${ind.unit}）`, L.promptTitle),
    prompt: clip(prompt, L.prompt),
    errorTitle: clip(`「${ind.name}」填写有误`, L.errorTitle),
    error: clip(error, L.error),
  };
}
