/**
 * A self-check of the active backend's seqlab kernels (the cells of bptt/cell-ops.ts and the
 * fused Adam update) against their references composed of tfjs ops, on random inputs: the
 * test of seqlab's webgl shaders, which can only run in a browser (tools/bench/browser runs
 * it in Chromium), and of the cpu and wasm loops. Shapes include odd sizes, where packed
 * 2×2 texel blocks straddle gates or hang over the edge.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Tf } from '../types.js';
import {
  ALL_CELL_KERNELS,
  GATE_COUNT,
  runCell,
  SAVED_WIDTH,
  type CellKernelName,
} from '../bptt/cell-ops.js';
import { ADAM_KERNEL, adamReference, adamUpdate } from '../train/adam-update.js';

/** The worst disagreement of one kernel at one shape. */
export interface KernelCheck {
  readonly kernel: string;
  /** The case's shape (`B×H, T steps` for cells). */
  readonly shape: string;
  /** Largest norm-wise relative error over the kernel's outputs and the steps tried. */
  readonly error: number;
}

/** Input shapes of each kernel, for batch B, width H, T steps (dy holds T + 2). */
function inputShapes(name: CellKernelName, B: number, H: number, T: number) {
  const kind = name.startsWith('SeqlabLstm')
    ? 'lstm'
    : name.startsWith('SeqlabGru')
      ? 'gru'
      : 'tanh';
  const G = GATE_COUNT[kind] * H;
  const s = { xw: [T, B, G], rec: [B, G], bhh: [G], state: [B, H], dy: [T + 2, B, H] };
  const acts = [B, (kind === 'tanh' ? 0 : SAVED_WIDTH[kind]) * H];
  const table: Record<CellKernelName, Record<string, number[]>> = {
    SeqlabTanhCell: { xw: s.xw, rec: s.rec },
    SeqlabTanhCellGrad: { h: s.state, carry: s.state, dy: s.dy },
    SeqlabLstmCell: { xw: s.xw, rec: s.rec, c: s.state },
    SeqlabLstmCellGrad: {
      xw: s.xw,
      rec: s.rec,
      cPrev: s.state,
      c: s.state,
      carry: s.state,
      dy: s.dy,
      dc: s.state,
    },
    SeqlabLstmCellSave: { xw: s.xw, rec: s.rec, c: s.state },
    SeqlabLstmCellGradSaved: { acts, cPrev: s.state, carry: s.state, dy: s.dy, dc: s.state },
    SeqlabGruCell: { xw: s.xw, rec: s.rec, bhh: s.bhh, h: s.state },
    SeqlabGruCellSave: { xw: s.xw, rec: s.rec, bhh: s.bhh, h: s.state },
    SeqlabGruCellGradSaved: { acts, hPrev: s.state, carry: s.state, dy: s.dy },
    SeqlabGruCellGrad: {
      xw: s.xw,
      rec: s.rec,
      bhh: s.bhh,
      hPrev: s.state,
      carry: s.state,
      dy: s.dy,
    },
  };
  return table[name];
}

function relativeError(a: Tensor, b: Tensor): number {
  const x = a.dataSync();
  const y = b.dataSync();
  let diff = 0;
  let ref = 0;
  for (let i = 0; i < y.length; i++) {
    diff += ((x[i] ?? NaN) - (y[i] ?? 0)) ** 2;
    ref += (y[i] ?? 0) ** 2;
  }
  return x.length !== y.length ? Infinity : Math.sqrt(diff / Math.max(ref, 1e-30));
}

/**
 * The cases: [B, H, T]. Odd H puts gate boundaries inside packed texels (webgl's lane-wise
 * shaders); even H takes its block-wise ones, with a padded last row when B is odd.
 */
const CASES: readonly (readonly [number, number, number])[] = [
  [3, 5, 3],
  [4, 8, 2],
  [1, 3, 1],
  [3, 4, 2],
];

/**
 * Runs every seqlab kernel registered for the active backend and its reference on the same
 * random inputs (cells at their first and last step) and reports the worst relative error
 * of each. Kernels the backend lacks are left out: an empty result means there were none.
 */
export function checkSeqlabKernels(tf: Tf, seed = 7): KernelCheck[] {
  return [...checkCells(tf, seed), ...checkAdam(tf, seed)];
}

/** Parameter shapes for the Adam check: odd sizes leave padding lanes in webgl's blocks. */
const ADAM_SHAPES: readonly number[][] = [[5], [3, 4], [2, 3, 5], [7, 6]];

function checkAdam(tf: Tf, seed: number): KernelCheck[] {
  if (tf.getKernel(ADAM_KERNEL, tf.getBackend()) === undefined) return [];
  const attrs = {
    lr: 0.01,
    beta1: 0.9,
    beta2: 0.999,
    eps: 1e-8,
    bc1: 0.19,
    bc2: 0.003,
    l2: 0.1,
    decay: 0.999,
  };
  return ADAM_SHAPES.map((shape, i) => {
    const error = tf.tidy(() => {
      const [p, g, m] = [0, 1, 2].map((k) =>
        tf.randomUniform(shape, -2, 2, 'float32', seed + 10 * i + k),
      );
      const v = tf.randomUniform(shape, 0, 1, 'float32', seed + 10 * i + 3);
      const args = [p, g, m, v] as [Tensor, Tensor, Tensor, Tensor];
      const mine = adamUpdate(tf, ...args, attrs);
      const ref = adamReference(tf, ...args, attrs);
      return Math.max(...ref.map((r, k) => relativeError(mine[k] as Tensor, r)));
    });
    return { kernel: ADAM_KERNEL, shape: shape.join('x'), error };
  });
}

function checkCells(tf: Tf, seed: number): KernelCheck[] {
  const out: KernelCheck[] = [];
  for (const name of ALL_CELL_KERNELS) {
    if (tf.getKernel(name, tf.getBackend()) === undefined) continue;
    for (const [B, H, T] of CASES) {
      const error = tf.tidy(() => {
        const inputs: Record<string, Tensor> = {};
        Object.entries(inputShapes(name, B, H, T)).forEach(([input, shape], i) => {
          inputs[input] = tf.randomUniform(shape, -2, 2, 'float32', seed + i);
        });
        let worst = 0;
        for (const t of new Set([0, T - 1])) {
          const mine = runCell(tf, true, name, inputs, { t, hidden: H });
          const ref = runCell(tf, false, name, inputs, { t, hidden: H });
          ref.forEach((r, k) => {
            worst = Math.max(worst, relativeError(mine[k] as Tensor, r));
          });
        }
        return worst;
      });
      out.push({ kernel: name, shape: `${B}x${H}, ${T} steps`, error });
    }
  }
  return out;
}
