/**
 * A started WebGPU backend is not yet a working one: on some set-ups (headless Chromium with
 * SwiftShader's adapter but not SwiftShader Vulkan, measured here) the adapter and device
 * come up, shaders run and asynchronous reads work, but tfjs's synchronous read (a copy
 * through a canvas, which the training step uses) gives zeros, and reads after it fail ("A
 * valid external Instance reference no longer exists"). Training would report a loss of 0
 * and die a step later, so the browser setup runs this check before it settles on webgpu,
 * and falls back when it fails.
 */
import type * as TfCore from '@tensorflow/tfjs-core';

/** The tfjs calls the check uses (the tfjs-core namespace; injectable for tests). */
export type ReadBackTf = Pick<typeof TfCore, 'fill' | 'matMul' | 'add' | 'scalar' | 'tidy'>;

/** Every element of `x`, if it is `want`; otherwise the first that is not. */
function firstWrong(x: ArrayLike<number>, want: number): number | undefined {
  for (let i = 0; i < x.length; i++) if (x[i] !== want) return x[i];
  return x.length === 0 ? NaN : undefined;
}

/**
 * Computes a small product on the active backend and reads it back both ways tfjs reads
 * (synchronously, as the training step does, and asynchronously); `undefined` when both
 * give the exact answer, else one line saying what went wrong. 64 × 64 keeps the work on
 * the GPU (tfjs's webgpu backend runs tiny ops on the CPU) and the answer exact in float32.
 */
export async function readBackProblem(tf: ReadBackTf): Promise<string | undefined> {
  const n = 64;
  const product = tf.tidy(() => tf.matMul(tf.fill([n, n], 0.5), tf.fill([n, n], 0.5)));
  const plusOne = tf.tidy(() => tf.add(product, tf.scalar(1)));
  try {
    const syncWrong = firstWrong(product.dataSync(), n / 4);
    if (syncWrong !== undefined) return `read-back check gave ${syncWrong}, not ${n / 4}`;
    const asyncWrong = firstWrong(await plusOne.data(), n / 4 + 1);
    if (asyncWrong !== undefined) return `read-back check gave ${asyncWrong}, not ${n / 4 + 1}`;
    return undefined;
  } catch (e) {
    const why = String((e as Error)?.message ?? e).split('\n')[0] ?? '';
    return `read-back check failed: ${why}`;
  } finally {
    product.dispose();
    plusOne.dispose();
  }
}
