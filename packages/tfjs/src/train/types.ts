/** Training configuration and batch shapes. */
import type { Tensor, Tensor1D } from '@tensorflow/tfjs-core';

/** One batch: model inputs, their lengths by time symbol, and the targets. */
export interface TrainBatch {
  readonly inputs: Readonly<Record<string, Tensor>>;
  readonly lengths?: Readonly<Record<string, Tensor1D>>;
  /** Class ids `[B]`, tag ids `[B, T]` (int), or float targets shaped like the output. */
  readonly targets: Tensor;
  /** Real length of each per-step target sequence; padding steps are ignored. */
  readonly targetLengths?: Tensor1D;
}

/** Optimiser and its hyperparameters (PyTorch names and defaults). */
export interface OptimizerSpec {
  readonly kind: 'sgd' | 'momentum' | 'adam' | 'adamw' | 'rmsprop';
  readonly lr: number;
  /**
   * Momentum: default 0.9 for `momentum`; `sgd` with momentum > 0 is momentum SGD (as in
   * torch.optim.SGD); rmsprop's optional momentum (default 0).
   */
  readonly momentum?: number;
  readonly beta1?: number;
  /** Adam's beta2; for rmsprop, the smoothing constant (PyTorch `alpha`, default 0.99). */
  readonly beta2?: number;
  readonly eps?: number;
  /** L2 added to the gradient (sgd, momentum, adam, rmsprop) or decoupled (adamw, default 0.01). */
  readonly weightDecay?: number;
}

/** Learning-rate schedule over optimisation steps (0-based). */
export type ScheduleSpec =
  | { readonly kind: 'constant' }
  | { readonly kind: 'step'; readonly every: number; readonly gamma: number }
  | { readonly kind: 'cosine'; readonly warmup: number; readonly total: number }
  | { readonly kind: 'warmup'; readonly steps: number };

/** Everything a Trainer needs besides the model. */
export interface TrainConfig {
  readonly loss: 'cross_entropy' | 'mse';
  readonly optimizer: OptimizerSpec;
  readonly schedule?: ScheduleSpec;
  /** Clip the global gradient norm (PyTorch clip_grad_norm_). */
  readonly clipNorm?: number;
  /** Clip each gradient element to [-clipValue, clipValue] (after norm clipping). */
  readonly clipValue?: number;
  /** The model output to train (default: the first output). */
  readonly output?: string;
  /** Seed for dropout masks during training (default 0). */
  readonly seed?: number;
  /**
   * Truncated BPTT: one update per chunk of `tbptt` steps, carrying the recurrent states
   * (as constants) into the next chunk. Needs per-step targets and causal layers.
   */
  readonly tbptt?: number;
}

/** What one optimisation step reports. */
export interface StepResult {
  readonly loss: number;
  /** Global gradient norm before any clipping. */
  readonly gradNorm: number;
  /** Whether clipping changed the gradient. */
  readonly clipped: boolean;
  /** Learning rate used for this step. */
  readonly lr: number;
}
