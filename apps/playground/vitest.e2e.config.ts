// The playground's end-to-end tests: Debian's Chromium against the built dist/, served by a
// static server the tests start. Kept out of the root unit-test globs (they need a browser
// and a build), and run by `npm run test:e2e` after the unit tests.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['apps/playground/e2e/**/*.e2e.ts'],
    testTimeout: 90_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
