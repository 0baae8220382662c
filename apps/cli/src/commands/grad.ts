/**
 * `seqlab grad FILE|RUN`: backpropagation through time made visible. For every recurrent
 * layer, ‖∂L/∂h_t‖ at each step, the spectrum of W_hh, the mean step-Jacobian norm, and a
 * verdict (vanishing, exploding, healthy) with a suggestion. Inputs are random unless
 * `--data` is given; weights are as initialised, or a run's trained weights.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { SetValue } from '@seqlab/compiler';
import { setupBackend } from '@seqlab/backend-node';
import { makeBatches, type SequenceDataset } from '@seqlab/data';
import { gradNormsSvg } from '@seqlab/diagrams';
import type { IrModule } from '@seqlab/ir';
import {
  batchDiagnoseOptions,
  bindDataset,
  diagnoseGradients,
  disposeBatch,
  gradReportJson,
  lowerModule,
  randomFeeds,
  toTrainBatch,
  type CompiledModel,
  type DiagnoseOptions,
  type LossAt,
  type TrainBatch,
} from '@seqlab/tfjs';
import { UsageError, writeTextAtomic } from '../io/files.js';
import { collectSet, parseSets } from '../io/set-options.js';

import { gradText } from '../grad/grad-text.js';
import { printDataDiagnostics } from '../training/data-diagnostics.js';
import { inputVocabHyperparameters } from '@seqlab/compiler';
import { dataHyperparameters } from '@seqlab/tfjs';
import { dataRef, loadData } from '../training/load-data.js';
import { loadRun } from '../training/load-run.js';
import { compileFile } from './compile-file.js';
import { optionalWholeNumber } from '../io/numbers.js';

interface GradOptions {
  set?: string[];
  model?: string;
  data?: string;
  steps?: string;
  batch?: string;
  lossAt?: string;
  seed?: string;
  json?: boolean;
  output?: string;
  backend?: string;
}

const count = (flag: string, v: string | undefined, fallback: number, min = 1): number =>
  optionalWholeNumber(flag, v, min) ?? fallback;

/** Register `grad`. */
export function registerGrad(program: Command, setExit: (code: number) => void): void {
  program
    .command('grad')
    .description('per-step gradient norms of every recurrent layer: vanishing or exploding?')
    .argument('<target>', '.seq file (weights as initialised) or a run directory (trained weights)')
    .option(
      '--set <name=value>',
      'override a hyperparameter (repeatable; .seq files only)',
      collectSet,
    )
    .option('--model <name>', 'which model of the file (default: the first)')
    .option(
      '--data <name|path>',
      'measure on the first batch of a data set (default: random inputs)',
    )
    .option('--steps <T>', 'length of the random input sequences (default 50)')
    .option('--batch <n>', 'sequences in the batch (default 8)')
    .option(
      '--loss-at <where>',
      'last: loss on the final step only; every: a loss at every step',
      'last',
    )
    .option('--seed <n>', 'seed of the weights (for a .seq file) and of the random inputs', '0')
    .option(
      '--json',
      'print JSON: { "layers": [{ "name", "grad_norms", "spectral_radius", "verdict", ... }] }',
    )
    .option('-o, --output <file.svg>', 'write a plot of log ‖∂L/∂h_t‖ against t')
    .option('--backend <name>', 'tfjs backend: tfjs-node-gpu, tfjs-node, wasm, cpu or auto', 'auto')
    .addHelpText(
      'after',
      `
Examples:
  $ seqlab grad examples/scalar.seq --set w=0.5 --steps 50     # vanishing: ratio 0.5^49
  $ seqlab grad examples/scalar.seq --set w=2 --steps 50 --json
  $ seqlab grad examples/stacked-rnn.seq --loss-at every -o grads.svg
  $ seqlab grad runs/CharLM-... --data brown-chars --batch 4

ratio = ‖∂L/∂h_1‖ / ‖∂L/∂h_T‖ (the other way round for a reverse direction): below 1e-3 the
gradient has vanished, above 1e3 it has exploded. Norms are per sequence (the root mean
square over the batch of each sequence's own gradient).`,
    )
    .action(async (target: string, opts: GradOptions) => {
      setExit(await grad(target, opts));
    });
}

/** The model to diagnose, its tfjs instance and a description of where its weights came from. */
interface Subject {
  readonly model: CompiledModel;
  readonly source: string;
}

