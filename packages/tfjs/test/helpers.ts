/** Shared test utilities: backend setup, random data, parameter access, comparisons. */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { expect } from 'vitest';
import { createRng } from '../src/rng.js';
import type { CompiledModel } from '../src/types.js';

/** Switches tfjs to the cpu backend. */
export async function useCpu(): Promise<void> {
  await tf.setBackend('cpu');
  await tf.ready();
}

/** Deterministic uniform(-scale, scale) nested array of the given shape. */
export function randomArray(shape: readonly number[], seed: number, scale = 1): number[] {
  const rng = createRng(seed);
  const size = shape.reduce((a, b) => a * b, 1);
  // float32-representable, so references see exactly what the tensors hold.
  return Array.from({ length: size }, () => Math.fround((2 * rng.uniform() - 1) * scale));
}

/** Nested JS arrays from a tensor (float64 numbers). */
export function nested(t: tf.Tensor): unknown {
  return t.arraySync();
}

/** A layer's parameter values by role, flat, from the compiled model. */
export function weightsOf(model: CompiledModel, layer: string): (role: string) => number[] {
  return (role) => {
    const v = model.variables.get(`${layer}.${role}`);
    if (v === undefined) throw new Error(`no parameter ${layer}.${role}`);
    return Array.from(v.dataSync());
  };
}

/** Flattens any nested numeric array. */
export function flat(x: unknown): number[] {
  if (typeof x === 'number') return [x];
  if (Array.isArray(x)) return x.flatMap((v) => flat(v));
  throw new Error('not a numeric array');
}

/** Element-wise |a - b| <= tol, with equal element counts. */
export function expectClose(actual: unknown, expected: unknown, tol = 1e-5): void {
  const a = flat(actual);
  const e = flat(expected);
  expect(a.length).toBe(e.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] ?? 0) - (e[i] ?? 0)));
  expect(worst).toBeLessThanOrEqual(tol);
}

/** Reshapes a flat array into [B][T][D]. */
export function toSeq(values: readonly number[], B: number, T: number, D: number): number[][][] {
  return Array.from({ length: B }, (_, b) =>
    Array.from({ length: T }, (_, t) => values.slice((b * T + t) * D, (b * T + t + 1) * D)),
  );
}
