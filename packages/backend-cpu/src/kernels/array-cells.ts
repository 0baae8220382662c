/**
 * The cell kernels of bptt/cell-ops.ts for the cpu and wasm backends: one loop over the
 * batch and the state per kernel, over the backends' typed arrays, instead of the 10–30
 * kernels (each with its own allocation and dispatch) of the composed cell. The math is
 * cell-reference.ts's, element by element; tested against it (test/seqlab-kernels.test.ts).
 */
import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import type { CellAttrs, CellKernelName } from '@seqlab/tfjs';
import type { ArrayBackend, KernelArgs } from './array-backend.js';
import { gate, gruDeltas, gruGates, loadGates, lstmDeltas, lstmGates } from './array-cell-math.js';

/**
 * Inputs as float32 arrays, taken after every output is allocated (a wasm allocation may
 * move the heap). One concrete array type keeps element access monomorphic: through the
 * `Flat` union, V8's access was ten times slower.
 */
type Views = Record<string, Float32Array>;

/** One kernel: output shapes, then a fill of the outputs from the input views. */
interface Spec {
  readonly outputs: (B: number, H: number) => number[][];
  readonly fill: (v: Views, out: Float32Array[], B: number, H: number, t: number) => void;
}

/**
 * An LSTM step forward: c′ and h′, and with `acts` the activations i, f, g, o, tanh c′ (the
 * saving kernel's third output, `[B, 5H]`).
 */
function lstmForward(
  v: Views,
  cOut: Float32Array,
  hOut: Float32Array,
  acts: Float32Array | null,
  B: number,
  H: number,
  t: number,
): void {
  const [xw, rec, c] = [need(v, 'xw'), need(v, 'rec'), need(v, 'c')];
  for (let b = 0; b < B; b++) {
    for (let j = 0; j < H; j++) {
      lstmGates(xw, rec, (t * B + b) * 4 * H, b * 4 * H, H, j);
      const i = b * H + j;
      const cNext = gate[1]! * c[i]! + gate[0]! * gate[2]!;
      const tc = Math.tanh(cNext);
      cOut[i] = cNext;
      hOut[i] = gate[3]! * tc;
      if (acts !== null) {
        const a = b * 5 * H + j;
        for (let k = 0; k < 4; k++) acts[a + k * H] = gate[k]!;
        acts[a + 4 * H] = tc;
      }
    }
  }
}

/** A GRU step forward: h′, and with `acts` the activations r, z, n, W_hn h + b_hn (`[B, 4H]`). */
function gruForward(
  v: Views,
  hOut: Float32Array,
  acts: Float32Array | null,
  B: number,
  H: number,
  t: number,
): void {
  const [xw, rec, bhh, h] = [need(v, 'xw'), need(v, 'rec'), need(v, 'bhh'), need(v, 'h')];
  for (let b = 0; b < B; b++) {
    for (let j = 0; j < H; j++) {
      gruGates(xw, rec, bhh, (t * B + b) * 3 * H, b * 3 * H, H, j);
      const i = b * H + j;
      const n = gate[2]!;
      hOut[i] = n + gate[1]! * (h[i]! - n);
      if (acts !== null) {
        const a = b * 4 * H + j;
        for (let k = 0; k < 4; k++) acts[a + k * H] = gate[k]!;
      }
    }
  }
}

function need(v: Views, name: string): Float32Array {
  const a = v[name];
  if (a === undefined) throw new Error(`seqlab cell kernel: input '${name}' is missing`);
  return a;
}

/** What both LSTM cell gradients read besides the gates: c_{t−1}, carry, dy, dc. */
function lstmGradInputs(v: Views): [Float32Array, Float32Array, Float32Array, Float32Array] {
  return [need(v, 'cPrev'), need(v, 'carry'), need(v, 'dy'), need(v, 'dc')];
}

