/**
 * The cell kernels of bptt/cell-ops.ts for the cpu and wasm backends: one loop over the
 * batch and the state per kernel, over the backends' typed arrays, instead of the 10–30
 * kernels (each with its own allocation and dispatch) of the composed cell. The math is
 * cell-reference.ts's, element by element; tested against it (test/cell-kernels.test.ts).
 */
import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import type { CellAttrs, CellKernelName } from '../bptt/cell-ops.js';
import type { ArrayBackend, KernelArgs } from './array-backend.js';

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

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

function need(v: Views, name: string): Float32Array {
  const a = v[name];
  if (a === undefined) throw new Error(`seqlab cell kernel: input '${name}' is missing`);
  return a;
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
    fill: (v, [cOut, hOut], B, H, t) => {
      const [xw, rec, c] = [need(v, 'xw'), need(v, 'rec'), need(v, 'c')];
      const [co, ho] = [cOut!, hOut!];
      for (let b = 0; b < B; b++) {
        const x = (t * B + b) * 4 * H;
        const r = b * 4 * H;
        for (let j = 0; j < H; j++) {
          const ig = sigmoid(xw[x + j]! + rec[r + j]!);
          const f = sigmoid(xw[x + H + j]! + rec[r + H + j]!);
          const g = Math.tanh(xw[x + 2 * H + j]! + rec[r + 2 * H + j]!);
          const o = sigmoid(xw[x + 3 * H + j]! + rec[r + 3 * H + j]!);
          const i = b * H + j;
          const cNext = f * c[i]! + ig * g;
          co[i] = cNext;
          ho[i] = o * Math.tanh(cNext);
        }
      }
    },
  },
  SeqlabLstmCellGrad: {
    outputs: (B, H) => [
      [B, 4 * H],
      [B, H],
    ],
    fill: (v, [dgOut, dcOut], B, H, t) => {
      const [xw, rec, cPrev, c] = [need(v, 'xw'), need(v, 'rec'), need(v, 'cPrev'), need(v, 'c')];
      const [carry, dy, dcIn] = [need(v, 'carry'), need(v, 'dy'), need(v, 'dc')];
      const [dg, dcPrev] = [dgOut!, dcOut!];
      for (let b = 0; b < B; b++) {
        const x = (t * B + b) * 4 * H;
        const r = b * 4 * H;
        for (let j = 0; j < H; j++) {
          const ig = sigmoid(xw[x + j]! + rec[r + j]!);
          const f = sigmoid(xw[x + H + j]! + rec[r + H + j]!);
          const g = Math.tanh(xw[x + 2 * H + j]! + rec[r + 2 * H + j]!);
          const o = sigmoid(xw[x + 3 * H + j]! + rec[r + 3 * H + j]!);
          const i = b * H + j;
          const dh = carry[i]! + dy[t * B * H + i]!;
          const tc = Math.tanh(c[i]!);
          const dc = dcIn[i]! + dh * o * (1 - tc * tc);
          dg[r + j] = dc * g * ig * (1 - ig);
          dg[r + H + j] = dc * cPrev[i]! * f * (1 - f);
          dg[r + 2 * H + j] = dc * ig * (1 - g * g);
          dg[r + 3 * H + j] = dh * tc * o * (1 - o);
          dcPrev[i] = dc * f;
        }
      }
    },
  },
  SeqlabGruCell: {
    outputs: (B, H) => [[B, H]],
    fill: (v, [hOut], B, H, t) => {
      const [xw, rec, bhh, h, out] = [
        need(v, 'xw'),
        need(v, 'rec'),
        need(v, 'bhh'),
        need(v, 'h'),
        hOut!,
      ];
      for (let b = 0; b < B; b++) {
        const x = (t * B + b) * 3 * H;
        const r = b * 3 * H;
        for (let j = 0; j < H; j++) {
          const rg = sigmoid(xw[x + j]! + rec[r + j]! + bhh[j]!);
          const z = sigmoid(xw[x + H + j]! + rec[r + H + j]! + bhh[H + j]!);
          const n = Math.tanh(xw[x + 2 * H + j]! + rg * (rec[r + 2 * H + j]! + bhh[2 * H + j]!));
          const i = b * H + j;
          out[i] = n + z * (h[i]! - n);
        }
      }
    },
  },
  SeqlabGruCellGrad: {
    outputs: (B, H) => [
      [B, 3 * H],
      [B, 3 * H],
      [B, H],
    ],
    fill: (v, [dxOut, drOut, directOut], B, H, t) => {
      const [xw, rec, bhh, hPrev] = [
        need(v, 'xw'),
        need(v, 'rec'),
        need(v, 'bhh'),
        need(v, 'hPrev'),
      ];
      const [carry, dy] = [need(v, 'carry'), need(v, 'dy')];
      const [dx, drec, direct] = [dxOut!, drOut!, directOut!];
      for (let b = 0; b < B; b++) {
        const x = (t * B + b) * 3 * H;
        const r = b * 3 * H;
        for (let j = 0; j < H; j++) {
          const rg = sigmoid(xw[x + j]! + rec[r + j]! + bhh[j]!);
          const z = sigmoid(xw[x + H + j]! + rec[r + H + j]! + bhh[H + j]!);
          const hn = rec[r + 2 * H + j]! + bhh[2 * H + j]!;
          const n = Math.tanh(xw[x + 2 * H + j]! + rg * hn);
          const i = b * H + j;
          const dh = carry[i]! + dy[t * B * H + i]!;
          const dn = dh * (1 - z) * (1 - n * n);
          const dz = dh * (hPrev[i]! - n) * z * (1 - z);
          const dr = dn * hn * rg * (1 - rg);
          dx[r + j] = drec[r + j] = dr;
          dx[r + H + j] = drec[r + H + j] = dz;
          dx[r + 2 * H + j] = dn;
          drec[r + 2 * H + j] = dn * rg;
          direct[i] = dh * z;
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

/** The six cell kernels over `arrays` (cpuArrays or wasmArrays), by kernel name. */
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
