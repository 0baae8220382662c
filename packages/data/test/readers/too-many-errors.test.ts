/**
 * A reader lists at most MAX_ERRORS problems, then one note (SEQ6024) counting the rest.
 * Readers stop early once full, so the note is tested on the collector they share.
 */
import { describe, expect, it } from 'vitest';
import { DataCodes } from '../../src/index.js';
import { MAX_ERRORS } from '../../src/readers/options.js';
import { Problems } from '../../src/readers/problems.js';
import { splitLines } from '../../src/text-lines.js';

describe('too many problems in one file', () => {
  it('keeps the first MAX_ERRORS problems and closes with a note counting the others', () => {
    const problems = new Problems('bad.csv');
    const lines = splitLines('pos,abc\n'.repeat(MAX_ERRORS + 10));
    for (const line of lines) problems.add(DataCodes.notANumber, line, 'step 1: not a number');
    const diagnostics = problems.result();
    expect(diagnostics).toHaveLength(MAX_ERRORS + 1);
    expect(diagnostics[MAX_ERRORS]).toMatchObject({
      code: DataCodes.tooManyErrors,
      severity: 'note',
      message: '10 more problems not shown',
    });
    expect(diagnostics.slice(0, MAX_ERRORS).every((d) => d.severity === 'error')).toBe(true);
  });
});
