/**
 * The first stage of `seqlab train`: compile, load the data, start the backend and the
 * session, and create (or reopen) the run directory. The run stage (run-loop.ts) and the
 * report stage (report.ts) take what this returns.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_SIZE, type SetValue, type TrainSpec } from '@seqlab/compiler';
import { setupBackend } from '@seqlab/backend-node';
import type { SequenceDataset } from '@seqlab/data';
import { analyzeModule, moduleToJson } from '@seqlab/ir';
import {
  bindDataset,
  NO_EPOCH_STATS,
  TrainingSession,
  type DataBinding,
  type MetricName,
  type RunConfig,
  type Tf,
} from '@seqlab/tfjs';
import { UsageError } from '../io/files.js';
import { parseSets } from '../io/set-options.js';
import { MAX_SEED, optionalWholeNumber } from '../io/numbers.js';
import { VERSION } from '../version.js';
import { recordedRef, textUnit, type DataRef } from './load-data.js';
import { tfjsEngine, type EngineSession } from './engine-session.js';
import { startTorch, torchPythonFor, torchRecord } from './prepare-torch.js';
import { engineOf, torchSettings } from './torch-options.js';
import { compileWithData, type ModelAndData } from './prepare-model.js';
import { makeProgress, type Progress } from './progress.js';
import { openResume, type ResumeSource, type StartState } from './resume.js';
import { checkOut, lockRun, newRunDir, writeAtomic, writeJson } from './run-dir.js';
import { defaultMetrics, trainOptions } from './session-config.js';
import { checkResumeFlags, type TrainOptions } from './train-options.js';
import { parseThreads, productMacs, resolveThreads } from '../io/threads-option.js';

/** Everything the run and report stages need. */
export interface Prepared {
  readonly dir: string;
  readonly what: ModelAndData;
  readonly session: EngineSession;
  readonly binding: DataBinding;
  readonly backend: string;
  /** The command that continues this run (keeps a `--backend` the user chose). */
  readonly resumeHint: string;
  /** The settings that decide the run (config.json). */
  readonly config: RunConfig;
  readonly metrics: MetricName[];
  readonly epochs: number;
  readonly params: number;
  readonly progress: Progress;
  readonly start: StartState;
  readonly resumed: boolean;
  /** Releases the run directory's lock (see lockRun). */
  readonly release: () => void;
}

/** A new run starts here. */
const FRESH: StartState = {
  checkpoint: {
    format: 2,
    epoch: 0,
    batch: 0,
    step: 0,
    epochStats: NO_EPOCH_STATS,
    best: null,
    epochsWithoutImprovement: 0,
    seconds: 0,
  },
  history: [],
};

/** Release the lock, then fail as before. */
const failWith =
  (release: () => void) =>
  (e: unknown): never => {
    release();
    throw e;
  };

/** A count from the command line, with the train block's ceiling (`batch`, `epochs`). */
const positive = (flag: string, v: string | undefined): number | undefined =>
  optionalWholeNumber(flag, v, 1, MAX_SIZE);

function makeConfig(
  what: ModelAndData,
  file: string,
  binding: unknown,
  backend: string,
  o: {
    seed: number;
    batch: number;
    epochs: number;
    metrics: MetricName[];
    limit?: number | undefined;
  },
): RunConfig {
  const { module, dataset, spec, ref } = what;
  return {
    seqlab: VERSION,
    model: what.modelName,
    source_file: file,
    hyperparameters: { ...module.hyperparameters },
    set: what.set,
    train: { ...spec, span: undefined },
    data: {
      ref: recordedRef(ref),
      name: dataset.name,
      task: dataset.task,
      unit: textUnit(dataset, ref),
    },
    fields: dataset.fields.map((f) => ({
      name: f.name,
      kind: f.kind,
      ...(f.time ? { time: f.time } : {}),
      ...(f.width !== undefined ? { width: f.width } : {}),
    })),
    inputs: dataset.inputs,
    targets: dataset.targets,
    binding,
    backend,
    seed: o.seed,
    batch: o.batch,
    epochs: o.epochs,
    metrics: o.metrics,
    limit: o.limit ?? null,
  };
}

/** A new run's directory: the source, IR, config and vocabularies, before any training. */
function writeNewRun(dir: string, file: string, what: ModelAndData, config: RunConfig): void {
  // config.json first: a run killed at any later point still says how to start it again.
  writeJson(dir, 'config.json', config);
  copyFileSync(file, join(dir, 'model.seq'));
  writeAtomic(dir, 'model.ir.json', moduleToJson(what.module) + '\n');
  const vocabs = what.dataset.fields.filter((f) => f.vocab);
  writeJson(dir, 'vocab.json', Object.fromEntries(vocabs.map((f) => [f.name, f.vocab?.toJSON()])));
}

/** The backend as the header names it: wasm says when it runs threaded. */
function backendLabel(choice: string, threads: number): string {
  return threads > 1 ? `${choice} (${threads} threads)` : choice;
}

/** Settings of a new run from the flags and the train block. */
function settings(opts: TrainOptions, spec: TrainSpec, dataset: SequenceDataset) {
  return {
    seed: optionalWholeNumber('--seed', opts.seed, 0, MAX_SEED) ?? spec.seed,
    batch: positive('--batch', opts.batch) ?? spec.batch,
    epochs: positive('--epochs', opts.epochs) ?? spec.epochs,
    metrics: (spec.metrics.length ? spec.metrics : defaultMetrics(dataset.task)) as MetricName[],
  };
}

