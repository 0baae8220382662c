import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { format } from '../src/format.js';
import { tokenize } from '../src/lexer.js';
import { parse } from '../src/parse.js';
import { stripSpans } from '../src/strip-spans.js';
import { FIXTURES } from './fixtures.js';
import { seqProgram } from './seq-arbitrary.js';

const RUNS = 300;

/** Nothing throws, a Program always comes back, every diagnostic lies inside the text. */
function robust(text: string): void {
  const t = tokenize(text);
  for (const tok of t.tokens) expect(text.slice(tok.start, tok.end)).toBe(tok.text);
  const { program, diagnostics } = parse(text, 'p.seq');
  expect(program.kind).toBe('Program');
  for (const d of [...diagnostics, ...t.diagnostics]) {
    expect(d.span.start).toBeGreaterThanOrEqual(0);
    expect(d.span.end).toBeGreaterThanOrEqual(d.span.start);
    expect(d.span.end).toBeLessThanOrEqual(text.length);
    expect(d.code).toMatch(/^SEQ1\d{3}$/);
  }
  const f = format(text, 'p.seq');
  expect(f.text === undefined).toBe(diagnostics.length > 0);
}

const alphabet = [...'abcxyzBT019_.:,;()[]{}<>=+-*/@|#" \n\t\\$~e'];
const words = [
  'model',
  'cell',
  'train',
  'on',
  'input',
  'output',
  'param',
  'state',
  'emit',
  'import',
  'int',
];

describe('property: robustness', () => {
  it('random strings over the language alphabet', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(fc.constantFrom(...alphabet), fc.constantFrom(...words.map((w) => ` ${w} `))),
          {
            maxLength: 120,
          },
        ),
        (parts) => robust(parts.join('')),
      ),
      { numRuns: RUNS },
    );
  });

  it('random unicode strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (s) => robust(s)),
      { numRuns: RUNS },
    );
  });

  const sources = Object.values(FIXTURES);
  const mutation = fc.tuple(
    fc.constantFrom('delete', 'insert', 'duplicate', 'swap', 'deleteChar', 'insertChar'),
    fc.nat(),
    fc.constantFrom(...alphabet, ...words, '|>', '->', '}', '{', ')', '"open'),
  );

  it('random token and character mutations of valid sources', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...sources),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (source, ops) => {
          let text = source;
          for (const [op, n, piece] of ops) {
            const toks = tokenize(text).tokens;
            const t = toks[n % Math.max(1, toks.length)];
            const c = n % Math.max(1, text.length);
            if (op === 'deleteChar') text = text.slice(0, c) + text.slice(c + 1);
            else if (op === 'insertChar') text = text.slice(0, c) + piece + text.slice(c);
            else if (!t) text += piece;
            else if (op === 'delete') text = text.slice(0, t.start) + text.slice(t.end);
            else if (op === 'insert')
              text = `${text.slice(0, t.start)}${piece} ${text.slice(t.start)}`;
            else if (op === 'duplicate')
              text = text.slice(0, t.end) + ` ${t.text}` + text.slice(t.end);
            else {
              const u = toks[(n % toks.length) + 1];
              if (u) text = `${text.slice(0, t.start)}${u.text} ${t.text}${text.slice(u.end)}`;
            }
          }
          robust(text);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('property: formatting valid programs', () => {
  it('generated programs parse cleanly; format is idempotent and keeps the AST and comments', () => {
    fc.assert(
      fc.property(seqProgram, (text) => {
        const before = parse(text, 'g.seq');
        expect(before.diagnostics).toEqual([]);
        const once = format(text, 'g.seq').text;
        if (once === undefined) throw new Error('formatter refused a valid program');
        const after = parse(once, 'g.seq');
        expect(after.diagnostics).toEqual([]);
        expect(stripSpans(after.program)).toEqual(stripSpans(before.program));
        expect(format(once, 'g.seq').text).toBe(once);
      }),
      { numRuns: RUNS },
    );
  });
});
