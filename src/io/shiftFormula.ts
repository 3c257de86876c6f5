import { columnLetters } from '../core/grid.js';

/** A cell reference not inside a name or a function call: `A1`, `$B$3`, `Sheet1!C2`; columns up to XFD. */
const REF = /(?<![A-Za-z0-9_.$])(\$?)([A-Za-z]{1,3})(\$?)([0-9]{1,7})(?![A-Za-z0-9_(])/g;

/**
 * A shared formula's text as it reads in another cell of its range: relative references move by the
 * offset from the master cell (`A2*2` one row down is `A3*2`), `$`-anchored parts stay. Text in double
 * quotes is left alone. This is what Excel shows in each cell of a filled-down formula.
 */
export function shiftFormula(formula: string, dRow: number, dCol: number): string {
  if (dRow === 0 && dCol === 0) return formula;
  const parts = formula.split('"');
  for (let i = 0; i < parts.length; i += 2) {
    parts[i] = parts[i]!.replace(REF, (whole, cAbs: string, col: string, rAbs: string, row: string) => {
      let c = 0;
      for (const ch of col.toUpperCase()) c = c * 26 + (ch.charCodeAt(0) - 64);
      if (c > 16384) return whole;
      const newCol = cAbs ? c : c + dCol;
      const newRow = rAbs ? Number(row) : Number(row) + dRow;
      if (newCol < 1 || newRow < 1) return '#REF!';
      return `${cAbs}${columnLetters(newCol)}${rAbs}${newRow}`;
    });
  }
  return parts.join('"');
}
