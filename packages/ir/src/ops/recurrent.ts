/**
 * Built-in recurrences with exactly PyTorch's semantics (`nn.RNN`, `nn.LSTM`, `nn.GRU`,
 * batch_first) and `final_state`, which picks the top layer out of `h_n`.
 */
import { formatShape, sameShape } from '../dims.js';
import type { Dim, TensorType } from '../types.js';
import {
  defineOp,
  describe,
  firstError,
  knownLastDim,
  lastDim,
  requireFloat,
  requireInt,
  requireOneOf,
  requireSequence,
  shapeError,
  uniform,
  WHOLE_SEQUENCE,
} from './common.js';
import type { OpDef, ParamSpec, Recurrence, ShapeError } from './op-def.js';

/** The built-in recurrences (PyTorch's `nn.RNN`, `nn.LSTM`, `nn.GRU`). */
export type RecurrentName = 'rnn' | 'lstm' | 'gru';

/** Gates, candidate and carried states of each built-in recurrence, as PyTorch lays them out. */
export const RECURRENCES: { readonly [K in RecurrentName]: Recurrence } = {
  // One block: h' = act(W_ih x + b_ih + W_hh h + b_hh).
  rnn: { gates: ['h'], candidate: 0, states: ['h'], gated: false },
  lstm: { gates: ['i', 'f', 'g', 'o'], candidate: 2, states: ['h', 'c'], gated: true },
  gru: { gates: ['r', 'z', 'n'], candidate: 2, states: ['h'], gated: true },
};

/** Gate count: 1 for rnn, 4 for lstm (i, f, g, o), 3 for gru (r, z, n). */
export const GATES: Readonly<Record<RecurrentName, number>> = {
  rnn: RECURRENCES.rnn.gates.length,
  lstm: RECURRENCES.lstm.gates.length,
  gru: RECURRENCES.gru.gates.length,
};

interface RecurrentAttrs {
  readonly hidden: number;
  readonly layers: number;
  readonly bidirectional: boolean;
  readonly bias: boolean;
}

/** Number of directions (1 or 2). */
export function directions(a: { readonly bidirectional: boolean }): number {
  return a.bidirectional ? 2 : 1;
}

/** PyTorch's state_dict suffix of layer `k`, direction `dir` (0 forward, 1 reverse). */
export function layerSuffix(k: number, dir: number): string {
  return `_l${k}${dir === 1 ? '_reverse' : ''}`;
}

function checkAttrs(op: RecurrentName, a: RecurrentAttrs): ShapeError | undefined {
  return firstError(
    requireInt(op, 'hidden', a.hidden, 1),
    requireInt(op, 'layers', a.layers, 1),
    requireOneOf(op, 'bidirectional', a.bidirectional, [true, false]),
    requireOneOf(op, 'bias', a.bias, [true, false]),
  );
}

function recurrent<K extends RecurrentName>(
  op: K,
  extraCheck?: (a: RecurrentAttrs & Record<string, unknown>) => ShapeError | undefined,
): OpDef<K> {
  const recurrence = RECURRENCES[op];
  const states = recurrence.states.length;
  return defineOp<K>(op, {
    traits: { ...WHOLE_SEQUENCE, recurrence },
    minInputs: 1,
    maxInputs: 1 + states,
    infer(inputs, attrs) {
      const a = attrs as unknown as RecurrentAttrs & Record<string, unknown>;
      const [x] = inputs;
      if (!x) return shapeError('arity', `${op} takes 1 input; got 0`);
      const bad = firstError(
        checkAttrs(op, a),
        extraCheck?.(a),
        requireFloat(op, x, 0),
        requireSequence(op, x, 0),
      );
      if (bad) return bad;
      const width = knownLastDim(op, x, 0);
      if (typeof width !== 'number') return width;
      const [b, t] = x.shape as [Dim, Dim, Dim];
      const dirs = directions(a);
      const stateType: TensorType = { dtype: 'float32', shape: [a.layers * dirs, b, a.hidden] };
      for (let i = 1; i < inputs.length; i++) {
        const s = inputs[i];
        if (s && !(s.dtype === 'float32' && sameShape(s.shape, stateType.shape))) {
          const which = i === 1 ? 'initial hidden state' : 'initial cell state';
          return shapeError(
            'dim',
            `${op} needs its ${which} shaped ${formatShape(stateType.shape)} (layers*directions, B, hidden); got ${describe(s)}`,
            i,
          );
        }
      }
      const seq: TensorType = { dtype: 'float32', shape: [b, t, dirs * a.hidden] };
      return [seq, ...recurrence.states.map(() => stateType)];
    },
    params(inputs, attrs) {
      const a = attrs as unknown as RecurrentAttrs;
      const g = GATES[op] * a.hidden;
      const init = uniform(1 / Math.sqrt(a.hidden));
      const out: ParamSpec[] = [];
      for (let k = 0; k < a.layers; k++) {
        const inWidth = k === 0 ? lastDim(inputs[0]) : directions(a) * a.hidden;
        for (let dir = 0; dir < directions(a); dir++) {
          const sfx = layerSuffix(k, dir);
          out.push({ role: `weight_ih${sfx}`, shape: [g, inWidth], init });
          out.push({ role: `weight_hh${sfx}`, shape: [g, a.hidden], init });
          if (a.bias) {
            out.push({ role: `bias_ih${sfx}`, shape: [g], init });
            out.push({ role: `bias_hh${sfx}`, shape: [g], init });
          }
        }
      }
      return out;
    },
    flopsPerStep(inputs, attrs) {
      const a = attrs as unknown as RecurrentAttrs;
      let total = 0;
      for (let k = 0; k < a.layers; k++) {
        const inWidth = k === 0 ? lastDim(inputs[0]) : directions(a) * a.hidden;
        total += directions(a) * 2 * GATES[op] * (inWidth * a.hidden + a.hidden * a.hidden);
      }
      return total;
    },
  });
}

/** Catalogue entry for `rnn` (see OpAttrs['rnn']). */
export const rnn = recurrent('rnn', (a) =>
  requireOneOf('rnn', 'nonlinearity', a['nonlinearity'], ['tanh', 'relu']),
);
/** Catalogue entry for `lstm` (see OpAttrs['lstm']). */
export const lstm = recurrent('lstm');
/** Catalogue entry for `gru` (see OpAttrs['gru']). */
export const gru = recurrent('gru');

/** Catalogue entry for `final_state` (see OpAttrs['final_state']). */
export const finalState = defineOp('final_state', {
  traits: WHOLE_SEQUENCE,
  minInputs: 1,
  maxInputs: 1,
  infer([h], a) {
    if (!h) return shapeError('arity', 'final_state takes 1 input; got 0');
    const bad = firstError(
      requireInt('final_state', 'layers', a.layers, 1),
      requireOneOf('final_state', 'bidirectional', a.bidirectional, [true, false]),
      requireFloat('final_state', h, 0),
    );
    if (bad) return bad;
    const dirs = directions(a);
    const [n, b, hidden] = h.shape;
    if (
      h.shape.length !== 3 ||
      n !== a.layers * dirs ||
      typeof hidden !== 'number' ||
      b === undefined
    ) {
      return shapeError(
        'rank',
        `final_state expects a recurrent state [${a.layers * dirs}, B, H] (layers*directions, B, hidden); got ${describe(h)}`,
        0,
      );
    }
    return [{ dtype: 'float32', shape: [b, dirs * hidden] }];
  },
});
