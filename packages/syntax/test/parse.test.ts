import { describe, expect, it } from 'vitest';
import type {
  ArrowStmt,
  AssignStmt,
  CellDecl,
  Expr,
  InputDecl,
  ModelDecl,
  Program,
  TopItem,
  TrainDecl,
} from '../src/ast.js';
import { parse } from '../src/parse.js';
import { printExpr } from '../src/print-expr.js';
import { stripSpans } from '../src/strip-spans.js';
import { FIXTURES } from './fixtures.js';

function ok(text: string): Program {
  const { program, diagnostics } = parse(text, 't.seq');
  expect(diagnostics).toEqual([]);
  return program;
}

function item<K extends TopItem['kind']>(
  p: Program,
  i: number,
  kind: K,
): Extract<TopItem, { kind: K }> {
  const it = p.items[i];
  if (it?.kind !== kind) throw new Error(`item ${i} is ${it?.kind}, not ${kind}`);
  return it as Extract<TopItem, { kind: K }>;
}

/** The value of `x = EXPR` inside `model M { ... }`. */
function exprOf(src: string): Expr {
  const m = item(ok(`model M {\n  x = ${src}\n}`), 0, 'ModelDecl');
  const s = m.body[0] as AssignStmt;
  expect(s.kind).toBe('AssignStmt');
  return s.value;
}

/** A fully parenthesised rendering, so tests state the tree shape compactly. */
function shape(e: Expr): string {
  switch (e.kind) {
    case 'BinaryExpr':
      return `(${shape(e.left)} ${e.op} ${shape(e.right)})`;
    case 'PipeExpr':
      return `(${shape(e.left)} |> ${shape(e.right)})`;
    case 'UnaryExpr':
      return `(-${shape(e.operand)})`;
    case 'MemberExpr':
      return `(${shape(e.object)}.${e.property.name})`;
    case 'IndexExpr':
      return `(${shape(e.object)}[${e.index.start ? shape(e.index.start) : ''}${e.index.isRange ? ':' : ''}${e.index.end ? shape(e.index.end) : ''}])`;
    case 'CallExpr':
      return `${e.callee.name}(${e.args.map((a) => (a.name ? `${a.name.name}=` : '') + shape(a.value)).join(', ')})`;
    case 'ListExpr':
      return `[${e.elements.map(shape).join(', ')}]`;
    case 'NameExpr':
      return e.name.name;
    case 'NumberLiteral':
      return e.raw;
    case 'StringLiteral':
      return JSON.stringify(e.value);
    case 'BoolLiteral':
      return String(e.value);
  }
}

