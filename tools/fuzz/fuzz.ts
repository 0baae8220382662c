/**
 * The long fuzz run: `npx tsx tools/fuzz/fuzz.ts --count 100000 [--seed 1] [--out DIR]`.
 * Each case runs in a worker thread watched by a timer, so a hang is caught too. Reports
 * every exception, every source on which one entry point (check, compile or format, as one
 * command runs it) takes over 2 s, and every hang (30 s), and saves each
 * such input to DIR (default: seqlab-fuzz-failures in the temporary folder) as `<seed>-<kind>.seq` (imports beside it).
 * Exit code 1 when anything was found. Replay one case with `--seed N --count 1`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker, isMainThread, parentPort } from 'node:worker_threads';
import { fuzzCase } from './cases.js';
import { runCase } from './property.js';

// The worker runs this same TypeScript file: it registers tsx's loader first, as Node 20
// does not pass loader hooks on to workers.
const WORKER_SOURCE = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); })`;
const newWorker = (): Worker => new Worker(WORKER_SOURCE, { eval: true });
const SLOW_MS = 2000;
const HANG_MS = 30_000;

interface Reply {
  readonly seed: number;
  /** The slowest entry point (check, compile or format) on the case, and its time. */
  readonly ms: number;
  readonly stage: string;
  readonly error?: string;
}

if (!isMainThread) {
  parentPort?.on('message', (seed: number) => {
    const c = fuzzCase(seed);
    let reply: Reply;
    try {
      const { ms, stage } = runCase(c);
      reply = { seed, ms, stage };
    } catch (e) {
      reply = {
        seed,
        ms: 0,
        stage: '',
        error: e instanceof Error ? (e.stack ?? e.message) : String(e),
      };
    }
    parentPort?.postMessage(reply);
  });
} else {
  await main();
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

function save(out: string, seed: number, why: string): void {
  const c = fuzzCase(seed);
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, `${seed}-${c.kind}.seq`), c.text);
  for (const [name, text] of Object.entries(c.files)) {
    writeFileSync(join(out, `${seed}-${name}`), text);
  }
  writeFileSync(join(out, `${seed}-${c.kind}.txt`), `${why}\n`);
}

async function main(): Promise<void> {
  const count = Number(arg('count', '1000'));
  const first = Number(arg('seed', '1'));
  const out = arg('out', join(tmpdir(), 'seqlab-fuzz-failures'));
  const start = performance.now();
  let worker = newWorker();
  const found: string[] = [];
  let slowest = { seed: first, ms: 0, stage: '' };
  for (let seed = first; seed < first + count; seed++) {
    const reply = await new Promise<Reply | undefined>((resolve) => {
      const timer = setTimeout(() => resolve(undefined), HANG_MS);
      worker.once('message', (r: Reply) => {
        clearTimeout(timer);
        resolve(r);
      });
      worker.postMessage(seed);
    });
    if (!reply) {
      found.push(`seed ${seed}: no answer after ${HANG_MS / 1000} s (hang)`);
      save(out, seed, 'hang');
      await worker.terminate();
      worker = newWorker();
      continue;
    }
    if (reply.ms > slowest.ms) slowest = { seed, ms: reply.ms, stage: reply.stage };
    if (reply.error) {
      found.push(`seed ${seed}: ${reply.error.split('\n')[0] ?? ''}`);
      save(out, seed, reply.error);
    } else if (reply.ms > SLOW_MS) {
      found.push(`seed ${seed}: ${reply.stage} took ${(reply.ms / 1000).toFixed(1)} s`);
      save(out, seed, `${reply.stage} took ${reply.ms.toFixed(0)} ms`);
    }
    const done = seed - first + 1;
    if (done % 5000 === 0 || done === count) {
      const secs = ((performance.now() - start) / 1000).toFixed(0);
      process.stdout.write(`${done}/${count} cases, ${found.length} found, ${secs} s\n`);
    }
  }
  await worker.terminate();
  process.stdout.write(
    `slowest: seed ${slowest.seed}, ${slowest.stage} in ${slowest.ms.toFixed(0)} ms\n` +
      (found.length ? `${found.join('\n')}\nsaved to ${out}/\n` : 'nothing found\n'),
  );
  process.exitCode = found.length ? 1 : 0;
}
