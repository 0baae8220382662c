import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { readBackProblem, type ReadBackTf } from '../src/read-back.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** tfjs, except that results read back as `sync` and `async` say (a broken GPU read). */
function brokenReads(sync: () => Float32Array, async: () => Promise<Float32Array>): ReadBackTf {
  const wrap = (t: tf.Tensor): tf.Tensor =>
    Object.assign(t, { dataSync: sync, data: async }) as tf.Tensor;
  return {
    ...tf,
    matMul: ((a: tf.Tensor2D, b: tf.Tensor2D) => wrap(tf.matMul(a, b))) as typeof tf.matMul,
    add: ((a: tf.Tensor, b: tf.Tensor) => wrap(tf.add(a, b))) as typeof tf.add,
  };
}

describe('the WebGPU read-back check', () => {
  it('passes where results read back exactly, and leaves no tensor behind', async () => {
    const before = tf.memory().numTensors;
    expect(await readBackProblem(tf)).toBeUndefined();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('names the wrong value a synchronous read gives (zeros, as SwiftShader gave)', async () => {
    const zeros = brokenReads(
      () => new Float32Array(4096),
      async () => new Float32Array(4096).fill(17),
    );
    expect(await readBackProblem(zeros)).toBe('read-back check gave 0, not 16');
  });

  it('names an asynchronous read that fails, by its first line', async () => {
    const lost = brokenReads(
      () => new Float32Array(4096).fill(16),
      () => Promise.reject(new Error('A valid external Instance reference no longer exists.\nat')),
    );
    expect(await readBackProblem(lost)).toBe(
      'read-back check failed: A valid external Instance reference no longer exists.',
    );
    const empty = brokenReads(
      () => new Float32Array(0),
      async () => new Float32Array(0),
    );
    expect(await readBackProblem(empty)).toBe('read-back check gave NaN, not 16');
  });
});
