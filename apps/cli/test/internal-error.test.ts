/**
 * A bug in seqlab (here: the compiler throwing, as a stack overflow once did) exits with
 * code 70 and one line naming the command to report, never a stack unless SEQLAB_DEBUG=1.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as Compiler from '@seqlab/compiler';
import { reportInternalError } from '../src/output/internal-error.js';
import { seqlab } from './run-cli.js';

vi.mock('@seqlab/compiler', async (importOriginal) => ({
  ...(await importOriginal<typeof Compiler>()),
  check: () => {
    throw new RangeError('Maximum call stack size exceeded');
  },
}));

const file = join(mkdtempSync(join(tmpdir(), 'seqlab-bug-')), 'm.seq');
writeFileSync(file, 'model M {\n  input x: [B, T, 4]\n  x |> relu -> y\n  output y\n}\n');

describe('internal errors', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('exit 70, one line with the command to report, no stack', async () => {
    vi.stubEnv('SEQLAB_DEBUG', '');
    const r = await seqlab('check', file);
    expect(r.code).toBe(70);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('internal error (RangeError: Maximum call stack size exceeded)');
    expect(r.stderr).toContain(`\`seqlab check ${file}\``);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('SEQLAB_DEBUG=1 adds the stack', async () => {
    vi.stubEnv('SEQLAB_DEBUG', '1');
    const r = await seqlab('check', file);
    expect(r.code).toBe(70);
    expect(r.stderr).toMatch(/\n\s+at /);
  });

  it('quotes arguments for the shell', () => {
    let out = '';
    const code = reportInternalError(
      new Error('boom'),
      ['node', 'seqlab', 'check', "it's here.seq", '--set', 'a=1'],
      { write: (s: string) => (out += s) },
      {},
    );
    expect(code).toBe(70);
    expect(out).toContain("`seqlab check 'it'\\''s here.seq' --set a=1`");
  });
});
