// Rewrites an xlsx the way the .NET OpenXML SDK (and the government systems built on it) writes one: every
// SpreadsheetML element carries the `x:` prefix (`<x:worksheet xmlns:x="…/main"><x:sheetData><x:row>…`).
// Only the namespace spelling changes; the workbook says the same. Usage: node x-prefix.mjs IN.xlsx OUT.xlsx
import { readFileSync, writeFileSync } from 'node:fs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const [input, output] = process.argv.slice(2);
const parts = unzipSync(readFileSync(input));
for (const [name, data] of Object.entries(parts)) {
  if (!/^xl\/.*\.xml$/.test(name)) continue;
  const xml = strFromU8(data);
  if (!xml.includes(`xmlns="${MAIN}"`)) continue;
  parts[name] = strToU8(xml.replace(`xmlns="${MAIN}"`, `xmlns:x="${MAIN}"`).replace(/<(\/?)([A-Za-z][\w.-]*)(?=[\s/>])/g, '<$1x:$2'));
}
writeFileSync(output, zipSync(parts, { level: 6 }));
