/**
 * The messages between the page and the training worker, in one place. The page sends
 * commands; the worker answers requests (by `id`) and streams progress, gradient samples and
 * its backend. Everything here survives structured cloning: plain data, typed arrays, no
 * functions or class instances (the IR travels as its JSON text).
 *
 * Progress travels as deltas (the loss and evaluation points added since the last message),
 * so a long run does not copy its whole history on every step; {@link mergeProgress} rebuilds
 * the page's copy.
 */
import type { TrainSpec } from '@seqlab/compiler';
import type { GradReport } from '@seqlab/tfjs';
import type { TrainOverrides } from '../state/playground-state.js';
import type { RunConfig } from '../run/run-dir.js';
import type {
  EvalPoint,
  LossPoint,
  TrainPhase,
  TrainProgress,
} from '../train/training-controller.js';
import type { Prediction } from '../try/prediction.js';

/** Where a run's data comes from: a built-in by name, or a user's file as bytes. */
export type DataRequest =
  | { readonly kind: 'builtin'; readonly name: string }
  | { readonly kind: 'file'; readonly name: string; readonly bytes: Uint8Array };

/** A file of a run picked by the user (a zip, or one file of a run folder). */
export interface PickedFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** Load the data and say which hyperparameters it decides (vocabulary sizes). */
export interface PrepareCommand {
  readonly type: 'prepare';
  readonly id: number;
  readonly data: DataRequest;
  /** The model's input vocabulary bounds (`inputVocabHyperparameters`). */
  readonly vocabBounds: readonly (string | undefined)[];
  /** The user's `--set` overrides (never replaced by the data's values). */
  readonly set: Readonly<Record<string, unknown>>;
}

/** Build the model on the prepared data and train it. */
export interface TrainCommand {
  readonly type: 'train';
  readonly id: number;
  /** `moduleToJson` of the compiled module. */
  readonly module: string;
  readonly spec?: TrainSpec;
  readonly overrides: TrainOverrides;
}

/** What the page asks of the worker. */
export type PageToWorker =
  | { readonly type: 'init'; readonly base: string; readonly backend?: string }
  | PrepareCommand
  | TrainCommand
  | { readonly type: 'pause' }
  | { readonly type: 'resume' }
  | { readonly type: 'stop' }
  | { readonly type: 'measure' }
  | { readonly type: 'predict'; readonly id: number; readonly text: string }
  | {
      readonly type: 'download';
      readonly id: number;
      readonly source: string;
      readonly set: Readonly<Record<string, unknown>>;
    }
  | { readonly type: 'load-run'; readonly id: number; readonly files: readonly PickedFile[] };

/** A model the Try panel can use, as the page sees it. */
export interface ModelSummary {
  readonly name: string;
  readonly task: string;
  readonly origin: string;
}

/** A run started: what the panel labels it with. */
export interface StartedRun extends ModelSummary {
  /** The headline metric of the validation chart. */
  readonly metric: string;
}

/** A run file opened in the worker. */
export interface LoadedRunSummary extends ModelSummary {
  readonly config: RunConfig;
  readonly source?: string;
}

/** The progress added since the previous message. */
export interface ProgressDelta {
  readonly phase: TrainPhase;
  readonly epoch: number;
  readonly epochs: number;
  readonly batch: number;
  readonly batches: number;
  readonly step: number;
  readonly samplesPerSecond?: number;
  readonly message?: string;
  /** Index of the first new loss point in the run's history (0 starts a fresh history). */
  readonly lossFrom: number;
  readonly losses: readonly LossPoint[];
  readonly evalFrom: number;
  readonly evals: readonly EvalPoint[];
}

/** A gradient measurement of the running model, or why there will be none. */
export type GradMessage =
  | { readonly kind: 'sample'; readonly step: number; readonly report: GradReport }
  | { readonly kind: 'unavailable'; readonly reason: string };

/** What the worker tells the page. */
export type WorkerToPage =
  | { readonly type: 'backend'; readonly name: string; readonly note?: string }
  | {
      readonly type: 'prepared';
      readonly id: number;
      readonly set: Readonly<Record<string, number>>;
      readonly notes: readonly string[];
    }
  | { readonly type: 'started'; readonly id: number; readonly run: StartedRun }
  | { readonly type: 'problems'; readonly id: number; readonly problems: readonly string[] }
  | { readonly type: 'progress'; readonly delta: ProgressDelta }
  | { readonly type: 'grads'; readonly grads: GradMessage }
  | { readonly type: 'prediction'; readonly id: number; readonly prediction: Prediction }
  | {
      readonly type: 'run-zip';
      readonly id: number;
      readonly name: string;
      readonly bytes: Uint8Array;
    }
  | { readonly type: 'loaded'; readonly id: number; readonly run: LoadedRunSummary };

/** The replies to a request, by the request's type. */
export interface Replies {
  readonly prepare: Extract<WorkerToPage, { type: 'prepared' | 'problems' }>;
  readonly train: Extract<WorkerToPage, { type: 'started' | 'problems' }>;
  readonly predict: Extract<WorkerToPage, { type: 'prediction' | 'problems' }>;
  readonly download: Extract<WorkerToPage, { type: 'run-zip' | 'problems' }>;
  readonly 'load-run': Extract<WorkerToPage, { type: 'loaded' | 'problems' }>;
}

/** The id of a reply, if the message is one. */
export function replyId(m: WorkerToPage): number | undefined {
  return 'id' in m ? m.id : undefined;
}

/** How much of a run's history a sender has already sent. */
export interface SentCounts {
  losses: number;
  evals: number;
}

/**
 * The delta from what was sent (`sent`, updated in place) to `p`. A history shorter than
 * what was sent belongs to a new run: it is sent whole, from index 0.
 */
export function progressDelta(p: TrainProgress, sent: SentCounts): ProgressDelta {
  if (p.losses.length < sent.losses || p.evals.length < sent.evals) {
    sent.losses = 0;
    sent.evals = 0;
  }
  const delta: ProgressDelta = {
    phase: p.phase,
    epoch: p.epoch,
    epochs: p.epochs,
    batch: p.batch,
    batches: p.batches,
    step: p.step,
    ...(p.samplesPerSecond !== undefined ? { samplesPerSecond: p.samplesPerSecond } : {}),
    ...(p.message !== undefined ? { message: p.message } : {}),
    lossFrom: sent.losses,
    losses: p.losses.slice(sent.losses),
    evalFrom: sent.evals,
    evals: p.evals.slice(sent.evals),
  };
  sent.losses = p.losses.length;
  sent.evals = p.evals.length;
  return delta;
}

/**
 * The page's progress after `delta`: the scalars replaced, the new points put at their
 * indices (a delta from 0 starts a new history). Messages from a worker arrive in order and
 * are never dropped, so `prev` holds exactly the points before `lossFrom` and `evalFrom`.
 */
export function mergeProgress(
  prev: TrainProgress | undefined,
  delta: ProgressDelta,
): TrainProgress {
  const losses = [...(prev?.losses ?? []).slice(0, delta.lossFrom), ...delta.losses];
  const evals = [...(prev?.evals ?? []).slice(0, delta.evalFrom), ...delta.evals];
  const { lossFrom: _l, evalFrom: _e, ...scalars } = delta;
  return { ...scalars, losses, evals };
}
