/**
 * The job folder the torch engine's processes read (python/seqlab_torch/data.py documents
 * the layout): job.json, the exported model, every split's fields as arrays, the batch plans
 * of every epoch (seqlab's own bucketing and seeded order), and the starting state.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  encodeNpy,
  planBatches,
  timeOf,
  type Example,
  type FieldSpec,
  type SequenceDataset,
  type SplitName,
} from '@seqlab/data';
import { exportPytorch } from '@seqlab/export-pytorch';
import type { IrModule } from '@seqlab/ir';

/** What the job needs besides the model and the data. */
export interface TorchJobSpec {
  readonly module: IrModule;
  readonly dataset: SequenceDataset;
  /** Model input port <- data field, in the model's input order. */
  readonly inputs: readonly { readonly port: string; readonly field: string }[];
  /** Model time symbol <- the data's lengths key. */
  readonly lengths: readonly { readonly symbol: string; readonly key: string }[];
  readonly target: {
    readonly output: string;
    readonly field: string;
    readonly lengthsKey?: string;
  };
  readonly loss: 'cross_entropy' | 'mse';
  /** The optimiser, schedule and clipping as the tfjs engine's TrainConfig has them. */
  readonly train: Readonly<Record<string, unknown>>;
  readonly seed: number;
  readonly batch: number;
  readonly epochs: number;
  readonly device: 'auto' | 'cpu' | 'cuda';
}

/** The state training starts from (safetensors bytes). */
export interface TorchStart {
  readonly weights: Uint8Array;
  readonly optimizer?: Uint8Array;
  readonly steps: number;
}

/** The plan a split is scored with: valid and test in bucketed order, train in an epoch's. */
export function scorePlan(split: SplitName, epoch: number): string {
  return split === 'train' ? trainPlan(epoch) : split;
}

/** The plan file of training epoch `epoch` (0-based). */
export function trainPlan(epoch: number): string {
  return `train-${String(epoch).padStart(5, '0')}`;
}

/** The seeded order of epoch `epoch` (0-based), as the tfjs engine's TrainingSession. */
export function epochPlan(ds: SequenceDataset, batch: number, seed: number, epoch: number) {
  return planBatches(ds, 'train', {
    batchSize: batch,
    shuffle: true,
    seed: seed * 1000 + epoch,
    bucket: true,
  });
}

/** [0, a, a + b, ...]: where each of `counts` starts, and the total. */
function cumulative(counts: readonly number[]): Float64Array {
  const out = new Float64Array(counts.length + 1);
  counts.forEach((n, i) => (out[i + 1] = (out[i] ?? 0) + n));
  return out;
}

function writePlan(folder: string, name: string, groups: readonly number[][]): void {
  const flat = Int32Array.from(groups.flat());
  const offsets = cumulative(groups.map((g) => g.length));
  writeFileSync(join(folder, `${name}.npy`), encodeNpy('int32', [flat.length], flat));
  writeFileSync(join(folder, `${name}.offsets.npy`), encodeNpy('int64', [offsets.length], offsets));
}

/** Every row of a field in one array; time fields also get their step offsets. */
function writeField(folder: string, f: FieldSpec, examples: readonly Example[]): void {
  const float = f.kind === 'vectors' || f.kind === 'values';
  const width = float ? (f.width ?? 1) : 1;
  const timed = timeOf(f) !== undefined;
  const rows = examples.map((e) => e[f.name]);
  const steps = timed ? rows.map((r) => (Array.isArray(r) ? r.length : 0)) : rows.map(() => 1);
  const total = steps.reduce((a, b) => a + b, 0);
  const data = float ? new Float32Array(total * width) : new Int32Array(total);
  let at = 0;
  for (const r of rows) {
    const flat = (Array.isArray(r) ? r.flat() : [r]) as number[];
    data.set(flat, at);
    at += flat.length;
  }
  const shape = float ? [timed ? total : rows.length, width] : [timed ? total : rows.length];
  writeFileSync(join(folder, `${f.name}.npy`), encodeNpy(float ? 'float32' : 'int32', shape, data));
  if (!timed) return;
  const offsets = cumulative(steps);
  writeFileSync(
    join(folder, `${f.name}.offsets.npy`),
    encodeNpy('int64', [offsets.length], offsets),
  );
}

