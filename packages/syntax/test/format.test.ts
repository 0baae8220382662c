import { describe, expect, it } from 'vitest';
import { format } from '../src/format.js';
import { parse } from '../src/parse.js';
import { stripSpans } from '../src/strip-spans.js';
import { FIXTURES } from './fixtures.js';

function fmt(text: string): string {
  const r = format(text, 't.seq');
  expect(r.diagnostics).toEqual([]);
  if (r.text === undefined) throw new Error('formatter refused');
  return r.text;
}

const commentTexts = (text: string): string[] =>
  parse(text, 't.seq').program.comments.map((c) => c.text);

describe('format: canonical layout', () => {
  it('turns messy whitespace into the canonical text', () => {
    const messy = `import   "a.seq"
import "b.seq"
model   NameGender( hidden=64 ,classes = 2 ){
      input name:[B,T]int<30
  input f : [ B , T , 4 ]   float



  h=name|>embed( 32 )|>gru(hidden,layers=2,bidirectional=true) ; output h
 }
cell Elman(hidden){param W_xh:[hidden,in]=uniform(-0.1,0.1)
state h:[hidden]=zeros
h=tanh(W_xh@x+((W_hh@h))+b_h)
a,b=split(v,2);emit-h*2}
train NameGender on "names"{optimizer=adam(lr=3e-3);metrics=[accuracy,"f1"]}`;
    expect(fmt(messy)).toBe(`import "a.seq"
import "b.seq"

model NameGender(hidden = 64, classes = 2) {
  input name: [B, T] int < 30
  input f: [B, T, 4] float

  h = name |> embed(32) |> gru(hidden, layers = 2, bidirectional = true)
  output h
}

cell Elman(hidden) {
  param W_xh: [hidden, in] = uniform(-0.1, 0.1)
  state h: [hidden] = zeros
  h = tanh(W_xh @ x + W_hh @ h + b_h)
  a, b = split(v, 2)
  emit -h * 2
}

train NameGender on "names" {
  optimizer = adam(lr = 3e-3)
  metrics = [accuracy, "f1"]
}
`);
  });

  it('keeps only the parentheses precedence needs', () => {
    const cases: [string, string][] = [
      ['(a + b) * c', '(a + b) * c'],
      ['a + (b * c)', 'a + b * c'],
      ['a - (b - c)', 'a - (b - c)'],
      ['(a - b) - c', 'a - b - c'],
      ['((a))', 'a'],
      ['-(a + b)', '-(a + b)'],
      ['(-a).h', '(-a).h'],
      ['(a + b)[0:2]', '(a + b)[0:2]'],
      ['(x |> f) + y', '(x |> f) + y'],
      ['(x |> f) |> g', 'x |> f |> g'],
      ['a |> (f)', 'a |> f'],
      ['g[(hidden):(2 * hidden)]', 'g[hidden:2 * hidden]'],
      ['f(a = (x |> g))', 'f(a = x |> g)'],
      ['(3).h', '(3).h'],
    ];
    for (const [src, want] of cases) {
      expect(fmt(`model M {\n  y = ${src}\n}`)).toBe(`model M {\n  y = ${want}\n}\n`);
    }
  });

  it('round-trips a reader call in a train block', () => {
    const src = 'train S on csv( "a b.csv",unit="words" ,max_len=100,lowercase=true ){epochs=1}';
    const out = fmt(src);
    expect(out).toBe(
      'train S on csv("a b.csv", unit = "words", max_len = 100, lowercase = true) {\n  epochs = 1\n}\n',
    );
    expect(fmt(out)).toBe(out);
    expect(stripSpans(parse(out, 't.seq').program)).toEqual(
      stripSpans(parse(src, 't.seq').program),
    );
    expect(fmt('train N on names {}')).toBe('train N on names {}\n');
  });

  it('keeps numbers as written and re-escapes strings', () => {
    expect(fmt('train A on "x\\"y" {\n  lr = 3E-03\n  s = "a\\\\b\\nc"\n}')).toBe(
      'train A on "x\\"y" {\n  lr = 3E-03\n  s = "a\\\\b\\nc"\n}\n',
    );
  });

  it('protects a statement that starts with `-` from joining the line above', () => {
    const out = fmt('model A { y = b; -x + 1 -> z }');
    expect(out).toBe('model A {\n  y = b\n  (-x + 1) -> z\n}\n');
    expect(stripSpans(parse(out, 't.seq').program)).toEqual(
      stripSpans(parse('model A { y = b; -x + 1 -> z }', 't.seq').program),
    );
  });

  it('refuses a file with syntax errors and returns the diagnostics', () => {
    const r = format('model A {\n  x |> -> y\n}');
    expect(r.text).toBeUndefined();
    expect(r.diagnostics.map((d) => d.code)).toEqual(['SEQ1101']);
  });

  it('prints an empty file as empty and an empty block on one line', () => {
    expect(fmt('')).toBe('');
    expect(fmt('  \n\n')).toBe('');
    expect(fmt('model A {\n\n}')).toBe('model A {}\n');
  });
});

