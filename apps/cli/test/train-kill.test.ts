/**
 * `kill -9` in the middle of an epoch: a real `seqlab train` process (run from the sources
 * with tsx) checkpoints every 3 steps and is killed with SIGKILL once its first mid-epoch
 * checkpoint is on disk, possibly while it writes the next one. `--resume` then continues
 * from the newest complete checkpoint and ends exactly where an uninterrupted run ends.
 * Nothing here depends on timing: the test waits for a file, and whichever checkpoint the
 * kill leaves, the comparison run is made to the same length.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { seqlab } from './run-cli.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const names = join(root, 'examples', 'names.seq');
const dir = mkdtempSync(join(tmpdir(), 'seqlab-kill-'));
// 20 steps per epoch; 50 epochs is far more than the test lets the process run.
const COMMON = ['--limit', '640', '--batch', '32', '--backend', 'cpu'];

interface Saved {
  epoch: number;
  batch: number;
  step: number;
}

/** The newest committed checkpoint of a run, if any. */
function latest(run: string): Saved | undefined {
  const root = join(run, 'checkpoints');
  if (!existsSync(root)) return undefined;
  const steps = readdirSync(root)
    .filter((n) => /^step-\d+$/.test(n) && existsSync(join(root, n, 'checkpoint.json')))
    .sort();
  const last = steps[steps.length - 1];
  if (last === undefined) return undefined;
  return JSON.parse(readFileSync(join(root, last, 'checkpoint.json'), 'utf8')) as Saved;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('train after kill -9', () => {
  it('resumes from the last checkpoint and equals the uninterrupted run', async () => {
    const out = join(dir, 'killed');
    const cli = ['--import', 'tsx', join(root, 'apps/cli/src/main.ts')];
    const args = [...COMMON, '--epochs', '50', '--out', out, '--checkpoint-every', '3'];
    const child = spawn(process.execPath, [...cli, 'train', names, ...args], {
      cwd: root,
      stdio: 'ignore',
    });
    let gone = false;
    const exited = new Promise<NodeJS.Signals | null>((r) =>
      child.on('exit', (_, signal) => {
        gone = true;
        r(signal);
      }),
    );
    let saved: Saved | undefined;
    while (!(saved = latest(out))?.batch) {
      if (gone) throw new Error('seqlab train ended before its first mid-epoch checkpoint');
      await sleep(50);
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const at = latest(out);
    expect(at?.step).toBeGreaterThanOrEqual(saved.step);
    expect((at?.step ?? 0) % 3 === 0 || at?.batch === 0).toBe(true);
    const epochs = String((at?.epoch ?? 0) + 1);
    const resumed = await seqlab('train', '--resume', out, '--epochs', epochs);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`resuming at step ${at?.step}`);
    expect(readdirSync(join(out, 'checkpoints'))).toHaveLength(1);

    const straight = join(dir, 'straight');
    const r = await seqlab('train', names, ...COMMON, '--epochs', epochs, '--out', straight);
    expect(r.code, r.stderr).toBe(0);
    const bytes = (run: string): string =>
      readFileSync(join(run, 'weights.safetensors')).toString('base64');
    expect(bytes(out)).toBe(bytes(straight));
    const losses = (run: string): number[] =>
      readFileSync(join(run, 'metrics.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { train_loss: number }).train_loss);
    expect(losses(out)).toEqual(losses(straight));
  }, 300_000);

  it('a run killed before its first checkpoint says how to start again', async () => {
    const out = join(dir, 'early');
    const r = await seqlab(
      'train',
      names,
      ...COMMON,
      '--epochs',
      '1',
      '--out',
      out,
      '--stop-at-step',
      '1',
    );
    expect(r.code, r.stderr).toBe(0);
    // What a kill before the first checkpoint leaves: the run's files, no checkpoint.
    rmSync(join(out, 'checkpoints'), { recursive: true });
    rmSync(join(out, 'weights.safetensors'));
    const resumed = await seqlab('train', '--resume', out);
    expect(resumed.code).toBe(2);
    expect(resumed.stderr).toContain(
      `no checkpoint yet (the run stopped before its first one): start again with seqlab train ${names} --out ${out} --force`,
    );
    const again = await seqlab(
      'train',
      names,
      ...COMMON,
      '--epochs',
      '1',
      '--out',
      out,
      '--force',
      '--stop-at-step',
      '1',
    );
    expect(again.code, again.stderr).toBe(0);
  }, 120_000);
});
