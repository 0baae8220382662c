/**
 * What the gradient diagnostics report: per recurrent layer, the norm of dL/dh_t at every
 * step, the recurrent weight's spectrum, and a verdict with a suggestion.
 */
import type { Tensor, Tensor1D } from '@tensorflow/tfjs-core';
import type { RecurrentName } from '@seqlab/ir';
import type { Feeds } from '../types.js';

/** Where the diagnostic loss reads the output: only the final step, or every step. */
export type LossAt = 'last' | 'every';

/** The diagnosis of one layer's gradient flow. */
export type Verdict = 'vanishing' | 'exploding' | 'healthy';

/**
 * The loss whose gradients are measured. `projection`: a fixed random unit direction of the
 * output (no targets needed: random inputs, or a model without its data). `train`: the
 * model's training loss against targets.
 */
export type DiagnosticLoss =
  | { readonly kind: 'projection' }
  | {
      readonly kind: 'train';
      readonly loss: 'cross_entropy' | 'mse';
      readonly targets: Tensor;
      readonly targetLengths?: Tensor1D;
    };

/** Options of {@link diagnoseGradients}. */
export interface DiagnoseOptions {
  readonly feeds: Feeds;
  /** Default: a random projection of the output. */
  readonly loss?: DiagnosticLoss;
  /** Default `last`. */
  readonly lossAt?: LossAt;
  /** The output the loss reads (default: the model's first output). */
  readonly output?: string;
  /** Seed of the projection direction (default 0). */
  readonly seed?: number;
  /**
   * Compute the mean Jacobian norm (an operator norm per example and step: the costly part
   * for wide layers; default true). The playground turns it off for live updates.
   */
  readonly jacobian?: boolean;
}

/** One square block of a recurrent weight (a gate of an LSTM/GRU, or the whole W_hh). */
export interface WeightBlock {
  /** `W_hh`, a gate name (`i f g o`, `r z n`), or `block k` of a user cell's matrix. */
  readonly name: string;
  readonly spectralRadius: number | null;
  readonly maxSingularValue: number;
}

/** The diagnosis of one recurrent layer (one direction of one layer of a recurrence). */
export interface LayerReport {
  /** `rnn0`, `lstm0.l1`, `gru0.l0_reverse`, or a user cell's layer name (`elman0`). */
  readonly name: string;
  /** IR node id of the recurrence. */
  readonly node: string;
  readonly op: RecurrentName | 'scan';
  /** The user cell, for a scan. */
  readonly cell?: string;
  readonly layer: number;
  readonly direction: 'forward' | 'reverse';
  /** Width of the state whose gradients are reported. */
  readonly hidden: number;
  /** The state reported in `gradNorms` (`h`; for a cell without `h`, all states jointly). */
  readonly state: string;
  /** Where the loss read the output for this layer: `first` for a reverse direction under `last`. */
  readonly lossAt: LossAt | 'first';
  /** ‖∂L/∂h_t‖ for t = 1..T in time order: root mean square over the batch of per-example norms. */
  readonly gradNorms: number[];
  /** Every state of a multi-state user cell, by name (same convention). */
  readonly stateGradNorms?: Readonly<Record<string, number[]>>;
  /**
   * ‖∂L/∂h_first‖ / ‖∂L/∂h_last‖ in the order the recurrence runs: ‖∂L/∂h_1‖ / ‖∂L/∂h_T‖
   * forwards, ‖∂L/∂h_T‖ / ‖∂L/∂h_1‖ for a reverse direction. Null when undefined (0/0).
   */
  readonly ratio: number | null;
  /** ratio^(1/(T−1)): the average factor per step back. */
  readonly perStepFactor: number | null;
  /** Spectral radius of the layer's recurrent matrix (see `weightSource`); null if unknown. */
  readonly spectralRadius: number | null;
  readonly maxSingularValue: number | null;
  /** Which matrix the two numbers above describe. */
  readonly weightSource: string;
  /** Every square block (LSTM i, f, g, o; GRU r, z, n). */
  readonly blocks: readonly WeightBlock[];
  /** Mean over examples and steps of ‖diag(φ'(a_t)) W_hh‖₂; null where not defined. */
  readonly meanJacobianNorm: number | null;
  /** How the Jacobian norm was obtained, or why it is missing. */
  readonly jacobianNote: string;
  readonly verdict: Verdict;
  readonly suggestion: string;
}

/** The diagnosis of a model on one batch. */
export interface GradReport {
  readonly lossAt: LossAt;
  readonly steps: number;
  readonly batch: number;
  readonly layers: LayerReport[];
}