const SPECS: Record<CellKernelName, Spec> = {
  SeqlabTanhCell: {
    outputs: (B, H) => [[B, H]],
    fill: (v, [h], B, H, t) => {
      const [xw, rec, out] = [need(v, 'xw'), need(v, 'rec'), h as Float32Array];
      const xo = t * B * H;
      for (let i = 0; i < B * H; i++) out[i] = Math.tanh(xw[xo + i]! + rec[i]!);
    },
  },
  SeqlabTanhCellGrad: {
    outputs: (B, H) => [[B, H]],
    fill: (v, [da], B, H, t) => {
      const [h, carry, dy, out] = [need(v, 'h'), need(v, 'carry'), need(v, 'dy'), da!];
      const yo = t * B * H;
      for (let i = 0; i < B * H; i++) out[i] = (1 - h[i]! * h[i]!) * (carry[i]! + dy[yo + i]!);
    },
  },
  SeqlabLstmCell: {
    outputs: (B, H) => [
      [B, H],
      [B, H],
    ],
    fill: (v, [cOut, hOut], B, H, t) => lstmForward(v, cOut!, hOut!, null, B, H, t),
  },
  SeqlabLstmCellSave: {
    outputs: (B, H) => [
      [B, H],
      [B, H],
      [B, 5 * H],
    ],
    fill: (v, [cOut, hOut, acts], B, H, t) => lstmForward(v, cOut!, hOut!, acts!, B, H, t),
  },
  SeqlabLstmCellGrad: {
    outputs: (B, H) => [
      [B, 4 * H],
      [B, H],
    ],
    fill: (v, [dg, dcPrev], B, H, t) => {
      const [xw, rec, c] = [need(v, 'xw'), need(v, 'rec'), need(v, 'c')];
      const [cPrev, carry, dy, dcIn] = lstmGradInputs(v);
      for (let b = 0; b < B; b++) {
        for (let j = 0; j < H; j++) {
          lstmGates(xw, rec, (t * B + b) * 4 * H, b * 4 * H, H, j);
          const i = b * H + j;
          const dh = carry[i]! + dy[t * B * H + i]!;
          lstmDeltas(dg!, dcPrev!, b * 4 * H, i, H, j, dh, dcIn[i]!, cPrev[i]!, Math.tanh(c[i]!));
        }
      }
    },
  },
  SeqlabLstmCellGradSaved: {
    outputs: (B, H) => [
      [B, 4 * H],
      [B, H],
    ],
    fill: (v, [dg, dcPrev], B, H, t) => {
      const acts = need(v, 'acts');
      const [cPrev, carry, dy, dcIn] = lstmGradInputs(v);
      for (let b = 0; b < B; b++) {
        const a = b * 5 * H;
        for (let j = 0; j < H; j++) {
          loadGates(acts, a, H, j, 4);
          const i = b * H + j;
          const dh = carry[i]! + dy[t * B * H + i]!;
          const tc = acts[a + 4 * H + j]!;
          lstmDeltas(dg!, dcPrev!, b * 4 * H, i, H, j, dh, dcIn[i]!, cPrev[i]!, tc);
        }
      }
    },
  },
  SeqlabGruCell: {
    outputs: (B, H) => [[B, H]],
    fill: (v, [hOut], B, H, t) => gruForward(v, hOut!, null, B, H, t),
  },
  SeqlabGruCellSave: {
    outputs: (B, H) => [
      [B, H],
      [B, 4 * H],
    ],
    fill: (v, [hOut, acts], B, H, t) => gruForward(v, hOut!, acts!, B, H, t),
  },
  SeqlabGruCellGrad: {
    outputs: (B, H) => [
      [B, 3 * H],
      [B, 3 * H],
      [B, H],
    ],
    fill: (v, [dx, drec, direct], B, H, t) => {
      const [xw, rec, bhh] = [need(v, 'xw'), need(v, 'rec'), need(v, 'bhh')];
      const [hPrev, carry, dy] = [need(v, 'hPrev'), need(v, 'carry'), need(v, 'dy')];
      for (let b = 0; b < B; b++) {
        for (let j = 0; j < H; j++) {
          gruGates(xw, rec, bhh, (t * B + b) * 3 * H, b * 3 * H, H, j);
          const i = b * H + j;
          const dh = carry[i]! + dy[t * B * H + i]!;
          gruDeltas(dx!, drec!, direct!, b * 3 * H, i, H, j, dh, hPrev[i]!);
        }
      }
    },
  },
  SeqlabGruCellGradSaved: {
    outputs: (B, H) => [
      [B, 3 * H],
      [B, 3 * H],
      [B, H],
    ],
    fill: (v, [dx, drec, direct], B, H, t) => {
      const acts = need(v, 'acts');
      const [hPrev, carry, dy] = [need(v, 'hPrev'), need(v, 'carry'), need(v, 'dy')];
      for (let b = 0; b < B; b++) {
        for (let j = 0; j < H; j++) {
          loadGates(acts, b * 4 * H, H, j, 4);
          const i = b * H + j;
          const dh = carry[i]! + dy[t * B * H + i]!;
          gruDeltas(dx!, drec!, direct!, b * 3 * H, i, H, j, dh, hPrev[i]!);
        }
      }
    },
  },
};

/** A float32 view, or an error: the cells run in float32 only. */
function floatView(a: ArrayBackend, t: TensorInfo): Float32Array {
  const view = a.view(t);
  if (!(view instanceof Float32Array)) throw new Error('seqlab cell kernel: float32 only');
  return view;
}

/** The ten cell kernels over `arrays` (cpuArrays or wasmArrays), by kernel name. */
export function arrayCellKernels(
  arrays: (backend: unknown) => ArrayBackend,
): Record<string, KernelFunc> {
  const kernel = (spec: Spec): KernelFunc =>
    ((args: KernelArgs<CellAttrs>) => {
      const a = arrays(args.backend);
      const { t = 0, hidden = 0 } = args.attrs ?? {};
      const first = Object.values(args.inputs).find((x) => x.shape.length === 2);
      const B = first?.shape[0] ?? 0;
      const outs: TensorInfo[] = spec.outputs(B, hidden).map((s) => a.alloc(s, 'float32'));
      const views: Views = {};
      for (const [name, x] of Object.entries(args.inputs)) views[name] = floatView(a, x);
      spec.fill(
        views,
        outs.map((o) => floatView(a, o)),
        B,
        hidden,
        t,
      );
      return outs;
    }) as unknown as KernelFunc;
  return Object.fromEntries(Object.entries(SPECS).map(([name, spec]) => [name, kernel(spec)]));
}
