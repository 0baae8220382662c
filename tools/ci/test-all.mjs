#!/usr/bin/env node
/**
 * `npm test`: every suite runs and reports, even when an earlier one fails.
 *
 * Chaining the suites with `&&` hid failures: a red unit test meant the playground's e2e
 * tests never ran, so one run could not tell how many suites were broken. Each suite here is
 * a child process with inherited output; a table at the end names each suite's result and
 * the exit code is 1 when any failed.
 *
 * `node tools/ci/test-all.mjs lint unit` runs only the named suites.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The suites, in the order a reader wants their results: cheap static checks first. */
const SUITES = [
  { name: 'lint', script: 'lint' },
  { name: 'typecheck', script: 'typecheck' },
  { name: 'unit', script: 'test:unit' },
  { name: 'e2e', script: 'test:e2e' },
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !SUITES.some((s) => s.name === w));
if (unknown.length > 0) {
  process.stderr.write(
    `test-all: unknown suite ${unknown.join(', ')} (known: ${SUITES.map((s) => s.name).join(', ')})\n`,
  );
  process.exit(2);
}
const chosen = wanted.length > 0 ? SUITES.filter((s) => wanted.includes(s.name)) : SUITES;

const results = [];
for (const suite of chosen) {
  process.stdout.write(`\n=== ${suite.name}: npm run ${suite.script}\n`);
  const started = Date.now();
  const run = spawnSync('npm', ['run', suite.script], { cwd: root, stdio: 'inherit' });
  const seconds = (Date.now() - started) / 1000;
  const ok = run.status === 0;
  const why = run.error
    ? run.error.message
    : run.signal
      ? `signal ${run.signal}`
      : `exit ${run.status}`;
  results.push({ name: suite.name, ok, seconds, why });
}

const width = Math.max(...results.map((r) => r.name.length));
process.stdout.write('\n=== summary\n');
for (const r of results) {
  const state = r.ok ? 'passed' : `FAILED (${r.why})`;
  process.stdout.write(`${r.name.padEnd(width)}  ${state.padEnd(16)} ${r.seconds.toFixed(0)} s\n`);
}
const failed = results.filter((r) => !r.ok);
process.stdout.write(
  failed.length === 0
    ? `all ${results.length} suites passed\n`
    : `${failed.length} of ${results.length} suites failed: ${failed.map((r) => r.name).join(', ')}\n`,
);
process.exit(failed.length === 0 ? 0 : 1);
