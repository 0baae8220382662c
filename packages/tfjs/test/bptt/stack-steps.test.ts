/** stackSteps (grouped concats) gives exactly tf.stack, at group edges and over two levels. */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { stackSteps } from '../../src/bptt/stack-steps.js';
import { useCpu } from '../helpers.js';

beforeAll(useCpu);

describe('stackSteps', () => {
  for (const n of [1, 5, 12, 13, 25, 150]) {
    it(`stacks ${n} tensors like tf.stack`, () => {
      const xs = Array.from({ length: n }, (_, i) => tf.fill([2, 3], i));
      const got = stackSteps(tf, xs);
      expect(got.shape).toEqual([n, 2, 3]);
      expect(Array.from(got.dataSync())).toEqual(Array.from(tf.stack(xs).dataSync()));
    });
  }
});
