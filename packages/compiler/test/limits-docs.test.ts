/** docs/language.md's "Limits" table states the limits the code enforces. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  MAX_EXPRESSION_DEPTH,
  MAX_NESTING,
  MAX_SOURCE_CHARS,
  MAX_SYNTAX_ERRORS,
  MAX_TOKENS,
} from '@seqlab/syntax';
import { MAX_LAYERS, MAX_PARAMETERS, MAX_SIZE } from '../src/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const doc = readFileSync(join(root, 'docs', 'language.md'), 'utf8');
const limits = doc.slice(doc.indexOf('## Limits'));
const n = (x: number): string => x.toLocaleString('en-US');

describe('documented limits', () => {
  it.each([
    [MAX_NESTING, 'SEQ1108'],
    [MAX_EXPRESSION_DEPTH, 'SEQ1109'],
    [MAX_SYNTAX_ERRORS, 'SEQ1110'],
    [MAX_SIZE, 'SEQ3021'],
    [MAX_LAYERS, 'SEQ3021'],
    [MAX_PARAMETERS, 'SEQ3022'],
  ])('%d (%s)', (value, code) => {
    expect(limits).toMatch(new RegExp(`\\| ${n(value)} \\| ${code} \\|`));
  });

  it('file size', () => {
    expect(limits).toContain(`| ${n(MAX_SOURCE_CHARS)}; ${n(MAX_TOKENS)} | SEQ1111 |`);
  });
});
