/**
 * seqlab's kernels (src/kernels, installed by src/register.ts) give what tfjs's stock cpu
 * kernels give, on the cpu and wasm backends, for random shapes and arguments: references
 * are computed with the stock kernels BEFORE ours are registered.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCpuKernels } from '../src/register.js';

const require = createRequire(import.meta.url);

interface Arr {
  values: number[];
  shape: number[];
}
interface Case {
  name: string;
  inputs: Arr[];
  f: (...xs: tf.Tensor[]) => tf.Tensor | tf.Tensor[];
  tolerance?: number;
  /** Tolerance on wasm only (its own kernels sum in float32); exact on cpu. */
  wasmTolerance?: number;
}

const filled = (shape: number[], seed = 0): Arr => ({
  shape,
  values: Array.from(
    { length: shape.reduce((a, b) => a * b, 1) },
    (_, i) => Math.round(Math.sin(i * 12.9898 + seed * 78.233) * 43758.5453) % 7,
  ),
});

const rng = fc.array(fc.nat(), { minLength: 8, maxLength: 8 });
const shapeArb = fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 4 });

function cases(): Case[] {
  const out: Case[] = [];
  // Slices with any begin and size (-1 = to the end).
  for (const [shape, r] of fc.sample(fc.tuple(shapeArb, rng), { numRuns: 40, seed: 7 })) {
    const begin = shape.map((d, i) => (r[i] ?? 0) % d);
    const size = shape.map((d, i) => {
      const v = r[i + 4] ?? 0;
      return v % 3 === 0 ? -1 : 1 + (v % (d - (begin[i] ?? 0)));
    });
    out.push({
      name: `slice [${shape}] at [${begin}] size [${size}]`,
      inputs: [filled(shape)],
      f: (x) => tf.slice(x, begin, size),
    });
  }
  for (const shape of [[3, 4, 2], [2, 3, 200], [5], [2, 1, 3, 2]]) {
    for (let axis = 0; axis < shape.length; axis++) {
      out.push({
        name: `unstack [${shape}] axis ${axis}`,
        inputs: [filled(shape)],
        f: (x) => tf.unstack(x, axis),
      });
    }
  }
  // Transposes under any permutation, any rank up to 4.
  const permArb = shapeArb.chain((shape) =>
    fc.tuple(
      fc.constant(shape),
      fc.shuffledSubarray(
        shape.map((_, i) => i),
        { minLength: shape.length },
      ),
    ),
  );
  for (const [shape, perm] of fc.sample(permArb, { numRuns: 25, seed: 11 })) {
    out.push({
      name: `transpose [${shape}] perm [${perm}]`,
      inputs: [filled(shape)],
      f: (x) => tf.transpose(x, perm),
    });
  }
  out.push({
    name: 'transpose int32 [3,5] (a gate block of ids)',
    inputs: [filled([3, 5])],
    f: (x) => tf.transpose(tf.cast(x, 'int32')),
  });
  out.push({
    name: 'transpose long rows [2,300,3]',
    inputs: [filled([2, 300, 3])],
    f: (x) => tf.transpose(x, [1, 0, 2]),
  });
  // Pads with any widths on either side, zero or another constant.
  const padArb = shapeArb.chain((shape) =>
    fc.tuple(
      fc.constant(shape),
      fc.array(fc.tuple(fc.nat(2), fc.nat(2)), {
        minLength: shape.length,
        maxLength: shape.length,
      }),
      fc.constantFrom(0, 1.5),
    ),
  );
  for (const [shape, pads, value] of fc.sample(padArb, { numRuns: 20, seed: 13 })) {
    out.push({
      name: `pad [${shape}] by ${JSON.stringify(pads)} with ${value}`,
      inputs: [filled(shape)],
      f: (x) => tf.pad(x, pads, value),
    });
  }
  // Sums over leading, trailing and (stock path) middle axes; fractional values, so the
  // order of the additions shows.
  const fractional = (shape: number[], seed = 0): Arr => {
    const f = filled(shape, seed);
    return { shape, values: f.values.map((v, i) => v / 7 + i * 1e-3) };
  };
  for (const [shape, axis, keepDims] of [
    [[4, 3, 5], 0, false],
    [[4, 3, 5], [0, 1], false],
    [[4, 3, 5], -1, false],
    [[4, 3, 5], [1, 2], true],
    [[4, 3, 5], 1, false],
    [[4, 3, 5], [0, 1, 2], false],
    [[1600, 7], 0, false],
    [[6, 0], 0, false],
  ] as const) {
    out.push({
      name: `sum [${shape}] axis ${JSON.stringify(axis)}${keepDims ? ' keepDims' : ''}`,
      inputs: [fractional([...shape])],
      f: (x) => tf.sum(x, axis as number | number[], keepDims),
      wasmTolerance: 1e-6,
    });
  }
  out.push({
    name: 'sum int32 (stock path)',
    inputs: [filled([3, 4])],
    f: (x) => tf.sum(tf.cast(x, 'int32'), 0),
  });
  out.push({ name: 'split by count', inputs: [filled([4, 6, 3])], f: (x) => tf.split(x, 3, 1) });
  out.push({
    name: 'split by sizes, -1',
    inputs: [filled([4, 6, 3])],
    f: (x) => tf.split(x, [1, -1, 2], 1),
  });
  out.push({
    name: 'split long rows',
    inputs: [filled([6, 300])],
    f: (x) => tf.split(x, [100, 200], 1),
  });
  for (const [a, b, axis] of [
    [[2, 3, 4], [2, 5, 4], 1],
    [[2, 3, 4], [2, 3, 1], 2],
    [[2, 3], [4, 3], 0],
    [[2, 150], [2, 130], 1],
    [[2, 0], [2, 3], 1],
  ] as const) {
    out.push({
      name: `concat [${a}] [${b}] axis ${axis}`,
      inputs: [filled([...a]), filled([...b], 1)],
      f: (x, y) => tf.concat([x as tf.Tensor, y as tf.Tensor], axis),
    });
  }
  for (const batch of [[], [2]]) {
    for (const ta of [false, true]) {
      for (const tb of [false, true]) {
        const [m, k, n] = [3, 5, 4];
        out.push({
          name: `matMul batch [${batch}] ta=${ta} tb=${tb}`,
          inputs: [
            filled([...batch, ...(ta ? [k, m] : [m, k])]),
            filled([...batch, ...(tb ? [n, k] : [k, n])], 2),
          ],
          f: (x, y) => tf.matMul(x as tf.Tensor, y as tf.Tensor, ta, tb),
          tolerance: 1e-6,
        });
      }
    }
  }
  // Long enough and wide enough that the cpu GEMM packs B in blocks (gemm.ts): three
  // blocks of depth, an odd row and two columns past the last block of four.
  for (const ta of [false, true]) {
    const [m, k, n] = [5, 600, 514];
    out.push({
      name: `matMul packed [${m},${k}]x[${k},${n}] ta=${ta}`,
      inputs: [filled(ta ? [k, m] : [m, k]), filled([k, n], 2)],
      f: (x, y) => tf.matMul(x as tf.Tensor, y as tf.Tensor, ta, false),
      tolerance: 1e-5,
    });
  }
  out.push({
    name: 'matMul broadcast batch',
    inputs: [filled([2, 3, 4]), filled([1, 4, 2], 3)],
    f: (x, y) => tf.matMul(x as tf.Tensor, y as tf.Tensor),
    tolerance: 1e-6,
  });
  for (const [op, f] of [
    ['add', tf.add],
    ['sub', tf.sub],
    ['mul', tf.mul],
  ] as const) {
    out.push({
      name: `${op} same shape`,
      inputs: [filled([3, 4]), filled([3, 4], 1)],
      f: (x, y) => f(x as tf.Tensor, y as tf.Tensor),
    });
    out.push({
      name: `${op} row broadcast right`,
      inputs: [filled([3, 4]), filled([4], 1)],
      f: (x, y) => f(x as tf.Tensor, y as tf.Tensor),
    });
    out.push({
      name: `${op} row broadcast left`,
      inputs: [filled([1, 4]), filled([2, 3, 4], 1)],
      f: (x, y) => f(x as tf.Tensor, y as tf.Tensor),
    });
    out.push({
      name: `${op} scalar on either side`,
      inputs: [filled([]), filled([2, 3], 1)],
      f: (x, y) => f(f(x as tf.Tensor, y as tf.Tensor), x as tf.Tensor),
    });
    out.push({
      name: `${op} column broadcast (stock path)`,
      inputs: [filled([3, 4]), filled([3, 1], 1)],
      f: (x, y) => f(x as tf.Tensor, y as tf.Tensor),
    });
  }
  out.push({
    name: 'mul keeps NaN from 0 * NaN in matMul',
    inputs: [
      { values: [0, 1], shape: [1, 2] },
      { values: [NaN, 1], shape: [2, 1] },
    ],
    f: (x, y) => tf.matMul(x as tf.Tensor, y as tf.Tensor),
  });
  return out;
}

