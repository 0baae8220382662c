/**
 * Runs in the CLI's format (`seqlab train` writes a run directory; apps/cli's run-dir.ts):
 * `model.seq`, `model.ir.json`, `config.json` (hyperparameters, training, data schema and
 * binding), `vocab.json` (a vocabulary per field), `weights.safetensors` (PyTorch names),
 * `summary.json`. The playground writes the same files and reads the CLI's.
 */
import type { SetValue } from '@seqlab/compiler';
import { Vocabulary, type FieldSpec, type SequenceDataset, type TaskKind } from '@seqlab/data';
import { moduleFromJson, moduleToJson, type IrModule } from '@seqlab/ir';
import {
  bindDataset,
  loadWeights,
  lowerModule,
  saveWeights,
  RUN_FILES,
  type DataBinding,
  type RunConfig,
  type Tf,
} from '@seqlab/tfjs';

export { RUN_FILES, type RunConfig };
import type { TrainedModel } from '../try/trained-model.js';

/** What a download records besides the model itself. */
export interface RunInfo {
  readonly source: string;
  readonly set: Readonly<Record<string, SetValue>>;
  readonly train: unknown;
  readonly backend: string;
  readonly seed: number;
  readonly batch: number;
  readonly epochs: number;
  readonly metrics: readonly string[];
  readonly steps: number;
  readonly valid?: Readonly<Record<string, number>>;
}

/** The version written into `config.json`. */
export const PLAYGROUND_VERSION = '0.1.0 (playground)';

const json = (v: unknown): Uint8Array =>
  new TextEncoder().encode(JSON.stringify(v, null, 2) + '\n');

/** Every file of the run of `tm`, by name. */
export async function runFiles(tm: TrainedModel, info: RunInfo): Promise<Map<string, Uint8Array>> {
  const ds = tm.dataset;
  const module = tm.model.module;
  const config: RunConfig = {
    seqlab: PLAYGROUND_VERSION,
    model: module.model,
    source_file: RUN_FILES.source,
    hyperparameters: { ...module.hyperparameters },
    set: { ...info.set },
    train: info.train,
    data: {
      ref: { kind: 'builtin', name: ds.name },
      name: ds.name,
      task: ds.task,
      unit: ds.task === 'tag' ? 'words' : 'chars',
    },
    fields: ds.fields.map((f) => ({
      name: f.name,
      kind: f.kind,
      ...(f.time ? { time: f.time } : {}),
      ...(f.width !== undefined ? { width: f.width } : {}),
    })),
    inputs: ds.inputs,
    targets: ds.targets,
    binding: tm.binding,
    backend: info.backend,
    seed: info.seed,
    batch: info.batch,
    epochs: info.epochs,
    metrics: info.metrics,
  };
  const vocab = Object.fromEntries(
    ds.fields.filter((f) => f.vocab).map((f) => [f.name, f.vocab?.toJSON()]),
  );
  return new Map<string, Uint8Array>([
    [RUN_FILES.source, new TextEncoder().encode(info.source)],
    [RUN_FILES.ir, new TextEncoder().encode(moduleToJson(module) + '\n')],
    [RUN_FILES.config, json(config)],
    [RUN_FILES.vocab, json(vocab)],
    [RUN_FILES.weights, await saveWeights(tm.model)],
    [
      RUN_FILES.summary,
      json({
        steps: info.steps,
        epochs: info.epochs,
        valid: info.valid ?? {},
        backend: info.backend,
      }),
    ],
  ]);
}

/** A run read back: the model for inference and the text to show in the editor. */
export type LoadedRun =
  | {
      readonly ok: true;
      readonly config: RunConfig;
      readonly module: IrModule;
      /** `model.seq`, when the run has it. */
      readonly source?: string;
      readonly trained: TrainedModel;
    }
  | { readonly ok: false; readonly problems: readonly string[] };

/** Files keyed by base name (a folder or an archive may prefix them with the run's folder). */
export function byBaseName(files: ReadonlyMap<string, Uint8Array>): Map<string, Uint8Array> {
  return new Map([...files].map(([k, v]) => [k.slice(k.lastIndexOf('/') + 1), v]));
}

function parseJson<T>(
  files: ReadonlyMap<string, Uint8Array>,
  name: string,
  problems: string[],
): T | undefined {
  const bytes = files.get(name);
  if (!bytes) {
    problems.push(`not a complete seqlab run (no ${name})`);
    return undefined;
  }
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as T;
  } catch (e) {
    problems.push(`${name}: unreadable (${(e as Error).message})`);
    return undefined;
  }
}

/** Open a run from its files (any folder prefix is ignored). */
export function readRun(all: ReadonlyMap<string, Uint8Array>, tf: Tf, origin: string): LoadedRun {
  const files = byBaseName(all);
  const problems: string[] = [];
  const config = parseJson<RunConfig>(files, RUN_FILES.config, problems);
  const vocabJson = parseJson<Record<string, unknown>>(files, RUN_FILES.vocab, problems);
  const irBytes = files.get(RUN_FILES.ir);
  const weights = files.get(RUN_FILES.weights);
  if (!irBytes) problems.push(`not a complete seqlab run (no ${RUN_FILES.ir})`);
  if (!weights) problems.push(`not a complete seqlab run (no ${RUN_FILES.weights})`);
  if (!config || !vocabJson || !irBytes || !weights) return { ok: false, problems };
  const ir = moduleFromJson(new TextDecoder().decode(irBytes));
  if (!ir.ok) return { ok: false, problems: [`${RUN_FILES.ir}: ${ir.error}`] };
  const fields: FieldSpec[] = [];
  for (const f of config.fields ?? []) {
    let vocab: Vocabulary | undefined;
    if (vocabJson[f.name] !== undefined) {
      try {
        vocab = Vocabulary.fromJSON(vocabJson[f.name]);
      } catch (e) {
        return { ok: false, problems: [`${RUN_FILES.vocab}: ${f.name}: ${(e as Error).message}`] };
      }
    }
    fields.push({
      name: f.name,
      kind: f.kind as FieldSpec['kind'],
      ...(vocab ? { vocab } : {}),
      ...(f.time !== undefined ? { time: f.time } : {}),
      ...(f.width !== undefined ? { width: f.width } : {}),
    });
  }
  const dataset: SequenceDataset = {
    name: config.data?.name ?? 'data',
    description: `${config.data?.name ?? 'data'} (from a run)`,
    task: (config.data?.task ?? 'classify') as TaskKind,
    fields,
    inputs: [...(config.inputs ?? [])],
    targets: [...(config.targets ?? [])],
    splits: { train: [], valid: [], test: [] },
  };
  // The saved binding is authoritative; re-deriving it checks the files agree with each other.
  const bound = bindDataset(ir.module, dataset);
  if (!bound.ok) return { ok: false, problems: bound.problems };
  const binding = (config.binding as DataBinding | undefined) ?? bound.binding;
  const model = lowerModule(ir.module, { tf, seed: config.seed ?? 0 });
  const weightProblems = loadWeights(model, weights);
  if (weightProblems.length > 0) {
    model.dispose();
    return { ok: false, problems: weightProblems.map((p) => `${RUN_FILES.weights}: ${p}`) };
  }
  const source = files.get(RUN_FILES.source);
  return {
    ok: true,
    config,
    module: ir.module,
    ...(source ? { source: new TextDecoder().decode(source) } : {}),
    trained: { model, dataset, binding, origin },
  };
}
