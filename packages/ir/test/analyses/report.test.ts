import { describe, expect, it } from 'vitest';
import { chain, ids, seq, stackedModule } from '../test-fixtures.js';
import { analyzeModule } from '../../src/analyses/report.js';

describe('analyzeModule', () => {
  it('counts parameters like PyTorch', () => {
    const lstm = analyzeModule(
      chain(seq(10), [['lstm', { hidden: 20, layers: 2, bidirectional: false, bias: true }]]),
    );
    expect(lstm.layers[0]?.params).toBe(5920);
    expect(lstm.totalParams).toBe(5920);
    const gru = analyzeModule(
      chain(seq(8), [['gru', { hidden: 16, layers: 1, bidirectional: true, bias: true }]]),
    );
    expect(gru.totalParams).toBe(2496);
    const rnn = analyzeModule(
      chain(seq(4), [
        ['rnn', { hidden: 8, layers: 1, bidirectional: false, nonlinearity: 'tanh', bias: true }],
      ]),
    );
    expect(rnn.totalParams).toBe(112);
    const conv = analyzeModule(
      chain(seq(8), [
        ['conv1d', { filters: 64, kernel: 3, stride: 1, dilation: 1, padding: 'same', bias: true }],
      ]),
    );
    expect(conv.totalParams).toBe(1600);
    const mixed = analyzeModule(
      chain(ids(100), [
        ['embed', { dim: 32, padding_idx: null }],
        ['layer_norm', { eps: 1e-5 }],
        ['dense', { units: 10, bias: true }],
      ]),
    );
    // nn.Embedding(100, 32) + nn.LayerNorm(32) + nn.Linear(32, 10)
    expect(mixed.layers.map((l) => l.params)).toEqual([3200, 64, 330]);
    expect(mixed.totalParams).toBe(3200 + 64 + 330);
  });

  it('reports shapes, ports, FLOPs and state sizes', () => {
    const r = analyzeModule(
      chain(ids(30), [
        ['embed', { dim: 8, padding_idx: null }],
        ['lstm', { hidden: 16, layers: 2, bidirectional: true, bias: true }],
        ['last', {}],
        ['dense', { units: 2, bias: true }],
      ]),
    );
    expect(r.model).toBe('Chain');
    expect(r.inputs).toEqual([{ name: 'x', shape: ['B', 'T'], dtype: 'int32', vocab: 30 }]);
    expect(r.outputs).toEqual([{ name: 'y', shape: ['B', 2], dtype: 'float32' }]);
    expect(r.layers.map((l) => [l.name, l.outputShape])).toEqual([
      ['embed0', ['B', 'T', 8]],
      ['lstm1', ['B', 'T', 32]],
      ['last2', ['B', 32]],
      ['dense3', ['B', 2]],
    ]);
    const lstmFlops = 2 * 2 * 4 * (8 * 16 + 16 * 16) + 2 * 2 * 4 * (32 * 16 + 16 * 16);
    expect(r.layers[1]?.flopsPerStep).toBe(lstmFlops);
    expect(r.layers[1]?.stateSize).toBe(2 * 2 * 2 * 16);
    expect(r.totalFlopsPerStep).toBe(lstmFlops + 2 * 32 * 2);
    expect(r.receptiveField).toBe('all');
  });

  it('reports user cells with their params, state and span', () => {
    const r = analyzeModule(stackedModule());
    const [elman, rnn] = r.layers;
    expect(elman).toMatchObject({
      name: 'elman0',
      op: 'scan',
      params: 8 * 4 + 8 * 8 + 8,
      stateSize: 8,
    });
    expect(elman?.flopsPerStep).toBe(2 * 4 * 8 + 2 * 8 * 8 + 8 + 8 + 8);
    expect(rnn).toMatchObject({ params: 16 * (8 + 16 + 2), stateSize: 16, receptiveField: 'all' });
    expect(rnn?.span).toEqual({ file: 'stacked.seq', start: 10, end: 17 });
    expect(r.totalParams).toBe(104 + 416);
  });
});
