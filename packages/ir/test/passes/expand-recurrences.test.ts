import { describe, expect, it } from 'vitest';
import { analyzeModule } from '../../src/analyses/report.js';
import { ModuleBuilder } from '../../src/builder.js';
import { chain, f32, ids, seq } from '../test-fixtures.js';
import type { Graph, IrModule, Node, OpName } from '../../src/types.js';
import { expandRecurrences } from '../../src/passes/expand-recurrences.js';
import { runPasses } from '../../src/passes/pass.js';

const ops = (m: IrModule): OpName[] => m.graph.nodes.map((n) => n.op);
const outputTypes = (m: IrModule) => m.outputs.map((p) => m.graph.values[p.value]?.type);

/** x -> op(hidden, layers, bidirectional) -> final_state -> dense, outputs seq and logits. */
function withFinalState(
  op: 'rnn' | 'lstm' | 'gru',
  layers: number,
  bidirectional: boolean,
  h0 = false,
): IrModule {
  const mb = new ModuleBuilder('Enc', {});
  const g = mb.graph;
  const x = mb.addInput('x', seq(5));
  const lengths = g.lengths('T');
  const inputs = [x];
  if (h0) inputs.push(mb.addInput('h0', f32(layers * (bidirectional ? 2 : 1), 'B', 6)));
  const attrs = {
    hidden: 6,
    layers,
    bidirectional,
    bias: true,
    ...(op === 'rnn' ? { nonlinearity: 'tanh' } : {}),
  };
  const r = mb.addLayer(g, { op, name: 'enc', inputs, attrs, lengths });
  if (!r.ok) throw new Error(r.error.message);
  const [states, hN, cN] = r.outputs as [string, string, string?];
  g.setName(states, 'states');
  const fin = g.add({
    op: 'final_state',
    name: 'enc.h',
    inputs: [hN],
    attrs: { layers, bidirectional },
  });
  if (!fin.ok) throw new Error(fin.error.message);
  let last = fin.outputs[0] as string;
  if (cN !== undefined) {
    const c = g.add({
      op: 'final_state',
      name: 'enc.c',
      inputs: [cN],
      attrs: { layers, bidirectional },
    });
    if (!c.ok) throw new Error(c.error.message);
    const both = g.add({
      op: 'add',
      name: 'sum',
      inputs: [last, c.outputs[0] as string],
      attrs: {},
    });
    if (!both.ok) throw new Error(both.error.message);
    last = both.outputs[0] as string;
  }
  const d = mb.addLayer(g, {
    op: 'dense',
    name: 'head',
    inputs: [last],
    attrs: { units: 2, bias: true },
  });
  if (!d.ok) throw new Error(d.error.message);
  mb.addOutput('states', states);
  mb.addOutput('h', fin.outputs[0] as string);
  mb.addOutput('logits', d.outputs[0] as string);
  return mb.build();
}

