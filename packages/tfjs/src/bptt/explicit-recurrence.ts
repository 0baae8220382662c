/**
 * One direction of a built-in rnn (tanh), lstm or gru as a single tfjs op whose gradient is
 * the explicit BPTT recurrence (`tf.customGrad`). A step is one recurrent product and one
 * cell operation forward, one cell gradient and one product backward (cell-ops.ts); ΔW_hh
 * is one `[G·H, T·B] × [T·B, H]` product after the loop instead of T small ones, and the
 * tape holds one entry per direction instead of ~15–30 per step. On backends with seqlab's
 * cell kernels that is 2 kernels a step forward and 2 backward, which is what bounds a
 * recurrence on WebGL, where every kernel is a draw call (docs/performance.md). On cpu and
 * wasm the LSTM and GRU steps keep their activations (the saving kernels of cell-ops.ts),
 * so the backward step computes no exp or tanh.
 *
 * Unmasked sequences only: padded batches keep the autodiff loop (lower/recurrent.ts), or
 * for the tanh rnn the masked explicit BPTT of rnn-custom-grad.ts.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Tf } from '../types.js';
import {
  CELL_KERNELS,
  CELL_RECURRENCE,
  GATE_COUNT,
  runCell,
  SAVING_CELL_KERNELS,
  savesActivations,
  type CellKernelName,
  type CellKind,
} from './cell-ops.js';
import { stackSteps } from './stack-steps.js';

/** What one direction reads (PyTorch layouts; sequences time-major). */
export interface DirectionInputs {
  /** `[T, B, G·H]`: the hoisted input projection with its additive biases. */
  readonly xw: Tensor;
  /** `[G·H, H]`. */
  readonly whh: Tensor;
  /** `[G·H]`: GRU's b_hh, which is not additive (inside r ⊙ ·); null for the others. */
  readonly bhh: Tensor | null;
  /** `[B, H]` initial state. */
  readonly h0: Tensor;
  /** `[B, H]` initial cell state (LSTM only). */
  readonly c0: Tensor | null;
}

/** What one direction gives back. */
export interface DirectionOutputs {
  /** `[T, B, H]`, in time order whatever the direction. */
  readonly sequence: Tensor;
  /** `[B, H]` final state (after the last step walked). */
  readonly h: Tensor;
  /** `[B, H]` final cell state (LSTM only). */
  readonly c: Tensor | null;
}

/** Names of the per-step lists the forward pass saves, each indexed by time step. */
type ListName = 'hs' | 'recs' | 'cs' | 'prevC' | 'prevH' | 'acts';

/**
 * What the backward pass of `kind` reads (besides xw, W_hh, b_hh, the output and h0): tanh
 * h_t; the recomputing LSTM/GRU kernels the recurrent product (and c); the saving ones the
 * activations (cell-ops.ts).
 */
function savedLists(kind: CellKind, saving: boolean): readonly ListName[] {
  if (kind === 'tanh') return ['hs'];
  if (carriesCell(kind)) return saving ? ['acts', 'prevC'] : ['recs', 'cs', 'prevC'];
  return saving ? ['acts', 'prevH'] : ['recs', 'prevH'];
}

/** Whether the kind carries a cell state c beside h (the lstm). */
function carriesCell(kind: CellKind): boolean {
  return CELL_RECURRENCE[kind].states.length > 1;
}

type Lists = Record<ListName, Tensor[]>;

const emptyLists = (): Lists => ({ hs: [], recs: [], cs: [], prevC: [], prevH: [], acts: [] });

/**
 * Runs one direction (`reverse` walks t = T−1 .. 0). `useKernels`: run the cell operations
 * as the backend's seqlab kernels where registered (else composed tfjs ops).
 */
