/** Rules for per-position layers: embed, dense, dropout, layer_norm, softmax, concat. */
import type { GradSaveFunc, Tensor } from '@tensorflow/tfjs-core';
import type { OpName } from '@seqlab/ir';
import { hashSeed } from '../rng.js';
import type { Tf } from '../types.js';
import { attrsOf, input, optionalParam, param, type Rule } from './context.js';

/** `x @ W^T + b` over the last axis of any-rank x (PyTorch nn.Linear). */
export function linear(tf: Tf, x: Tensor, weight: Tensor, bias: Tensor | null): Tensor {
  const inDim = x.shape[x.rank - 1] ?? 1;
  const units = weight.shape[0] ?? 1;
  let y = tf.matMul(tf.reshape(x, [-1, inDim]), weight, false, true);
  if (bias !== null) y = tf.add(y, bias);
  return tf.reshape(y, [...x.shape.slice(0, -1), units]);
}

/**
 * Row lookup with a scatter-add gradient. tfjs's own gather gradient needs
 * UnsortedSegmentSum, which the wasm backend lacks; ScatterNd sums duplicate ids everywhere.
 * The padding row (PyTorch `padding_idx`) gets no gradient, so it stays zero.
 */
function lookup(tf: Tf, weight: Tensor, ids: Tensor, paddingIdx: number | null): Tensor {
  const [vocab = 0, dim = 0] = weight.shape;
  const op = tf.customGrad((...xs: (Tensor | GradSaveFunc)[]) => {
    const [w, idx, save] = xs as [Tensor, Tensor, GradSaveFunc];
    save([idx]);
    return {
      value: tf.gather(w, idx),
      gradFunc: (dy: Tensor, saved: Tensor[]) => {
        const savedIdx = saved[0] ?? idx;
        let g = dy;
        if (paddingIdx !== null) {
          const keep = tf.cast(tf.notEqual(savedIdx, paddingIdx), 'float32');
          g = tf.mul(dy, tf.reshape(keep, [-1, 1]));
        }
        const dw = tf.scatterND(tf.reshape(savedIdx, [-1, 1]), g, [vocab, dim]);
        // ids are integers: the tape never asks for their gradient.
        return [dw, tf.zerosLike(savedIdx)];
      },
    };
  });
  return op(weight, ids);
}

/** Rules for the per-position layer family. */
export function layerRules(): Pick<
  Record<OpName, Rule>,
  'embed' | 'dense' | 'dropout' | 'layer_norm' | 'softmax' | 'concat'
> {
  return {
    embed: (ctx, node, args) => {
      const { tf } = ctx;
      const raw = input(node, args, 0);
      const ids = raw.dtype === 'int32' ? raw : tf.cast(raw, 'int32');
      const weight = param(ctx, node, 'weight');
      const vocab = weight.shape[0] ?? 0;
      const { padding_idx } = attrsOf(node, 'embed');
      const pad =
        padding_idx === null || padding_idx === undefined
          ? null
          : padding_idx < 0
            ? vocab + padding_idx
            : padding_idx;
      const rows = lookup(tf, weight, tf.reshape(ids, [-1]), pad);
      return [tf.reshape(rows, [...ids.shape, weight.shape[1] ?? 0])];
    },
    dense: (ctx, node, args) => [
      linear(
        ctx.tf,
        input(node, args, 0),
        param(ctx, node, 'weight'),
        optionalParam(ctx, node, 'bias'),
      ),
    ],
    dropout: (ctx, node, args) => {
      const x = input(node, args, 0);
      const { rate } = attrsOf(node, 'dropout');
      if (!ctx.training || rate <= 0) return [x];
      return [ctx.tf.dropout(x, rate, undefined, hashSeed(ctx.seed, node.id))];
    },
    layer_norm: (ctx, node, args) => {
      const { tf } = ctx;
      const x = input(node, args, 0);
      const { eps } = attrsOf(node, 'layer_norm');
      const centred = tf.sub(x, tf.mean(x, -1, true));
      // Biased variance, as PyTorch's LayerNorm.
      const variance = tf.mean(tf.square(centred), -1, true);
      let y = tf.mul(centred, tf.rsqrt(tf.add(variance, eps)));
      const weight = optionalParam(ctx, node, 'weight');
      const bias = optionalParam(ctx, node, 'bias');
      if (weight !== null) y = tf.mul(y, weight);
      if (bias !== null) y = tf.add(y, bias);
      return [y];
    },
    softmax: (ctx, node, args) => [ctx.tf.softmax(input(node, args, 0))],
    concat: (ctx, node, args) => {
      const parts = args.inputs.filter((t): t is Tensor => t !== undefined);
      return [parts.length === 1 && parts[0] ? parts[0] : ctx.tf.concat(parts, -1)];
    },
  };
}
