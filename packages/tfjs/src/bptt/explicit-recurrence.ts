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
 * Padded batches pass a `[T, B, 1]` mask: a padded step keeps its state (h, c) and emits
 * zeros, as the autodiff loop of lower/recurrent.ts does; its gradient passes the carried
 * state gradient through unchanged. That is a few elementwise ops a step where the autodiff
 * loop took ~100 kernels a step (issue 17: names' padded batches). The tanh rnn's padded
 * batches keep the masked explicit BPTT of rnn-custom-grad.ts.
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
import { blendSteps, maskEmitted, passThrough, type TimeMasks, timeMasks } from './time-masks.js';

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
  /** `[T, B, 1]` float 0/1, 1 on real steps; absent when no step is padded. */
  readonly mask?: Tensor;
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
function savedLists(kind: CellKind, saving: boolean, masked: boolean): readonly ListName[] {
  // Masked, h_{t−1} is no longer the step before's output: ΔW_hh reads the states themselves.
  const prevH: readonly ListName[] = masked ? ['prevH'] : [];
  if (kind === 'tanh') return ['hs', ...prevH];
  if (carriesCell(kind))
    return saving ? ['acts', 'prevC', ...prevH] : ['recs', 'cs', 'prevC', ...prevH];
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
  const lstm = carriesCell(kind);
  // Saving activations pays only when a gradient will read them: inference skips the writes.
  const saving = tf.engine().isTapeOn() && savesActivations(tf, useKernels, kind);
  const loop: Loop = {
    kind,
    saving,
    reverse,
    names: savedLists(kind, saving, inputs.mask !== undefined),
    shape: [batch, steps, hidden],
    cell: (name, ins, t) => runCell(tf, useKernels, name, ins, { t, hidden }),
  };
  const run = tf.customGrad((...args: unknown[]) => {
    const save = args.pop() as (ts: Tensor[]) => void;
    const [xt, whh, bhh, h0, c0, mask] = args as [Tensor, Tensor, Tensor, Tensor, Tensor, Tensor?];
    const masks = mask === undefined ? null : timeMasks(tf, mask);
    const { value, lists } = forward(tf, loop, { xt, whh, bhh, h0, c0 }, masks);
    save([
      xt,
      whh,
      bhh,
      ...loop.names.flatMap((n) => lists[n]),
      value,
      h0,
      ...(mask ? [mask] : []),
    ]);
    return {
      value,
      gradFunc: (dy: Tensor, saved: Tensor[]) => {
        const unpacked = unpackSaved(saved, steps, loop.names, mask !== undefined);
        const grads = backward(tf, loop, dy, unpacked);
        return mask === undefined ? grads : [...grads, tf.zerosLike(mask)];
      },
    };
  });
  const both = run(
    inputs.xw,
    inputs.whh,
    inputs.bhh ?? tf.zeros([width]),
    inputs.h0,
    inputs.c0 ?? tf.zeros([batch, hidden]),
    ...(inputs.mask === undefined ? [] : [inputs.mask]),
  );
  const at = (t: number) => tf.reshape(tf.slice(both, [t, 0, 0], [1, -1, -1]), [batch, hidden]);
  return {
    sequence: tf.slice(both, [0, 0, 0], [steps, -1, -1]),
    h: at(steps),
    c: lstm ? at(steps + 1) : null,
  };
}

/** What the forward and backward loops of one direction share. */
interface Loop {
  readonly kind: CellKind;
  readonly saving: boolean;
  readonly reverse: boolean;
  readonly names: readonly ListName[];
  readonly shape: readonly [batch: number, steps: number, hidden: number];
  readonly cell: CellRunner;
}

/** The step indices in walking order. */
function walk(loop: Loop): number[] {
  const steps = loop.shape[1];
  return Array.from({ length: steps }, (_, k) => (loop.reverse ? steps - 1 - k : k));
}

/**
 * The forward loop: each step's cell, its state blended with the previous one on padded
 * rows; returns the time-major `[T + 1 (+1), B, H]` value (emitted steps, final h and c).
 */
function forward(
  tf: Tf,
  loop: Loop,
  { xt, whh, bhh, h0, c0 }: Record<'xt' | 'whh' | 'bhh' | 'h0' | 'c0', Tensor>,
  masks: TimeMasks | null,
): { value: Tensor; lists: Lists } {
  const { kind, saving, cell } = loop;
  const lstm = carriesCell(kind);
  const whhT = tf.transpose(whh);
  const s = emptyLists();
  let h = h0;
  let c = c0;
  for (const t of walk(loop)) {
    s.prevH[t] = h;
    s.prevC[t] = c;
    const rec = tf.matMul(h, whhT);
    s.recs[t] = rec;
    let acts: Tensor | undefined;
    let hNew: Tensor;
    let cNew = c;
    if (kind === 'tanh') {
      [hNew] = cell(CELL_KERNELS.tanh.forward, { xw: xt, rec }, t) as [Tensor];
    } else if (lstm) {
      const name = saving ? SAVING_CELL_KERNELS.lstm.forward : CELL_KERNELS.lstm.forward;
      [cNew, hNew, acts] = cell(name, { xw: xt, rec, c }, t) as [Tensor, Tensor, Tensor?];
    } else {
      const name = saving ? SAVING_CELL_KERNELS.gru.forward : CELL_KERNELS.gru.forward;
      [hNew, acts] = cell(name, { xw: xt, rec, bhh, h }, t) as [Tensor, Tensor?];
    }
    if (acts !== undefined) s.acts[t] = acts;
    s.hs[t] = hNew;
    s.cs[t] = cNew;
    h = masks === null ? hNew : blendSteps(tf, masks, t, hNew, h);
    c = masks === null || !lstm ? cNew : blendSteps(tf, masks, t, cNew, c);
  }
  if (masks === null) {
    return { value: stackSteps(tf, lstm ? [...s.hs, h, c] : [...s.hs, h]), lists: s };
  }
  const emitted = maskEmitted(tf, masks, stackSteps(tf, s.hs));
  const finals = tf.stack(lstm ? [h, c] : [h]);
  return { value: tf.concat([emitted, finals], 0), lists: s };
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
  readonly mask: Tensor | null;
}

/** Unpacks what the forward pass saved (see the `save` call above). */
function unpackSaved(
  saved: readonly Tensor[],
  steps: number,
  names: readonly ListName[],
  masked: boolean,
): Saved {
  const [xt, whh, bhh] = saved as [Tensor, Tensor, Tensor];
  const tail = saved.slice(3 + names.length * steps);
  const [value, h0, mask] = tail as [Tensor, Tensor, Tensor?];
  const s = emptyLists();
  names.forEach((n, k) => {
    s[n] = saved.slice(3 + k * steps, 3 + (k + 1) * steps);
  });
  return { xt, whh, bhh, s, value, h0, mask: masked ? (mask ?? null) : null };
}

/** The gradients one backward step gives: of the step's projection and pre-activation. */
interface StepGrads {
  readonly dXw: Tensor;
  readonly dRec: Tensor;
  /** dL/dh_{t−1} other than through W_hh (GRU's z ⊙ h_{t−1}), or null. */
  readonly direct: Tensor | null;
  /** dL/dc_{t−1} through the cell (LSTM), or the incoming dc unchanged. */
  readonly dc: Tensor;
}

/** One step's cell gradient, from the carried state gradients and the emitted one (dy). */
function backwardStep(
  loop: Loop,
  { xt, bhh, s }: Saved,
  t: number,
  { carry, dc, dy }: Record<'carry' | 'dc' | 'dy', Tensor>,
): StepGrads {
  const { kind, saving, cell } = loop;
  // The step's activations (saving kernels) or what recomputes them (the others).
  const acts: Record<string, Tensor> = saving
    ? { acts: s.acts[t] as Tensor }
    : { xw: xt, rec: s.recs[t] as Tensor };
  if (kind === 'tanh') {
    const [da] = cell(CELL_KERNELS.tanh.backward, { h: s.hs[t] as Tensor, carry, dy }, t) as [
      Tensor,
    ];
    return { dXw: da, dRec: da, direct: null, dc };
  }
  if (carriesCell(kind)) {
    const name = saving ? SAVING_CELL_KERNELS.lstm.backward : CELL_KERNELS.lstm.backward;
    const c: Record<string, Tensor> = saving ? {} : { c: s.cs[t] as Tensor };
    const ins = { ...acts, ...c, cPrev: s.prevC[t] as Tensor, carry, dy, dc };
    const [dRec, dcPrev] = cell(name, ins, t) as [Tensor, Tensor];
    return { dXw: dRec, dRec, direct: null, dc: dcPrev };
  }
  const name = saving ? SAVING_CELL_KERNELS.gru.backward : CELL_KERNELS.gru.backward;
  const b: Record<string, Tensor> = saving ? {} : { bhh };
  const ins = { ...acts, ...b, hPrev: s.prevH[t] as Tensor, carry, dy };
  const [dXw, dRec, direct] = cell(name, ins, t) as [Tensor, Tensor, Tensor];
  return { dXw, dRec, direct, dc };
}

/** The BPTT recurrence; returns the gradients of [xw, whh, bhh, h0, c0]. */
function backward(tf: Tf, loop: Loop, dyIn: Tensor, saved: Saved): Tensor[] {
  const { kind } = loop;
  const { whh, bhh, s, value, h0, mask } = saved;
  const [batch, steps, hidden] = loop.shape;
  const lstm = carriesCell(kind);
  const masks = mask === null ? null : timeMasks(tf, mask);
  // A padded step emitted zeros: its output gradient never reaches the cell.
  const dy = masks === null ? dyIn : maskEmitted(tf, masks, dyIn);
  const at = (t: number) => tf.reshape(tf.slice(dy, [t, 0, 0], [1, -1, -1]), [batch, hidden]);
  let carry = at(steps);
  let dc = lstm ? at(steps + 1) : tf.zeros([batch, hidden]);
  const dRec = new Array<Tensor>(steps);
  const dXw = new Array<Tensor>(steps);
  for (const t of walk(loop).reverse()) {
    const into =
      masks === null ? { carry, dc, held: null } : passThrough(tf, masks, t, { carry, dc });
    const g = backwardStep(loop, saved, t, { carry: into.carry, dc: into.dc, dy });
    dXw[t] = g.dXw;
    dRec[t] = g.dRec;
    const back = tf.matMul(g.dRec, whh);
    const cellCarry = g.direct === null ? back : tf.add(back, g.direct);
    // A padded row kept its state: the gradient it carried goes on to the step before.
    carry = into.held === null ? cellCarry : tf.add(cellCarry, into.held.carry);
    dc = into.held === null || !lstm ? g.dc : tf.add(g.dc, into.held.dc);
  }
  const width = whh.shape[0] ?? 0;
  // One stack each: on webgl stacking T textures costs about as much as 50 steps' cells.
  const dXwAll = stackSteps(tf, dXw); // [T, B, G·H]: the gradient of the time-major projection
  const dRecAll = tf.reshape(kind === 'gru' ? stackSteps(tf, dRec) : dXwAll, [
    steps * batch,
    width,
  ]);
  const prev =
    masks === null
      ? previousStates(tf, value, h0, steps, loop.reverse)
      : stackSteps(tf, s.prevH.slice(0, steps));
  const prevAll = tf.reshape(prev, [steps * batch, hidden]);
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