export function explicitDirection(
  tf: Tf,
  kind: CellKind,
  inputs: DirectionInputs,
  reverse: boolean,
  useKernels: boolean,
): DirectionOutputs {
  const [steps = 0, batch = 0, width = 0] = inputs.xw.shape;
  const hidden = width / GATE_COUNT[kind];
  const order = Array.from({ length: steps }, (_, s) => (reverse ? steps - 1 - s : s));
  const lstm = carriesCell(kind);
  // Saving activations pays only when a gradient will read them: inference skips the writes.
  const saving = tf.engine().isTapeOn() && savesActivations(tf, useKernels, kind);
  const names = savedLists(kind, saving);
  const cell: CellRunner = (name, ins, t) => runCell(tf, useKernels, name, ins, { t, hidden });
  const run = tf.customGrad((...args: unknown[]) => {
    const [xt, whh, bhh, h0, c0, save] = args as [
      Tensor,
      Tensor,
      Tensor,
      Tensor,
      Tensor,
      (ts: Tensor[]) => void,
    ];
    const whhT = tf.transpose(whh);
    const s = emptyLists();
    let h = h0;
    let c = c0;
    for (const t of order) {
      s.prevH[t] = h;
      s.prevC[t] = c;
      const rec = tf.matMul(h, whhT);
      s.recs[t] = rec;
      let acts: Tensor | undefined;
      if (kind === 'tanh') {
        [h] = cell(CELL_KERNELS.tanh.forward, { xw: xt, rec }, t) as [Tensor];
      } else if (lstm) {
        const name = saving ? SAVING_CELL_KERNELS.lstm.forward : CELL_KERNELS.lstm.forward;
        [c, h, acts] = cell(name, { xw: xt, rec, c }, t) as [Tensor, Tensor, Tensor?];
      } else {
        const name = saving ? SAVING_CELL_KERNELS.gru.forward : CELL_KERNELS.gru.forward;
        [h, acts] = cell(name, { xw: xt, rec, bhh, h }, t) as [Tensor, Tensor?];
      }
      if (acts !== undefined) s.acts[t] = acts;
      s.hs[t] = h;
      s.cs[t] = c;
    }
    // Time-major [T + 1 (+1), B, H]: the emitted steps, the final h (and c).
    const value = stackSteps(tf, lstm ? [...s.hs, h, c] : [...s.hs, h]);
    save([xt, whh, bhh, ...names.flatMap((n) => s[n]), value, h0]);
    return {
      value,
      gradFunc: (dy: Tensor, saved: Tensor[]) =>
        backward(
          tf,
          kind,
          saving,
          dy,
          unpackSaved(saved, steps, names),
          reverse,
          [batch, steps, hidden],
          cell,
        ),
    };
  });
  const both = run(
    inputs.xw,
    inputs.whh,
    inputs.bhh ?? tf.zeros([width]),
    inputs.h0,
    inputs.c0 ?? tf.zeros([batch, hidden]),
  );
  const at = (t: number) => tf.reshape(tf.slice(both, [t, 0, 0], [1, -1, -1]), [batch, hidden]);
  return {
    sequence: tf.slice(both, [0, 0, 0], [steps, -1, -1]),
    h: at(steps),
    c: lstm ? at(steps + 1) : null,
  };
}

type CellRunner = (name: CellKernelName, ins: Record<string, Tensor>, t: number) => Tensor[];

/** What the backward pass reads, unpacked from what the forward pass saved. */
interface Saved {
  readonly xt: Tensor;
  readonly whh: Tensor;
  readonly bhh: Tensor;
  readonly s: Lists;
  readonly value: Tensor;
  readonly h0: Tensor;
}

/** Unpacks what the forward pass saved (see the `save` call above). */
function unpackSaved(saved: readonly Tensor[], steps: number, names: readonly ListName[]): Saved {
  const [xt, whh, bhh] = saved as [Tensor, Tensor, Tensor];
  const [value, h0] = saved.slice(-2) as [Tensor, Tensor];
  const s = emptyLists();
  names.forEach((n, k) => {
    s[n] = saved.slice(3 + k * steps, 3 + (k + 1) * steps);
  });
  return { xt, whh, bhh, s, value, h0 };
}

