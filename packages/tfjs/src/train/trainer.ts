/** The training loop's step and evaluation over a compiled model. */
import type { NamedTensor } from '../weights/safetensors.js';
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import { hashSeed } from '../rng.js';
import type { CompiledModel, Feeds, RecurrentStates, Tf } from '../types.js';
import { clipGradients } from './clip.js';
import { computeLoss } from './losses.js';
import { MetricAccumulator, type MetricName, type Scores } from './metrics.js';
import { createOptimizer, type SteppingOptimizer } from './optimizers.js';
import { scheduledLearningRate } from './schedule.js';
import { assertCausal, chunkTokens, disposeBatch, sliceBatch } from './tbptt.js';
import type { StepResult, TrainBatch, TrainConfig } from './types.js';

function feedsOf(batch: TrainBatch): Feeds {
  return batch.lengths === undefined
    ? { inputs: batch.inputs }
    : { inputs: batch.inputs, lengths: batch.lengths };
}

/** One update's report and, under tbptt, the final states to carry (kept; caller frees). */
interface Update {
  readonly result: StepResult;
  readonly states: Map<string, Tensor[]> | null;
}

/** Trains one model: schedule -> forward/backward -> clip -> optimiser, one batch per step. */
export class Trainer {
  private readonly tf: Tf;
  private readonly optimizer: SteppingOptimizer;
  private readonly variables: Variable[];
  private readonly output: string;
  private steps = 0;

  constructor(
    private readonly model: CompiledModel,
    private readonly config: TrainConfig,
  ) {
    this.tf = model.tf;
    // A fixed order: tfjs optimisers index their slots by position.
    this.variables = [...model.variables.values()].filter((v) => v.trainable);
    this.optimizer = createOptimizer(this.tf, config.optimizer, this.variables);
    const output = config.output ?? model.module.outputs[0]?.name;
    if (output === undefined || !model.module.outputs.some((p) => p.name === output)) {
      throw new Error(`Trainer: model has no output '${String(output)}'`);
    }
    this.output = output;
    if (config.tbptt !== undefined) {
      if (!Number.isInteger(config.tbptt) || config.tbptt < 1) {
        throw new Error(`tbptt must be a positive integer, got ${config.tbptt}`);
      }
      assertCausal(model.module);
    }
  }

  /** Number of optimisation steps taken so far. */
  get stepCount(): number {
    return this.steps;
  }

  private pick(outputs: Record<string, Tensor>): Tensor {
    const y = outputs[this.output];
    if (y === undefined) throw new Error(`Trainer: forward produced no '${this.output}'`);
    return y;
  }

  /**
   * One optimisation step on `batch` (reads back three numbers: one sync). With `tbptt`,
   * one update per chunk of time; the result then averages the loss over real tokens and
   * reports the largest pre-clip norm and the last learning rate.
   */
  step(batch: TrainBatch): StepResult {
    if (this.config.tbptt !== undefined) return this.truncatedStep(batch, this.config.tbptt);
    return this.update(batch, null).result;
  }

  private update(batch: TrainBatch, carried: RecurrentStates | null): Update {
    const { tf, config } = this;
    const lr = scheduledLearningRate(config.optimizer.lr, config.schedule, this.steps);
    this.optimizer.setLearningRate(lr);
    const seed = hashSeed(config.seed ?? 0, 'step', this.steps);
    const captured: { states: Map<string, Tensor[]> | null } = { states: null };
    const { value, grads } = tf.variableGrads(() => {
      const opts = {
        training: true,
        seed,
        ...(carried === null ? {} : { initialStates: carried }),
      };
      let outputs: Record<string, Tensor>;
      if (config.tbptt === undefined) {
        outputs = this.model.forward(feedsOf(batch), opts);
      } else {
        const result = this.model.forwardWithStates(feedsOf(batch), opts);
        // Kept past the tape's scope: the next chunk reads them as constants (detached).
        for (const list of result.states.values()) list.forEach((t) => tf.keep(t));
        captured.states = result.states;
        outputs = result.outputs;
      }
      const y = this.pick(outputs);
      return computeLoss(tf, config.loss, y, batch.targets, batch.targetLengths) as ReturnType<
        Tf['scalar']
      >;
    }, this.variables);
    // Variables the loss does not reach get no gradient; the optimiser skips them.
    const used = this.variables.filter((v) => grads[v.name] !== undefined);
    const [stats, ...clipped] = tf.tidy(() => {
      const result = clipGradients(
        tf,
        used.map((v) => grads[v.name] as Tensor),
        config.clipNorm,
        config.clipValue,
      );
      const stats = [value, result.norm, ...(result.maxAbs ? [result.maxAbs] : [])];
      return [tf.stack(stats), ...result.grads];
    });
    const byVariable = new Map(used.map((v, i) => [v, clipped[i] ?? null]));
    this.optimizer.apply(
      this.variables.map((variable) => ({ variable, grad: byVariable.get(variable) ?? null })),
    );
    const [loss = NaN, gradNorm = NaN, maxAbs = 0] = (stats as Tensor).dataSync();
    tf.dispose([value, stats, ...clipped, ...Object.values(grads)]);
    this.steps += 1;
    const clippedByNorm = config.clipNorm !== undefined && gradNorm > config.clipNorm;
    const clippedByValue = config.clipValue !== undefined && maxAbs > config.clipValue;
    return {
      result: { loss, gradNorm, clipped: clippedByNorm || clippedByValue, lr },
      states: captured.states,
    };
  }

