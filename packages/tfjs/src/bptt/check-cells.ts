/**
 * A self-check of the active backend's cell kernels against the composed reference
 * (cell-reference.ts) on random inputs: the test of seqlab's webgl shaders, which can only
 * run in a browser (tools/bench/browser runs it in Chromium), and of the cpu and wasm loops.
 * Shapes include odd batch sizes and widths, where packed 2×2 texel blocks straddle gates.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Tf } from '../types.js';
import {
  CELL_KERNELS,
  GATE_COUNT,
  runCell,
  type CellKernelName,
  type CellKind,
} from './cell-ops.js';

/** The worst disagreement of one kernel at one shape. */
export interface CellCheck {
  readonly kernel: CellKernelName;
  /** `B×H, T steps` of the case. */
  readonly shape: string;
  /** Largest norm-wise relative error over the kernel's outputs and the steps tried. */
  readonly error: number;
}

/** Input shapes of each kernel, for batch B, width H, T steps (dy holds T + 2). */
function inputShapes(name: CellKernelName, B: number, H: number, T: number) {
  const kind = (Object.keys(CELL_KERNELS) as CellKind[]).find((k) =>
    Object.values(CELL_KERNELS[k]).includes(name as never),
  ) as CellKind;
  const G = GATE_COUNT[kind] * H;
  const s = { xw: [T, B, G], rec: [B, G], bhh: [G], state: [B, H], dy: [T + 2, B, H] };
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
    SeqlabGruCell: { xw: s.xw, rec: s.rec, bhh: s.bhh, h: s.state },
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
 * Runs every cell kernel registered for the active backend and its reference on the same
 * random inputs (at the first and last step) and reports the worst relative error of each.
 * Kernels the backend lacks are left out: an empty result means there were none.
 */
export function checkCellKernels(tf: Tf, seed = 7): CellCheck[] {
  const names = Object.values(CELL_KERNELS).flatMap((k) => [k.forward, k.backward]);
  const out: CellCheck[] = [];
  for (const name of names) {
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
