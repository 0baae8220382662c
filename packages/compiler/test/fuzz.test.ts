/** Nothing a user types may crash the compiler: random and mutated sources give diagnostics. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check } from '../src/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const seeds = readdirSync(join(root, 'examples'))
  .filter((f) => f.endsWith('.seq'))
  .map((f) => readFileSync(join(root, 'examples', f), 'utf8'));

const TOKENS = [
  '|>',
  '->',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '=',
  ',',
  ':',
  '@',
  '*',
  '.',
  'x',
  'h',
  '64',
  'model',
  'cell',
  'input',
  'output',
  'param',
  'state',
  'emit',
  'rnn(8)',
  'lstm',
  'split(',
  'int <',
  '\n',
  '#',
];

/** A mutation: delete, insert a token, or duplicate a slice, at a position. */
const mutation = fc.oneof(
  fc.record({
    kind: fc.constant('delete' as const),
    at: fc.nat(),
    len: fc.integer({ min: 1, max: 8 }),
  }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    tok: fc.constantFrom(...TOKENS),
  }),
  fc.record({
    kind: fc.constant('dup' as const),
    at: fc.nat(),
    len: fc.integer({ min: 1, max: 30 }),
  }),
);

interface Mutation {
  readonly kind: 'delete' | 'insert' | 'dup';
  readonly at: number;
  readonly len?: number;
  readonly tok?: string;
}

function mutate(src: string, ms: readonly Mutation[]): string {
  let s = src;
  for (const m of ms) {
    const at = s.length === 0 ? 0 : m.at % s.length;
    if (m.kind === 'delete') s = s.slice(0, at) + s.slice(at + (m.len ?? 1));
    else if (m.kind === 'insert') s = s.slice(0, at) + ` ${m.tok ?? ''} ` + s.slice(at);
    else s = s.slice(0, at) + s.slice(at, at + (m.len ?? 1)) + s.slice(at);
  }
  return s;
}

function assertWellFormed(text: string): void {
  const r = check(text, { file: 'fuzz.seq' });
  for (const d of r.diagnostics) {
    expect(d.span.start).toBeGreaterThanOrEqual(0);
    expect(d.span.end).toBeLessThanOrEqual(text.length);
    expect(d.code).toMatch(/^SEQ\d{4}$/);
  }
}

describe('compiler robustness', () => {
  it('mutated examples never throw', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...seeds),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (src, ms) => {
          assertWellFormed(mutate(src, ms));
        },
      ),
      { numRuns: 300, seed: 42 },
    );
  });

  it('random strings never throw', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => assertWellFormed(s)),
      { numRuns: 200, seed: 7 },
    );
  });

  it('random token soup never throws', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }), (toks) =>
        assertWellFormed(toks.join(' ')),
      ),
      { numRuns: 200, seed: 11 },
    );
  });
});