describe('top-level items', () => {
  it('parses imports, models with hyperparameters, cells and train blocks', () => {
    const p = ok(
      'import "layers/encoder.seq"\nmodel Name(hidden = 64, classes = 2, act = "tanh") {}\n' +
        'cell Elman(hidden) {}\ntrain Name on names {}\ntrain Name on "data/my.csv" {}\nmodel Bare {}',
    );
    expect(p.items.map((i) => i.kind)).toEqual([
      'ImportDecl',
      'ModelDecl',
      'CellDecl',
      'TrainDecl',
      'TrainDecl',
      'ModelDecl',
    ]);
    expect(item(p, 0, 'ImportDecl').path.value).toBe('layers/encoder.seq');
    const m = item(p, 1, 'ModelDecl');
    expect(m.name.name).toBe('Name');
    expect(m.params.map((h) => [h.name.name, h.default && printExpr(h.default)])).toEqual([
      ['hidden', '64'],
      ['classes', '2'],
      ['act', '"tanh"'],
    ]);
    const c = item(p, 2, 'CellDecl');
    expect(c.params).toHaveLength(1);
    expect(c.params[0]?.default).toBeUndefined();
    expect(item(p, 3, 'TrainDecl').dataset).toMatchObject({ kind: 'Identifier', name: 'names' });
    expect(item(p, 4, 'TrainDecl').dataset).toMatchObject({
      kind: 'StringLiteral',
      value: 'data/my.csv',
    });
    expect(item(p, 5, 'ModelDecl').params).toEqual([]);
  });

  it('parses a reader call with options as the data of a train block', () => {
    const src =
      'train Spam on csv("data/spam.csv", text = "body", lowercase = true, max_len = 100) {}\n' +
      'train N on adding(train = 20) {}\ntrain L on text("m.txt") {}\n';
    const p = ok(src);
    const d = item(p, 0, 'TrainDecl').dataset;
    expect(d.kind).toBe('CallExpr');
    if (d.kind !== 'CallExpr') return;
    expect(d.callee.name).toBe('csv');
    expect(d.args.map((a) => [a.name?.name, printExpr(a.value)])).toEqual([
      [undefined, '"data/spam.csv"'],
      ['text', '"body"'],
      ['lowercase', 'true'],
      ['max_len', '100'],
    ]);
    expect(src.slice(d.span.start, d.span.end)).toBe(
      'csv("data/spam.csv", text = "body", lowercase = true, max_len = 100)',
    );
    const n = item(p, 1, 'TrainDecl').dataset;
    expect(n.kind === 'CallExpr' && n.callee.name).toBe('adding');
    // `train` is a keyword but may name an option.
    expect(n.kind === 'CallExpr' && n.args[0]?.name?.name).toBe('train');
    const t = item(p, 2, 'TrainDecl').dataset;
    expect(t.kind === 'CallExpr' && t.args).toHaveLength(1);
  });

  it('parses every fixture without diagnostics', () => {
    for (const [name, text] of Object.entries(FIXTURES)) {
      const { diagnostics, program } = parse(text, name);
      expect(diagnostics, name).toEqual([]);
      expect(program.items.length, name).toBeGreaterThan(0);
    }
  });

  it('accepts optional semicolons between statements and items', () => {
    const a = ok('model A { input x: [B]; x |> f -> y; output y; };\nmodel B {}');
    const b = ok('model A {\n input x: [B]\n x |> f -> y\n output y\n}\nmodel B {}');
    expect(stripSpans(a)).toEqual(stripSpans(b));
  });

  it('treats newlines as insignificant (one statement over several lines)', () => {
    const a = ok('model A {\n  x\n    |> f(1,\n      2)\n    |> g -> y\n}');
    const s = item(a, 0, 'ModelDecl').body[0] as ArrowStmt;
    expect(shape(s.value)).toBe('((x |> f(1, 2)) |> g)');
  });
});

describe('model statements', () => {
  const m = item(
    ok(`model Tagger(vocab = 100) {
  input words: [B, T] int < vocab
  input feats: [B, T, 4]
  input f2: [B, T, 4] float
  input ids: [B, T] int
  h = words |> embed(32)
  [h, feats] |> concat |> bidirectional(lstm(64)) -> states
  a, b = states |> split(2)
  states |> f -> c, d
  output a, b
}`),
    0,
    'ModelDecl',
  );

  it('parses typed inputs, with int < V and float', () => {
    const inputs = m.body.filter((s): s is InputDecl => s.kind === 'InputDecl');
    expect(inputs.map((i) => i.name.name)).toEqual(['words', 'feats', 'f2', 'ids']);
    const [words, feats, f2, ids] = inputs;
    expect(words?.type.dims.map((e) => printExpr(e))).toEqual(['B', 'T']);
    expect(words?.type.dtype).toBe('int');
    expect(words?.type.vocab).toMatchObject({ kind: 'NameExpr', name: { name: 'vocab' } });
    expect(feats?.type.dtype).toBeUndefined();
    expect(feats?.type.dims[2]).toMatchObject({ kind: 'NumberLiteral', value: 4 });
    expect(f2?.type.dtype).toBe('float');
    expect(ids?.type).toMatchObject({ dtype: 'int' });
    expect(ids?.type.vocab).toBeUndefined();
  });

  it('parses assignments, arrows (single and multiple targets) and outputs', () => {
    expect(m.body.map((s) => s.kind)).toEqual([
      'InputDecl',
      'InputDecl',
      'InputDecl',
      'InputDecl',
      'AssignStmt',
      'ArrowStmt',
      'AssignStmt',
      'ArrowStmt',
      'OutputDecl',
    ]);
    const list = m.body[5] as ArrowStmt;
    expect(shape(list.value)).toBe('(([h, feats] |> concat) |> bidirectional(lstm(64)))');
    expect((m.body[6] as AssignStmt).targets.map((t) => t.name)).toEqual(['a', 'b']);
    expect((m.body[7] as ArrowStmt).targets.map((t) => t.name)).toEqual(['c', 'd']);
    const out = m.body[8];
    expect(out?.kind === 'OutputDecl' && out.names.map((n) => n.name)).toEqual(['a', 'b']);
  });

  it('reads a `[` at the start of a line as a new list statement, not an index', () => {
    const p = ok('model A {\n  h = f(x)\n  [h, x] |> concat -> y\n}');
    expect(item(p, 0, 'ModelDecl').body.map((s) => s.kind)).toEqual(['AssignStmt', 'ArrowStmt']);
    const q = ok('model A {\n  h = f\n  (a + b) |> g -> y\n}');
    expect(item(q, 0, 'ModelDecl').body.map((s) => s.kind)).toEqual(['AssignStmt', 'ArrowStmt']);
  });
});

