import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Bytes of a file under test/fixtures/io (made by scripts/make-office-fixtures.sh and make-hostile-fixtures.mjs). */
export function ioFixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(fileURLToPath(new URL(`../fixtures/io/${name}`, import.meta.url))));
}