describe('expandRecurrences', () => {
  it('turns a single-layer recurrence into one scan of the same name', () => {
    for (const op of ['rnn', 'lstm', 'gru'] as const) {
      const attrs = {
        hidden: 16,
        layers: 1,
        bidirectional: false,
        bias: true,
        nonlinearity: 'tanh',
      };
      const m = chain(ids(30), [
        ['embed', { dim: 8, padding_idx: null }],
        [op, attrs],
        ['last', {}],
      ]);
      const out = runPasses(m, [expandRecurrences]);
      expect(ops(out)).toEqual(['embed', 'scan', 'last']);
      const scan = out.graph.nodes[1] as Node;
      expect(scan.name).toBe(`${op}1`);
      expect(scan.lengths).toBe(m.graph.nodes[1]?.lengths);
      expect(scan.params).toEqual(m.graph.nodes[1]?.params);
      expect(scan.attrs['state_names']).toEqual(op === 'lstm' ? ['h', 'c'] : ['h']);
      expect(outputTypes(out)).toEqual(outputTypes(m));
      expect(out.params).toEqual(m.params);
      expect(analyzeModule(out).totalParams).toBe(analyzeModule(m).totalParams);
      const bodyOps = new Set(scan.body?.nodes.map((n) => n.op));
      for (const o of bodyOps)
        expect(['param', 'matmul', 'add', 'sub', 'mul', 'slice', 'sigmoid', 'tanh']).toContain(o);
    }
  });

  it('expands stacked bidirectional layers and replaces final_state', () => {
    for (const op of ['lstm', 'gru', 'rnn'] as const) {
      const m = withFinalState(op, 2, true);
      const out = runPasses(m, [expandRecurrences]);
      expect(ops(out)).not.toContain(op);
      expect(ops(out)).not.toContain('final_state');
      expect(
        out.graph.nodes.filter((n) => n.op === 'scan').map((n) => [n.name, n.attrs['reverse']]),
      ).toEqual([
        ['enc_l0', false],
        ['enc_l0_reverse', true],
        ['enc_l1', false],
        ['enc_l1_reverse', true],
      ]);
      expect(outputTypes(out)).toEqual(outputTypes(m));
      expect(out.graph.values[out.outputs[0]?.value as string]?.name).toBe('states');
      // Every parameter is read by exactly the scan of its layer and direction.
      const read = out.graph.nodes.flatMap((n) => Object.values(n.params));
      expect(read.sort()).toEqual(Object.keys(m.params).sort());
      const l1r = out.graph.nodes.find((n) => n.name === 'enc_l1_reverse');
      expect(Object.keys(l1r?.params ?? {}).every((role) => role.endsWith('_l1_reverse'))).toBe(
        true,
      );
    }
  });

  it('leaves recurrences it cannot express alone', () => {
    const h0 = withFinalState('gru', 1, false, true);
    expect(expandRecurrences.run(h0)).toBe(h0);
    const m = withFinalState('gru', 1, false);
    const exported: IrModule = {
      ...m,
      outputs: [...m.outputs, { name: 'h_n', value: m.graph.nodes[0]?.outputs[1] as string }],
    };
    expect(expandRecurrences.run(exported)).toBe(exported);
  });
});

// ---- numerical check of one cell step against PyTorch's equations ----

type Vec = number[];
type Mat = number[][];

function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648 - 0.5;
  };
}

const sig = (v: number): number => 1 / (1 + Math.exp(-v));
const mv = (W: Mat, x: Vec): Vec => W.map((row) => row.reduce((s, w, i) => s + w * (x[i] ?? 0), 0));
const plus = (...vs: Vec[]): Vec =>
  (vs[0] ?? []).map((_, i) => vs.reduce((s, v) => s + (v[i] ?? 0), 0));
const rows = (W: Mat, k: number, H: number): Mat => W.slice(k * H, (k + 1) * H);
const part = (v: Vec, k: number, H: number): Vec => v.slice(k * H, (k + 1) * H);

/** Evaluates a scan body for one example (values are row vectors; params are matrices or vectors). */
function runBody(body: Graph, inputs: Vec[], params: Record<string, Mat | Vec>): Vec[] {
  const env = new Map<string, Vec | Mat>();
  body.inputs.forEach((id, i) => env.set(id, inputs[i] as Vec));
  const get = (id: string): Vec => env.get(id) as Vec;
  for (const n of body.nodes) {
    const [a, b] = n.inputs.map(get) as [Vec, Vec];
    let out: Vec | Mat;
    switch (n.op) {
      case 'param':
        out = params[n.attrs['name'] as string] as Mat | Vec;
        break;
      case 'matmul':
        out = mv(env.get(n.inputs[1] as string) as Mat, a);
        break;
      case 'add':
        out = a.map((v, i) => v + (b[i] ?? NaN));
        break;
      case 'sub':
        out = a.map((v, i) => v - (b[i] ?? NaN));
        break;
      case 'mul':
        out = a.map((v, i) => v * (b[i] ?? NaN));
        break;
      case 'slice':
        out = a.slice(n.attrs['start'] as number, n.attrs['end'] as number);
        break;
      case 'sigmoid':
        out = a.map(sig);
        break;
      case 'tanh':
        out = a.map(Math.tanh);
        break;
      case 'relu':
        out = a.map((v) => Math.max(0, v));
        break;
      default:
        throw new Error(`no evaluator for ${n.op}`);
    }
    env.set(n.outputs[0] as string, out);
  }
  return body.outputs.map(get);
}