describe('cell statements', () => {
  const c: CellDecl = item(
    ok(`cell LSTMCell(hidden) {
  param W: [4 * hidden, in]
  param b: [4 * hidden] = zeros
  state h: [hidden] = zeros
  state c: [hidden]
  i, f, g, o = split(W @ x + b, 4)
  emit h
}`),
    0,
    'CellDecl',
  );

  it('parses param and state declarations with and without initialisers', () => {
    expect(c.body.map((s) => s.kind)).toEqual([
      'ParamDecl',
      'ParamDecl',
      'StateDecl',
      'StateDecl',
      'AssignStmt',
      'EmitStmt',
    ]);
    const [W, b, h, cs] = c.body;
    expect(W?.kind === 'ParamDecl' && W.init).toBeUndefined();
    expect(W?.kind === 'ParamDecl' && shape(W.type.dims[0] as Expr)).toBe('(4 * hidden)');
    expect(W?.kind === 'ParamDecl' && shape(W.type.dims[1] as Expr)).toBe('in');
    expect(b?.kind === 'ParamDecl' && b.init).toMatchObject({
      kind: 'NameExpr',
      name: { name: 'zeros' },
    });
    expect(h?.kind === 'StateDecl' && h.init).toMatchObject({ kind: 'NameExpr' });
    expect(cs?.kind === 'StateDecl' && cs.init).toBeUndefined();
  });

  it('parses multi-target equations and emit', () => {
    const eq = c.body[4] as AssignStmt;
    expect(eq.targets.map((t) => t.name)).toEqual(['i', 'f', 'g', 'o']);
    expect(shape(eq.value)).toBe('split(((W @ x) + b), 4)');
    const emit = c.body[5];
    expect(emit?.kind === 'EmitStmt' && shape(emit.value)).toBe('h');
  });
});

describe('train blocks', () => {
  it('parses settings as key = value', () => {
    const t: TrainDecl = item(
      ok(
        'train NameGender on names {\n  loss = cross_entropy\n  optimizer = adam(lr = 3e-3)\n  clip_norm = 1.0\n  metrics = [accuracy]\n}',
      ),
      0,
      'TrainDecl',
    );
    expect(t.model.name).toBe('NameGender');
    expect(t.settings.map((s) => [s.kind, s.key.name, shape(s.value)])).toEqual([
      ['Setting', 'loss', 'cross_entropy'],
      ['Setting', 'optimizer', 'adam(lr=3e-3)'],
      ['Setting', 'clip_norm', '1.0'],
      ['Setting', 'metrics', '[accuracy]'],
    ]);
  });
});

