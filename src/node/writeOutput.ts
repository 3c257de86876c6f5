import { mkdir, open, readFile, realpath, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { finding, type Finding, type WriteCause } from '../core/findings/codes.js';

/** One output a command is about to write. */
export interface OutputTarget {
  /** The option as the user typed it (`--out`, `--csv`), for the message. */
  option: string;
  path: string;
  /** A folder the command writes files into (chart's --out), not a file. */
  folder?: boolean;
  /** The file will carry this tool's own-output marker (summary.xlsx), so it may live inside an input folder. */
  marked?: boolean;
}

// What the input walker reads (src/node/readInputs.ts); a file of these types inside an input folder is an input.
const INPUT_EXT = new Set(['.xlsx', '.xlsm', '.csv', '.txt', '.xls', '.et']);
// Windows and macOS file systems usually ignore case: 阳光社区.XLSX is 阳光社区.xlsx there.
const fold = process.platform === 'win32' || process.platform === 'darwin' ? (p: string) => p.toLowerCase() : (p: string) => p;

/** The real path of `p`, following links of the part that exists (an output usually does not exist yet). */
async function realOf(p: string): Promise<string> {
  const abs = path.resolve(p);
  const rest: string[] = [];
  for (let cur = abs; ; ) {
    try {
      return fold(path.join(await realpath(cur), ...rest.reverse()));
    } catch {
      const parent = path.dirname(cur);
      if (parent === cur) return fold(abs);
      rest.push(path.basename(cur));
      cur = parent;
    }
  }
}

async function kindOf(p: string): Promise<'file' | 'dir' | null> {
  try {
    return (await stat(p)).isDirectory() ? 'dir' : 'file';
  } catch {
    return null;
  }
}

const inside = (child: string, dir: string): boolean => child.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);

/**
 * Refuses outputs that would harm an input, before anything is read or written: an output that is an input
 * file, an input folder, or a file of a readable type inside an input folder — unless that file is one of
 * our own marked outputs and this output is marked too (re-running with --out summary.xlsx inside the
 * folder replaces the previous summary, never a return). A new file of a readable type inside an input
 * folder is refused unless it will be marked: a CSV summary there would be read back as returns next run.
 * Inputs that do not exist are left to the reader, which reports them.
 */
export async function checkOutputs(outputs: readonly OutputTarget[], inputs: readonly (string | undefined)[]): Promise<Finding[]> {
  const ins: { given: string; real: string; kind: 'file' | 'dir' }[] = [];
  for (const given of inputs) {
    if (!given) continue;
    const kind = await kindOf(given);
    if (kind) ins.push({ given, real: await realOf(given), kind });
  }
  const findings: Finding[] = [];
  const seen = new Map<string, string>();
  for (const o of outputs) {
    const real = await realOf(o.path);
    const where = { file: o.path.replace(/\\/g, '/') };
    const other = seen.get(real);
    if (other !== undefined) {
      findings.push(finding('output_twice', { option: o.option, other }, where));
      continue;
    }
    seen.set(real, o.option);
    const problem = await againstInputs(o, real, ins);
    if (problem) findings.push(problem.code === 'output_is_input' ? finding('output_is_input', problem.args, where) : finding('output_in_input_folder', problem.args, where));
  }
  return findings;
}

type Problem =
  | { code: 'output_is_input'; args: { option: string; input: string } }
  | { code: 'output_in_input_folder'; args: { option: string; folder: string } };

async function againstInputs(o: OutputTarget, real: string, ins: readonly { given: string; real: string; kind: 'file' | 'dir' }[]): Promise<Problem | null> {
  for (const i of ins) {
    if (real === i.real) {
      return { code: 'output_is_input', args: { option: o.option, input: i.given } };
    }
  }
  const existing = await kindOf(real);
  if (o.folder) {
    // A folder output where an input file stands: the files would go nowhere, but the path names an input.
    const holder = existing === 'file' ? ins.find((i) => i.kind === 'dir' && inside(real, i.real)) : undefined;
    return holder ? { code: 'output_is_input', args: { option: o.option, input: shown(holder, real) } } : null;
  }
  const name = path.basename(real);
  const readable = INPUT_EXT.has(path.extname(name).toLowerCase()) && !name.startsWith('.') && !name.startsWith('~$');
  if (!readable) return null;
  for (const i of ins) {
    if (i.kind !== 'dir' || !inside(real, i.real)) continue;
    if (existing === 'file') {
      if (o.marked && (await ownOutputFile(real))) return null;
      return { code: 'output_is_input', args: { option: o.option, input: shown(i, real) } };
    }
    if (!o.marked) return { code: 'output_in_input_folder', args: { option: o.option, folder: i.given } };
  }
  return null;
}

/** A file inside an input folder as the user would name it (the folder as given, then the rest). */
function shown(folder: { given: string; real: string }, real: string): string {
  return path.join(folder.given, path.relative(folder.real, real)).replace(/\\/g, '/');
}

async function ownOutputFile(p: string): Promise<boolean> {
  try {
    // Loaded here, not at start-up: it brings fflate (~30 ms of CPU to load), which only this check needs.
    const { isOwnOutput } = await import('../io/ownOutput.js');
    return isOwnOutput(await readFile(p));
  } catch {
    return false;
  }
}

/** Bytes, text, or chunks of either (a streamed JSON), or chunks that come as they are made (summary.xlsx). */
export type OutputData = string | Uint8Array | Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>;

/**
 * Writes `data` to a hidden temporary file next to `file` and renames it over `file`: a failed write never
 * leaves half a file and never touches the old one (rename is atomic within a folder). Returns null, or an
 * `output_unwritable` finding — never throws.
 */
export async function writeOutput(option: string, file: string, data: OutputData): Promise<Finding | null> {
  const abs = path.resolve(file);
  const dir = path.dirname(abs);
  // node:crypto loaded when a file is written, not by every run (~9 ms of CPU to load).
  const { randomBytes } = await import('node:crypto');
  const tmp = path.join(dir, `.${path.basename(abs)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let created = false;
  try {
    if ((await kindOf(abs)) === 'dir') throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    await mkdir(dir, { recursive: true });
    const fh = await open(tmp, 'wx');
    created = true;
    try {
      const chunks = typeof data === 'string' || data instanceof Uint8Array ? [data] : data;
      for await (const c of chunks) await fh.writeFile(c);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, abs);
    return null;
  } catch (e) {
    if (created) await unlink(tmp).catch(() => undefined);
    return finding('output_unwritable', { option, ...causeOf(e) }, { file: file.replace(/\\/g, '/') });
  }
}

/** A write error → a typed cause; the errno code is the only detail kept (never an exception's message). */
function causeOf(e: unknown): { cause: WriteCause; detail?: string } {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'EACCES' || code === 'EPERM') return { cause: 'permission_denied' };
  if (code === 'EROFS') return { cause: 'read_only' };
  if (code === 'EISDIR') return { cause: 'is_directory' };
  if (code === 'ENOTDIR' || code === 'EEXIST') return { cause: 'path_blocked' };
  if (code === 'ENOSPC' || code === 'EDQUOT') return { cause: 'disk_full' };
  return typeof code === 'string' ? { cause: 'io_error', detail: code } : { cause: 'io_error' };
}
