/**
 * `--threads`: how many threads the wasm backend's products (XNNPACK) run on. One thread is
 * tfjs's single-thread build; more starts the threaded build (packages/backend-node,
 * wasm-threads.ts). Other backends ignore it.
 */
import { availableParallelism } from 'node:os';
import { numericVolume, type IrModule } from '@seqlab/ir';
import { wholeNumber } from './numbers.js';

/** tfjs starts a pool of 8 pthreads and never runs XNNPACK on more. */
export const MAX_THREADS = 8;

/** A number of threads, or `auto`: decided from the model (see {@link resolveThreads}). */
export type ThreadsChoice = number | 'auto';

/** One line for `--help`. */
export const THREADS_HELP =
  'wasm: threads for the matrix products, or auto (default: 2 where the products are large enough to gain, else 1)';

/** `--threads N|auto`; absent is auto. */
export function parseThreads(value: string | undefined): ThreadsChoice {
  if (value === undefined || value === 'auto') return 'auto';
  return wholeNumber('--threads', value, 1, MAX_THREADS);
}

/**
 * The thread count for a choice. `auto` asks for two threads, never more than the machine's
 * cores, when a step's largest product (`productMacs`, multiply-adds of one matrix product in
 * a forward step) is large enough for a pool to pay for its hand-offs.
 */
export function resolveThreads(choice: ThreadsChoice, productMacs: number): number {
  if (choice !== 'auto') return choice;
  const cores = availableParallelism();
  return cores >= 2 && productMacs >= AUTO_THREADS_MIN_MACS ? 2 : 1;
}

/**
 * The product size from which two threads pay. Measured in Node on two cores, 1 against 2
 * threads (docs/performance.md, "Two cores in Node"): the bench's small models (products of
 * 0.13-0.52 M multiply-adds, names 0.79 M) train 10-40 % slower on two threads; the large
 * ones (4.2-17 M) 1.17-1.55x faster.
 */
export const AUTO_THREADS_MIN_MACS = 2_000_000;

/**
 * The multiply-adds of a step's largest matrix product, estimated as the batch times the
 * largest weight (a recurrent step multiplies `[B, D]` by `[D, G·H]`; a convolution's
 * im2col product is T times that, so this undercounts it, which errs towards one thread).
 */
export function productMacs(module: IrModule, batch: number): number {
  let largest = 0;
  for (const p of Object.values(module.params)) {
    if (p.shape.length >= 2) largest = Math.max(largest, numericVolume(p.shape));
  }
  return batch * largest;
}