function run(c: Case): Arr[] {
  return tf.tidy(() => {
    const xs = c.inputs.map((i) => tf.tensor(i.values, i.shape));
    const out = c.f(...xs);
    return (Array.isArray(out) ? out : [out]).map((t) => ({
      values: Array.from(t.dataSync()),
      shape: t.shape,
    }));
  });
}

const all = cases();
let reference: Arr[][] = [];

beforeAll(async () => {
  await tf.setBackend('cpu');
  reference = all.map(run); // stock cpu kernels: nothing of ours is registered yet
  const dir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
  setWasmPaths(`${dir}/`);
  await tf.setBackend('wasm');
  await tf.ready();
  expect(registerCpuKernels(tf, 'wasm')).toEqual(
    expect.arrayContaining(['Slice', 'Unpack', 'SplitV', 'Concat', 'Identity', 'BatchMatMul']),
  );
  await tf.setBackend('cpu');
  expect(registerCpuKernels(tf, 'cpu')).toEqual(
    expect.arrayContaining([
      'Slice',
      'BatchMatMul',
      'Add',
      'Sub',
      'Multiply',
      'Transpose',
      'PadV2',
      'Sum',
    ]),
  );
});

afterAll(async () => {
  await tf.setBackend('cpu');
});

describe.each(['cpu', 'wasm'] as const)(
  'seqlab kernels on %s equal the stock cpu kernels',
  (backend) => {
    it.each(all.map((c, i) => [c.name, i] as const))('%s', async (_name, i) => {
      await tf.setBackend(backend);
      const c = all[i] as Case;
      const got = run(c);
      const want = reference[i] ?? [];
      expect(got.map((g) => g.shape)).toEqual(want.map((w) => w.shape));
      got.forEach((g, j) => {
        const w = want[j]?.values ?? [];
        const tolerance = (backend === 'wasm' ? c.wasmTolerance : undefined) ?? c.tolerance;
        if (!tolerance) expect(g.values).toEqual(w);
        else
          g.values.forEach((v, k) =>
            expect(Math.abs(v - (w[k] ?? NaN))).toBeLessThanOrEqual(
              tolerance * (1 + Math.abs(w[k] ?? 0)),
            ),
          );
      });
    });
  },
);

