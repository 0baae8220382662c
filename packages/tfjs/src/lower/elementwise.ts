/** Rules for the elementwise and tensor-algebra ops (model level and inside scan bodies). */
import type { Tensor } from '@tensorflow/tfjs-core';
import type { OpName } from '@seqlab/ir';
import type { Tf } from '../types.js';
import { attrsOf, input, type Rule } from './context.js';

const unary =
  (f: (tf: Tf, x: Tensor) => Tensor): Rule =>
  (ctx, node, args) => [f(ctx.tf, input(node, args, 0))];

/** Binary elementwise ops broadcast like numpy, as tfjs does. */
const binary =
  (f: (tf: Tf, a: Tensor, b: Tensor) => Tensor): Rule =>
  (ctx, node, args) => [f(ctx.tf, input(node, args, 0), input(node, args, 1))];

/** a `[..., K]` times b `[K, N]` (or `[N, K]`): flattened to one 2-D product. */
const matmul: Rule = (ctx, node, args) => {
  const { tf } = ctx;
  const a = input(node, args, 0);
  const b = input(node, args, 1);
  const { transpose_b } = attrsOf(node, 'matmul');
  const k = a.shape[a.rank - 1] ?? 1;
  const n = (transpose_b ? b.shape[0] : b.shape[1]) ?? 1;
  const flat = tf.matMul(tf.reshape(a, [-1, k]), b, false, transpose_b);
  return [tf.reshape(flat, [...a.shape.slice(0, -1), n])];
};

/** `x[..., start:end]` on the last axis. */
const slice: Rule = (ctx, node, args) => {
  const x = input(node, args, 0);
  const { start, end } = attrsOf(node, 'slice');
  const begin = x.shape.map((_, i) => (i === x.rank - 1 ? start : 0));
  const size = x.shape.map((d, i) => (i === x.rank - 1 ? end - start : d));
  return [ctx.tf.slice(x, begin, size)];
};

/** Rules for the elementwise family, keyed by op. */
export function elementwiseRules(): Pick<
  Record<OpName, Rule>,
  | 'relu'
  | 'tanh'
  | 'sigmoid'
  | 'gelu'
  | 'silu'
  | 'exp'
  | 'log'
  | 'neg'
  | 'add'
  | 'sub'
  | 'mul'
  | 'div'
  | 'matmul'
  | 'slice'
  | 'constant'
  | 'param'
> {
  return {
    relu: unary((tf, x) => tf.relu(x)),
    tanh: unary((tf, x) => tf.tanh(x)),
    sigmoid: unary((tf, x) => tf.sigmoid(x)),
    // PyTorch's default GELU is the exact erf form, not the tanh approximation.
    gelu: unary((tf, x) => tf.mul(tf.mul(x, 0.5), tf.add(1, tf.erf(tf.mul(x, Math.SQRT1_2))))),
    silu: unary((tf, x) => tf.mul(x, tf.sigmoid(x))),
    exp: unary((tf, x) => tf.exp(x)),
    log: unary((tf, x) => tf.log(x)),
    neg: unary((tf, x) => tf.neg(x)),
    add: binary((tf, a, b) => tf.add(a, b)),
    sub: binary((tf, a, b) => tf.sub(a, b)),
    mul: binary((tf, a, b) => tf.mul(a, b)),
    div: binary((tf, a, b) => tf.div(a, b)),
    matmul,
    slice,
    constant: (ctx, node) => [ctx.tf.scalar(attrsOf(node, 'constant').value)],
    param: (ctx, node) => {
      const { name } = attrsOf(node, 'param');
      const v = ctx.variables.get(name);
      if (v === undefined) throw new Error(`param node '${node.name}': unknown parameter ${name}`);
      return [v];
    },
  };
}
