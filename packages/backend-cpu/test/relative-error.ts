/** Norm-wise relative error ‖a − b‖ / ‖b‖ (float64 on the host), 0 when both are zero. */
import type { Tensor } from '@tensorflow/tfjs-core';

export function relativeError(a: Tensor, b: Tensor): number {
  const x = a.dataSync();
  const y = b.dataSync();
  if (x.length !== y.length) throw new Error(`sizes differ: ${x.length} vs ${y.length}`);
  let diff = 0;
  let ref = 0;
  for (let i = 0; i < x.length; i++) {
    diff += ((x[i] ?? 0) - (y[i] ?? 0)) ** 2;
    ref += (y[i] ?? 0) ** 2;
  }
  if (ref === 0) return Math.sqrt(diff);
  return Math.sqrt(diff / ref);
}