describe('format: comments', () => {
  it('keeps own-line, end-of-line, after-brace and end-of-block comments in place', () => {
    const src = `# file header

model A { # after brace
  # before input
  input x: [B] # eol

  # before arrow
  x |> f -> y
  # end of block
} # after close
# before B
model B {}
# end of file
`;
    expect(fmt(src)).toBe(`# file header

model A {  # after brace
  # before input
  input x: [B]  # eol

  # before arrow
  x |> f -> y
  # end of block
}  # after close

# before B
model B {}

# end of file
`);
  });

  it('moves comments inside a statement or header to their own lines before it', () => {
    const src = `model A(h = 1, # width
        n = 2) {
  x |> f(1, # first
         2)
    |> g -> y   # result
}
`;
    expect(fmt(src)).toBe(`# width
model A(h = 1, n = 2) {
  # first
  x |> f(1, 2)
    |> g -> y  # result
}
`);
  });

  it('keeps line breaks before |> and comments at the end of pipeline lines', () => {
    const src = `model A {
  x |> conv1d(8, 3) |> relu    # local patterns
      |> mean_over_time     # one vector per sequence
  # the classifier
      |> dense(2) -> y
}
`;
    const once = fmt(src);
    // A comment on a line of its own inside the statement moves before it.
    expect(once).toBe(`model A {
  # the classifier
  x |> conv1d(8, 3) |> relu  # local patterns
    |> mean_over_time  # one vector per sequence
    |> dense(2) -> y
}
`);
    expect(fmt(once)).toBe(once);
  });

  it('keeps at most one blank line between statements and none at block edges', () => {
    expect(fmt('model A {\n\n\n  input x: [B]\n\n\n\n  output x\n\n}')).toBe(
      'model A {\n  input x: [B]\n\n  output x\n}\n',
    );
  });
});

describe('format: fixtures', () => {
  for (const [name, text] of Object.entries(FIXTURES)) {
    it(`${name}: idempotent, same AST, every comment kept`, () => {
      const once = fmt(text);
      expect(fmt(once)).toBe(once);
      expect(stripSpans(parse(once, name).program)).toEqual(stripSpans(parse(text, name).program));
      expect(commentTexts(once)).toEqual(commentTexts(text));
      expect(commentTexts(text).length).toBeGreaterThan(2);
      for (const line of once.split('\n')) expect(line).not.toMatch(/\s$/);
    });
  }

  it('names.seq formats to its canonical form', () => {
    const text = FIXTURES['names.seq'] ?? '';
    const once = fmt(text);
    expect(once).toContain('  input name: [B, T] int < 30  # token ids\n');
    expect(once).toContain('}\n\ncell Elman(hidden) {\n');
    expect(once).toContain(
      '  tgt |> embed(64) |> lstm(h, init = enc.state) |> dense(50) -> logits\n',
    );
  });
});
