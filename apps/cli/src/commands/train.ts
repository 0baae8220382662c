/** `seqlab train FILE`: train a model on its data set and leave a complete run directory. */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import {
  compile,
  inputVocabHyperparameters,
  type CompileResult,
  type SetValue,
  type TrainSpec,
} from '@seqlab/compiler';
import { setupBackend } from '@seqlab/backend-node';
import type { SequenceDataset } from '@seqlab/data';
import { analyzeModule, moduleToJson } from '@seqlab/ir';
import {
  bindDataset,
  dataHyperparameters,
  decodeSafetensors,
  loadWeights,
  TrainingSession,
  type MetricName,
} from '@seqlab/tfjs';
import { readText, UsageError } from '../io/files.js';
import { nodeHost } from '../io/node-host.js';
import { collectSet, parseSets } from '../io/set-options.js';
import { renderAll } from '../output/diagnostics.js';
import { diagnosticStyle } from '../output/style.js';
import { formatTable } from '../output/table.js';
import { CompileFailed } from './compile-file.js';
import { printDataDiagnostics } from '../training/data-diagnostics.js';
import { dataRef, loadData, textUnit, type DataRef } from '../training/load-data.js';
import { improves } from '../training/metric-direction.js';
import { formatSeconds, makeProgress } from '../training/progress.js';
import { curves, readHistory, saveCheckpoint } from '../training/run-progress-files.js';
import {
  appendJsonLine,
  newRunDir,
  readBytes,
  readJson,
  writeAtomic,
  writeJson,
  type Checkpoint,
  type RunConfig,
} from '../training/run-dir.js';
import { defaultMetrics, trainOptions } from '../training/session-config.js';
import { createGradWatch } from '../training/watch-grads.js';
import { VERSION } from '../version.js';
import { optionalWholeNumber } from '../io/numbers.js';

/** Examples of the train split scored for summary.json. */
const TRAIN_EVAL_SAMPLE = 5000;

interface TrainOptions {
  data?: string;
  epochs?: string;
  set?: string[];
  backend?: string;
  out?: string;
  resume?: string;
  seed?: string;
  model?: string;
  batch?: string;
  limit?: string;
  watchGrads?: string | boolean;
}

const positiveInt = (flag: string, v: string | undefined): number | undefined =>
  optionalWholeNumber(flag, v, 1);

function compileOrFail(
  text: string,
  file: string,
  model: string | undefined,
  set: Record<string, SetValue>,
): CompileResult {
  const result = compile(text, {
    file,
    host: nodeHost,
    set,
    ...(model !== undefined ? { model } : {}),
  });
  if (result.diagnostics.length > 0) {
    process.stderr.write(
      renderAll(result.diagnostics, result.sources, diagnosticStyle(process.stderr)) + '\n',
    );
  }
  if (!result.module) throw new CompileFailed();
  return result;
}

/** Defaults for a file without a train block (`--data` given). */
function fallbackSpec(model: string, ref: DataRef): TrainSpec {
  return {
    model,
    dataset: ref,
    loss: 'cross_entropy',
    optimizer: {
      kind: 'adam',
      lr: 1e-3,
      momentum: 0,
      beta1: 0.9,
      beta2: 0.999,
      eps: 1e-8,
      weightDecay: 0,
    },
    schedule: { kind: 'constant' },
    batch: 32,
    epochs: 10,
    seed: 0,
    metrics: [],
    span: { file: '', start: 0, end: 0 },
  };
}

function fmtMetrics(m: Record<string, number>): string {
  return Object.entries(m)
    .map(([k, v]) => `${k} ${v.toFixed(4)}`)
    .join(', ');
}

