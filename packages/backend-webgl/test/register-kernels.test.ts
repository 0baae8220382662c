/**
 * The webgl kernels' registration (their values are checked in Chromium, where shaders run:
 * `checkSeqlabKernels` through tools/bench/browser).
 */
import * as tf from '@tensorflow/tfjs-core';
import { CELL_KERNELS } from '@seqlab/tfjs';
import { describe, expect, it } from 'vitest';
import { registerWebglKernels } from '../src/register-kernels.js';

describe('registerWebglKernels', () => {
  it('adds the cell and Adam shaders to webgl only, once', () => {
    // tfjs's webgl kernels stay; seqlab adds its cell and Adam shaders.
    const cells = [
      ...Object.values(CELL_KERNELS).flatMap((k) => [k.forward, k.backward]),
      'SeqlabAdam',
    ];
    expect(registerWebglKernels(tf, 'webgl').sort()).toEqual([...cells].sort());
    const cell = tf.getKernel('SeqlabLstmCell', 'webgl')?.kernelFunc;
    expect(cell).toBeDefined();
    expect(registerWebglKernels(tf, 'webgl').sort()).toEqual([...cells].sort());
    expect(tf.getKernel('SeqlabLstmCell', 'webgl')?.kernelFunc).toBe(cell);
    expect(registerWebglKernels(tf, 'cpu')).toEqual([]);
    expect(registerWebglKernels(tf, 'tensorflow')).toEqual([]);
  });
});
