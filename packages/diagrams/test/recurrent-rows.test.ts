import { describe, expect, it } from 'vitest';
import { recurrentRows } from '../src/index.js';
import {
  bilstmModel,
  convModel,
  encDecModel,
  meanModel,
  namesModel,
  scanModel,
  stackModel,
} from './fixtures.js';

describe('recurrentRows', () => {
  it('stacks input, one row per rnn and the output, bottom to top', () => {
    const rows = recurrentRows(stackModel());
    expect(rows.map((r) => r.kind)).toEqual([
      'input',
      'recurrent',
      'recurrent',
      'recurrent',
      'output',
    ]);
    expect(rows.map((r) => r.width)).toEqual([4, 8, 16, 32, 32]);
    expect(rows.map((r) => r.from)).toEqual([-1, 0, 1, 2, 3]);
    expect(rows.map((r) => r.label)).toEqual(['x_t', 'h_t^(1)', 'h_t^(2)', 'h_t^(3)', 'y_t']);
    expect(rows.slice(1, 4).map((r) => r.wxh)).toEqual([
      [8, 4],
      [16, 8],
      [32, 16],
    ]);
    expect(rows.slice(1, 4).map((r) => r.whh)).toEqual([
      [8, 8],
      [16, 16],
      [32, 32],
    ]);
    expect(rows[4]?.reads).toBe('each');
  });

  it('gives a multi-layer bidirectional lstm one row per layer', () => {
    const rows = recurrentRows(bilstmModel()).filter((r) => r.kind === 'recurrent');
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r.layer).toBe('enc');
      expect(r.direction).toBe('both');
      expect(r.hidden).toBe(128);
      expect(r.width).toBe(2 * 128);
      expect(r.note).toContain('←→');
    }
    // PyTorch: 4 gates; layer 2 reads both directions of layer 1.
    expect(rows.map((r) => r.wxh)).toEqual([
      [4 * 128, 10],
      [4 * 128, 2 * 128],
    ]);
    expect(rows.map((r) => r.whh)).toEqual([
      [4 * 128, 128],
      [4 * 128, 128],
    ]);
  });

  it('describes what feeds the first recurrence and what the output reads', () => {
    const rows = recurrentRows(namesModel());
    expect(rows[0]?.note).toContain('embed(32)');
    expect(rows[0]?.width).toBe(32);
    // The port itself: token ids, [B] at each step; embed(32) makes x_t.
    expect(rows[0]?.stepType).toBe('[B] int<30');
    expect(rows[0]?.via).toBe('embed(32)');
    expect(recurrentRows(stackModel())[0]).toMatchObject({ stepType: '[B, 4]', via: '' });
    const out = rows[rows.length - 1];
    expect(out?.kind).toBe('output');
    expect(out?.reads).toBe('last');
    expect(out?.width).toBe(2);
    expect(out?.via).toContain('dense(2)');
    expect(recurrentRows(bilstmModel()).at(-1)?.reads).toBe('last'); // via h_n
    expect(recurrentRows(meanModel()).at(-1)?.reads).toBe('all');
  });

  it('reads a user cell as one row with W_xh and W_hh found in its body', () => {
    const m = scanModel();
    const rows = recurrentRows(m);
    expect(rows[1]?.layer).toBe('Elman0');
    expect(rows[1]?.note).toContain('Elman(8)');
    // Change the parameter shapes: the rows must follow the body's params, not the widths.
    const params = { ...m.params };
    const wxh = params['Elman0.W_xh'];
    const whh = params['Elman0.W_hh'];
    if (!wxh || !whh) throw new Error('fixture lost its params');
    params['Elman0.W_xh'] = { ...wxh, shape: [24, 4] };
    params['Elman0.W_hh'] = { ...whh, shape: [24, 8] };
    const gated = recurrentRows({ ...m, params });
    expect(gated[1]?.wxh).toEqual([24, 4]);
    expect(gated[1]?.whh).toEqual([24, 8]);
  });

  it('feeds a decoder from its own input and starts it from the encoder', () => {
    const rows = recurrentRows(encDecModel());
    const decIndex = rows.findIndex((r) => r.layer === 'dec');
    const dec = rows[decIndex];
    expect(dec?.from).toBe(0);
    expect(dec?.via).toBe('tgt');
    expect(dec?.initial).toBe('from enc');
    expect(rows.find((r) => r.layer === 'enc')?.initial).toBe('0');
    expect(rows.at(-1)?.from).toBe(decIndex);
  });

  it('is empty without a recurrence', () => {
    expect(recurrentRows(convModel())).toEqual([]);
  });
});
