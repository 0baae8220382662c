/** Opening a run directory for inference: IR, vocabularies, weights, on a chosen backend. */
import { join } from 'node:path';
import { setupBackend, type TfCore } from '@seqlab/backend-node';
import { textReading, Vocabulary, type TextReading } from '@seqlab/data';
import { moduleFromJson, type IrModule } from '@seqlab/ir';
import { loadWeights, lowerModule, type CompiledModel, type DataBinding } from '@seqlab/tfjs';
import { readText, UsageError } from '../io/files.js';
import { refFormat, type DataRef } from './load-data.js';
import { toReadOptions } from './read-options.js';
import { readBytes, readJson, type RunConfig } from './run-dir.js';

/** A trained model ready to run. */
export interface LoadedRun {
  readonly dir: string;
  readonly config: RunConfig;
  readonly binding: DataBinding;
  readonly module: IrModule;
  readonly model: CompiledModel;
  readonly tf: TfCore;
  readonly vocabs: ReadonlyMap<string, Vocabulary>;
  readonly backend: string;
  /** How new text becomes tokens: as the run's reader made them of its training data. */
  readonly reading: TextReading;
}

/** Load `dir` (made by `seqlab train`) on `backend`. */
export async function loadRun(dir: string, backend: string | undefined): Promise<LoadedRun> {
  const config = readJson<RunConfig>(dir, 'config.json');
  const ir = moduleFromJson(readText(join(dir, 'model.ir.json')));
  if (!ir.ok) throw new UsageError(`${dir}/model.ir.json: ${ir.error}`);
  const vocabJson = readJson<Record<string, unknown>>(dir, 'vocab.json');
  const vocabs = new Map<string, Vocabulary>();
  for (const [field, json] of Object.entries(vocabJson)) {
    try {
      vocabs.set(field, Vocabulary.fromJSON(json));
    } catch (e) {
      throw new UsageError(`${dir}/vocab.json: ${field}: ${(e as Error).message}`);
    }
  }
  const ready = await setupBackend(backend);
  if (!ready.ok) throw new UsageError(ready.message);
  const model = lowerModule(ir.module, { tf: ready.tf, seed: config.seed });
  const problems = loadWeights(model, readBytes(dir, 'weights.safetensors'));
  if (problems.length > 0)
    throw new UsageError(`${dir}/weights.safetensors: ${problems.join('; ')}`);
  return {
    dir,
    config,
    binding: config.binding as DataBinding,
    module: ir.module,
    model,
    tf: ready.tf,
    vocabs,
    backend: ready.choice,
    reading: runReading(config),
  };
}

/**
 * How the run's reader turned text into tokens, from the reference and options config.json
 * records: a file's format and `unit`, `lowercase`, `max_len`, `truncate`. Built-in sets
 * are lower-cased characters, or words when tagging (config.json's `unit`).
 */
export function runReading(config: RunConfig): TextReading {
  const ref = config.data.ref as DataRef | undefined;
  if (ref?.kind === 'path') {
    const format = refFormat(ref);
    if (format !== undefined && format !== 'npy') {
      return textReading(format, toReadOptions(ref.options), config.data.task === 'tag');
    }
  }
  return { unit: config.data.unit, lowercase: true };
}

/** The vocabulary of a data field, or a clear error. */
export function vocabOf(run: LoadedRun, field: string): Vocabulary {
  const v = run.vocabs.get(field);
  if (!v) throw new UsageError(`${run.dir}: no vocabulary for ${field}`);
  return v;
}