describe('expressions', () => {
  it.each([
    ['a + b * c', '(a + (b * c))'],
    ['a * b + c', '((a * b) + c)'],
    ['a - b - c', '((a - b) - c)'],
    ['a / b / c', '((a / b) / c)'],
    ['W @ x + U @ h + b', '(((W @ x) + (U @ h)) + b)'],
    ['(a + b) * c', '((a + b) * c)'],
    ['-a * b', '((-a) * b)'],
    ['- -a', '(-(-a))'],
    ['-a.h', '(-(a.h))'],
    ['x |> f |> g(1)', '((x |> f) |> g(1))'],
    ['a + b |> f', '((a + b) |> f)'],
    ['x |> f(1, n = 2, m = "s")', '(x |> f(1, n=2, m="s"))'],
    ['enc.state', '(enc.state)'],
    ['enc.state.h', '((enc.state).h)'],
    ['g[0:hidden]', '(g[0:hidden])'],
    ['g[hidden:2 * hidden]', '(g[hidden:(2 * hidden)])'],
    ['g[:b]', '(g[:b])'],
    ['g[a:]', '(g[a:])'],
    ['g[:]', '(g[:])'],
    ['g[3]', '(g[3])'],
    ['g[0:2][1]', '((g[0:2])[1])'],
    ['f(x).h', '(f(x).h)'],
    ['[1, 2, 3]', '[1, 2, 3]'],
    ['[]', '[]'],
    ['f()', 'f()'],
    ['true', 'true'],
    ['false', 'false'],
    ['"a\\"b\\\\c\\nd"', JSON.stringify('a"b\\c\nd')],
    ['3e-3', '3e-3'],
    ['1.0e+2', '1.0e+2'],
  ])('%s', (src, expected) => {
    expect(shape(exprOf(src))).toBe(expected);
  });

  it('keeps number values and raw text', () => {
    expect(exprOf('3e-3')).toMatchObject({ kind: 'NumberLiteral', value: 0.003, raw: '3e-3' });
    expect(exprOf('1.0e+2')).toMatchObject({ value: 100, raw: '1.0e+2' });
    expect(exprOf('0.5')).toMatchObject({ value: 0.5, raw: '0.5' });
  });

  it('distinguishes slices from single indices', () => {
    const single = exprOf('g[3]');
    const range = exprOf('g[:]');
    expect(single.kind === 'IndexExpr' && single.index).toMatchObject({
      isRange: false,
      start: { value: 3 },
    });
    expect(range.kind === 'IndexExpr' && range.index.isRange).toBe(true);
    expect(range.kind === 'IndexExpr' && range.index.start).toBeUndefined();
  });
});

describe('spans', () => {
  const text = 'model A(h = 64) {\n  name |> embed(32) -> out\n}\n';
  const m: ModelDecl = item(ok(text), 0, 'ModelDecl');
  const slice = (s: { start: number; end: number }): string => text.slice(s.start, s.end);

  it('covers exactly the source of each node', () => {
    expect(slice(m.span)).toBe(text.trimEnd());
    expect(slice(m.name.span)).toBe('A');
    expect(slice(m.params[0]?.span ?? m.span)).toBe('h = 64');
    const s = m.body[0] as ArrowStmt;
    expect(slice(s.span)).toBe('name |> embed(32) -> out');
    expect(slice(s.value.span)).toBe('name |> embed(32)');
    expect(s.value.kind === 'PipeExpr' && slice(s.value.right.span)).toBe('embed(32)');
    expect(slice(s.targets[0]?.span ?? s.span)).toBe('out');
  });

  it('widens a parenthesised expression over its parentheses', () => {
    const e = exprOf('(a + b) * c');
    expect(e.kind === 'BinaryExpr' && e.left.span.end - e.left.span.start).toBe('(a + b)'.length);
  });

  it('records comments with their text and span', () => {
    const p = ok('# one\nmodel A {} # two  \n');
    expect(p.comments.map((c) => c.text)).toEqual(['# one', '# two']);
    expect(p.comments[1]?.span.start).toBe('# one\nmodel A {} '.length);
  });
});
