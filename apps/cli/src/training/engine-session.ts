/**
 * The seam between `seqlab train`'s loop and the engine that trains: the tfjs engine (a
 * TrainingSession in this process) or the torch engine (PyTorch processes driven over a
 * socket). The run loop, checkpoints, resume and the report speak only this interface, so
 * every loop-level feature (checkpoints, Ctrl-C, --stop-at-step, early stopping,
 * metrics.jsonl, curves, the final table) means the same on both engines.
 */
import type { SplitName } from '@seqlab/data';
import {
  decodeSafetensors,
  encodeSafetensors,
  loadWeights,
  saveWeights,
  type EpochOutcome,
  type MetricName,
  type Scores,
  type SessionPosition,
  type StepInfo,
  type TrainingSession,
} from '@seqlab/tfjs';

/** When an epoch should stop early, and what to report on the way. */
export interface EngineEpochHooks {
  /** After each step; `seconds` is the step's own time where the engine measures it. */
  onStep?(info: StepInfo & { readonly seconds?: number }): void;
  /** Asked after steps (Ctrl-C, a time-based checkpoint); an engine may answer a step late. */
  shouldStop?(): boolean;
  /** Stop exactly once the step count reaches a multiple of this (step-based checkpoints). */
  readonly stopEverySteps?: number;
  /** Stop exactly once the step count reaches this (--stop-at-step). */
  readonly stopAtStep?: number;
}

/** Everything a checkpoint holds besides the loop's own bookkeeping. */
export interface EngineState {
  /** Weights as safetensors, in seqlab's (= PyTorch's) parameter names. */
  readonly weights: Uint8Array;
  /** Optimiser slots as safetensors, in the engine's own layout. */
  readonly optimizer: Uint8Array;
  readonly steps: number;
}

/** A model being trained by one engine. */
export interface EngineSession {
  readonly engine: 'tfjs' | 'torch';
  /** Epochs completed. */
  readonly epoch: number;
  readonly stepCount: number;
  readonly stepsPerEpoch: number;
  readonly position: SessionPosition;
  /** Train the rest of the current epoch (or until a hook stops it). */
  runEpoch(hooks: EngineEpochHooks): Promise<EpochOutcome>;
  /**
   * Loss and metrics on a split (the first `maxExamples` of it), or the non-finite count;
   * `onBatch(done, total)` follows the pass where the engine reports it.
   */
  score(
    split: SplitName,
    metrics: readonly MetricName[],
    maxExamples?: number,
    onBatch?: (done: number, total: number) => void,
  ): Promise<Scores>;
  /** Weights and optimiser state as they stand. */
  saveState(): Promise<EngineState>;
  /** Continue from a saved state; returns problems (e.g. weights that do not fit). */
  restore(state: EngineState, position: SessionPosition): Promise<string[]>;
  /** What summary.json records about the engine. */
  info(): Record<string, unknown>;
  /** The tfjs session, for features only the tfjs engine has (--watch-grads). */
  readonly tfjs?: TrainingSession;
  dispose(): Promise<void>;
}

/** True when a step-based hook wants the epoch to stop after step `step`. */
export function stepStop(hooks: EngineEpochHooks, step: number): boolean {
  const every = hooks.stopEverySteps;
  if (every !== undefined && every > 0 && step % every === 0) return true;
  return hooks.stopAtStep !== undefined && step >= hooks.stopAtStep;
}

/** The tfjs engine: a TrainingSession in this process. */
export function tfjsEngine(session: TrainingSession): EngineSession {
  return {
    engine: 'tfjs',
    tfjs: session,
    info: () => ({ engine: 'tfjs' }),
    get epoch() {
      return session.epoch;
    },
    get stepCount() {
      return session.trainer.stepCount;
    },
    get stepsPerEpoch() {
      return session.stepsPerEpoch;
    },
    get position() {
      return session.position;
    },
    runEpoch: (hooks) =>
      session.runEpoch({
        ...(hooks.onStep ? { onStep: hooks.onStep } : {}),
        shouldStop: () =>
          (hooks.shouldStop?.() ?? false) || stepStop(hooks, session.trainer.stepCount),
        yieldEvery: 1,
      }),
    score: (split, metrics, maxExamples) =>
      Promise.resolve(session.score(split, metrics, maxExamples)),
    async saveState() {
      const state = await session.trainer.saveState();
      return {
        weights: await saveWeights(session.model),
        optimizer: encodeSafetensors(state.slots),
        steps: state.steps,
      };
    },
    async restore(state, position) {
      const problems = loadWeights(session.model, state.weights);
      if (problems.length) return problems;
      const slots = decodeSafetensors(state.optimizer);
      if (!slots.ok) return [`optimiser state: ${slots.error}`];
      await session.trainer.restoreState({
        steps: state.steps,
        slots: [...slots.tensors.values()],
      });
      if (position.batch >= session.stepsPerEpoch) {
        return [
          `the checkpoint is at batch ${position.batch + 1} of an epoch but the data now gives ` +
            `${session.stepsPerEpoch} batches per epoch (did the data file change?)`,
        ];
      }
      session.restorePosition(position);
      return [];
    },
    dispose: () => {
      session.dispose();
      return Promise.resolve();
    },
  };
}