/** Register `train`. */
export function registerTrain(program: Command, setExit: (code: number) => void): void {
  program
    .command('train')
    .description('train a .seq model on its data set; writes a run directory')
    .argument('[file]', '.seq file with a model (and usually a train block)')
    .option('--data <name|path>', "built-in data set or data file (default: the train block's)")
    .option('--epochs <n>', "epochs (default: the train block's)")
    .option('--set <name=value>', 'override a hyperparameter (repeatable)', collectSet)
    .option('--backend <name>', 'tfjs backend: tfjs-node-gpu, tfjs-node, wasm, cpu or auto', 'auto')
    .option('--out <dir>', 'run directory (default: runs/MODEL-DATE-TIME)')
    .option('--resume <dir>', 'continue a run: same weights, optimiser state and data order')
    .option('--seed <n>', "seed for weights, dropout and data order (default: the train block's)")
    .option('--model <name>', 'which model of the file (default: the first)')
    .option('--batch <n>', "batch size (default: the train block's)")
    .option('--limit <n>', 'train on the first N training examples only (quick experiments)')
    .option(
      '--watch-grads [n]',
      'every N steps (default 50) log per-step gradient norms of each recurrent layer to grads.jsonl; warn on exploding norms',
    )
    .addHelpText(
      'after',
      `
Examples:
  $ seqlab train examples/names.seq
  $ seqlab train examples/names.seq --epochs 3 --set hidden=32 --out runs/small
  $ seqlab train --resume runs/small --epochs 6

The run directory holds model.seq, model.ir.json, config.json, vocab.json,
weights.safetensors (PyTorch names), metrics.jsonl, curves.svg and summary.json.
Ctrl-C stops after the current step and saves a checkpoint. With --resume, --epochs is
the total number of epochs.`,
    )
    .action(async (fileArg: string | undefined, opts: TrainOptions) => {
      setExit(await train(fileArg, opts));
    });
}

