/**
 * The im2col kernel against its definition, element by element, for random shapes,
 * strides, dilations and paddings on the cpu backend: rows inside the input (copied as one
 * run when stride and dilation are 1) and rows that reach into the padding alike.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { IM2COL, type Im2ColAttrs } from '@seqlab/tfjs';
import { registerCpuKernels } from '../src/register.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerCpuKernels(tf, 'cpu');
});

/** cols[b, o, j*C + c] = x[b, o*stride + j*dilation - left, c], or padValue outside [0, T). */
function reference(x: Float32Array, [B, T, C]: number[], g: Im2ColAttrs): number[] {
  const out: number[] = [];
  for (let b = 0; b < (B ?? 0); b++)
    for (let o = 0; o < g.out; o++)
      for (let j = 0; j < g.kernel; j++) {
        const t = o * g.stride + j * g.dilation - g.left;
        for (let c = 0; c < (C ?? 0); c++) {
          const inside = t >= 0 && t < (T ?? 0);
          out.push(inside ? (x[(b * (T ?? 0) + t) * (C ?? 0) + c] as number) : g.padValue);
        }
      }
  return out;
}

const caseArb = fc.record({
  B: fc.integer({ min: 1, max: 3 }),
  T: fc.integer({ min: 1, max: 9 }),
  C: fc.integer({ min: 1, max: 5 }),
  kernel: fc.integer({ min: 1, max: 4 }),
  stride: fc.integer({ min: 1, max: 3 }),
  dilation: fc.integer({ min: 1, max: 3 }),
  left: fc.integer({ min: 0, max: 4 }),
  out: fc.integer({ min: 1, max: 10 }),
  padValue: fc.constantFrom(0, -Infinity),
});

describe('im2col on cpu', () => {
  it('equals its definition for any geometry', () => {
    fc.assert(
      fc.property(caseArb, ({ B, T, C, ...g }) => {
        const attrs: Im2ColAttrs = { ...g, length: T };
        const values = Float32Array.from({ length: B * T * C }, (_, i) => i * 0.5 - 3);
        const x = tf.tensor3d(values, [B, T, C]);
        const cols = tf.engine().runKernel(IM2COL, { x }, { ...attrs }) as tf.Tensor;
        expect(cols.shape).toEqual([B, g.out, g.kernel * C]);
        expect(Array.from(cols.dataSync())).toEqual(reference(values, [B, T, C], attrs));
        tf.dispose([x, cols]);
      }),
      { numRuns: 300, seed: 17 },
    );
  });
});
