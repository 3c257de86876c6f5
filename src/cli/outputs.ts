import type { Finding } from '../core/findings/codes.js';
import { messageOf, severityLabel, type Lang } from '../core/findings/wording.js';
import { checkOutputs, type OutputTarget } from '../node/writeOutput.js';

/** One coded line on stderr per finding (used where the run stops before any report is printed). */
export function printFindings(findings: readonly Finding[], lang: Lang): void {
  for (const f of findings) console.error(`returns: ${severityLabel(f.severity, lang)} ${f.file}: ${messageOf(f, lang)}  [${f.code}]`);
}

/**
 * Checks the outputs against the inputs before anything is read or written; prints why and returns true
 * when the run must stop (exit 2).
 */
export async function refuseOutputs(outputs: readonly OutputTarget[], inputs: readonly (string | undefined)[], lang: Lang): Promise<boolean> {
  const refused = await checkOutputs(outputs, inputs);
  printFindings(refused, lang);
  return refused.length > 0;
}
