/** Run the CLI in-process and capture what it writes (faster than spawning node). */
import { vi } from 'vitest';
import { runCli } from '../src/cli.js';

/** Exit code and captured output of one CLI invocation. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `seqlab ...args` with stdout/stderr captured. */
export async function seqlab(...args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await runCli(['node', 'seqlab', ...args]);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}
