/**
 * seqlab's wasm kernels (kernels/wasm-kernels.ts) give exactly what the cpu backend gives,
 * on random shapes and arguments, and keep tfjs's reference counting honest.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerWasmKernels } from '../src/kernels/wasm-kernels.js';

const require = createRequire(import.meta.url);

beforeAll(async () => {
  const dir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
  setWasmPaths(`${dir}/`);
  await tf.setBackend('wasm');
  await tf.ready();
  expect(registerWasmKernels(tf)).toBe(true);
});

afterAll(async () => {
  await tf.setBackend('cpu');
});

/** Runs `f` on `backend` with the given inputs (as plain arrays) and returns plain arrays. */
async function on(
  backend: 'cpu' | 'wasm',
  inputs: { values: number[]; shape: number[] }[],
  f: (...xs: tf.Tensor[]) => tf.Tensor | tf.Tensor[],
): Promise<{ values: number[]; shape: number[] }[]> {
  await tf.setBackend(backend);
  return tf.tidy(() => {
    const xs = inputs.map((i) => tf.tensor(i.values, i.shape));
    const out = f(...xs);
    return (Array.isArray(out) ? out : [out]).map((t) => ({
      values: Array.from(t.dataSync()),
      shape: t.shape,
    }));
  });
}

async function same(
  inputs: { values: number[]; shape: number[] }[],
  f: (...xs: tf.Tensor[]) => tf.Tensor | tf.Tensor[],
  tolerance = 0,
): Promise<void> {
  const want = await on('cpu', inputs, f);
  const got = await on('wasm', inputs, f);
  expect(got.map((g) => g.shape)).toEqual(want.map((w) => w.shape));
  got.forEach((g, i) => {
    const w = want[i]?.values ?? [];
    if (tolerance === 0) expect(g.values).toEqual(w);
    else
      g.values.forEach((v, k) =>
        expect(Math.abs(v - (w[k] ?? NaN))).toBeLessThanOrEqual(
          tolerance * (1 + Math.abs(w[k] ?? 0)),
        ),
      );
  });
}

const shapeArb = fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 4 });
const filled = (shape: number[]) => ({
  shape,
  values: Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => i * 0.5 - 3),
});

describe('wasm kernels agree with the cpu backend', () => {
  it('Slice, for any begin and size (including -1)', async () => {
    await fc.assert(
      fc.asyncProperty(
        shapeArb,
        fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
        async (shape, r) => {
          const begin = shape.map((d, i) => (r[i] ?? 0) % d);
          const size = shape.map((d, i) =>
            (r[i + 4] ?? 0) % 3 === 0 ? -1 : 1 + ((r[i + 4] ?? 0) % (d - (begin[i] ?? 0))),
          );
          await same([filled(shape)], (x) => tf.slice(x, begin, size));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('Unpack along every axis, including long rows copied with set', async () => {
    for (const shape of [[3, 4, 2], [2, 3, 200], [5], [2, 1, 3, 2]]) {
      for (let axis = 0; axis < shape.length; axis++) {
        await same([filled(shape)], (x) => tf.unstack(x, axis));
      }
    }
  });

  it('SplitV by count and by sizes with -1', async () => {
    await same([filled([4, 6, 3])], (x) => tf.split(x, 3, 1));
    await same([filled([4, 6, 3])], (x) => tf.split(x, [1, -1, 2], 1));
    await same([filled([6, 300])], (x) => tf.split(x, [100, 200], 1));
  });

  it('Concat along every axis, short and long rows', async () => {
    for (const [a, b, axis] of [
      [[2, 3, 4], [2, 5, 4], 1],
      [[2, 3, 4], [2, 3, 1], 2],
      [[2, 3], [4, 3], 0],
      [[2, 150], [2, 130], 1],
    ] as const) {
      await same([filled([...a]), filled([...b])], (x, y) =>
        tf.concat([x as tf.Tensor, y as tf.Tensor], axis),
      );
    }
  });

  it('BatchMatMul with every transpose and a batch dim', async () => {
    const shapes = (ta: boolean, tb: boolean, batch: number[]) => {
      const [m, k, n] = [3, 5, 4];
      return [
        filled([...batch, ...(ta ? [k, m] : [m, k])]),
        filled([...batch, ...(tb ? [n, k] : [k, n])]),
      ];
    };
    for (const batch of [[], [2]]) {
      for (const ta of [false, true]) {
        for (const tb of [false, true]) {
          await same(
            shapes(ta, tb, batch),
            (a, b) => tf.matMul(a as tf.Tensor, b as tf.Tensor, ta, tb),
            1e-6,
          );
        }
      }
    }
  });

  it('Identity shares data: disposing either handle keeps the other readable', async () => {
    await tf.setBackend('wasm');
    const x = tf.tensor([1, 2, 3]);
    const y = tf.clone(x);
    x.dispose();
    expect(Array.from(y.dataSync())).toEqual([1, 2, 3]);
    const before = tf.memory().numBytes;
    y.dispose();
    expect(tf.memory().numBytes).toBeLessThan(before);
  });

  it('registering twice keeps our kernels (no double wrapping)', () => {
    const first = tf.getKernel('BatchMatMul', 'wasm')?.kernelFunc;
    expect(registerWasmKernels(tf)).toBe(true);
    expect(tf.getKernel('BatchMatMul', 'wasm')?.kernelFunc).toBe(first);
  });
});
