/** A one-line progress bar on stderr, only when stderr is a terminal and the run is long enough to need it. */
export function progressBar(label: string): ((done: number, total: number) => void) & { end(): void } {
  const tty = process.stderr.isTTY === true;
  let shown = false;
  const start = Date.now();
  const update = (done: number, total: number): void => {
    if (!tty || total < 20 || Date.now() - start < 300) return;
    const width = 30;
    const filled = Math.round((done / total) * width);
    process.stderr.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}`);
    shown = true;
  };
  return Object.assign(update, {
    end(): void {
      if (shown) process.stderr.write('\r\x1b[K');
    },
  });
}
