import { describe, expect, it } from 'vitest';
import { f32, ids, seq } from '../test-fixtures.js';
import { OPS } from '../../src/ops/index.js';
import { err, ok } from './test-util.js';

const count = (ps: readonly { shape: readonly number[] }[]): number =>
  ps.reduce((s, p) => s + p.shape.reduce((a, b) => a * b, 1), 0);

const rec = (hidden: number, layers = 1, bidirectional = false, bias = true) => ({
  hidden,
  layers,
  bidirectional,
  bias,
});

describe('rnn, lstm, gru', () => {
  it('give the sequence and PyTorch-shaped final states', () => {
    expect(ok(OPS.gru.infer([seq(8)], rec(16)))).toEqual([seq(16), f32(1, 'B', 16)]);
    expect(ok(OPS.lstm.infer([seq(10)], rec(20, 2)))).toEqual([
      seq(20),
      f32(2, 'B', 20),
      f32(2, 'B', 20),
    ]);
    expect(ok(OPS.rnn.infer([seq(4)], { ...rec(8, 3, true), nonlinearity: 'relu' }))).toEqual([
      seq(16),
      f32(6, 'B', 8),
    ]);
  });

  it('count parameters like PyTorch', () => {
    // nn.LSTM(10, 20, num_layers=2): 4*20*(10+20+2) + 4*20*(20+20+2)
    expect(count(OPS.lstm.params([seq(10)], rec(20, 2)))).toBe(5920);
    // nn.GRU(8, 16, bidirectional=True): 2*3*16*(8+16+2)
    expect(count(OPS.gru.params([seq(8)], rec(16, 1, true)))).toBe(2496);
    // nn.RNN(4, 8): 8*(4+8+2)
    expect(count(OPS.rnn.params([seq(4)], { ...rec(8), nonlinearity: 'tanh' }))).toBe(112);
    // nn.GRU(8, 16, num_layers=2, bidirectional=True): layer 1 input is 2*16.
    expect(count(OPS.gru.params([seq(8)], rec(16, 2, true)))).toBe(
      2 * 3 * 16 * (8 + 16 + 2) + 2 * 3 * 16 * (32 + 16 + 2),
    );
    // Without biases only the weights remain.
    expect(count(OPS.lstm.params([seq(10)], rec(20, 1, false, false)))).toBe(4 * 20 * 30);
  });

  it('name parameters like the PyTorch state_dict', () => {
    const ps = OPS.gru.params([seq(8)], rec(16, 2, true));
    expect(ps.map((p) => p.role)).toEqual([
      'weight_ih_l0',
      'weight_hh_l0',
      'bias_ih_l0',
      'bias_hh_l0',
      'weight_ih_l0_reverse',
      'weight_hh_l0_reverse',
      'bias_ih_l0_reverse',
      'bias_hh_l0_reverse',
      'weight_ih_l1',
      'weight_hh_l1',
      'bias_ih_l1',
      'bias_hh_l1',
      'weight_ih_l1_reverse',
      'weight_hh_l1_reverse',
      'bias_ih_l1_reverse',
      'bias_hh_l1_reverse',
    ]);
    expect(ps.find((p) => p.role === 'weight_ih_l1')?.shape).toEqual([48, 32]);
    expect(ps[0]?.init).toEqual({ kind: 'uniform', low: -0.25, high: 0.25 });
  });

  it('count FLOPs per step', () => {
    expect(OPS.rnn.flopsPerStep([seq(4)], { ...rec(8), nonlinearity: 'tanh' })).toBe(
      2 * (4 * 8 + 8 * 8),
    );
    expect(OPS.lstm.flopsPerStep([seq(10)], rec(20))).toBe(4 * 2 * (10 * 20 + 20 * 20));
    expect(OPS.gru.flopsPerStep([seq(8)], rec(16, 1, true))).toBe(2 * 3 * 2 * (8 * 16 + 16 * 16));
  });

  it('explain wrong inputs', () => {
    expect(err(OPS.gru.infer([f32('B', 64)], rec(16))).message).toBe(
      'gru expects a sequence [B, T, D]; got [B, 64]',
    );
    expect(err(OPS.lstm.infer([ids(30)], rec(16))).message).toBe(
      'lstm expects a float input; got int token ids [B, T] (embed them first)',
    );
    expect(err(OPS.gru.infer([seq('D')], rec(16))).kind).toBe('dim');
    expect(
      err(OPS.rnn.infer([seq(4)], { ...rec(8), nonlinearity: 'sigmoid' as 'tanh' })).kind,
    ).toBe('attr');
    expect(err(OPS.gru.infer([seq(4)], rec(0))).kind).toBe('attr');
  });

  it('check initial states', () => {
    expect(ok(OPS.gru.infer([seq(8), f32(2, 'B', 16)], rec(16, 2)))).toHaveLength(2);
    const bad = err(OPS.gru.infer([seq(8), f32(1, 'B', 16)], rec(16, 2)));
    expect(bad).toMatchObject({ kind: 'dim', input: 1 });
    expect(bad.message).toContain('[2, B, 16]');
    expect(bad.message).toContain('[1, B, 16]');
    expect(err(OPS.lstm.infer([seq(8), f32(1, 'B', 4), f32(1, 'B', 16)], rec(16))).input).toBe(1);
    expect(err(OPS.gru.infer([seq(8), f32(1, 'B', 16), f32(1, 'B', 16)], rec(16))).kind).toBe(
      'arity',
    );
  });
});

describe('final_state', () => {
  it('takes the top layer, directions concatenated', () => {
    const a = { layers: 2, bidirectional: true };
    expect(ok(OPS.final_state.infer([f32(4, 'B', 16)], a))).toEqual([f32('B', 32)]);
    expect(
      ok(OPS.final_state.infer([f32(1, 'B', 16)], { layers: 1, bidirectional: false })),
    ).toEqual([f32('B', 16)]);
  });
  it('rejects a state of the wrong layout', () => {
    const e = err(OPS.final_state.infer([f32(2, 'B', 16)], { layers: 2, bidirectional: true }));
    expect(e.message).toContain('[4, B, H]');
    expect(e.message).toContain('[2, B, 16]');
  });
});
