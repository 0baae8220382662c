/**
 * Optimisers with a settable learning rate. sgd, momentum and rmsprop are tfjs-core's
 * (their update rules match PyTorch's, see the notes below); Adam and AdamW are seqlab's
 * (adam.ts: one fused kernel per parameter instead of tfjs's ~14, and tfjs has no AdamW). Coupled weight decay (PyTorch's `weight_decay` for those four) is added to
 * the gradient before the update, as torch.optim does.
 */
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import type { Tf } from '../types.js';
import type { NamedTensor } from '../weights/safetensors.js';
import type { OptimizerSpec } from './types.js';
import { fusedAdam } from './adam.js';

/** A variable and its (already clipped) gradient; null when the loss does not reach it. */
export interface GradientPair {
  readonly variable: Variable;
  readonly grad: Tensor | null;
}

/** An optimiser the trainer can re-tune every step. */
export interface SteppingOptimizer {
  setLearningRate(lr: number): void;
  /**
   * Applies one update. Always pass the same variables in the same order: tfjs optimisers
   * keep their slots by position. A null gradient skips that variable (no decay either),
   * as torch.optim skips parameters whose grad is None.
   */
  apply(pairs: readonly GradientPair[]): void;
  /** The optimiser's slots (moments, iteration count) as named float tensors, for checkpoints. */
  getState(): Promise<NamedTensor[]>;
  /** Restore slots saved by {@link getState} (before the first `apply`). */
  setState(state: readonly NamedTensor[]): Promise<void>;
  dispose(): void;
}

interface TfOptimizerLike {
  applyGradients(grads: { name: string; tensor: Tensor }[]): void;
  getWeights(): Promise<{ name: string; tensor: Tensor }[]>;
  setWeights(weights: { name: string; tensor: Tensor }[]): Promise<void>;
  dispose(): void;
}

async function toNamed(
  weights: readonly { name: string; tensor: Tensor }[],
): Promise<NamedTensor[]> {
  const out: NamedTensor[] = [];
  for (const w of weights) {
    out.push({
      name: w.name,
      shape: w.tensor.shape,
      data: Float32Array.from(await w.tensor.data()),
    });
  }
  return out;
}

/** Adapts a tfjs optimiser, adding coupled weight decay when asked. */
function wrap(
  tf: Tf,
  opt: TfOptimizerLike,
  setLr: (lr: number) => void,
  weightDecay: number,
): SteppingOptimizer {
  return {
    setLearningRate: setLr,
    apply(pairs) {
      tf.tidy(() => {
        const named = pairs.map(({ variable, grad }) => ({
          name: variable.name,
          tensor:
            grad !== null && weightDecay > 0 ? tf.add(grad, tf.mul(variable, weightDecay)) : grad,
        }));
        // tfjs skips an entry whose tensor is null and keeps its slot index (its typing
        // does not say so): exactly torch's "grad is None" behaviour.
        opt.applyGradients(named as { name: string; tensor: Tensor }[]);
      });
    },
    // tfjs keeps slots by position, and files sort tensors by name: an index prefix keeps
    // the order through a checkpoint.
    getState: async () =>
      (await toNamed(await opt.getWeights())).map((w, i) => ({
        ...w,
        name: `${String(i).padStart(5, '0')}|${w.name}`,
      })),
    async setState(state) {
      const ordered = [...state].sort((a, b) => a.name.localeCompare(b.name));
      await opt.setWeights(
        ordered.map((w) => ({
          name: w.name.slice(w.name.indexOf('|') + 1),
          tensor: tf.tensor(w.data, [...w.shape]),
        })),
      );
    },
    dispose: () => opt.dispose(),
  };
}

/**
 * Builds the optimiser. Notes against PyTorch: momentum = torch SGD(momentum, dampening 0,
 * no nesterov); adam = torch Adam (eps passed explicitly, default 1e-8); rmsprop = torch
 * RMSprop except that tfjs adds eps inside the square root.
 */
export function createOptimizer(
  tf: Tf,
  spec: OptimizerSpec,
  trainables: readonly Variable[] = [],
): SteppingOptimizer {
  const wd = spec.weightDecay ?? 0;
  switch (spec.kind) {
    case 'sgd': {
      // torch.optim.SGD with momentum > 0 is the momentum optimiser.
      if ((spec.momentum ?? 0) > 0) {
        return createOptimizer(tf, { ...spec, kind: 'momentum' }, trainables);
      }
      const opt = tf.train.sgd(spec.lr);
      return wrap(tf, opt, (lr) => opt.setLearningRate(lr), wd);
    }
    case 'momentum': {
      // tfjs's MomentumOptimizer.dispose forgets the learning-rate scalar it inherits.
      const Momentum = class extends tf.MomentumOptimizer {
        override dispose(): void {
          super.dispose();
          this.c.dispose();
        }
      };
      const opt = new Momentum(spec.lr, spec.momentum ?? 0.9);
      return wrap(tf, opt, (lr) => opt.setLearningRate(lr), wd);
    }
    case 'adam':
      return fusedAdam(tf, spec, trainables, false);
    case 'rmsprop': {
      const RMSProp = class extends tf.RMSPropOptimizer {
        setLearningRate(lr: number): void {
          this.learningRate = lr;
        }
      };
      const opt = new RMSProp(spec.lr, spec.beta2 ?? 0.99, spec.momentum ?? 0, spec.eps ?? 1e-8);
      return wrap(tf, opt, (lr) => opt.setLearningRate(lr), wd);
    }
    case 'adamw':
      return fusedAdam(tf, spec, trainables, true);
  }
}