/** The BPTT recurrence; returns the gradients of [xw, whh, bhh, h0, c0]. */
function backward(
  tf: Tf,
  kind: CellKind,
  saving: boolean,
  dy: Tensor,
  { xt, whh, bhh, s, value, h0 }: Saved,
  reverse: boolean,
  [batch, steps, hidden]: readonly [number, number, number],
  cell: CellRunner,
): Tensor[] {
  const lstm = carriesCell(kind);
  const order = Array.from({ length: steps }, (_, k) => (reverse ? steps - 1 - k : k));
  const at = (t: number) => tf.reshape(tf.slice(dy, [t, 0, 0], [1, -1, -1]), [batch, hidden]);
  let carry = at(steps);
  let dc = lstm ? at(steps + 1) : tf.zeros([batch, hidden]);
  const dRec = new Array<Tensor>(steps);
  const dXw = new Array<Tensor>(steps);
  for (let k = steps - 1; k >= 0; k--) {
    const t = order[k] as number;
    // The step's activations (saving kernels) or what recomputes them (the others).
    const acts: Record<string, Tensor> = saving
      ? { acts: s.acts[t] as Tensor }
      : { xw: xt, rec: s.recs[t] as Tensor };
    let direct: Tensor | null = null;
    if (kind === 'tanh') {
      const [da] = cell(CELL_KERNELS.tanh.backward, { h: s.hs[t] as Tensor, carry, dy }, t) as [
        Tensor,
      ];
      dRec[t] = dXw[t] = da;
    } else if (lstm) {
      const name = saving ? SAVING_CELL_KERNELS.lstm.backward : CELL_KERNELS.lstm.backward;
      const c: Record<string, Tensor> = saving ? {} : { c: s.cs[t] as Tensor };
      const ins = { ...acts, ...c, cPrev: s.prevC[t] as Tensor, carry, dy, dc };
      [dRec[t], dc] = cell(name, ins, t) as [Tensor, Tensor];
      dXw[t] = dRec[t] as Tensor;
    } else {
      const name = saving ? SAVING_CELL_KERNELS.gru.backward : CELL_KERNELS.gru.backward;
      const b: Record<string, Tensor> = saving ? {} : { bhh };
      const ins = { ...acts, ...b, hPrev: s.prevH[t] as Tensor, carry, dy };
      [dXw[t], dRec[t], direct] = cell(name, ins, t) as [Tensor, Tensor, Tensor];
    }
    const back = tf.matMul(dRec[t] as Tensor, whh);
    carry = direct === null ? back : tf.add(back, direct);
  }
  const width = whh.shape[0] ?? 0;
  // One stack each: on webgl stacking T textures costs about as much as 50 steps' cells.
  const dXwAll = stackSteps(tf, dXw); // [T, B, G·H]: the gradient of the time-major projection
  const dRecAll = tf.reshape(kind === 'gru' ? stackSteps(tf, dRec) : dXwAll, [
    steps * batch,
    width,
  ]);
  const prevAll = tf.reshape(previousStates(tf, value, h0, steps, reverse), [
    steps * batch,
    hidden,
  ]);
  // ΔW_hh = δrecᵀ h_prev over all T·B rows, computed as (h_prevᵀ δrec)ᵀ: the transposed
  // operand is then the H-wide one, not the G·H-wide one (webgl: 1.4 s -> 0.8 s at large).
  const dWhh = tf.transpose(tf.matMul(tf.transpose(prevAll), dRecAll));
  const dbhh = kind === 'gru' ? tf.sum(dRecAll, 0) : tf.zerosLike(bhh);
  return [dXwAll, dWhh, dbhh, carry, dc];
}

/**
 * h_{t−1} as each step read it, time-major `[T, B, H]`, from the forward output (the emitted
 * states, then the final ones) and h0: no second stack of T tensors.
 */
function previousStates(tf: Tf, value: Tensor, h0: Tensor, steps: number, reverse: boolean) {
  const first = tf.expandDims(h0, 0);
  if (steps === 1) return first;
  const emitted = tf.slice(value, [reverse ? 1 : 0, 0, 0], [steps - 1, -1, -1]);
  return tf.concat(reverse ? [emitted, first] : [first, emitted], 0);
}
