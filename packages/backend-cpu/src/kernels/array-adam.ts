/**
 * The fused Adam update (train/adam-update.ts) for the cpu and wasm backends: one loop over
 * the parameter instead of ~14 whole-array kernels.
 */
import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import type { AdamAttrs } from '@seqlab/tfjs';
import type { ArrayBackend, KernelArgs } from './array-backend.js';

function floats(a: ArrayBackend, t: TensorInfo | undefined): Float32Array {
  const view = t === undefined ? undefined : a.view(t);
  if (!(view instanceof Float32Array)) throw new Error('seqlab adam kernel: float32 inputs only');
  return view;
}

/** `SeqlabAdam` over `arrays` (cpuArrays or wasmArrays). */
export function arrayAdamKernel(arrays: (backend: unknown) => ArrayBackend): KernelFunc {
  return ((args: KernelArgs<AdamAttrs>) => {
    const a = arrays(args.backend);
    const { p, g, m, v } = args.inputs;
    const at = args.attrs;
    if (p === undefined || at === undefined) throw new Error('seqlab adam kernel: bad call');
    const outs = [0, 1, 2].map(() => a.alloc(p.shape, 'float32'));
    const [pv, gv, mv, vv] = [floats(a, p), floats(a, g), floats(a, m), floats(a, v)];
    const [po, mo, vo] = outs.map((o) => floats(a, o)) as [
      Float32Array,
      Float32Array,
      Float32Array,
    ];
    const { lr, beta1, beta2, eps, bc1, bc2, l2, decay } = at;
    for (let i = 0; i < pv.length; i++) {
      const grad = gv[i]! + l2 * pv[i]!;
      const mNew = beta1 * mv[i]! + (1 - beta1) * grad;
      const vNew = beta2 * vv[i]! + (1 - beta2) * grad * grad;
      mo[i] = mNew;
      vo[i] = vNew;
      po[i] = decay * pv[i]! - (lr * (mNew / bc1)) / (Math.sqrt(vNew / bc2) + eps);
    }
    return outs;
  }) as unknown as KernelFunc;
}
