/**
 * Setting up a training run from what the page holds: the compiled model, the chosen data
 * set, the settings. Problems come back as sentences for the panel, never as exceptions.
 */
import type { TrainSpec } from '@seqlab/compiler';
import type { DatasetResult, SequenceDataset } from '@seqlab/data';
import type { Diagnostic } from '@seqlab/diagnostics';
import type { IrModule } from '@seqlab/ir';
import { bindDataset, TrainingSession, type Tf } from '@seqlab/tfjs';
import type { TrainOverrides } from '../state/playground-state.js';
import type { TrainedModel } from '../try/trained-model.js';
import type { BrowserDatasets } from './browser-datasets.js';
import { GradSampler, sessionMeasure } from './grad-sampler.js';
import { headlineMetric, resolveTraining, type ResolvedTraining } from './session-options.js';
import { TrainingController } from './training-controller.js';

/** Where the data comes from. */
export type DataChoice =
  | { readonly kind: 'builtin'; readonly name: string }
  | { readonly kind: 'file'; readonly name: string; readonly result: DatasetResult };

/** A run ready to start. */
export interface PreparedRun {
  readonly ok: true;
  readonly controller: TrainingController;
  readonly session: TrainingSession;
  /** The live gradient-flow measurements of this run (the heatmap's data). */
  readonly grads: GradSampler;
  readonly trained: TrainedModel;
  readonly training: ResolvedTraining;
  readonly metric: string;
}

/** Why a run cannot start. */
export interface RunProblems {
  readonly ok: false;
  readonly problems: readonly string[];
}

function diagnosticText(d: Diagnostic): string {
  return `${d.code}: ${d.message}${d.hint ? ` (${d.hint})` : ''}`;
}

/** Load the data set of `choice`. */
export async function loadData(
  choice: DataChoice,
  datasets: BrowserDatasets,
): Promise<{ dataset: SequenceDataset } | RunProblems> {
  const result = choice.kind === 'file' ? choice.result : await datasets.load(choice.name);
  if (result.dataset) return { dataset: result.dataset };
  return { ok: false, problems: result.diagnostics.map(diagnosticText) };
}

/** What a run is built from: the compiled module and its train block, if any. */
export interface RunModel {
  readonly module: IrModule;
  readonly spec: TrainSpec | undefined;
}

/** Build a session and its controller for the compiled model on `dataset`. */
export function prepareRun(
  { module, spec }: RunModel,
  dataset: SequenceDataset,
  overrides: TrainOverrides,
  tf: Tf,
): PreparedRun | RunProblems {
  const bound = bindDataset(module, dataset);
  if (!bound.ok) return { ok: false, problems: bound.problems };
  const batch = overrides.batch ?? spec?.batch ?? 32;
  const stepsPerEpoch = Math.ceil(dataset.splits.train.length / batch);
  const training = resolveTraining(spec, overrides, stepsPerEpoch);
  const metric = headlineMetric(training.metrics, dataset.task);
  const metrics = [...new Set([...training.metrics, metric])].filter((m) => m !== 'loss');
  let session: TrainingSession;
  try {
    session = new TrainingSession({
      module,
      dataset,
      binding: bound.binding,
      tf,
      seed: training.seed,
      batchSize: training.batchSize,
      train: {
        optimizer: training.optimizer,
        ...(training.schedule ? { schedule: training.schedule } : {}),
        ...(training.clipNorm !== undefined ? { clipNorm: training.clipNorm } : {}),
        ...(training.clipValue !== undefined ? { clipValue: training.clipValue } : {}),
        ...(training.tbptt !== undefined ? { tbptt: training.tbptt } : {}),
      },
      metrics,
    });
  } catch (e) {
    return {
      ok: false,
      problems: [`the model could not be built on this backend: ${(e as Error).message}`],
    };
  }
  const grads = new GradSampler({ setup: sessionMeasure(session, dataset, bound.binding) });
  const controller = new TrainingController(session, {
    epochs: training.epochs,
    metrics,
    evalEvery: 50,
    observer: grads,
  });
  return {
    ok: true,
    controller,
    session,
    grads,
    training,
    metric,
    trained: {
      model: session.model,
      dataset,
      binding: bound.binding,
      origin: `trained here on ${dataset.name}`,
    },
  };
}