describe('expanded cells compute PyTorch equations', () => {
  const D = 3;
  const H = 4;
  const rand = rng(7);
  const mat = (r: number, c: number): Mat =>
    Array.from({ length: r }, () => Array.from({ length: c }, rand));
  const vec = (n: number): Vec => Array.from({ length: n }, rand);

  function step(op: 'rnn' | 'lstm' | 'gru', nonlinearity: 'tanh' | 'relu' = 'tanh') {
    const G = { rnn: 1, lstm: 4, gru: 3 }[op];
    const m = chain(seq(D), [
      [op, { hidden: H, layers: 1, bidirectional: false, bias: true, nonlinearity }],
    ]);
    const out = runPasses(m, [expandRecurrences]);
    const body = out.graph.nodes[0]?.body as Graph;
    const p = {
      Wi: mat(G * H, D),
      Wh: mat(G * H, H),
      bi: vec(G * H),
      bh: vec(G * H),
    };
    const name = `${op}0`;
    const params = {
      [`${name}.weight_ih_l0`]: p.Wi,
      [`${name}.weight_hh_l0`]: p.Wh,
      [`${name}.bias_ih_l0`]: p.bi,
      [`${name}.bias_hh_l0`]: p.bh,
    };
    return { body, params, p };
  }

  it('gru: r, z, n gates with r applied to W_hn h + b_hn', () => {
    const { body, params, p } = step('gru');
    const x = vec(D);
    const h = vec(H);
    const gate = (k: number) =>
      plus(mv(rows(p.Wi, k, H), x), part(p.bi, k, H), mv(rows(p.Wh, k, H), h), part(p.bh, k, H));
    const r = gate(0).map(sig);
    const z = gate(1).map(sig);
    const hn = plus(mv(rows(p.Wh, 2, H), h), part(p.bh, 2, H));
    const n = plus(
      mv(rows(p.Wi, 2, H), x),
      part(p.bi, 2, H),
      hn.map((v, i) => (r[i] ?? 0) * v),
    ).map(Math.tanh);
    const expected = n.map((nv, i) => (1 - (z[i] ?? 0)) * nv + (z[i] ?? 0) * (h[i] ?? 0));
    const [next, emitted] = runBody(body, [x, h], params);
    next?.forEach((v, i) => expect(v).toBeCloseTo(expected[i] ?? NaN, 12));
    expect(emitted).toEqual(next);
  });

  it('lstm: i, f, g, o gates', () => {
    const { body, params, p } = step('lstm');
    const x = vec(D);
    const h = vec(H);
    const c = vec(H);
    const gate = (k: number) =>
      plus(mv(rows(p.Wi, k, H), x), part(p.bi, k, H), mv(rows(p.Wh, k, H), h), part(p.bh, k, H));
    const [i, f, g, o] = [
      gate(0).map(sig),
      gate(1).map(sig),
      gate(2).map(Math.tanh),
      gate(3).map(sig),
    ] as Vec[];
    const c2 = (c ?? []).map((cv, k) => (f?.[k] ?? 0) * cv + (i?.[k] ?? 0) * (g?.[k] ?? 0));
    const h2 = c2.map((cv, k) => (o?.[k] ?? 0) * Math.tanh(cv));
    const [hNext, cNext, emitted] = runBody(body, [x, h, c], params);
    hNext?.forEach((v, k) => expect(v).toBeCloseTo(h2[k] ?? NaN, 12));
    cNext?.forEach((v, k) => expect(v).toBeCloseTo(c2[k] ?? NaN, 12));
    expect(emitted).toEqual(hNext);
  });

  it('rnn: act(W_ih x + b_ih + W_hh h + b_hh) with tanh or relu', () => {
    for (const act of ['tanh', 'relu'] as const) {
      const { body, params, p } = step('rnn', act);
      const x = vec(D);
      const h = vec(H);
      const pre = plus(mv(p.Wi, x), p.bi, mv(p.Wh, h), p.bh);
      const expected = pre.map(act === 'tanh' ? Math.tanh : (v: number) => Math.max(0, v));
      const [next] = runBody(body, [x, h], params);
      next?.forEach((v, k) => expect(v).toBeCloseTo(expected[k] ?? NaN, 12));
    }
  });
});
