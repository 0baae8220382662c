/** Compiler behaviour beyond the goldens: naming, members, imports, options. */
import { describe, expect, it } from 'vitest';
import { check, compile, memoryHost } from '../src/index.js';

const codes = (text: string, opts = {}) => compile(text, opts).diagnostics.map((d) => d.code);

describe('compile', () => {
  it('derives stable layer names per op and honours name = "..."', () => {
    const r = compile(`model M {
      input x: [B, T, 4]
      x |> dense(8) |> relu |> dense(8, name = "proj") |> dense(2) -> y
      output y
    }`);
    expect(r.module?.graph.nodes.map((n) => n.name)).toEqual(['dense0', 'relu0', 'proj', 'dense1']);
    expect(Object.keys(r.module?.params ?? {})).toContain('proj.weight');
  });

  it('exposes final states as members: .h is [B, dirs*H]', () => {
    const r = compile(`model M {
      input x: [B, T, 4]
      enc = x |> bidirectional(lstm(8))
      enc.h |> dense(2) -> y
      output y
    }`);
    expect(r.diagnostics).toEqual([]);
    const fs = r.module?.graph.nodes.find((n) => n.op === 'final_state');
    const out = fs?.outputs[0];
    expect(out && r.module?.graph.values[out]?.type.shape).toEqual(['B', 16]);
  });

  it('reads cells from imported files', () => {
    const host = memoryHost({
      'lib/cells.seq': `cell Elman(hidden) {
        param W: [hidden, in]
        param U: [hidden, hidden]
        state h: [hidden] = zeros
        h = tanh(W @ x + U @ h)
        emit h
      }`,
    });
    const r = compile(
      `import "lib/cells.seq"
      model M { input x: [B, T, 3]
        x |> Elman(5) -> y
        output y }`,
      { file: 'main.seq', host },
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.module?.params['elman0.W']?.shape).toEqual([5, 3]);
  });

  it('selects a model by name and reports an unknown one', () => {
    const text = `model A { input x: [B, 4]
      x |> dense(2) -> y
      output y }
      model B { input x: [B, 4]
      x |> dense(3) -> y
      output y }`;
    expect(compile(text, { model: 'B' }).module?.model).toBe('B');
    expect(codes(text, { model: 'C' })).toEqual(['SEQ2006']);
  });

  it('rejects --set of an unknown hyperparameter and of the wrong type', () => {
    const text = `model M(hidden = 8) { input x: [B, T, 4]
      x |> rnn(hidden) -> y
      output y }`;
    expect(codes(text, { set: { hiden: 4 } })).toEqual(['SEQ2007']);
    expect(codes(text, { set: { hidden: 'wide' } })).toEqual(['SEQ3016']);
    expect(compile(text, { set: { hidden: '16' } }).module?.hyperparameters['hidden']).toBe(16);
  });

  it('check() also checks the other models and every train block', () => {
    const r = check(`model A { input x: [B, 4]
      x |> dense(2) -> y
      output y }
      model B { input x: [B, T, 4]
      x |> gru(8) |> gru(nope) -> y
      output y }`);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['SEQ2002']);
    expect(r.model).toBe('A');
    expect(r.module).toBeUndefined(); // any error in the file withholds the IR
  });

  it('resolves a train block with defaults', () => {
    const r = compile(`model M { input x: [B, T, 4]
      x |> rnn(8) |> last |> dense(2) -> y
      output y }
      train M on names { optimizer = sgd(0.1, momentum = 0.9) clip_norm = 1 }`);
    expect(r.train?.optimizer).toMatchObject({ kind: 'momentum', lr: 0.1, momentum: 0.9 });
    expect(r.train?.clipNorm).toBe(1);
    expect(r.train?.batch).toBe(32);
    expect(r.train?.dataset).toEqual({ kind: 'builtin', name: 'names' });
  });

  it('resolves a reader call and a built-in call with their options', () => {
    const head = `model M { input x: [B, T] int < 9
      x |> embed(4) |> gru(8) |> last |> dense(2) -> y
      output y }\n`;
    const r = compile(
      head +
        `train M on csv("d/spam.csv", label = "label", unit = "words", lowercase = true, max_len = 100, min_count = 2, max_vocab = 20000, valid = 0.2) {}`,
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.train?.dataset).toEqual({
      kind: 'path',
      path: 'd/spam.csv',
      format: 'csv',
      options: {
        label: 'label',
        unit: 'words',
        lowercase: true,
        max_len: 100,
        min_count: 2,
        max_vocab: 20000,
        valid: 0.2,
      },
    });
    const b = compile(
      head.replace('int < 9', '').replace('x: [B, T]', 'x: [B, T, 2]').replace(' |> embed(4)', '') +
        'train M on adding(length = 20, seed = 3) {}',
    );
    expect(b.diagnostics).toEqual([]);
    expect(b.train?.dataset).toEqual({
      kind: 'builtin',
      name: 'adding',
      options: { length: 20, seed: 3 },
    });
    expect(compile(head + 'train M on jsonl("w.jsonl") {}').train?.dataset).toEqual({
      kind: 'path',
      path: 'w.jsonl',
      format: 'jsonl',
      options: {},
    });
  });

  it('a scalar cell without input reads hyperparameters as constants', () => {
    const r = compile(`cell Scalar(w) {
        state h: [1] = zeros
        h = tanh(w * h)
        emit h
      }
      model M(w = 0.5) { input x: [B, T, 1]
        x |> Scalar(w) -> h
        output h }`);
    expect(r.diagnostics).toEqual([]);
    const scan = r.module?.graph.nodes.find((n) => n.op === 'scan');
    expect(scan?.body?.nodes.find((n) => n.op === 'constant')?.attrs['value']).toBe(0.5);
  });
});

describe('imports at any depth', () => {
  const cell = `cell Elman(hidden) {\n  param W: [hidden, in]\n  state h: [hidden] = zeros\n  h = tanh(W @ x)\n  emit h\n}\n`;
  const chain = (n: number, last: string): Record<string, string> => {
    const files: Record<string, string> = {};
    for (let i = 0; i < n; i++) files[`f${i}.seq`] = `import "f${i + 1}.seq"\n`;
    files[`f${n}.seq`] = last;
    return files;
  };
  const main = `import "f0.seq"\nmodel M {\n  input x: [B, T, 4]\n  x |> Elman(8) -> y\n  output y\n}\n`;

  it('a chain of 20,000 imports is followed without recursion', () => {
    const r = compile(main, { file: 'main.seq', host: memoryHost(chain(20000, cell)) });
    expect(r.diagnostics).toEqual([]);
    expect(r.sources.size).toBe(20002);
  });

  it('a cycle at the end of a long chain is reported with its path', () => {
    const r = compile(main, {
      file: 'main.seq',
      host: memoryHost(chain(3000, 'import "f2998.seq"\n')),
    });
    const cycle = r.diagnostics.find((d) => d.code === 'SEQ2005');
    expect(cycle?.message).toBe('import cycle: f2998.seq -> f2999.seq -> f3000.seq -> f2998.seq');
  });
});

describe('--set past the limits', () => {
  const text = `model M(hidden = 8) {\n  input x: [B, T, 4]\n  x |> gru(hidden) -> y\n  output y\n}\n`;
  it('a number past the largest double is out of range, not "a string"', () => {
    const r = compile(text, { set: { hidden: '1e309' } });
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      '--set hidden=1e309: the number is out of range (larger than about 1.8e308)',
    ]);
  });
  it('a width past the limit is reported at the layer argument', () => {
    const r = compile(text, { set: { hidden: '2000000' } });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['SEQ3021']);
  });
});
