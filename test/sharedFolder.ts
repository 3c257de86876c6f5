import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * vitest global set-up: some tests read the project's shared folder beside the repository (`../shared`: the
 * seed work summaries and Microsoft's manifest schemas). Without it they would fail one by one with ENOENT or
 * an xmllint error; this stops the run first and says what is missing.
 */
export default function checkSharedFolder(): void {
  const shared = path.resolve(import.meta.dirname, '../../shared');
  const needed = ['seeds', 'office-addin-manifest-xsd'].map((d) => path.join(shared, d)).filter((d) => !existsSync(d));
  if (needed.length) {
    throw new Error(
      `The tests need the project's shared folder beside this repository (${shared}); missing: ${needed.join(', ')}. ` +
        'Clone or copy the repository next to it (…/shared and …/<repository>) and run npm test again.',
    );
  }
}
