import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/sharedFolder.ts'],
    testTimeout: 60_000,
    pool: 'forks',
    // vitest's default is one worker fewer than the cores: one worker on this 2-core machine, so the suite ran
    // file after file while most files wait on chromium or a child process. Two at least (measured: the suite's
    // wall time 141 s → 116 s on the 2-core VM, the same CPU).
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
