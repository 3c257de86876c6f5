// Writes the hostile workbooks the reader must survive (test/fixtures/io), each a small file that once cost
// minutes or gigabytes. Hand-made on purpose: no office program writes them, but anything can arrive.
//   xfd.xlsx    7 KB-class workbook: a short return plus one cell at XFD1048576 (the last cell of a sheet)
//   label.xlsx  a return whose first indicator label is 1,000,000 characters long (one shared string)
//   bomb.xlsx   a valid xlsx whose sheet XML is padded with 256 MB of spaces: ~250 KB on disk
// Usage: node scripts/make-hostile-fixtures.mjs
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'io');
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function xlsx(sheetXml, strings) {
  const sst = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}">${strings.map((s) => `<si><t>${s}</t></si>`).join('')}</sst>`;
  return zipSync(
    {
      '[Content_Types].xml': strToU8(
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
          '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
      ),
      '_rels/.rels': strToU8(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
      'xl/workbook.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="月报" sheetId="1" r:id="rId1"/></sheets></workbook>`),
      'xl/_rels/workbook.xml.rels': strToU8(
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
      ),
      'xl/sharedStrings.xml': strToU8(sst),
      'xl/worksheets/sheet1.xml': typeof sheetXml === 'string' ? strToU8(sheetXml) : sheetXml,
    },
    { level: 9 },
  );
}

// A short sheet-form return: 社区名称 / 报告期 / two indicators. Strings by index into the shared strings.
const STRINGS = ['社区名称', '阳光社区', '报告期', '2026年10月', '发放宣传资料', '健康知识调查人数'];
const s = (ref, i) => `<c r="${ref}" t="s"><v>${i}</v></c>`;
const n = (ref, v) => `<c r="${ref}"><v>${v}</v></c>`;
const rows = (labelIndex) =>
  `<row r="1">${s('A1', 0)}${s('B1', 1)}</row><row r="2">${s('A2', 2)}${s('B2', 3)}</row>` +
  `<row r="3">${s('A3', labelIndex)}${n('B3', 4950)}</row><row r="4">${s('A4', 5)}${n('B4', 300)}</row>`;
const sheet = (body, dim = 'A1:B4') => `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><dimension ref="${dim}"/><sheetData>${body}</sheetData></worksheet>`;

writeFileSync(path.join(OUT, 'xfd.xlsx'), xlsx(sheet(rows(4) + `<row r="1048576">${n('XFD1048576', 1)}</row>`, 'A1:XFD1048576'), STRINGS));

const long = '发放宣传资料'.repeat(Math.ceil(1_000_000 / 6)).slice(0, 1_000_000);
writeFileSync(path.join(OUT, 'label.xlsx'), xlsx(sheet(rows(6)), [...STRINGS, long]));

const head = strToU8(sheet(rows(4)).replace('<sheetData>', '<sheetData>'));
const pad = new Uint8Array(256 * 1024 * 1024).fill(0x20);
const bombXml = new Uint8Array(head.length + pad.length);
const cut = head.length - '</sheetData></worksheet>'.length;
bombXml.set(head.subarray(0, cut), 0);
bombXml.set(pad, cut);
bombXml.set(head.subarray(cut), cut + pad.length);
writeFileSync(path.join(OUT, 'bomb.xlsx'), xlsx(bombXml, STRINGS));
