/**
 * Times `tf.matMul` at given shapes on whatever backend `tf` runs: the same code in Node
 * (tools/bench/matmul-throughput.ts) and in the Chromium bench page, so a backend's
 * product ceiling is measured the same way everywhere.
 */
import { median, type Tf } from '@seqlab/tfjs';

/** One product `op(A) × op(B)` with `op(A)` of `[m, k]` and `op(B)` of `[k, n]`. */
export interface ProductShape {
  readonly label: string;
  readonly m: number;
  readonly k: number;
  readonly n: number;
  readonly transposeA?: boolean;
  readonly transposeB?: boolean;
}

/** Median time of one product (result read back) and the throughput it gives. */
export interface ProductTiming {
  readonly label: string;
  readonly ms: number;
  /** Multiply-accumulates per second, in billions. */
  readonly gmacs: number;
}

/** Products per round aim at this much work, so a round is long enough to time. */
const ROUND_MS = 150;

/**
 * Time per product when products run back to back and only the last of a round is read
 * back (as in a recurrence, where nothing syncs between steps): the median over `rounds`
 * rounds, after two products alone as warm-up, the second of which sizes a round (1 to 10 products,
 * about ROUND_MS of work).
 */
export function timeProducts(tf: Tf, shapes: readonly ProductShape[], rounds = 5): ProductTiming[] {
  return shapes.map((s) => {
    const a = tf.randomNormal(s.transposeA ? [s.k, s.m] : [s.m, s.k]);
    const b = tf.randomNormal(s.transposeB ? [s.n, s.k] : [s.k, s.n]);
    const product = () => tf.matMul(a, b, s.transposeA === true, s.transposeB === true);
    let t0 = 0;
    for (let i = 0; i < 2; i++) {
      // The first also compiles the shader (webgl); the second sizes a round.
      t0 = performance.now();
      const warm = product();
      warm.dataSync();
      warm.dispose();
    }
    const perRound = Math.max(1, Math.min(10, Math.ceil(ROUND_MS / (performance.now() - t0))));
    const times: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const start = performance.now();
      const outs = Array.from({ length: perRound }, product);
      outs[perRound - 1]?.dataSync();
      times.push((performance.now() - start) / perRound);
      tf.dispose(outs);
    }
    tf.dispose([a, b]);
    const ms = median(times);
    return { label: s.label, ms, gmacs: (s.m * s.k * s.n) / ms / 1e6 };
  });
}
