import { describe, expect, it } from 'vitest';
import { tokenize } from '../src/lexer.js';

const kinds = (text: string): string[] => tokenize(text).tokens.map((t) => `${t.type}:${t.text}`);

describe('tokenize', () => {
  it('classifies every token for highlighting, comments included', () => {
    expect(kinds('model A(h = 64) { # hi\n  x |> f -> y }')).toEqual([
      'keyword:model',
      'identifier:A',
      'punctuation:(',
      'identifier:h',
      'operator:=',
      'number:64',
      'punctuation:)',
      'punctuation:{',
      'comment:# hi',
      'identifier:x',
      'operator:|>',
      'identifier:f',
      'operator:->',
      'identifier:y',
      'punctuation:}',
    ]);
  });

  it('tells keywords from identifiers that start with one', () => {
    expect(kinds('input int inputs integer in models state_h true truex')).toEqual([
      'keyword:input',
      'keyword:int',
      'identifier:inputs',
      'identifier:integer',
      'identifier:in',
      'identifier:models',
      'identifier:state_h',
      'keyword:true',
      'identifier:truex',
    ]);
  });

  it('lexes numbers, strings and every operator', () => {
    expect(kinds('64 0.5 3e-3 1.0e+2 "a\\"b" < + - * / @ : , . ; [ ]')).toEqual([
      'number:64',
      'number:0.5',
      'number:3e-3',
      'number:1.0e+2',
      'string:"a\\"b"',
      'operator:<',
      'operator:+',
      'operator:-',
      'operator:*',
      'operator:/',
      'operator:@',
      'punctuation::',
      'punctuation:,',
      'punctuation:.',
      'punctuation:;',
      'punctuation:[',
      'punctuation:]',
    ]);
  });

  it('gives half-open offsets and trims trailing blanks off comments', () => {
    const text = 'a  # note   \nb';
    const { tokens } = tokenize(text);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
    expect(tokens[1]?.text).toBe('# note');
  });

  it('reports lexical errors with codes and spans, and keeps going', () => {
    const text = 'x $ 1.2.3 "a\\q" 3e "open';
    const { tokens, diagnostics } = tokenize(text, 'f.seq');
    expect(diagnostics.map((d) => [d.code, text.slice(d.span.start, d.span.end)])).toEqual([
      ['SEQ1001', '$'],
      ['SEQ1003', '1.2.3'],
      ['SEQ1004', '\\q'],
      ['SEQ1003', '3e'],
      ['SEQ1002', '"open'],
    ]);
    expect(diagnostics.every((d) => d.span.file === 'f.seq' && d.severity === 'error')).toBe(true);
    expect(tokens.map((t) => t.type)).toEqual([
      'identifier',
      'number',
      'string',
      'number',
      'string',
    ]);
  });
});
