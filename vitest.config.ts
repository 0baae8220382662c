import { defineConfig } from 'vitest/config';

// One root config for every package (docs/architecture.md): tests live in each project's
// test/ folder, mirroring src/ (one placement, kept by tools/lint/test-placement.test.ts).
export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'apps/*/test/**/*.test.ts', 'tools/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    // Hang guards, not speed checks: CI must pass with another job using both cores, where
    // a test that trains a model can take several times as long as on a quiet machine.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
});
