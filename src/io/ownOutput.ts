import { unzipSync } from 'fflate';

import { OWN_OUTPUT_PROPERTY } from './ownOutputName.js';

export { OWN_OUTPUT_PROPERTY };

const CUSTOM_PART = 'docProps/custom.xml';
const dec = new TextDecoder();

/** The docProps/custom.xml part that marks a workbook as ours; `kind` names which output it is. */
export function ownOutputCustomXml(kind: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
    `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="${OWN_OUTPUT_PROPERTY}"><vt:lpwstr>${kind}</vt:lpwstr></property>` +
    '</Properties>'
  );
}

/** True when the xlsx bytes carry the marker. Only the one small part is inflated; bad bytes give false. */
export function isOwnOutput(bytes: Uint8Array): boolean {
  try {
    const part = unzipSync(bytes, { filter: (f) => f.name === CUSTOM_PART })[CUSTOM_PART];
    return part !== undefined && new RegExp(`<property\\b[^>]*\\bname="${OWN_OUTPUT_PROPERTY}"`).test(dec.decode(part));
  } catch {
    return false;
  }
}
