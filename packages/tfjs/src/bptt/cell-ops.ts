/**
 * The elementwise part of one step of the built-in cells, forward and backward, as six
 * named operations. The explicit BPTT recurrence (explicit-recurrence.ts) is a loop of one
 * matrix product and one of these per step, so a backend that implements them as single
 * kernels (seqlab has them for cpu, wasm and webgl: @seqlab/backend-cpu and -webgl) runs a
 * step in two or three kernels instead of the fifteen to thirty that autodiff of the
 * composed cell issues. Any other backend gets the same math composed of tfjs ops
 * (cell-reference.ts).
 *
 * Every operation reads the hoisted input projection `xw` and the sequence gradient `dy`
 * whole (time-major `[T, B, ·]`) at step `t`, so a step slices nothing. Gate blocks follow
 * PyTorch: rnn `[h]`, lstm `[i, f, g, o]`, gru `[r, z, n]`; `rec` is `h_{t−1} W_hhᵀ`.
 *
 * | kernel | inputs | outputs |
 * |---|---|---|
 * | SeqlabTanhCell | xw `[T,B,H]`, rec `[B,H]` | h = tanh(xw_t + rec) |
 * | SeqlabTanhCellGrad | h `[B,H]`, carry `[B,H]`, dy `[T',B,H]` | δa = (1 − h²)(carry + dy_t) |
 * | SeqlabLstmCell | xw `[T,B,4H]`, rec `[B,4H]`, c `[B,H]` | c′, h′ |
 * | SeqlabLstmCellGrad | xw, rec, cPrev, c, carry, dy, dc | δgates `[B,4H]`, δc_{t−1} |
 * | SeqlabGruCell | xw `[T,B,3H]`, rec `[B,3H]`, bhh `[3H]`, h `[B,H]` | h′ |
 * | SeqlabGruCellGrad | xw, rec, bhh, hPrev, carry, dy | δxw_t `[B,3H]`, δrec `[B,3H]`, δh direct `[B,H]` |
 *
 * `carry` is the gradient reaching h_t from later steps, `dc` the one reaching c_t; the
 * kernels add the loss's own `dy_t`.
 *
 * The backward operations above recompute the gate activations from `xw` and `rec`: five
 * exp/tanh per LSTM unit, as many as the forward step, which made the cells half of a
 * small LSTM's training step on wasm. Their saving variants keep the activations instead
 * (one `[B, 5H]` or `[B, 4H]` output per step, in place of `rec`), so the backward step
 * computes no exp or tanh at all:
 *
 * | kernel | inputs | outputs |
 * |---|---|---|
 * | SeqlabLstmCellSave | as SeqlabLstmCell | c′, h′, acts `[B,5H]` = i, f, g, o, tanh(c′) |
 * | SeqlabLstmCellGradSaved | acts, cPrev, carry, dy, dc | δgates `[B,4H]`, δc_{t−1} |
 * | SeqlabGruCellSave | as SeqlabGruCell | h′, acts `[B,4H]` = r, z, n, W_hn h + b_hn |
 * | SeqlabGruCellGradSaved | acts, hPrev, carry, dy | as SeqlabGruCellGrad |
 *
 * The cpu and wasm loops and the composed reference have both; webgl has the recomputing
 * ones only, because there another output is another draw call per step, which costs more
 * than the shader's exp (see {@link savesActivations}).
 */
import { RECURRENCES, type Recurrence } from '@seqlab/ir';
import type { NamedTensorMap, Tensor } from '@tensorflow/tfjs-core';
import type { Tf } from '../types.js';
import { REFERENCE_CELLS } from './cell-reference.js';

/** The kernel names, registered by `registerFastKernels` where seqlab has kernels. */
export const CELL_KERNELS = {
  tanh: { forward: 'SeqlabTanhCell', backward: 'SeqlabTanhCellGrad' },
  lstm: { forward: 'SeqlabLstmCell', backward: 'SeqlabLstmCellGrad' },
  gru: { forward: 'SeqlabGruCell', backward: 'SeqlabGruCellGrad' },
} as const;