/** The exported forward's argument names for each time symbol (see export-pytorch). */
function lengthArgs(spec: TorchJobSpec) {
  const symbols = Object.keys(spec.module.graph.lengths ?? {});
  const arg = (s: string) => (symbols.length === 1 ? 'lengths' : `lengths_${s}`);
  return spec.lengths
    .filter((l) => symbols.includes(l.symbol))
    .map((l) => ({ arg: arg(l.symbol), key: l.key }));
}

/** Whether a model input's axis 1 is symbolic (time): truncated BPTT cuts those inputs. */
function hasTimeAxis(m: IrModule, port: string): boolean {
  const value = m.inputs.find((p) => p.name === port)?.value;
  return typeof m.graph.values[value ?? '']?.type.shape[1] === 'string';
}

/** Writes the job folder `dir` (created if needed); throws when the model cannot export. */
export function writeTorchJob(dir: string, spec: TorchJobSpec, start: TorchStart): void {
  const ds = spec.dataset;
  // Truncated BPTT carries the recurrences' states from chunk to chunk through forward.
  const tbptt = spec.train['tbptt'] !== undefined;
  const exported = exportPytorch(spec.module, { carryStates: tbptt });
  if (!exported.ok) throw new Error(`the torch engine needs the PyTorch export: ${exported.error}`);
  for (const sub of ['data/train', 'data/valid', 'data/test', 'plans', 'start']) {
    mkdirSync(join(dir, sub), { recursive: true });
  }
  writeFileSync(join(dir, 'model.py'), exported.code);
  for (const split of ['train', 'valid', 'test'] as SplitName[]) {
    for (const f of ds.fields) writeField(join(dir, 'data', split), f, ds.splits[split]);
  }
  const plans = join(dir, 'plans');
  // One plan more than the epochs: scoring the train split uses the order of the epoch
  // after the last (as the tfjs engine's session does).
  for (let e = 0; e <= spec.epochs; e++) {
    writePlan(plans, trainPlan(e), epochPlan(ds, spec.batch, spec.seed, e));
  }
  for (const split of ['valid', 'test'] as SplitName[]) {
    const groups = planBatches(ds, split, {
      batchSize: spec.batch,
      shuffle: false,
      seed: spec.seed * 1000,
      bucket: true,
    });
    writePlan(plans, split, groups);
  }
  writeFileSync(join(dir, 'start', 'weights.safetensors'), start.weights);
  if (start.optimizer) writeFileSync(join(dir, 'start', 'optimizer.safetensors'), start.optimizer);
  const outputIndex = spec.module.outputs.findIndex((p) => p.name === spec.target.output);
  const job = {
    format: 1,
    model: { file: 'model.py', class: exported.className },
    inputs: spec.inputs.map((i) => ({
      field: i.field,
      timeAxis: hasTimeAxis(spec.module, i.port),
    })),
    statesArg: exported.statesParam ?? null,
    lengths: lengthArgs(spec),
    outputIndex: Math.max(0, outputIndex),
    target: spec.target,
    loss: spec.loss,
    ...spec.train,
    seed: spec.seed,
    batch: spec.batch,
    device: spec.device,
    fields: ds.fields.map((f) => ({ name: f.name, kind: f.kind, time: timeOf(f) ?? null })),
    start: {
      weights: 'start/weights.safetensors',
      optimizer: start.optimizer ? 'start/optimizer.safetensors' : null,
      steps: start.steps,
    },
  };
  writeFileSync(join(dir, 'job.json'), JSON.stringify(job, null, 2) + '\n');
}
