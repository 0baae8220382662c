/**
 * The explicit BPTT recurrence equals tfjs autodiff on the same float32 forward pass, for
 * random shapes, with and without truncation (truncation = the sum of the per-chunk
 * gradients the trainer's `tbptt` takes, each chunk starting from a detached state).
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { tanhRnnBackward, tanhRnnForward, type TanhRnnParams } from '../../src/bptt/tanh-rnn.js';
import { ensureGradients } from '../../src/grad/register.js';
import { createRng } from '../../src/rng.js';
import { relativeError } from './relative-error.js';
import { randomArray, useCpu } from '../helpers.js';

beforeAll(async () => {
  await useCpu();
  ensureGradients(tf);
});

interface Case {
  B: number;
  T: number;
  D: number;
  H: number;
  k: number | undefined;
  seed: number;
}

function cases(): Case[] {
  const rng = createRng(2024);
  const pick = (lo: number, hi: number): number => lo + Math.floor(rng.uniform() * (hi - lo + 1));
  return Array.from({ length: 12 }, (_, i) => {
    const T = pick(1, 14);
    // Every other case truncated, with a chunk length that usually does not divide T.
    return {
      B: pick(1, 4),
      T,
      D: pick(1, 6),
      H: pick(1, 9),
      k: i % 2 ? pick(1, T) : undefined,
      seed: i,
    };
  });
}

function params(c: Case): TanhRnnParams {
  return {
    x: tf.tensor(randomArray([c.B, c.T, c.D], c.seed * 10 + 1), [c.B, c.T, c.D]),
    h0: tf.tensor(randomArray([c.B, c.H], c.seed * 10 + 2, 0.5), [c.B, c.H]),
    wxh: tf.tensor(randomArray([c.H, c.D], c.seed * 10 + 3, 0.8), [c.H, c.D]),
    whh: tf.tensor(randomArray([c.H, c.H], c.seed * 10 + 4, 1.2), [c.H, c.H]),
    bh: tf.tensor(randomArray([c.H], c.seed * 10 + 5, 0.3), [c.H]),
  };
}

/** A loss reading some steps: L = Σ_t <R_t, h_t> for the steps t with a projection R_t. */
function projections(c: Case): (tf.Tensor | null)[] {
  const rng = createRng(c.seed + 99);
  return Array.from({ length: c.T }, (_, t) =>
    t === c.T - 1 || rng.uniform() < 0.5
      ? tf.tensor(randomArray([c.B, c.H], c.seed * 100 + t), [c.B, c.H])
      : null,
  );
}

/** Autodiff, chunk by chunk: each chunk starts from the previous one's state as data. */
function autodiff(p: TanhRnnParams, R: (tf.Tensor | null)[], k: number) {
  const T = p.x.shape[1] ?? 0;
  const sums: tf.Tensor[] = [tf.zerosLike(p.wxh), tf.zerosLike(p.whh), tf.zerosLike(p.bh)];
  const dxs: tf.Tensor[] = [];
  let dh0: tf.Tensor = tf.zerosLike(p.h0);
  let hInit = p.h0;
  for (let start = 0; start < T; start += k) {
    const width = Math.min(k, T - start);
    const xc = tf.slice(p.x, [0, start, 0], [-1, width, -1]);
    const loss = (x: tf.Tensor, h0: tf.Tensor, wxh: tf.Tensor, whh: tf.Tensor, bh: tf.Tensor) => {
      const hs = tanhRnnForward(tf, { x, h0, wxh, whh, bh });
      const terms = hs.flatMap((h, i) => {
        const r = R[start + i];
        return r ? [tf.sum(tf.mul(h, r))] : [];
      });
      return terms.reduce((s, v) => tf.add(s, v), tf.scalar(0)) as tf.Scalar;
    };
    const reads = R.slice(start, start + width).some((r) => r !== null);
    // A chunk whose steps the loss does not read contributes nothing (tfjs would refuse).
    const [dx, dh, dwxh, dwhh, dbh] = reads
      ? (tf.grads(loss)([xc, hInit, p.wxh, p.whh, p.bh]) as tf.Tensor[])
      : [xc, hInit, p.wxh, p.whh, p.bh].map((t) => tf.zerosLike(t));
    dxs.push(dx as tf.Tensor);
    if (start === 0) dh0 = dh as tf.Tensor;
    sums[0] = tf.add(sums[0] as tf.Tensor, dwxh as tf.Tensor);
    sums[1] = tf.add(sums[1] as tf.Tensor, dwhh as tf.Tensor);
    sums[2] = tf.add(sums[2] as tf.Tensor, dbh as tf.Tensor);
    const hs = tanhRnnForward(tf, { ...p, x: xc, h0: hInit });
    hInit = hs[hs.length - 1] as tf.Tensor;
  }
  return { wxh: sums[0], whh: sums[1], bh: sums[2], h0: dh0, x: tf.concat(dxs, 1) };
}

describe('explicit BPTT for the tanh RNN', () => {
  for (const c of cases()) {
    const label = `B=${c.B} T=${c.T} D=${c.D} H=${c.H} ${c.k === undefined ? 'full' : `tbptt=${c.k}`}`;
    it(`equals autodiff (${label})`, () => {
      tf.tidy(() => {
        const p = params(c);
        const R = projections(c);
        const hs = tanhRnnForward(tf, p);
        const mine = tanhRnnBackward(tf, p, hs, R, c.k);
        const ref = autodiff(p, R, c.k ?? c.T);
        for (const key of ['wxh', 'whh', 'bh', 'h0', 'x'] as const) {
          expect(relativeError(mine[key], ref[key] as tf.Tensor), key).toBeLessThanOrEqual(1e-5);
        }
      });
    });
  }

  it('without truncation, δh_t is the gradient at each hidden state', () => {
    tf.tidy(() => {
      const c: Case = { B: 2, T: 6, D: 3, H: 4, k: undefined, seed: 77 };
      const p = params(c);
      const R = projections(c);
      const mine = tanhRnnBackward(tf, p, tanhRnnForward(tf, p), R);
      // Perturbing h_2 by a probe: d(loss)/d(probe) must equal δh_2.
      const probeAt = 2;
      const loss = (probe: tf.Tensor) => {
        const xs = tf.unstack(p.x, 1);
        let h = p.h0;
        let total = tf.scalar(0);
        for (let t = 0; t < c.T; t++) {
          const a = tf.add(
            tf.add(
              tf.matMul(xs[t] as tf.Tensor, p.wxh, false, true),
              tf.matMul(h, p.whh, false, true),
            ),
            p.bh,
          );
          h = tf.tanh(a);
          if (t === probeAt) h = tf.add(h, probe);
          const r = R[t];
          if (r) total = tf.add(total, tf.sum(tf.mul(h, r)));
        }
        return total as tf.Scalar;
      };
      const [g] = tf.grads(loss)([tf.zeros([c.B, c.H])]);
      expect(relativeError(mine.dh[probeAt] as tf.Tensor, g as tf.Tensor)).toBeLessThanOrEqual(
        1e-5,
      );
    });
  });
});
