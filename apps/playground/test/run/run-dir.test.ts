import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { Vocabulary, type SequenceDataset } from '@seqlab/data';
import { moduleFromJson } from '@seqlab/ir';
import { bindDataset, lowerModule } from '@seqlab/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileSource } from '../../src/compile/compile-source.js';
import { classify } from '../../src/try/predict.js';
import type { TrainedModel } from '../../src/try/trained-model.js';
import { openRun, runArchive } from '../../src/run/load-run.js';
import { readRun, RUN_FILES, runFiles, type RunInfo } from '../../src/run/run-dir.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const source =
  'model C(hidden = 6) {\n  input name: [B, T] int < 40\n  name |> embed(8) |> gru(hidden) |> last |> dense(2) -> logits\n  output logits\n}\n';

const dataset: SequenceDataset = {
  name: 'names',
  description: '',
  task: 'classify',
  fields: [
    {
      name: 'name',
      kind: 'tokens',
      vocab: Vocabulary.fromTokens(new Map([...'abcdefghijklmnopqrstuvwxyz'].map((c) => [c, 1]))),
      time: 'T',
    },
    { name: 'gender', kind: 'class', vocab: Vocabulary.ofLabels(['female', 'male']) },
  ],
  inputs: ['name'],
  targets: ['gender'],
  splits: { train: [], valid: [], test: [] },
};

function model(set = {}, seed = 11): TrainedModel {
  const m = compileSource(source, { set }).result.module;
  if (!m) throw new Error('no module');
  const b = bindDataset(m, dataset);
  if (!b.ok) throw new Error('bind');
  return { model: lowerModule(m, { tf, seed }), dataset, binding: b.binding, origin: 'test' };
}

const info: RunInfo = {
  source,
  set: { hidden: 5 },
  train: { optimizer: { kind: 'adam', lr: 0.003 } },
  backend: 'cpu',
  seed: 11,
  batch: 64,
  epochs: 1,
  metrics: ['accuracy'],
  steps: 7,
  valid: { accuracy: 0.5 },
};

describe('run directories (the CLI format)', () => {
  it('writes the files `seqlab train` writes, with config.json in its layout', async () => {
    const files = await runFiles(model({ hidden: 5 }), info);
    // What a browser run has; the optimiser state, checkpoint and curves are the CLI's.
    const written = [
      RUN_FILES.source,
      RUN_FILES.ir,
      RUN_FILES.config,
      RUN_FILES.vocab,
      RUN_FILES.weights,
      RUN_FILES.summary,
    ];
    expect([...files.keys()].sort()).toEqual(written.sort());
    const config = JSON.parse(new TextDecoder().decode(files.get(RUN_FILES.config)));
    expect(config).toMatchObject({
      model: 'C',
      source_file: 'model.seq',
      hyperparameters: { hidden: 5 },
      set: { hidden: 5 },
      data: { name: 'names', task: 'classify', unit: 'chars' },
      inputs: ['name'],
      targets: ['gender'],
      binding: { target: { output: 'logits', field: 'gender' } },
      seed: 11,
    });
    const vocab = JSON.parse(new TextDecoder().decode(files.get(RUN_FILES.vocab)));
    expect(vocab.gender).toEqual(dataset.fields[1]?.vocab?.toJSON());
    expect(moduleFromJson(new TextDecoder().decode(files.get(RUN_FILES.ir))).ok).toBe(true);
  });

  it('reads a run back (from a zip with a folder): same predictions', async () => {
    const tm = model({ hidden: 5 });
    const zip = await runArchive(tm, info, 'C-playground');
    const loaded = await openRun([{ name: 'C-playground.zip', bytes: zip }], tf);
    if (!loaded.ok) throw new Error(loaded.problems.join('; '));
    expect(loaded.source).toBe(source);
    expect(loaded.config.set).toEqual({ hidden: 5 });
    const before = classify(tm, 'anna');
    const after = classify(loaded.trained, 'anna');
    expect(after.map((p) => p.label)).toEqual(before.map((p) => p.label));
    after.forEach((p, i) => expect(p.p).toBeCloseTo(before[i]?.p ?? -1, 6));
  });

  it('reads the loose files of a run folder, and names what is missing', async () => {
    const files = await runFiles(model(), info);
    const picked = [...files].map(([name, bytes]) => ({ name: `runs/C-1/${name}`, bytes }));
    expect((await openRun(picked, tf)).ok).toBe(true);
    const partial = picked.filter((p) => !p.name.endsWith(RUN_FILES.weights));
    const r = await openRun(partial, tf);
    expect(r.ok ? [] : r.problems).toEqual([
      '5 files: not a complete seqlab run (no weights.safetensors)',
    ]);
  });

  it('reports weights that do not fit the model', async () => {
    const files = await runFiles(model({ hidden: 5 }), info);
    const other = await runFiles(model({ hidden: 7 }), info);
    const mixed = new Map(files);
    mixed.set(RUN_FILES.weights, other.get(RUN_FILES.weights) ?? new Uint8Array());
    const r = readRun(mixed, tf, 'test');
    expect(r.ok ? '' : r.problems.join('\n')).toMatch(
      /weights\.safetensors: tensor gru0\.\w+ has shape/,
    );
  });
});