describe('kernel plumbing', () => {
  it('Identity shares data: disposing either handle keeps the other readable', async () => {
    for (const backend of ['cpu', 'wasm']) {
      await tf.setBackend(backend);
      const x = tf.tensor([1, 2, 3]);
      const y = tf.clone(x);
      x.dispose();
      expect(Array.from(y.dataSync())).toEqual([1, 2, 3]);
      const before = tf.memory().numBytes;
      y.dispose();
      expect(tf.memory().numBytes).toBeLessThan(before);
    }
  });

  it('registering twice keeps our kernels (no double wrapping); other backends get none', () => {
    const first = tf.getKernel('BatchMatMul', 'wasm')?.kernelFunc;
    const cell = tf.getKernel('SeqlabLstmCell', 'wasm')?.kernelFunc;
    registerCpuKernels(tf, 'wasm');
    expect(tf.getKernel('BatchMatMul', 'wasm')?.kernelFunc).toBe(first);
    expect(tf.getKernel('SeqlabLstmCell', 'wasm')?.kernelFunc).toBe(cell);
    // webgl's cell and Adam shaders are @seqlab/backend-webgl's (test/register-kernels.test.ts).
    expect(registerCpuKernels(tf, 'webgl')).toEqual([]);
    expect(registerCpuKernels(tf, 'tensorflow')).toEqual([]);
  });
});
