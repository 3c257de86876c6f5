import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { formulaAt, numberFormatAt, type SheetGrid } from '../../src/core/grid.js';
import { readXlsx } from '../../src/io/readXlsx.js';

/** A minimal xlsx around one sheet's sheetData and a shared-strings list (written by hand, as odd producers do). */
function book(sheetData: string, strings: string, prefix = ''): Uint8Array {
  const p = prefix ? `${prefix}:` : '';
  const ns = prefix ? `xmlns:${prefix}` : 'xmlns';
  const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  return zipSync({
    '[Content_Types].xml': strToU8('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    'xl/workbook.xml': strToU8(`<${p}workbook ${ns}="${main}" xmlns:r="${rel}"><${p}sheets><${p}sheet name="表" sheetId="1" r:id="rId1"/></${p}sheets></${p}workbook>`),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="${rel}/styles" Target="styles.xml"/></Relationships>`,
    ),
    'xl/styles.xml': strToU8(
      `<${p}styleSheet ${ns}="${main}"><${p}numFmts count="1"><${p}numFmt numFmtId="164" formatCode="0.0%"/></${p}numFmts><${p}cellXfs count="3"><${p}xf numFmtId="0"/><${p}xf numFmtId="164"/><${p}xf numFmtId="14"/></${p}cellXfs></${p}styleSheet>`,
    ),
    'xl/sharedStrings.xml': strToU8(`<${p}sst ${ns}="${main}">${strings}</${p}sst>`),
    'xl/worksheets/sheet1.xml': strToU8(`<${p}worksheet ${ns}="${main}"><${p}sheetData>${sheetData}</${p}sheetData></${p}worksheet>`),
  });
}

const sheetOf = (bytes: Uint8Array): SheetGrid => readXlsx(bytes, 'x.xlsx').book.sheets[0]!;

describe('readXlsx: the cell scan and shared strings, on spellings real producers use', () => {
  const strings =
    '<si><t>社区名称</t></si>' + // 0 plain
    '<si/>' + // 1 empty, self-closing
    '<si><t/></si>' + // 2 empty text
    '<si><t xml:space="preserve"> 前后有空格 </t></si>' + // 3
    '<si><r><rPr><b/></rPr><t>粗</t></r><r><t>体</t></r></si>' + // 4 rich text
    '<si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh></si>' + // 5 phonetic guide left out
    '<si><t>A&amp;B &lt;1&gt; _x000D_</t></si>'; // 6 entities and an OOXML escape

  it('reads every shared string by its index, whatever its body', () => {
    const cells = [0, 1, 2, 3, 4, 5, 6].map((i) => `<c r="${String.fromCharCode(65 + i)}1" t="s"><v>${i}</v></c>`).join('');
    const s = sheetOf(book(`<row r="1">${cells}</row>`, strings));
    expect(s.values[0]).toEqual(['社区名称', '', '', ' 前后有空格 ', '粗体', '漢字', 'A&B <1> \r']);
  });

  it('reads numbers, styles, and the cells whose body is not a lone <v>', () => {
    const row =
      '<row r="2" spans="1:9">' +
      '<c r="A2" s="1"><v>0.125</v></c>' + // percent style
      '<c r="B2"><v>-3</v></c>' +
      '<c r="C2"><v>1.5E+3</v></c>' +
      '<c r="D2" s="2"><v>46326</v></c>' + // built-in date id 14
      '<c r="E2"><v></v></c>' + // empty value: nothing
      '<c r="F2" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>' +
      '<c r="G2" t="b"><v>1</v></c>' +
      '<c r="H2" t="e"><f>1/0</f><v>#DIV/0!</v></c>' +
      '<c r="I2" t="inlineStr"><is><t>行内</t></is></c>' +
      '</row>' +
      '<row r="3">\n  <c r="A3" t="s">\n    <v>0</v>\n  </c>\n  <c r=\'B3\' t=\'s\' s=\'1\'><v>3</v></c>\n</row>';
    const s = sheetOf(book(row, strings));
    expect(s.values[1]).toEqual([0.125, -3, 1500, 46326, null, 'ab', true, '#DIV/0!', '行内']);
    expect(numberFormatAt(s, 1, 0)).toBe('0.0%');
    expect(numberFormatAt(s, 1, 3)).toBe('mm-dd-yy');
    expect(formulaAt(s, 1, 5)).toBe('="a"&"b"');
    expect(formulaAt(s, 1, 7)).toBe('=1/0');
    expect(s.values[2]).toEqual(['社区名称', ' 前后有空格 ']); // pretty-printed, single quotes
    expect(numberFormatAt(s, 2, 1)).toBe('0.0%');
  });

  it('places cells without r after the previous one, rows without r after the previous row', () => {
    const s = sheetOf(book('<row r="2"><c r="B2"><v>1</v></c><c><v>2</v></c><c r="E2"/><c><v>3</v></c></row><row><c><v>4</v></c></row>', ''));
    expect(s.values[1]).toEqual([null, 1, 2, null, null, 3]);
    expect(s.values[2]).toEqual([4]);
  });

  it('reads the same with an x: prefix on every element (the .NET OpenXML SDK style)', () => {
    const plain = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>4</v></c><c r="C1" s="1"><v>0.5</v></c></row>';
    const prefixed = plain.replace(/<(\/?)(row|c|v)\b/g, '<$1x:$2');
    const xStrings = strings.replace(/<(\/?)(si|t|r|rPr|b|rPh)\b/g, '<$1x:$2');
    const a = sheetOf(book(plain, strings));
    const b = sheetOf(book(prefixed, xStrings, 'x'));
    expect(b.values).toEqual(a.values);
    expect(b.values[0]).toEqual(['社区名称', '粗体', 0.5]);
    expect(numberFormatAt(b, 0, 2)).toBe('0.0%');
  });
});
