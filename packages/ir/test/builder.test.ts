import { describe, expect, it } from 'vitest';
import { ModuleBuilder } from '../src/builder.js';
import { ids } from './test-fixtures.js';

function nameGender() {
  const mb = new ModuleBuilder('NameGender', { hidden: 64 });
  const g = mb.graph;
  const x = mb.addInput('name', ids(30));
  const lengths = g.lengths('T');
  const emb = mb.addLayer(g, {
    op: 'embed',
    name: 'embed0',
    inputs: [x],
    attrs: { dim: 32, padding_idx: null },
  });
  if (!emb.ok) throw new Error(emb.error.message);
  const rnn = mb.addLayer(g, {
    op: 'gru',
    name: 'gru0',
    inputs: [emb.outputs[0] as string],
    attrs: { hidden: 64, layers: 1, bidirectional: false, bias: true },
    lengths,
  });
  if (!rnn.ok) throw new Error(rnn.error.message);
  return { mb, g, x, lengths, seq: rnn.outputs[0] as string };
}

describe('ModuleBuilder', () => {
  it('builds a verified module with ports, params and lengths', () => {
    const { mb, g, lengths, seq } = nameGender();
    expect(g.lengths('T')).toBe(lengths);
    expect(g.type(lengths)).toEqual({ dtype: 'int32', shape: ['B'] });
    const last = mb.addLayer(g, { op: 'last', name: 'last0', inputs: [seq], attrs: {}, lengths });
    if (!last.ok) throw new Error(last.error.message);
    const dense = mb.addLayer(g, {
      op: 'dense',
      name: 'dense0',
      inputs: [last.outputs[0] as string],
      attrs: { units: 2, bias: true },
    });
    if (!dense.ok) throw new Error(dense.error.message);
    g.setName(dense.outputs[0] as string, 'logits');
    mb.addOutput('logits', dense.outputs[0] as string);
    const m = mb.build();
    expect(m.format).toBe('seqlab-ir');
    expect(m.hyperparameters).toEqual({ hidden: 64 });
    expect(m.inputs.map((p) => p.name)).toEqual(['name']);
    expect(m.graph.outputs).toEqual([dense.outputs[0]]);
    expect(m.graph.lengths).toEqual({ T: lengths });
    expect(m.graph.values[dense.outputs[0] as string]).toMatchObject({
      name: 'logits',
      type: { dtype: 'float32', shape: ['B', 2] },
    });
    expect(Object.keys(m.params)).toEqual([
      'embed0.weight',
      'gru0.weight_ih_l0',
      'gru0.weight_hh_l0',
      'gru0.bias_ih_l0',
      'gru0.bias_hh_l0',
      'dense0.weight',
      'dense0.bias',
    ]);
    expect(m.params['gru0.weight_ih_l0']).toMatchObject({ shape: [192, 32], layer: 'gru0' });
    expect(m.graph.nodes.map((n) => n.name)).toEqual(['embed0', 'gru0', 'last0', 'dense0']);
    expect(m.graph.nodes[1]?.params).toMatchObject({ weight_hh_l0: 'gru0.weight_hh_l0' });
  });

  it('returns shape errors as values and creates nothing', () => {
    const { mb, g, seq } = nameGender();
    const last = mb.addLayer(g, { op: 'last', name: 'l', inputs: [seq], attrs: {} });
    if (!last.ok) throw new Error(last.error.message);
    const bad = mb.addLayer(g, {
      op: 'gru',
      name: 'gru1',
      inputs: [last.outputs[0] as string],
      attrs: { hidden: 64, layers: 1, bidirectional: false, bias: true },
    });
    expect(bad).toEqual({
      ok: false,
      error: { kind: 'rank', message: 'gru expects a sequence [B, T, D]; got [B, 64]', input: 0 },
    });
    expect(mb.hasParam('gru1.weight_ih_l0')).toBe(false);
  });

  it('adds nodes with caller-made params through GraphBuilder.add', () => {
    const { mb, g, seq } = nameGender();
    mb.addParam({ name: 'head.weight', shape: [3, 64], init: { kind: 'zeros' }, layer: 'head' });
    const r = g.add({
      op: 'dense',
      name: 'head',
      inputs: [seq],
      attrs: { units: 3, bias: false },
      params: { weight: 'head.weight' },
    });
    expect(r.ok && g.type(r.outputs[0] as string).shape).toEqual(['B', 'T', 3]);
    expect(() =>
      g.add({
        op: 'dense',
        name: 'h2',
        inputs: [seq],
        attrs: { units: 3, bias: false },
        params: { weight: 'nope' },
      }),
    ).toThrow(/nope/);
  });

  it('throws on broken invariants', () => {
    const { mb, g } = nameGender();
    expect(() =>
      mb.addParam({ name: 'embed0.weight', shape: [1], init: { kind: 'zeros' }, layer: 'x' }),
    ).toThrow(/duplicate/);
    expect(() => g.add({ op: 'relu', name: 'r', inputs: ['v99'], attrs: {} })).toThrow(/v99/);
    expect(() => mb.addOutput('y', 'v99')).toThrow();
    expect(() => mb.addInput('name', ids(3))).toThrow(/duplicate/);
    // A parameter whose shape disagrees with the catalogue is caught by build().
    mb.addParam({ name: 'd.weight', shape: [2, 99], init: { kind: 'zeros' }, layer: 'd' });
    const seqId = g.finish().nodes[1]?.outputs[0] as string;
    g.add({
      op: 'dense',
      name: 'd',
      inputs: [seqId],
      attrs: { units: 2, bias: false },
      params: { weight: 'd.weight' },
    });
    expect(() => mb.build()).toThrow(/d\.weight is \[2, 99\] but dense needs \[2, 64\]/);
  });

  it('gives scan bodies their own ids', () => {
    const mb = new ModuleBuilder('M', {});
    const a = mb.newBodyGraph();
    const b = mb.newBodyGraph();
    const x = mb.graph.input({ dtype: 'float32', shape: ['B', 4] });
    const ax = a.input({ dtype: 'float32', shape: ['B', 4] });
    const bx = b.input({ dtype: 'float32', shape: ['B', 4] });
    expect(new Set([x, ax, bx]).size).toBe(3);
    expect(b.has(ax)).toBe(false);
  });
});
