/**
 * `--threads`: wasm's threaded build in Node (packages/backend-node, wasm-threads.ts). Each
 * run is its own process (tfjs starts its wasm module once per process), run from the
 * sources with tsx as train-kill.test.ts does. Two threads must give the same weights, byte
 * for byte, as one (XNNPACK splits a product by output tiles; each sum keeps its order), and
 * the process must exit by itself once training ends (the pool's workers are unref'd).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AUTO_THREADS_MIN_MACS, parseThreads, resolveThreads } from '../src/io/threads-option.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const names = join(root, 'examples', 'names.seq');
const dir = mkdtempSync(join(tmpdir(), 'seqlab-threads-'));
const COMMON = ['--limit', '320', '--batch', '32', '--epochs', '1', '--backend', 'wasm'];

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `seqlab train names.seq …` in a process of its own. */
function train(threads: string, out: string): Promise<Exit> {
  const cli = ['--import', 'tsx', join(root, 'apps/cli/src/main.ts')];
  const args = [...COMMON, '--threads', threads, '--out', out];
  const child = spawn(process.execPath, [...cli, 'train', names, ...args], { cwd: root });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

const weights = (run: string): string =>
  readFileSync(join(run, 'weights.safetensors')).toString('base64');

describe('--threads', () => {
  it('two threads train the same weights as one, say so, and exit', async () => {
    const [one, two] = await Promise.all([
      train('1', join(dir, 'one')),
      train('2', join(dir, 'two')),
    ]);
    expect(one.code, one.stderr).toBe(0);
    expect(two.code, two.stderr).toBe(0);
    expect(one.stdout + one.stderr).toMatch(/backend wasm \|/);
    expect(two.stdout + two.stderr).toContain('backend wasm (2 threads)');
    expect(weights(join(dir, 'two'))).toBe(weights(join(dir, 'one')));
  }, 300_000);

  it('parses a count or auto, with a usage error otherwise', () => {
    expect(parseThreads(undefined)).toBe('auto');
    expect(parseThreads('auto')).toBe('auto');
    expect(parseThreads('3')).toBe(3);
    expect(() => parseThreads('0')).toThrow(/--threads 0: give a whole number >= 1/);
    expect(() => parseThreads('two')).toThrow(/--threads two/);
    expect(() => parseThreads('99')).toThrow(/at most 8/);
  });

  it('auto takes two threads only for products large enough to gain', () => {
    expect(resolveThreads('auto', AUTO_THREADS_MIN_MACS / 4)).toBe(1);
    expect(resolveThreads('auto', AUTO_THREADS_MIN_MACS * 4)).toBe(2);
    expect(resolveThreads(3, 0)).toBe(3);
  });
});
