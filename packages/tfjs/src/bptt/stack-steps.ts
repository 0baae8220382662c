/**
 * Stacking the T per-step tensors of a recurrence into one `[T, ...]` tensor, in groups.
 * tfjs's webgl concat of more inputs than a shader may sample (16) splits them in halves
 * recursively, so 100 steps are copied about seven times over; in groups of 12 (one shader
 * each) and then one concat of the groups, they are copied twice. On the other backends
 * the extra pass is one more copy of the result.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Tf } from '../types.js';

/** Inputs per concat: under webgl's 16 samplers per shader. */
const GROUP = 12;

function joinAxis0(tf: Tf, parts: readonly Tensor[]): Tensor {
  if (parts.length <= GROUP)
    return parts.length === 1 ? (parts[0] as Tensor) : tf.concat([...parts], 0);
  const groups: Tensor[] = [];
  for (let i = 0; i < parts.length; i += GROUP)
    groups.push(tf.concat(parts.slice(i, i + GROUP), 0));
  return joinAxis0(tf, groups);
}

/** `tf.stack(xs)` (along a new first axis) for many tensors of one shape. */
export function stackSteps(tf: Tf, xs: readonly Tensor[]): Tensor {
  if (xs.length <= GROUP) return tf.stack([...xs]);
  return joinAxis0(
    tf,
    xs.map((x) => tf.expandDims(x, 0)),
  );
}
