/**
 * The matrix products of one training step (forward, backward) of each bench model, as
 * seqlab lowers it: for a recurrence the hoisted input projection, T recurrent products
 * forward and T backward, one ΔW_hh product over all T·B rows and ΔW_ih; for the CNN the
 * im2col products of both convolutions. The dense head (4 classes) is left out: it is
 * under 0.1 % of the multiply-accumulates. Timing each shape on a backend and summing
 * gives the time the products alone need there: the floor under any lowering that does
 * the same arithmetic.
 */
import type { ProductShape } from './time-products.js';

/** A bench model's sizes. */
export interface StepSizes {
  readonly batch: number;
  readonly time: number;
  readonly input: number;
  readonly hidden: number;
}

/** One shape and how many times a training step multiplies it. */
export interface StepProduct {
  readonly shape: ProductShape;
  readonly count: number;
}

const GATES: Readonly<Record<string, number>> = { rnn: 1, lstm: 4, gru: 3 };

/** The products of one training step of `model` ('rnn' | 'lstm' | 'gru' | 'cnn'). */
export function stepProducts(model: string, s: StepSizes): StepProduct[] {
  const { batch: b, time: t, input: d, hidden: h } = s;
  const rows = b * t;
  const gates = GATES[model];
  if (gates !== undefined) {
    const g = gates * h;
    return [
      { shape: { label: `x W_ihᵀ [${rows},${d}]×[${d},${g}]`, m: rows, k: d, n: g }, count: 1 },
      { shape: { label: `h W_hhᵀ [${b},${h}]×[${h},${g}]`, m: b, k: h, n: g }, count: t },
      { shape: { label: `δ W_hh [${b},${g}]×[${g},${h}]`, m: b, k: g, n: h }, count: t },
      {
        shape: { label: `ΔW_hh [${h},${rows}]×[${rows},${g}]`, m: h, k: rows, n: g },
        count: 1,
      },
      {
        shape: {
          label: `ΔW_ih xᵀδ [${d},${rows}]×[${rows},${g}]`,
          m: d,
          k: rows,
          n: g,
          transposeA: true,
        },
        count: 1,
      },
    ];
  }
  if (model !== 'cnn') throw new Error(`no products known for ${model}`);
  const k1 = 3 * d;
  const k2 = 3 * h;
  return [
    { shape: { label: `conv1 [${rows},${k1}]×[${k1},${h}]`, m: rows, k: k1, n: h }, count: 1 },
    { shape: { label: `conv2 [${rows},${k2}]×[${k2},${h}]`, m: rows, k: k2, n: h }, count: 1 },
    {
      shape: {
        label: `Δconv2 cols [${rows},${h}]×[${h},${k2}]`,
        m: rows,
        k: h,
        n: k2,
        transposeB: true,
      },
      count: 1,
    },
    {
      shape: {
        label: `ΔW conv2 [${k2},${rows}]×[${rows},${h}]`,
        m: k2,
        k: rows,
        n: h,
        transposeA: true,
      },
      count: 1,
    },
    {
      shape: {
        label: `ΔW conv1 [${k1},${rows}]×[${rows},${h}]`,
        m: k1,
        k: rows,
        n: h,
        transposeA: true,
      },
      count: 1,
    },
  ];
}

/** Multiply-accumulates of one training step's products. */
export function stepMacs(products: readonly StepProduct[]): number {
  return products.reduce((n, p) => n + p.count * p.shape.m * p.shape.k * p.shape.n, 0);
}
