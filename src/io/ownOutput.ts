import { unzipSync } from 'fflate';

import { OWN_OUTPUT_PROPERTY } from './ownOutputName.js';

export { OWN_OUTPUT_PROPERTY };
export { ownOutputCustomXml } from './ownOutputName.js';

const CUSTOM_PART = 'docProps/custom.xml';
const dec = new TextDecoder();

/** True when the xlsx bytes carry the marker. Only the one small part is inflated; bad bytes give false. */
export function isOwnOutput(bytes: Uint8Array): boolean {
  try {
    const part = unzipSync(bytes, { filter: (f) => f.name === CUSTOM_PART })[CUSTOM_PART];
    return part !== undefined && new RegExp(`<property\\b[^>]*\\bname="${OWN_OUTPUT_PROPERTY}"`).test(dec.decode(part));
  } catch {
    return false;
  }
}
