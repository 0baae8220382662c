// The playground's end-to-end tests: Debian's Chromium against the built dist/, served by a
// static server the tests start. Kept out of the root unit-test globs (they need a browser
// and a build), and run by `npm run test:e2e` after the unit tests.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['apps/playground/e2e/**/*.e2e.ts'],
    // Hang guards only (CI may share its cores with another job): see PATIENCE in the tests.
    testTimeout: 600_000,
    hookTimeout: 300_000,
    expect: { poll: { timeout: 120_000 } },
    pool: 'forks',
    fileParallelism: false,
  },
});
