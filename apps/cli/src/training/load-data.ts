/** Loading the data set a run trains on: a built-in by name or a file by path. */
import { existsSync } from 'node:fs';
import { BUILTIN_NAMES, loadBuiltin, readDatasetFile, type SequenceDataset } from '@seqlab/data';
import type { Diagnostic } from '@seqlab/diagnostics';
import type { TrainSpec } from '@seqlab/compiler';
import type { RunConfig } from '@seqlab/tfjs';
import { UsageError } from '../io/files.js';
import { limitDataset } from './limit.js';

/** Where the data comes from, as recorded in a run's config. */
export type DataRef = TrainSpec['dataset'];

/** `--data NAME|PATH` (or the train block's data set) as a reference. */
export function dataRef(arg: string | undefined, spec: TrainSpec | undefined): DataRef {
  if (arg === undefined) {
    if (!spec) {
      throw new UsageError(
        'no data set: the file has no train block for this model; pass --data NAME|PATH',
      );
    }
    return spec.dataset;
  }
  if (BUILTIN_NAMES.includes(arg)) return { kind: 'builtin', name: arg };
  if (existsSync(arg)) return { kind: 'path', path: arg };
  throw new UsageError(
    `--data ${arg}: neither a built-in data set (${BUILTIN_NAMES.join(', ')}) nor a file`,
  );
}

/**
 * Load the data; data errors come back as diagnostics naming file and line. With `loss`
 * (the train block's), a file's targets are read as that loss needs them: values for
 * `mse`, class labels for `cross_entropy`; without it the reader guesses.
 */
export function loadData(
  ref: DataRef,
  loss?: TrainSpec['loss'],
): { dataset: SequenceDataset } | { diagnostics: Diagnostic[] } {
  const target =
    loss === undefined
      ? {}
      : {
          target: loss === 'mse' ? ('values' as const) : ('class' as const),
          targetReason: `loss = ${loss}`,
        };
  const r = ref.kind === 'builtin' ? loadBuiltin(ref.name) : readDatasetFile(ref.path, target);
  return r.dataset ? { dataset: r.dataset } : { diagnostics: r.diagnostics ?? [] };
}

/** The loss a run trained with, from its config.json (absent in a malformed record). */
export function runLoss(config: RunConfig): TrainSpec['loss'] | undefined {
  const loss = (config.train as { loss?: unknown } | null)?.loss;
  return loss === 'mse' || loss === 'cross_entropy' ? loss : undefined;
}

/**
 * The data a run is scored on: its own data as it trained (targets read for its loss, the
 * same `--limit` sample), or with `data` (`eval --data`) that whole source.
 */
export function loadRunData(
  config: RunConfig,
  data: string | undefined,
): { dataset: SequenceDataset } | { diagnostics: Diagnostic[] } {
  const ref = data === undefined ? (config.data.ref as DataRef) : dataRef(data, undefined);
  const loaded = loadData(ref, runLoss(config));
  if (!('dataset' in loaded) || data !== undefined || !config.limit) return loaded;
  return { dataset: limitDataset(loaded.dataset, config.limit, config.seed) };
}

/** How raw text becomes tokens for this data set (for `predict` and `generate`). */
export function textUnit(ds: SequenceDataset): 'chars' | 'words' {
  return ds.task === 'tag' ? 'words' : 'chars';
}
