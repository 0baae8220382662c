/**
 * One engine cell in its own process: a fresh heap and a fresh tfjs per cell, so one
 * engine's memory pools, JIT state or crash cannot touch another's numbers.
 */
import { spawn } from 'node:child_process';

/** What a finished child left behind. */
export interface ChildResult {
  /** Exit code; `null` when it was killed (see `timedOut`). */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  readonly ms: number;
}

/** Run `command args` in `cwd`, killing it (only it) after `timeoutMs`. Never rejects. */
export function runChild(
  command: string,
  args: readonly string[],
  opts: { readonly cwd: string; readonly timeoutMs: number },
): Promise<ChildResult> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const child = spawn(command, [...args], { cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs);
    const done = (code: number | null, extra = ''): void => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr: stderr + extra, timedOut, ms: performance.now() - t0 });
    };
    child.on('error', (e) => done(null, `\n${e.message}`));
    child.on('close', (code) => done(code));
  });
}

/** The last non-empty line of a child's stderr, for a table note. */
export function lastLine(text: string): string {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  return lines[lines.length - 1] ?? '';
}

const TIMED_OUT = 'timed out after';

/** Whether a {@link childFailure} message says the child was killed for time. */
export const isTimeout = (message: string): boolean => message.startsWith(TIMED_OUT);

/** Why a child produced no result, in one line. */
export function childFailure(r: ChildResult, timeoutMs: number): string {
  if (r.timedOut) return `${TIMED_OUT} ${Math.round(timeoutMs / 1000)} s`;
  const why = lastLine(r.stderr);
  return `exit ${r.code ?? 'signal'}${why ? `: ${why}` : ''}`;
}
