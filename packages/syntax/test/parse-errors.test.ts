import { SourceFile } from '@seqlab/diagnostics';
import type { Diagnostic } from '@seqlab/diagnostics';
import { describe, expect, it } from 'vitest';
import { parse } from '../src/parse.js';
import { SYNTAX_CODES } from '../src/codes.js';

function errors(text: string): { diagnostics: Diagnostic[]; at: (d: Diagnostic) => string } {
  const { diagnostics } = parse(text, 'e.seq');
  const src = new SourceFile('e.seq', text);
  const at = (d: Diagnostic): string => {
    const { line, col } = src.lineCol(d.span.start);
    return `${line}:${col} ${d.code}`;
  };
  return { diagnostics, at };
}

describe('error recovery', () => {
  it('reports three independent errors in three places, at the right lines', () => {
    const text = `model A {
  input x: [B, T, 4]
  x |> rnn(8 |> relu -> h
  output h
}
cell C(hidden) {
  param W: [hidden, in]
  h = tanh(W @ @ x)
  emit h
}
model B {
  input y: [B, T]
  y |> dense(2) -> z
  output z ,
}
`;
    const { diagnostics, at } = errors(text);
    expect(diagnostics.map(at)).toEqual(['3:22 SEQ1102', '8:16 SEQ1101', '15:1 SEQ1101']);
    expect(diagnostics[0]?.message).toBe('expected `)` to close the `(` but found `->`');
    expect(diagnostics[0]?.related?.[0]?.span.start).toBe(text.indexOf('rnn(') + 3);
    expect(diagnostics[1]?.message).toBe('expected an expression after `@` but found `@`');
    expect(diagnostics[2]?.message).toBe('expected a name but found `}`');
  });

  it('a missing `}` does not hide an unknown character three models later', () => {
    const text = `model A {
  input x: [B]
  x |> f -> y
model B {}
model C {}
model D {
  input q: [B] ~
}`;
    const { diagnostics, at } = errors(text);
    expect(diagnostics.map(at)).toEqual(['4:1 SEQ1102', '7:16 SEQ1001']);
    expect(diagnostics[0]?.message).toBe('expected `}` to close model `A` but found `model`');
    const { program } = parse(text, 'e.seq');
    expect(program.items.map((i) => i.kind === 'ModelDecl' && i.name.name)).toEqual([
      'A',
      'B',
      'C',
      'D',
    ]);
    // The unclosed model keeps its statements.
    expect(program.items[0]?.kind === 'ModelDecl' && program.items[0].body.length).toBe(2);
  });

  it('reports a missing `}` at the end of the file', () => {
    const { diagnostics } = errors('train A on names {\n  epochs = 10\n');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      code: 'SEQ1102',
      message: 'expected `}` to close train block `A` but found end of file',
    });
  });

  it('inserts a `)` forgotten at the end of a line and keeps the statement', () => {
    const text = 'model A {\n  y = f(x, 2\n  output y\n}';
    const { program, diagnostics } = parse(text, 'e.seq');
    expect(diagnostics.map((d) => d.code)).toEqual(['SEQ1102']);
    const m = program.items[0];
    expect(m?.kind === 'ModelDecl' && m.body.map((s) => s.kind)).toEqual([
      'AssignStmt',
      'OutputDecl',
    ]);
  });

  it('reports an unterminated string and goes on parsing', () => {
    const text = 'train A on "data.csv {\n  epochs = 10\n}\nmodel B { x -> }';
    const { diagnostics, at } = errors(text);
    expect(diagnostics.map(at)).toEqual(['1:12 SEQ1002', '4:16 SEQ1101']);
  });

  it('reports an unexpected character once, without a parse-error echo', () => {
    const { diagnostics, at } = errors('model A {\n  x |> $ -> y\n}');
    expect(diagnostics.map(at)).toEqual(['2:8 SEQ1001']);
    expect(diagnostics[0]?.message).toBe('unexpected character `$`');
  });

  it('reports unexpected end of file', () => {
    const { diagnostics } = errors('model A {\n  x = 1 +');
    expect(diagnostics[0]).toMatchObject({
      code: 'SEQ1103',
      message: 'unexpected end of file: expected an expression after `+`',
    });
  });

  it('checks pipe right sides, assignment targets and statement placement', () => {
    const text = `model A {
  x |> 3 -> y
  x |> f + y -> z
  a + b = c
  emit a
  a, b -> c
}
cell C {
  input x: [B]
  x -> y
}
train A on d { a, b = 1 }`;
    const { diagnostics, at } = errors(text);
    expect(diagnostics.map(at)).toEqual([
      '2:8 SEQ1104',
      '3:8 SEQ1104',
      '4:3 SEQ1105',
      '5:3 SEQ1106',
      '6:6 SEQ1107',
      '9:3 SEQ1106',
      '10:3 SEQ1106',
      '12:16 SEQ1106',
    ]);
    expect(diagnostics[1]?.hint).toContain('(x |> f) + y');
    expect(diagnostics[3]?.message).toBe('`emit` is not allowed in a model');
  });

  it('reports stray tokens once per run and junk before the first item', () => {
    const { diagnostics, at } = errors('junk here\nmodel A {\n  ) ) ]\n  y = 1\n}\n}');
    expect(diagnostics.map(at)).toEqual(['1:1 SEQ1101', '3:3 SEQ1101', '6:1 SEQ1101']);
    expect(diagnostics[2]?.message).toBe('unexpected `}` after the end of model `A`');
  });

  it('never reports two diagnostics at one offset, and uses only catalogued codes', () => {
    const text = 'model { input : [ ; x |> |> -> }\ncell C( { emit }\ntrain on { = }';
    const { diagnostics } = errors(text);
    const starts = diagnostics.map((d) => d.span.start);
    expect(new Set(starts).size).toBe(starts.length);
    expect(diagnostics.length).toBeGreaterThan(2);
    for (const d of diagnostics) expect(Object.keys(SYNTAX_CODES)).toContain(d.code);
  });
});