async function train(fileArg: string | undefined, opts: TrainOptions): Promise<number> {
  const resumed = opts.resume ? readJson<RunConfig>(opts.resume, 'config.json') : undefined;
  const file = resumed && opts.resume ? join(opts.resume, 'model.seq') : fileArg;
  if (file === undefined) throw new UsageError('give a .seq file (or --resume RUN)');
  const text = readText(file);
  const userSet: Record<string, SetValue> = resumed
    ? (resumed.set as Record<string, SetValue>)
    : parseSets(opts.set);
  const model = opts.model ?? resumed?.model;
  const first = compileOrFail(text, file, model, userSet);
  const modelName = first.model ?? '';
  const ref = resumed ? (resumed.data.ref as DataRef) : dataRef(opts.data, first.train);
  const spec = first.train ?? fallbackSpec(modelName, ref);

  const loaded = loadData(ref);
  if ('diagnostics' in loaded) {
    printDataDiagnostics(loaded.diagnostics);
    return 1;
  }
  let dataset: SequenceDataset = loaded.dataset;
  const limit = positiveInt('--limit', opts.limit) ?? resumed?.limit ?? undefined;
  if (limit !== undefined) {
    dataset = {
      ...dataset,
      splits: { ...dataset.splits, train: dataset.splits.train.slice(0, limit) },
    };
  }

  const auto = dataHyperparameters(
    inputVocabHyperparameters(first.program, modelName),
    dataset,
    userSet,
  );
  const set = { ...auto.set, ...userSet };
  const result = Object.keys(auto.set).length ? compileOrFail(text, file, model, set) : first;
  const module = result.module;
  if (!module) throw new CompileFailed();

  const backend = await setupBackend(opts.backend);
  if (!backend.ok) throw new UsageError(backend.message);
  const bound = bindDataset(module, dataset);
  if (!bound.ok) {
    for (const p of bound.problems) process.stderr.write(`${file}: error: ${p}\n`);
    return 1;
  }

  const seed = positiveIntOrZero(opts.seed) ?? resumed?.seed ?? spec.seed;
  const batch = positiveInt('--batch', opts.batch) ?? resumed?.batch ?? spec.batch;
  const epochs = positiveInt('--epochs', opts.epochs) ?? spec.epochs;
  const metrics = (
    spec.metrics.length ? spec.metrics : defaultMetrics(dataset.task)
  ) as MetricName[];
  const stepsPerEpoch = Math.ceil(dataset.splits.train.length / batch);
  const session = new TrainingSession({
    module,
    dataset,
    binding: bound.binding,
    tf: backend.tf,
    seed,
    batchSize: batch,
    train: trainOptions(spec, stepsPerEpoch * epochs),
    metrics,
  });

  const dir = opts.resume ?? newRunDir(modelName, opts.out);
  const progress = makeProgress();
  const report = analyzeModule(module);
  if (!resumed) {
    copyFileSync(file, join(dir, 'model.seq'));
    writeAtomic(dir, 'model.ir.json', moduleToJson(module) + '\n');
    const config: RunConfig = {
      seqlab: VERSION,
      model: modelName,
      source_file: file,
      hyperparameters: { ...module.hyperparameters },
      set,
      train: { ...spec, span: undefined },
      data: { ref, name: dataset.name, task: dataset.task, unit: textUnit(dataset) },
      fields: dataset.fields.map((f) => ({
        name: f.name,
        kind: f.kind,
        ...(f.time ? { time: f.time } : {}),
        ...(f.width !== undefined ? { width: f.width } : {}),
      })),
      inputs: dataset.inputs,
      targets: dataset.targets,
      binding: bound.binding,
      backend: backend.choice,
      seed,
      batch,
      epochs,
      metrics,
      limit: limit ?? null,
    };
    writeJson(dir, 'config.json', config);
    writeJson(
      dir,
      'vocab.json',
      Object.fromEntries(
        dataset.fields.filter((f) => f.vocab).map((f) => [f.name, f.vocab?.toJSON()]),
      ),
    );
  }
  for (const n of auto.notes) progress.note(`set from the data: ${n}`);
  progress.note(
    `${modelName}: ${report.totalParams.toLocaleString('en-US')} parameters | ${dataset.name}: ${dataset.splits.train.length.toLocaleString('en-US')} train / ${dataset.splits.valid.length.toLocaleString('en-US')} valid / ${dataset.splits.test.length.toLocaleString('en-US')} test | backend ${backend.choice} | run ${dir}`,
  );

  let checkpoint: Checkpoint = { epoch: 0, step: 0, best: null, epochsWithoutImprovement: 0 };
  if (resumed) {
    checkpoint = readJson<Checkpoint>(dir, 'checkpoint.json');
    const problems = loadWeights(session.model, readBytes(dir, 'weights.safetensors'));
    if (problems.length) throw new UsageError(`${dir}: ${problems.join('; ')}`);
    const slots = decodeSafetensors(readBytes(dir, 'optimizer.safetensors'));
    if (!slots.ok) throw new UsageError(`${dir}/optimizer.safetensors: ${slots.error}`);
    await session.trainer.restoreState({
      steps: checkpoint.step,
      slots: [...slots.tensors.values()],
    });
    session.epoch = checkpoint.epoch;
    progress.note(`resuming at epoch ${checkpoint.epoch + 1} (step ${checkpoint.step})`);
  }

  const watch = createGradWatch(opts.watchGrads, {
    session,
    dataset,
    binding: bound.binding,
    dir,
    note: (line) => progress.note(line),
  });
  let stop = false;
  const onSigint = (): void => {
    if (stop) process.exit(130);
    stop = true;
    progress.note('stopping after this step (Ctrl-C again to quit without saving)');
  };
  process.on('SIGINT', onSigint);
  const history = readHistory(dir, resumed !== undefined);
  const started = performance.now();
  const bestMetric = metrics[0] ?? 'loss';
  let clippedSteps = 0;
  let maxGradNorm = 0;
  let exitCode = 0;
  try {
    while (session.epoch < epochs && !stop) {
      progress.startEpoch(session.epoch + 1, epochs, session.stepsPerEpoch);
      const outcome = await session.runEpoch({
        onStep: (s) => {
          progress.step(s);
          watch?.onStep(s);
        },
        shouldStop: () => stop,
        yieldEvery: 1,
      });
      if (outcome.kind === 'non-finite') {
        progress.endEpoch(
          `error: the loss became ${outcome.loss} at step ${outcome.step} (epoch ${outcome.epoch}); ` +
            `training stopped. Try clip_norm = 1.0 in the train block or a lower learning rate. ` +
            `The last good checkpoint (epoch ${checkpoint.epoch}) is in ${dir}.`,
        );
        exitCode = 1;
        break;
      }
      clippedSteps += outcome.clippedSteps;
      maxGradNorm = Math.max(maxGradNorm, outcome.maxGradNorm);
      if (outcome.kind === 'stopped') {
        progress.endEpoch(`interrupted in epoch ${outcome.epoch} after ${outcome.steps} steps`);
        break;
      }
      const valid = session.evaluate('valid', metrics);
      const score = valid[bestMetric] ?? NaN;
      const better = checkpoint.best === null || improves(bestMetric, score, checkpoint.best.value);
      checkpoint = {
        epoch: outcome.epoch,
        step: session.trainer.stepCount,
        best: better ? { metric: bestMetric, value: score, epoch: outcome.epoch } : checkpoint.best,
        epochsWithoutImprovement: better ? 0 : checkpoint.epochsWithoutImprovement + 1,
      };
      const line = {
        epoch: outcome.epoch,
        step: checkpoint.step,
        train_loss: outcome.trainLoss,
        valid,
        seconds: outcome.seconds,
        samples_per_second: outcome.samples / outcome.seconds,
        clipped_steps: outcome.clippedSteps,
        max_grad_norm: outcome.maxGradNorm,
      };
      history.push(line);
      appendJsonLine(dir, 'metrics.jsonl', line);
      await saveCheckpoint(dir, session, checkpoint);
      writeAtomic(dir, 'curves.svg', curves(modelName, history, bestMetric));
      progress.endEpoch(
        `epoch ${outcome.epoch}/${epochs}: train loss ${outcome.trainLoss.toFixed(4)} | valid ${fmtMetrics(valid)} | ` +
          `${Math.round(line.samples_per_second).toLocaleString('en-US')} samples/s | ${formatSeconds(outcome.seconds)}` +
          (outcome.clippedSteps ? ` | clipped ${outcome.clippedSteps}/${outcome.steps} steps` : ''),
      );
      if (
        spec.earlyStopping !== undefined &&
        checkpoint.epochsWithoutImprovement >= spec.earlyStopping
      ) {
        progress.note(
          `early stopping: valid ${bestMetric} has not improved for ${spec.earlyStopping} epochs`,
        );
        break;
      }
    }
    if (stop && exitCode === 0) {
      await saveCheckpoint(dir, session, checkpoint, true);
      progress.note(`saved ${dir}; continue with: seqlab train --resume ${dir} --epochs ${epochs}`);
      exitCode = 130;
    }
  } finally {
    process.off('SIGINT', onSigint);
  }
  if (exitCode !== 0) {
    session.dispose();
    return exitCode;
  }

  // The train split is scored on a sample: on a large corpus a full pass costs as much as
  // an epoch and says little more than the sample does.
  const trainSample = Math.min(dataset.splits.train.length, TRAIN_EVAL_SAMPLE);
  const summary = {
    metrics: {
      train: session.evaluate('train', metrics, trainSample),
      valid: session.evaluate('valid', metrics),
      test: session.evaluate('test', metrics),
    },
    train_metrics_sample: trainSample,
    epochs: session.epoch,
    wall_seconds: (performance.now() - started) / 1000,
    backend: backend.choice,
    params: report.totalParams,
    steps: session.trainer.stepCount,
    clipped_steps: clippedSteps,
    max_grad_norm: maxGradNorm,
    best: checkpoint.best,
    ...watch?.summary(),
  };
  writeJson(dir, 'summary.json', summary);
  session.dispose();
  const names = [...new Set(Object.values(summary.metrics).flatMap((m) => Object.keys(m)))];
  const table = formatTable(
    ['split', ...names],
    (['train', 'valid', 'test'] as const).map((s) => [
      s,
      ...names.map((n) => summary.metrics[s][n]?.toFixed(4) ?? ''),
    ]),
    ['left', ...names.map(() => 'right' as const)],
  );
  process.stdout.write(
    `\n${table}\n\n${summary.epochs} epochs in ${formatSeconds(summary.wall_seconds)} on ${backend.choice}; run saved to ${dir}\n`,
  );
  if (watch) process.stdout.write(watch.summaryLine());
  return 0;
}

const positiveIntOrZero = (v: string | undefined): number | undefined =>
  optionalWholeNumber('--seed', v, 0);