function makeSession(
  what: ModelAndData,
  binding: DataBinding,
  tf: Tf,
  s: { seed: number; batch: number; epochs: number; metrics: MetricName[] },
): TrainingSession {
  const stepsPerEpoch = Math.ceil(what.dataset.splits.train.length / s.batch);
  return new TrainingSession({
    module: what.module,
    dataset: what.dataset,
    binding,
    tf,
    seed: s.seed,
    batchSize: s.batch,
    train: trainOptions(what.spec, stepsPerEpoch * s.epochs),
    metrics: s.metrics,
  });
}

/**
 * No train examples is an error; an empty valid or test split a warning (its metrics are
 * skipped rather than printed as NaN). False when training cannot start.
 */
function checkSplits(file: string, ds: SequenceDataset): boolean {
  if (ds.splits.train.length === 0) {
    process.stderr.write(
      `${file}: error: ${ds.name} has no train examples (${ds.splits.valid.length} valid, ${ds.splits.test.length} test); add rows or a split column that names train\n`,
    );
    return false;
  }
  for (const split of ['valid', 'test'] as const) {
    if (ds.splits[split].length > 0) continue;
    const skipped =
      split === 'valid'
        ? 'valid metrics, the best epoch and early stopping are skipped'
        : 'test metrics and the baselines are skipped';
    process.stderr.write(`warning: the ${split} split of ${ds.name} is empty: ${skipped}\n`);
  }
  return true;
}

/** The run being resumed (if any) and the model compiled with its data. */
interface Loaded {
  readonly source: ResumeSource | undefined;
  readonly file: string;
  readonly what: ModelAndData;
  readonly limit: number | undefined;
}

/** Check the flags, open the run to resume, compile the model and load its data. */
function loadForTraining(fileArg: string | undefined, opts: TrainOptions): Loaded | 1 {
  let source: ResumeSource | undefined;
  if (opts.resume !== undefined) {
    checkResumeFlags(fileArg, opts);
    source = openResume(opts.resume);
  } else if (opts.out !== undefined) {
    checkOut(opts.out, opts.force === true);
  }
  const rec = source?.config;
  const file = source ? join(source.dir, 'model.seq') : fileArg;
  if (file === undefined) throw new UsageError('give a .seq file (or --resume RUN)');
  const limit = optionalWholeNumber('--limit', opts.limit, 1) ?? rec?.limit ?? undefined;
  const what = compileWithData({
    file,
    model: opts.model ?? rec?.model,
    set: rec ? (rec.set as Record<string, SetValue>) : parseSets(opts.set),
    ref: rec?.data.ref as DataRef | undefined,
    data: opts.data,
    dataOpts: opts.dataOpt,
    limit,
    seed: rec ? rec.seed : optionalWholeNumber('--seed', opts.seed, 0, MAX_SEED),
  });
  return what === 1 ? 1 : { source, file, what, limit };
}

/** Compile, load, bind and open the run; a number is an exit code (problems printed). */
export async function prepareTraining(
  fileArg: string | undefined,
  opts: TrainOptions,
): Promise<Prepared | number> {
  const loaded = loadForTraining(fileArg, opts);
  if (loaded === 1) return 1;
  const { source, file, what, limit } = loaded;
  const rec = source?.config;
  const engine = engineOf(opts, rec?.engine?.name);
  const torch = engine === 'torch' ? torchSettings(opts, rec?.engine) : undefined;
  const python = torch ? torchPythonFor(what, torch) : undefined;
  // The torch engine starts from the tfjs engine's initialisation, made on the cpu backend.
  const s = rec
    ? {
        ...rec,
        metrics: rec.metrics as MetricName[],
        epochs: positive('--epochs', opts.epochs) ?? rec.epochs,
      }
    : settings(opts, what.spec, what.dataset);
  const threads = resolveThreads(parseThreads(opts.threads), productMacs(what.module, s.batch));
  const backend = await setupBackend(torch ? 'cpu' : (opts.backend ?? rec?.backend), undefined, {
    threads,
  });
  if (!backend.ok) throw new UsageError(backend.message);
  const bound = bindDataset(what.module, what.dataset, what.spec.loss);
  if (!bound.ok) {
    for (const p of bound.problems) process.stderr.write(`${file}: error: ${p}\n`);
    return 1;
  }
  if (!checkSplits(file, what.dataset)) return 1;
  const tfjsSession = makeSession(what, bound.binding, backend.tf, s);
  const config = rec
    ? { ...rec, epochs: s.epochs }
    : {
        ...makeConfig(what, file, bound.binding, torch ? 'torch' : backend.choice, { ...s, limit }),
        ...(torch ? { engine: torchRecord(torch) } : {}),
      };
  const dir = source?.dir ?? newRunDir(what.modelName, opts.out, opts.force === true);
  const release = lockRun(dir);
  const session =
    torch && python
      ? await startTorch(tfjsSession, {
          what,
          binding: bound.binding,
          settings: torch,
          python,
          dir,
          run: s,
        })
      : tfjsEngine(tfjsSession);
  if (source) {
    if (config.epochs !== rec?.epochs) writeJson(dir, 'config.json', config);
  } else writeNewRun(dir, file, what, config);
  const start = source ? await source.restore(session).catch(failWith(release)) : FRESH;
  return {
    dir,
    what,
    session,
    binding: bound.binding,
    backend: torch ? `torch (${torch.device})` : backendLabel(backend.choice, backend.threads),
    resumeHint:
      `seqlab train --resume ${dir}` + (opts.backend ? ` --backend ${backend.choice}` : ''),
    config,
    metrics: s.metrics,
    epochs: s.epochs,
    params: analyzeModule(what.module).totalParams,
    progress: makeProgress(bound.binding.loss),
    start,
    resumed: source !== undefined,
    release,
  };
}
