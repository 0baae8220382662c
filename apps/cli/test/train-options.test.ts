import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/io/files.js';
import { checkResumeFlags, parseCheckpointEvery } from '../src/training/train-options.js';

describe('--checkpoint-every', () => {
  it('takes steps or a time, and defaults to five minutes', () => {
    expect(parseCheckpointEvery('500')).toEqual({ kind: 'steps', steps: 500 });
    expect(parseCheckpointEvery('30s')).toEqual({ kind: 'time', seconds: 30 });
    expect(parseCheckpointEvery('1.5m')).toEqual({ kind: 'time', seconds: 90 });
    expect(parseCheckpointEvery('2h')).toEqual({ kind: 'time', seconds: 7200 });
    expect(parseCheckpointEvery()).toEqual({ kind: 'time', seconds: 300 });
  });

  it.each(['0', '-3', '2.5', 'often', '0m', '5 min', ''])('refuses %j', (v) => {
    expect(() => parseCheckpointEvery(v)).toThrow(UsageError);
  });
});

describe('--resume', () => {
  it('refuses a FILE and the flags that would change the run', () => {
    expect(() => checkResumeFlags('a.seq', { resume: 'r' })).toThrow(/either FILE or --resume/);
    expect(() => checkResumeFlags(undefined, { resume: 'r', force: true })).toThrow(/--force/);
    expect(() => checkResumeFlags(undefined, { resume: 'r', limit: '5', set: ['h=1'] })).toThrow(
      /--set, --limit cannot change/,
    );
    expect(() =>
      checkResumeFlags(undefined, { resume: 'r', epochs: '9', backend: 'cpu', stopAtStep: '3' }),
    ).not.toThrow();
  });
});
