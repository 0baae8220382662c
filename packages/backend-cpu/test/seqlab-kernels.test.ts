/**
 * seqlab's cell kernels and fused Adam update on cpu and wasm against their references of
 * tfjs ops, through the same self-check the browser bench runs on webgl
 * (@seqlab/tfjs's kernels/check-kernels.ts).
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_CELL_KERNELS, checkSeqlabKernels } from '@seqlab/tfjs';
import { registerCpuKernels } from '../src/index.js';

/** cpu and wasm have every cell kernel, the recomputing and the saving ones. */
const ALL = [...ALL_CELL_KERNELS, 'SeqlabAdam'];

beforeAll(() => {
  const require = createRequire(import.meta.url);
  setWasmPaths(
    `${dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'))}/`,
  );
});

afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('seqlab kernels equal their references', () => {
  for (const backend of ['cpu', 'wasm']) {
    it(`on ${backend}`, async () => {
      expect(await tf.setBackend(backend)).toBe(true);
      await tf.ready();
      registerCpuKernels(tf, backend);
      const rows = checkSeqlabKernels(tf);
      // Every kernel, at every case: none may be missing from the check.
      expect(new Set(rows.map((r) => r.kernel))).toEqual(new Set(ALL));
      expect(rows).toHaveLength(ALL.length * 4);
      for (const r of rows) expect(r.error, `${r.kernel} ${r.shape}`).toBeLessThan(1e-5);
    });
  }
});