async function grad(target: string, opts: GradOptions): Promise<number> {
  const lossAt = opts.lossAt ?? 'last';
  if (lossAt !== 'last' && lossAt !== 'every') {
    throw new UsageError(`--loss-at ${lossAt}: choose last or every`);
  }
  if (opts.data !== undefined && opts.steps !== undefined) {
    throw new UsageError(
      '--steps sets the length of random inputs; with --data the batch decides T',
    );
  }
  const batchSize = count('--batch', opts.batch, 8);
  const steps = count('--steps', opts.steps, 50);
  const seed = count('--seed', opts.seed, 0, 0);
  const isRun = existsSync(join(target, 'config.json'));
  if (isRun && opts.set?.length) {
    throw new UsageError(`--set changes a .seq file's hyperparameters; ${target} is a trained run`);
  }

  let dataset: SequenceDataset | undefined;
  if (opts.data !== undefined) {
    const loaded = loadData(dataRef(opts.data, undefined));
    if ('diagnostics' in loaded) {
      printDataDiagnostics(loaded.diagnostics);
      return 1;
    }
    dataset = loaded.dataset;
  }

  const subject = isRun
    ? await fromRun(target, opts.backend)
    : await fromFile(target, opts, dataset, seed);
  const { model } = subject;
  const tf = model.tf;
  let batch: TrainBatch | undefined;
  let dopts: DiagnoseOptions;
  let inputs: string;
  if (dataset !== undefined) {
    const bound = bindDataset(model.module, dataset);
    if (!bound.ok) {
      for (const p of bound.problems) process.stderr.write(`${target}: error: ${p}\n`);
      model.dispose();
      return 1;
    }
    const split = dataset.splits.valid.length > 0 ? 'valid' : 'train';
    const first = makeBatches(dataset, split, { batchSize, shuffle: false, seed })[0];
    if (first === undefined) throw new UsageError(`${dataset.name}: the ${split} split is empty`);
    batch = toTrainBatch(tf, first, bound.binding);
    dopts = { ...batchDiagnoseOptions(batch, bound.binding, lossAt as LossAt), seed };
    inputs = `the first ${first.size} ${split} examples of ${dataset.name} (training loss)`;
  } else {
    dopts = {
      feeds: randomFeeds(tf, model.module, batchSize, steps, seed),
      lossAt: lossAt as LossAt,
      seed,
    };
    inputs = `${batchSize} random sequences of ${steps} steps (loss: a random projection of the output)`;
  }
  try {
    const report = diagnoseGradients(model, dopts);
    writeGradReport(report, opts, lossAt as LossAt, `${inputs}; ${subject.source}`, model);
    return 0;
  } finally {
    if (batch !== undefined) disposeBatch(tf, batch);
    else tf.dispose(Object.values(dopts.feeds.inputs));
    model.dispose();
  }
}

/** The report as text or JSON on stdout, and the plot when `--output` names one. */
function writeGradReport(
  report: ReturnType<typeof diagnoseGradients>,
  opts: GradOptions,
  lossAt: LossAt,
  inputs: string,
  model: CompiledModel,
): void {
  if (opts.output !== undefined) {
    const title = `${model.module.model}: ‖∂L/∂h_t‖ (loss at ${lossAt === 'last' ? 'the last step' : 'every step'})`;
    writeTextAtomic(
      opts.output,
      gradNormsSvg(
        title,
        report.layers.map((l) => ({ name: l.name, values: l.gradNorms })),
      ),
    );
  }
  if (opts.json) {
    process.stdout.write(JSON.stringify(gradReportJson(report), null, 2) + '\n');
    return;
  }
  const where = lossAt === 'last' ? 'the loss on the last step' : 'a loss at every step';
  process.stdout.write(gradText(report, `${model.module.model}: ${where}; ${inputs}`));
  if (opts.output !== undefined) process.stdout.write(`plot written to ${opts.output}\n`);
}

async function fromRun(dir: string, backend: string | undefined): Promise<Subject> {
  const run = await loadRun(dir, backend);
  return { model: run.model, source: `trained weights of ${dir} (${run.backend})` };
}

async function fromFile(
  file: string,
  opts: GradOptions,
  dataset: SequenceDataset | undefined,
  seed: number,
): Promise<Subject> {
  const userSet: Record<string, SetValue> = parseSets(opts.set);
  const model = opts.model;
  const first = compileFile(file, { ...(model ? { model } : {}), set: userSet });
  let module: IrModule = first.module;
  if (dataset !== undefined && first.result.model !== undefined) {
    // Token vocabularies come from the data, as `seqlab train` sets them.
    const auto = dataHyperparameters(
      inputVocabHyperparameters(first.result.program, first.result.model),
      dataset,
      userSet,
    );
    if (Object.keys(auto.set).length > 0) {
      module = compileFile(file, {
        ...(model ? { model } : {}),
        set: { ...auto.set, ...userSet },
      }).module;
    }
  }
  const ready = await setupBackend(opts.backend);
  if (!ready.ok) throw new UsageError(ready.message);
  return {
    model: lowerModule(module, { tf: ready.tf, seed }),
    source: `weights as initialised (seed ${seed}, ${ready.choice})`,
  };
}
