/**
 * The elementwise part of one step of the built-in cells, forward and backward, as six
 * named operations. The explicit BPTT recurrence (explicit-recurrence.ts) is a loop of one
 * matrix product and one of these per step, so a backend that implements them as single
 * kernels (seqlab registers them for cpu, wasm and webgl: src/kernels) runs a step in two
 * or three kernels instead of the fifteen to thirty that autodiff of the composed cell
 * issues. Any other backend gets the same math composed of tfjs ops (cell-reference.ts).
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
 */
import type { NamedTensorMap, Tensor } from '@tensorflow/tfjs-core';
import type { Tf } from '../types.js';
import { REFERENCE_CELLS } from './cell-reference.js';

/** The kernel names, registered by `registerFastKernels` where seqlab has kernels. */
export const CELL_KERNELS = {
  tanh: { forward: 'SeqlabTanhCell', backward: 'SeqlabTanhCellGrad' },
  lstm: { forward: 'SeqlabLstmCell', backward: 'SeqlabLstmCellGrad' },
  gru: { forward: 'SeqlabGruCell', backward: 'SeqlabGruCellGrad' },
} as const;

/** The kinds of cell with an explicit BPTT recurrence. */
export type CellKind = keyof typeof CELL_KERNELS;

/** One of the six kernel names. */
export type CellKernelName = (typeof CELL_KERNELS)[CellKind][keyof (typeof CELL_KERNELS)[CellKind]];

/** Attributes of every cell kernel. */
export interface CellAttrs {
  /** The time step of `xw` (and `dy`) to read. */
  readonly t: number;
  /** Width H of the state. */
  readonly hidden: number;
  /** Index signature so the attrs pass as tfjs's NamedAttrMap. */
  readonly [key: string]: number;
}

/** Number of gate blocks of each kind's projection. */
export const GATE_COUNT: Record<CellKind, number> = { tanh: 1, lstm: 4, gru: 3 };

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