/** The saving variants (see the file comment), for the gated cells. */
export const SAVING_CELL_KERNELS = {
  lstm: { forward: 'SeqlabLstmCellSave', backward: 'SeqlabLstmCellGradSaved' },
  gru: { forward: 'SeqlabGruCellSave', backward: 'SeqlabGruCellGradSaved' },
} as const;

/** The kinds of cell with an explicit BPTT recurrence. */
export type CellKind = keyof typeof CELL_KERNELS;

/** The kinds with saving variants. */
export type SavingCellKind = keyof typeof SAVING_CELL_KERNELS;

/** One of the six recomputing kernel names. */
export type RecomputingCellKernelName =
  (typeof CELL_KERNELS)[CellKind][keyof (typeof CELL_KERNELS)[CellKind]];

/** One of the four saving kernel names. */
export type SavingCellKernelName =
  (typeof SAVING_CELL_KERNELS)[SavingCellKind][keyof (typeof SAVING_CELL_KERNELS)[SavingCellKind]];

/** Any cell kernel name. */
export type CellKernelName = RecomputingCellKernelName | SavingCellKernelName;

/** Every cell kernel name: the recomputing ones, then the saving ones. */
export const ALL_CELL_KERNELS: readonly CellKernelName[] = [
  ...Object.values(CELL_KERNELS).flatMap((k) => [k.forward, k.backward]),
  ...Object.values(SAVING_CELL_KERNELS).flatMap((k) => [k.forward, k.backward]),
];

/** Width of the activations a saving forward keeps, in units of H. */
export const SAVED_WIDTH: Record<SavingCellKind, number> = { lstm: 5, gru: 4 };

/** Attributes of every cell kernel. */
export interface CellAttrs {
  /** The time step of `xw` (and `dy`) to read. */
  readonly t: number;
  /** Width H of the state. */
  readonly hidden: number;
  /** Index signature so the attrs pass as tfjs's NamedAttrMap. */
  readonly [key: string]: number;
}

/** The built-in recurrence each cell kind runs (the tanh kind is the tanh rnn). */
export const CELL_RECURRENCE: Readonly<Record<CellKind, Recurrence>> = {
  tanh: RECURRENCES.rnn,
  lstm: RECURRENCES.lstm,
  gru: RECURRENCES.gru,
};

/** Number of gate blocks of each kind's projection. */
export const GATE_COUNT: Readonly<Record<CellKind, number>> = {
  tanh: CELL_RECURRENCE.tanh.gates.length,
  lstm: CELL_RECURRENCE.lstm.gates.length,
  gru: CELL_RECURRENCE.gru.gates.length,
};

/**
 * Whether a `kind` recurrence runs the saving pair on the active backend: yes where the
 * backend has the saving kernels or no seqlab cell kernels at all (the composed reference
 * then skips recomputing activations too); no where it has only the recomputing kernels
 * (webgl), or for the tanh cell, whose gradient reads h_t anyway.
 */
export function savesActivations(tf: Tf, useKernels: boolean, kind: CellKind): boolean {
  if (kind === 'tanh') return false;
  if (!useKernels) return true;
  const has = (name: string) => tf.getKernel(name, tf.getBackend()) !== undefined;
  return has(SAVING_CELL_KERNELS[kind].forward) || !has(CELL_KERNELS[kind].forward);
}

/**
 * Runs one cell operation: the registered kernel of the active backend when `useKernels`
 * and one exists, else the composed reference. Returns the outputs in the table's order.
 */
export function runCell(
  tf: Tf,
  useKernels: boolean,
  name: CellKernelName,
  inputs: Record<string, Tensor>,
  attrs: CellAttrs,
): Tensor[] {
  if (useKernels && tf.getKernel(name, tf.getBackend()) !== undefined) {
    const out = tf.engine().runKernel(name, inputs as NamedTensorMap, { ...attrs }) as
      Tensor | Tensor[];
    return Array.isArray(out) ? out : [out];
  }
  return REFERENCE_CELLS[name](tf, inputs, attrs);
}