  private truncatedStep(batch: TrainBatch, k: number): StepResult {
    const { tf } = this;
    const [size = 0, steps] = batch.targets.shape;
    if (batch.targets.rank < 2 || steps === undefined) {
      throw new Error('tbptt needs per-step targets [B, T, ...]');
    }
    const lengths =
      batch.targetLengths === undefined ? null : Array.from(batch.targetLengths.dataSync());
    let carried: Map<string, Tensor[]> | null = null;
    let tokens = 0;
    let lossSum = 0;
    let gradNorm = 0;
    let clipped = false;
    let lr = scheduledLearningRate(this.config.optimizer.lr, this.config.schedule, this.steps);
    try {
      for (let start = 0; start < steps; start += k) {
        const width = Math.min(k, steps - start);
        const real = chunkTokens(lengths, size, start, width);
        if (real === 0) break; // every sequence has ended
        const chunk = sliceBatch(tf, this.model.module, batch, start, width);
        try {
          const { result, states } = this.update(chunk, carried);
          if (carried !== null) tf.dispose([...carried.values()].flat());
          carried = states;
          tokens += real;
          lossSum += result.loss * real;
          gradNorm = Math.max(gradNorm, result.gradNorm);
          clipped ||= result.clipped;
          lr = result.lr;
        } finally {
          disposeBatch(tf, chunk);
        }
      }
    } finally {
      if (carried !== null) tf.dispose([...carried.values()].flat());
    }
    return { loss: tokens === 0 ? NaN : lossSum / tokens, gradNorm, clipped, lr };
  }

  /**
   * Evaluates the model (inference mode) over `batches`; every metric is NaN when an
   * output was not finite ({@link score} says so explicitly).
   */
  evaluate(batches: Iterable<TrainBatch>, metrics: readonly MetricName[]): Record<string, number> {
    return this.accumulate(batches, metrics).result(metrics);
  }

  /** Like {@link evaluate}, but non-finite outputs are a result of their own, not NaNs. */
  score(batches: Iterable<TrainBatch>, metrics: readonly MetricName[]): Scores {
    return this.accumulate(batches, metrics).scores(metrics);
  }

  private accumulate(
    batches: Iterable<TrainBatch>,
    metrics: readonly MetricName[],
  ): MetricAccumulator {
    const sequences = metrics.some(
      (m) => m === 'word_accuracy' || m === 'phoneme_error_rate' || m === 'character_error_rate',
    );
    const acc = new MetricAccumulator(this.tf, this.config.loss, sequences);
    for (const batch of batches) {
      const outputs = this.model.forward(feedsOf(batch));
      try {
        acc.add(this.pick(outputs), batch.targets, batch.targetLengths);
      } finally {
        this.tf.dispose(outputs);
      }
    }
    return acc;
  }

  /** The optimiser's state and the step count, for a checkpoint. */
  async saveState(): Promise<{ steps: number; slots: NamedTensor[] }> {
    return { steps: this.steps, slots: await this.optimizer.getState() };
  }

  /** Continue from a checkpoint: same step count (so the schedule) and optimiser slots. */
  async restoreState(state: { steps: number; slots: readonly NamedTensor[] }): Promise<void> {
    this.steps = state.steps;
    await this.optimizer.setState(state.slots);
  }

  /** Frees the optimiser state (the model stays). */
  dispose(): void {
    this.optimizer.dispose();
  }
}
