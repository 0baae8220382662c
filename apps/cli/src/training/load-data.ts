/** Loading the data set a run trains on: a built-in by name or a file by path. */
import { existsSync } from 'node:fs';
import { BUILTIN_NAMES, loadBuiltin, readDatasetFile, type SequenceDataset } from '@seqlab/data';
import type { Diagnostic } from '@seqlab/diagnostics';
import type { TrainSpec } from '@seqlab/compiler';
import { UsageError } from '../io/files.js';

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

/** Load the data; data errors come back as diagnostics naming file and line. */
export function loadData(
  ref: DataRef,
): { dataset: SequenceDataset } | { diagnostics: Diagnostic[] } {
  const r = ref.kind === 'builtin' ? loadBuiltin(ref.name) : readDatasetFile(ref.path);
  return r.dataset ? { dataset: r.dataset } : { diagnostics: r.diagnostics ?? [] };
}

/** How raw text becomes tokens for this data set (for `predict` and `generate`). */
export function textUnit(ds: SequenceDataset): 'chars' | 'words' {
  return ds.task === 'tag' ? 'words' : 'chars';
}
