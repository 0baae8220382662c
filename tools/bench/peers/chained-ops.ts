/**
 * Chained tensor methods (`t.flatten()`, `t.reshape(s)`, ...) for tfjs-layers. A tfjs user
 * imports the union package `@tensorflow/tfjs`, which registers them; this repository has
 * only tfjs-core, whose Node bundle does not, and its ESM files cannot be loaded by Node.
 * tfjs-layers needs them: the default recurrent initializer (orthogonal) calls
 * `rMat.flatten().stridedSlice(...)`. Each method is the tfjs-core op of the same name with
 * the tensor as first argument, which is what tfjs-core's own chained_ops files do.
 */
import type * as tfc from '@tensorflow/tfjs-core';

/** The chained ops whose op takes the tensor first (tfjs-core's list, minus odd ones). */
const THIS_FIRST = [
  'abs',
  'add',
  'all',
  'any',
  'argMax',
  'argMin',
  'cast',
  'clipByValue',
  'div',
  'equal',
  'exp',
  'expandDims',
  'gather',
  'greater',
  'less',
  'log',
  'matMul',
  'max',
  'maximum',
  'mean',
  'min',
  'minimum',
  'mul',
  'neg',
  'pad',
  'relu',
  'reshape',
  'sigmoid',
  'sign',
  'slice',
  'softmax',
  'split',
  'sqrt',
  'square',
  'squeeze',
  'stridedSlice',
  'sub',
  'sum',
  'tanh',
  'tile',
  'transpose',
  'unstack',
] as const;

/** Register the chained methods on the global Tensor class, where missing. Idempotent. */
export function registerChainedOps(tf: typeof tfc): void {
  const proto = tf.Tensor.prototype as unknown as Record<string, unknown>;
  const ops = tf as unknown as Record<string, unknown>;
  const define = (name: string, fn: (this: tfc.Tensor, ...args: unknown[]) => unknown): void => {
    if (typeof proto[name] !== 'function') proto[name] = fn;
  };
  for (const name of THIS_FIRST) {
    const op = ops[name];
    if (typeof op !== 'function') continue;
    define(name, function (...args) {
      return (op as (...a: unknown[]) => unknown)(this, ...args);
    });
  }
  define('flatten', function () {
    return tf.reshape(this, [this.size]);
  });
  define('toFloat', function () {
    return tf.cast(this, 'float32');
  });
  define('toInt', function () {
    return tf.cast(this, 'int32');
  });
  define('toBool', function () {
    return tf.cast(this, 'bool');
  });
  define('asType', function (dtype) {
    return tf.cast(this, dtype as tfc.DataType);
  });
}
