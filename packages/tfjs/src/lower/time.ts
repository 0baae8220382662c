/** Rules that reduce or pick along time: reduce_time, last, first, final_state. */
import type { Tensor } from '@tensorflow/tfjs-core';
import type { OpName } from '@seqlab/ir';
import { attrsOf, input, type Rule } from './context.js';
import { sequenceMask, stepPick } from './masks.js';

const NEG_LARGE = -3.0e38;

const reduceTime: Rule = (ctx, node, args) => {
  const { tf } = ctx;
  const x = input(node, args, 0);
  const { mode } = attrsOf(node, 'reduce_time');
  const steps = x.shape[1] ?? 0;
  if (args.lengths === null) {
    if (mode === 'mean') return [tf.mean(x, 1)];
    if (mode === 'max') return [tf.max(x, 1)];
    return [tf.sum(x, 1)];
  }
  const mask = tf.expandDims(sequenceMask(tf, args.lengths, steps), 2); // [B, T, 1]
  if (mode === 'max') {
    // Padding is pushed far below any real value; real values pass unchanged (x + 0).
    return [tf.max(tf.add(x, tf.mul(tf.sub(1, mask), NEG_LARGE)), 1)];
  }
  const sum = tf.sum(tf.mul(x, mask), 1);
  if (mode === 'sum') return [sum];
  const count = tf.maximum(tf.cast(tf.reshape(args.lengths, [-1, 1]), 'float32'), 1);
  return [tf.div(sum, count)];
};

/** The step at lengths - 1, picked by a 0/1 product (its gradient needs no scatter). */
const last: Rule = (ctx, node, args) => {
  const { tf } = ctx;
  const x = input(node, args, 0);
  const steps = x.shape[1] ?? 0;
  if (args.lengths === null) return [tf.squeeze(tf.slice(x, [0, steps - 1], [-1, 1]), [1])];
  const index = tf.sub(tf.cast(args.lengths, 'int32'), tf.scalar(1, 'int32'));
  const pick = tf.expandDims(stepPick(tf, index, steps), 2); // [B, T, 1]
  return [tf.sum(tf.mul(x, pick), 1)];
};

const first: Rule = (ctx, node, args) => {
  const x = input(node, args, 0);
  return [ctx.tf.squeeze(ctx.tf.slice(x, [0, 0], [-1, 1]), [1])];
};

/** h_n `[layers*dirs, B, H]` -> `[B, dirs*H]`: the top layer, directions concatenated. */
const finalState: Rule = (ctx, node, args) => {
  const { tf } = ctx;
  const h: Tensor = input(node, args, 0);
  const { layers, bidirectional } = attrsOf(node, 'final_state');
  const dirs = bidirectional ? 2 : 1;
  const top = tf.slice(h, [(layers - 1) * dirs, 0, 0], [dirs, -1, -1]);
  const [, batch = 0, hidden = 0] = h.shape;
  return [tf.reshape(tf.transpose(top, [1, 0, 2]), [batch, dirs * hidden])];
};

/** Rules for the time-reduction family. */
export function timeRules(): Pick<
  Record<OpName, Rule>,
  'reduce_time' | 'last' | 'first' | 'final_state'
> {
  return { reduce_time: reduceTime, last, first, final_state: finalState };
}
