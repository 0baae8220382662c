/** Loading the data set a run trains on: a built-in by name or a file by path. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import {
  BUILTIN_NAMES,
  loadBuiltin,
  readDataset,
  readDatasetFile,
  textReading,
  type ReadOptions,
  type SequenceDataset,
  type Vocabulary,
} from '@seqlab/data';
import type { Diagnostic } from '@seqlab/diagnostics';
import { formatOfPath, type DataFormatName, type TrainSpec } from '@seqlab/compiler';
import type { RunConfig } from '@seqlab/tfjs';
import { UsageError } from '../io/files.js';
import { limitDataset } from './limit.js';
import { parseDataOpts, toBuiltinOptions, toReadOptions } from './read-options.js';

/** Where the data comes from, as recorded in a run's config. */
export type DataRef = TrainSpec['dataset'];

/** Where a reference's options come from besides the train block. */
export interface DataRefContext {
  /** The `.seq` file: a train block's relative paths resolve against its folder. */
  readonly file?: string;
  /** `--data-opt name=value` items, applied last. */
  readonly dataOpts?: readonly string[];
}

/**
 * `--data NAME|PATH` (or the train block's data set) as a reference, with every reader
 * option in effect: the train block's (kept for `--data` of the same format), then
 * `--data-opt`. A train block's missing file is a usage error naming the path tried.
 */
export function dataRef(
  arg: string | undefined,
  spec: TrainSpec | undefined,
  ctx: DataRefContext = {},
): DataRef {
  let ref: DataRef;
  if (arg === undefined) {
    if (!spec) {
      throw new UsageError(
        'no data set: the file has no train block for this model; pass --data NAME|PATH',
      );
    }
    ref = blockRef(spec.dataset, ctx.file);
  } else if (BUILTIN_NAMES.includes(arg)) {
    const block = spec?.dataset;
    ref = block?.kind === 'builtin' && block.name === arg ? block : { kind: 'builtin', name: arg };
  } else if (existsSync(arg)) {
    const block = spec?.dataset;
    const format = formatOf(arg);
    const same = block?.kind === 'path' && (block.format ?? formatOf(block.path)) === format;
    ref = { kind: 'path', path: arg, ...(same && block.options ? { options: block.options } : {}) };
  } else {
    throw new UsageError(
      `--data ${arg}: neither a built-in data set (${BUILTIN_NAMES.join(', ')}) nor a file`,
    );
  }
  if (!ctx.dataOpts?.length) return ref;
  if (ref.kind === 'builtin') {
    const opts = parseDataOpts(ctx.dataOpts, { builtin: ref.name });
    return { ...ref, options: { ...ref.options, ...(opts as Record<string, number>) } };
  }
  const opts = parseDataOpts(ctx.dataOpts, { format: ref.format ?? formatOf(ref.path) });
  return { ...ref, options: { ...ref.options, ...opts } };
}

/**
 * The reference as a run records it: a file's path (and an npy `y`) made absolute, so
 * `seqlab eval RUN` and `--resume` read the same file from any directory.
 */
export function recordedRef(ref: DataRef): DataRef {
  if (ref.kind === 'builtin') return ref;
  const y = ref.options?.['y'];
  const options = typeof y === 'string' ? { ...ref.options, y: resolve(y) } : ref.options;
  return { ...ref, path: resolve(ref.path), ...(options ? { options } : {}) };
}

/** The format a file reference is read as: the reader call's, else the path's. */
export function refFormat(ref: Extract<DataRef, { kind: 'path' }>): DataFormatName | undefined {
  return ref.format ?? formatOf(ref.path);
}

/** The format a path is read as: its extension, or `.npy` for a folder of X.npy and y.npy. */
function formatOf(path: string): DataFormatName | undefined {
  try {
    if (statSync(path).isDirectory()) return 'npy';
  } catch {
    // A missing path is reported by whoever reads it.
  }
  return formatOfPath(path);
}

/** A train block's reference with its paths resolved against the `.seq` file's folder. */
function blockRef(d: DataRef, file: string | undefined): DataRef {
  if (d.kind === 'builtin' || file === undefined) return d;
  const at = (p: string): string => (isAbsolute(p) ? p : join(dirname(file), p));
  const path = at(d.path);
  if (!existsSync(path)) {
    throw new UsageError(
      `cannot read the data file ${path}: no such file (the train block names "${d.path}", relative to the folder of ${file})`,
    );
  }
  const y = d.options?.['y'];
  const options = typeof y === 'string' ? { ...d.options, y: at(y) } : d.options;
  return { ...d, path, ...(options ? { options } : {}) };
}

/**
 * Load the data; data errors come back as diagnostics naming file and line. With `loss`
 * (the train block's), a file's targets are read as that loss needs them: values for
 * `mse`, class labels for `cross_entropy`; without it the reader guesses.
 */
