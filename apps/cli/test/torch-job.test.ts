/**
 * The torch engine's job folder (packages/engine-torch/src/job.ts), read back without Python:
 * the arrays hold every example's steps, each epoch's plan is the tfjs engine's batch order,
 * and the exported forward's length arguments are named as the exporter names them.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeBatches, parseNpy, type SequenceDataset } from '@seqlab/data';
import { epochPlan, writeTorchJob, type TorchJobSpec } from '@seqlab/engine-torch';
import { bindDataset } from '@seqlab/tfjs';
import { compileWithData, type ModelAndData } from '../src/training/prepare-model.js';

const root = join(import.meta.dirname, '..', '..', '..');
const work = mkdtempSync(join(tmpdir(), 'seqlab-job-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function load(file: string, limit?: number): ModelAndData {
  const what = compileWithData({
    file: join(root, 'examples', file),
    model: undefined,
    set: {},
    ref: undefined,
    data: undefined,
    limit,
  });
  if (what === 1) throw new Error(`${file} did not compile with its data`);
  return what;
}

function jobFor(what: ModelAndData, dir: string, epochs = 2): TorchJobSpec {
  const bound = bindDataset(what.module, what.dataset, what.spec.loss);
  if (!bound.ok) throw new Error(bound.problems.join('; '));
  const b = bound.binding;
  const spec: TorchJobSpec = {
    module: what.module,
    dataset: what.dataset,
    inputs: b.inputs,
    lengths: b.lengths,
    target: { output: b.target.output, field: b.target.field },
    loss: b.loss,
    train: { optimizer: { kind: 'adam', lr: 1e-3 } },
    seed: 7,
    batch: 4,
    epochs,
    device: 'cpu',
  };
  writeTorchJob(dir, spec, { weights: new Uint8Array(8), steps: 0 });
  return spec;
}

function npy(path: string) {
  const parsed = parseNpy(readFileSync(path), path);
  if (!parsed.array) throw new Error(`${path} is not a .npy file`);
  return parsed.array;
}

/** A plan file back as lists of example indices. */
function plan(dir: string, name: string): number[][] {
  const flat = Array.from(npy(join(dir, 'plans', `${name}.npy`)).data);
  const bounds = Array.from(npy(join(dir, 'plans', `${name}.offsets.npy`)).data);
  return bounds.slice(1).map((end, i) => flat.slice(bounds[i], end));
}

describe('the torch job folder', () => {
  const what = load('data/tagger.seq');
  const dir = join(work, 'tagger');
  const spec = jobFor(what, dir);
  const ds: SequenceDataset = what.dataset;

  it('holds every example of a split back to back, with step offsets', () => {
    const field = ds.inputs[0] as string;
    const values = npy(join(dir, 'data', 'train', `${field}.npy`));
    const offsets = Array.from(npy(join(dir, 'data', 'train', `${field}.offsets.npy`)).data);
    const rows = ds.splits.train.map((e) => e[field] as number[]);
    expect(offsets).toHaveLength(rows.length + 1);
    expect(Array.from(values.data)).toEqual(rows.flat());
    rows.forEach((r, i) => expect((offsets[i + 1] ?? 0) - (offsets[i] ?? 0)).toBe(r.length));
  });

  it("plans each epoch in the tfjs engine's order, every example once, plus the epoch after", () => {
    for (let e = 0; e <= spec.epochs; e++) {
      const groups = plan(dir, `train-${String(e).padStart(5, '0')}`);
      expect(groups).toEqual(epochPlan(ds, spec.batch, spec.seed, e));
      expect(groups.flat().sort((a, b) => a - b)).toEqual(ds.splits.train.map((_, i) => i));
      const padded = makeBatches(ds, 'train', {
        batchSize: spec.batch,
        shuffle: true,
        seed: spec.seed * 1000 + e,
        bucket: true,
      });
      expect(groups.map((g) => g.length)).toEqual(padded.map((b) => b.size));
    }
  });

  it('names the length arguments as the exported forward does', () => {
    const job = JSON.parse(readFileSync(join(dir, 'job.json'), 'utf8')) as {
      lengths: { arg: string }[];
    };
    expect(job.lengths.map((l) => l.arg)).toEqual(['lengths']);
    const g2p = load('g2p.seq', 20);
    const g2pDir = join(work, 'g2p');
    jobFor(g2p, g2pDir, 1);
    const g2pJob = JSON.parse(readFileSync(join(g2pDir, 'job.json'), 'utf8')) as {
      lengths: { arg: string }[];
    };
    const code = readFileSync(join(g2pDir, 'model.py'), 'utf8');
    expect(g2pJob.lengths.length).toBe(2);
    for (const { arg } of g2pJob.lengths) expect(code).toContain(`${arg}=None`);
  });
});
