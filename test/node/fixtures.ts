import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Absolute path of a file under test/fixtures/node. */
export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`../fixtures/node/${name}`, import.meta.url));
}

export function fixtureBytes(name: string): Uint8Array {
  return readFileSync(fixturePath(name));
}