export function loadData(
  ref: DataRef,
  loss?: TrainSpec['loss'],
  fixed: Pick<ReadOptions, 'vocab' | 'labelVocab'> = {},
): { dataset: SequenceDataset } | { diagnostics: Diagnostic[] } {
  const target =
    loss === undefined
      ? {}
      : {
          target: loss === 'mse' ? ('values' as const) : ('class' as const),
          targetReason: `loss = ${loss}`,
        };
  const r =
    ref.kind === 'builtin'
      ? loadBuiltin(ref.name, toBuiltinOptions(ref.options))
      : readFile(ref, { ...toReadOptions(ref.options), ...target, ...fixed });
  return r.dataset ? { dataset: r.dataset } : { diagnostics: r.diagnostics ?? [] };
}

/** Read a file as its reference's format: the extension's, unless a reader call names another. */
function readFile(
  ref: Extract<DataRef, { kind: 'path' }>,
  opts: Partial<ReadOptions>,
): ReturnType<typeof readDatasetFile> {
  const natural = formatOf(ref.path);
  if (ref.format === undefined || ref.format === natural || ref.format === 'npy')
    return readDatasetFile(ref.path, opts);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(ref.path));
  } catch {
    throw new UsageError(`cannot read the data file ${ref.path}`);
  }
  return readDataset(bytes, ref.format, { ...opts, file: ref.path });
}

/** The loss a run trained with, from its config.json (absent in a malformed record). */
export function runLoss(config: RunConfig): TrainSpec['loss'] | undefined {
  const loss = (config.train as { loss?: unknown } | null)?.loss;
  return loss === 'mse' || loss === 'cross_entropy' ? loss : undefined;
}

/**
 * The data a run is scored on: its own data as it trained (targets read for its loss, the
 * same `--limit` sample), or with `data` (`eval --data`) that whole source. A file given as
 * `data` is read through the run's `vocabs`: a token it lacks is `<unk>`, a label it lacks
 * is an error naming the line.
 */
export function loadRunData(
  config: RunConfig,
  data: string | undefined,
  vocabs: ReadonlyMap<string, Vocabulary> = new Map(),
): { dataset: SequenceDataset } | { diagnostics: Diagnostic[] } {
  const ref = data === undefined ? (config.data.ref as DataRef) : sameReading(data, config);
  const fixed = data === undefined ? {} : runVocabularies(config, vocabs);
  const loaded = loadData(ref, runLoss(config), fixed);
  if (!('dataset' in loaded) || data !== undefined || !config.limit) return loaded;
  return { dataset: limitDataset(loaded.dataset, config.limit, config.seed) };
}

/**
 * `eval --data FILE` reads FILE with the run's reader options (unit, lowercase, max_len...)
 * when it has the run's format, so its tokens are the tokens the model was trained on.
 */
function sameReading(data: string, config: RunConfig): DataRef {
  const ref = dataRef(data, undefined);
  const run = config.data.ref as DataRef;
  if (ref.kind !== 'path' || run.kind !== 'path' || !run.options) return ref;
  if ((run.format ?? formatOf(run.path)) !== formatOf(ref.path)) return ref;
  // The targets file and the name belong to the training file, not to this one.
  const { y: _y, name: _name, ...options } = run.options;
  return { ...ref, options };
}

/**
 * The run's vocabularies by role: its first input's tokens, and its first target's labels
 * or tags (a language model's target shares the input's vocabulary).
 */
function runVocabularies(
  config: RunConfig,
  vocabs: ReadonlyMap<string, Vocabulary>,
): Pick<ReadOptions, 'vocab' | 'labelVocab'> {
  const kindOf = (name: string | undefined) => config.fields.find((f) => f.name === name)?.kind;
  const [input] = config.inputs;
  const [target] = config.targets;
  const vocab = kindOf(input) === 'tokens' && input ? vocabs.get(input) : undefined;
  const labelKind = kindOf(target);
  const labelVocab =
    (labelKind === 'class' || labelKind === 'tags') && target ? vocabs.get(target) : undefined;
  return { ...(vocab ? { vocab } : {}), ...(labelVocab ? { labelVocab } : {}) };
}

/**
 * How raw text became tokens for this data set (for `predict` and `generate`): the unit
 * the file's reader used with the reference's options (a CSV's `unit = "words"`), else
 * words for tagging and characters otherwise (the built-in sets).
 */
export function textUnit(ds: SequenceDataset, ref?: DataRef): 'chars' | 'words' {
  const format = ref?.kind === 'path' ? refFormat(ref) : undefined;
  if (ref?.kind === 'path' && format !== undefined && format !== 'npy') {
    return textReading(format, toReadOptions(ref.options), ds.task === 'tag').unit;
  }
  return ds.task === 'tag' ? 'words' : 'chars';
}
