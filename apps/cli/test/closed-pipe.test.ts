/**
 * `seqlab fmt --help | head -1` once ended with `internal error (Error: write EPIPE)`: a
 * reader that closes its end of the pipe is not a bug. A real `seqlab` process (run from the
 * sources with tsx, as train-kill.test.ts does) writes into a pipe whose reader is gone and
 * must end quietly with exit 0, as Unix tools do.
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const cli = ['--import', 'tsx', join(root, 'apps/cli/src/main.ts')];

interface Ended {
  code: number | null;
  stderr: string;
  /** Bytes the reader took before it closed the pipe. */
  read: number;
}

/**
 * Run `seqlab ...args` with stdout piped into a reader that closes the pipe after its first
 * chunk, or (`closeAtOnce`) before the process has written anything, so every write fails.
 */
function closedPipe(args: readonly string[], closeAtOnce: boolean): Promise<Ended> {
  const child = spawn(process.execPath, [...cli, ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let read = 0;
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  // Closing our end of the pipe: the child's next write gets EPIPE.
  if (closeAtOnce) child.stdout.destroy();
  else
    child.stdout.once('data', (d: Buffer) => {
      read = d.length;
      child.stdout.destroy();
    });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr, read })));
}

// Concurrent: each case is a process start (seconds under tsx on a busy machine).
describe.concurrent('a closed stdout ends seqlab quietly', () => {
  it.each([[['fmt', '--help']], [['graph', 'examples/names.seq', '--format', 'dot']]])(
    'seqlab %j into a pipe closed before the first write: exit 0, no error',
    async (args) => {
      const r = await closedPipe(args, true);
      expect(r.stderr).not.toContain('internal error');
      expect(r.stderr).not.toContain('EPIPE');
      expect(r.code).toBe(0);
    },
    60_000,
  );

  it('seqlab data --json (20 kB) into a reader that takes one chunk and closes', async () => {
    const r = await closedPipe(['data', 'examples/data/alice.txt', '--json'], false);
    expect(r.read).toBeGreaterThan(0);
    expect(r.stderr).not.toContain('internal error');
    expect(r.code).toBe(0);
  }, 60_000);
});
