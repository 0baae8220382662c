/** Compiling the model to train and loading its data, with user-facing messages. */
import {
  compile,
  inputVocabHyperparameters,
  type CompileResult,
  type SetValue,
  type TrainSpec,
} from '@seqlab/compiler';
import type { SequenceDataset } from '@seqlab/data';
import type { IrModule } from '@seqlab/ir';
import { dataHyperparameters } from '@seqlab/tfjs';
import { readText } from '../io/files.js';
import { nodeHost } from '../io/node-host.js';
import { renderAll } from '../output/diagnostics.js';
import { diagnosticStyle } from '../output/style.js';
import { CompileFailed } from '../commands/compile-file.js';
import { printDataDiagnostics } from './data-diagnostics.js';
import { limitDataset } from './limit.js';
import { dataRef, loadData, type DataRef } from './load-data.js';

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
  } else if (!result.module) {
    // A file of cells or imports only is valid (`check` passes) but has nothing to train.
    process.stderr.write(
      `${file}: error: no model to train: the file declares no \`model\` (train needs one)\n`,
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

/** What to train: the compiled module, its train spec, the data and the settings used. */
export interface ModelAndData {
  readonly module: IrModule;
  readonly modelName: string;
  readonly spec: TrainSpec;
  readonly ref: DataRef;
  readonly dataset: SequenceDataset;
  /** Hyperparameters as given, plus those the data decided. */
  readonly set: Record<string, SetValue>;
  /** One line per hyperparameter the data decided. */
  readonly notes: readonly string[];
}

/** Where the model and data come from: the user's flags, or a resumed run's record. */
export interface ModelRequest {
  readonly file: string;
  readonly model: string | undefined;
  readonly set: Record<string, SetValue>;
  /** The run's data reference, or `--data` (undefined: the train block's). */
  readonly ref: DataRef | undefined;
  readonly data: string | undefined;
  /** `--data-opt name=value` items (override the train block's reader options). */
  readonly dataOpts?: readonly string[] | undefined;
  readonly limit: number | undefined;
  /** Seed of the `--limit` sample (`--seed`, or the run's); default the train block's. */
  readonly seed?: number | undefined;
}

/**
 * Compile `req.file`, load its data (targets read as the train block's loss needs them; a
 * seeded sample of `limit` training examples), and compile again when the data decides
 * hyperparameters (vocabulary sizes). Data problems are printed and give `1`.
 */
export function compileWithData(req: ModelRequest): ModelAndData | 1 {
  const text = readText(req.file);
  const first = compileOrFail(text, req.file, req.model, req.set);
  const modelName = first.model ?? '';
  const ref =
    req.ref ??
    dataRef(req.data, first.train, {
      file: req.file,
      ...(req.dataOpts ? { dataOpts: req.dataOpts } : {}),
    });
  const loaded = loadData(ref, first.train?.loss);
  if ('diagnostics' in loaded) {
    printDataDiagnostics(loaded.diagnostics);
    return 1;
  }
  // Without a train block the loss follows the data (values train with MSE).
  const spec = first.train ?? {
    ...fallbackSpec(modelName, ref),
    loss: loaded.dataset.task === 'regress' ? ('mse' as const) : ('cross_entropy' as const),
  };
  let dataset = loaded.dataset;
  if (req.limit !== undefined) dataset = limitDataset(dataset, req.limit, req.seed ?? spec.seed);
  const auto = dataHyperparameters(
    inputVocabHyperparameters(first.program, modelName),
    dataset,
    req.set,
  );
  const set = { ...auto.set, ...req.set };
  const result = Object.keys(auto.set).length
    ? compileOrFail(text, req.file, req.model, set)
    : first;
  if (!result.module) throw new CompileFailed();
  return { module: result.module, modelName, spec, ref, dataset, set, notes: auto.notes };
}
