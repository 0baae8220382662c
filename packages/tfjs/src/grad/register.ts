/**
 * Gradient registration. tfjs-core's Node bundle ships no gradient definitions (they come
 * with the `@tensorflow/tfjs` union package, which this project does not use), so we
 * register our own for exactly the kernels the lowering and the losses differentiate.
 * A kernel that already has a gradient (tfjs union or tfjs-node loaded) keeps it.
 */
import type { Tf } from '../types.js';
import { binaryGradients, unaryGradients } from './elementwise.js';
import { reduceGradients } from './reduce.js';
import { shapeGradients } from './shape.js';

const done = new WeakSet<object>();

/** Registers the missing gradients in `tf`'s global registry; idempotent and cheap. */
export function ensureGradients(tf: Tf): void {
  if (done.has(tf)) return;
  done.add(tf);
  const configs = [
    ...unaryGradients(tf),
    ...binaryGradients(tf),
    ...shapeGradients(tf),
    ...reduceGradients(tf),
  ];
  for (const config of configs) {
    if (tf.getGradient(config.kernelName) == null) tf.registerGradient(config);
  }
}
