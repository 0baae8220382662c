import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createOptimizer,
  crossEntropy,
  editDistance,
  editErrorRate,
  lowerModule,
  meanSquaredError,
  scheduledLearningRate,
  Trainer,
  wordAccuracy,
  type OptimizerSpec,
} from '../src/index.js';
import { GraphBuilder } from '@seqlab/ir/testing';
import { useCpu } from './helpers.js';

beforeAll(useCpu);

const logSoftmax = (row: number[]) => {
  const m = Math.max(...row);
  const z = Math.log(row.reduce((s, v) => s + Math.exp(v - m), 0)) + m;
  return row.map((v) => v - z);
};

describe('losses', () => {
  it('cross-entropy over classes is the mean NLL', () => {
    const logits = [
      [2, -1, 0.5],
      [0.1, 0.2, 3],
    ];
    const targets = [0, 1];
    const expected =
      -(logSoftmax(logits[0] ?? [])[0] ?? 0) / 2 - (logSoftmax(logits[1] ?? [])[1] ?? 0) / 2;
    const l = tf.tidy(
      () => crossEntropy(tf, tf.tensor2d(logits), tf.tensor1d(targets, 'int32')).dataSync()[0],
    );
    expect(l).toBeCloseTo(expected, 5);
  });

  it('per-step cross-entropy averages over real tokens only', () => {
    const logits = [
      [
        [1, 2],
        [3, -1],
        [50, -50],
      ],
      [
        [0, 0],
        [9, -9],
        [-9, 9],
      ],
    ];
    const targets = [
      [1, 0, 1], // the last step is padding (length 2): its huge loss must not count
      [0, 1, 0],
    ];
    const lengths = [2, 3];
    let sum = 0;
    let n = 0;
    logits.forEach((seq, b) =>
      seq.forEach((row, t) => {
        if (t >= (lengths[b] ?? 0)) return;
        sum -= logSoftmax(row)[targets[b]?.[t] ?? 0] ?? 0;
        n += 1;
      }),
    );
    const l = tf.tidy(
      () =>
        crossEntropy(
          tf,
          tf.tensor3d(logits),
          tf.tensor2d(targets, [2, 3], 'int32'),
          tf.tensor1d(lengths, 'int32'),
        ).dataSync()[0],
    );
    expect(l).toBeCloseTo(sum / n, 5);
  });

  it('MSE is masked per step', () => {
    const pred = [[[1], [2], [100]]];
    const target = [[[0], [0], [0]]];
    const l = tf.tidy(
      () =>
        meanSquaredError(
          tf,
          tf.tensor3d(pred),
          tf.tensor3d(target),
          tf.tensor1d([2], 'int32'),
        ).dataSync()[0],
    );
    expect(l).toBeCloseTo((1 + 4) / 2, 6);
  });
});

describe('schedules', () => {
  it('follow their definitions', () => {
    expect(scheduledLearningRate(0.1, undefined, 7)).toBe(0.1);
    expect(scheduledLearningRate(0.1, { kind: 'constant' }, 7)).toBe(0.1);
    expect(scheduledLearningRate(1, { kind: 'step', every: 10, gamma: 0.5 }, 9)).toBe(1);
    expect(scheduledLearningRate(1, { kind: 'step', every: 10, gamma: 0.5 }, 25)).toBe(0.25);
    expect(scheduledLearningRate(1, { kind: 'warmup', steps: 4 }, 0)).toBe(0.25);
    expect(scheduledLearningRate(1, { kind: 'warmup', steps: 4 }, 10)).toBe(1);
    const cos = { kind: 'cosine', warmup: 2, total: 12 } as const;
    expect(scheduledLearningRate(1, cos, 0)).toBe(0.5);
    expect(scheduledLearningRate(1, cos, 2)).toBe(1);
    expect(scheduledLearningRate(1, cos, 7)).toBeCloseTo(0.5, 10);
    expect(scheduledLearningRate(1, cos, 12)).toBeCloseTo(0, 10);
    expect(scheduledLearningRate(1, cos, 50)).toBeCloseTo(0, 10);
  });
});

describe('optimiser updates match torch.optim', () => {
  const p0 = [1, -2, 0.5];
  const g = [0.3, -0.1, 2];
  function steps(spec: OptimizerSpec, n: number): number[] {
    const v = tf.variable(tf.tensor1d(p0));
    const opt = createOptimizer(tf, spec);
    const grad = tf.tensor1d(g);
    for (let i = 0; i < n; i++) opt.apply([{ variable: v, grad }]);
    const out = Array.from(v.dataSync());
    opt.dispose();
    tf.dispose([v, grad]);
    return out;
  }
  const close = (a: number[], b: number[]) =>
    a.forEach((x, i) => expect(x).toBeCloseTo(b[i] ?? NaN, 5));

  it('sgd with coupled weight decay', () => {
    close(
      steps({ kind: 'sgd', lr: 0.1, weightDecay: 0.5 }, 1),
      p0.map((p, i) => p - 0.1 * ((g[i] ?? 0) + 0.5 * p)),
    );
  });
  it('momentum (buf = m buf + g)', () => {
    close(
      steps({ kind: 'momentum', lr: 0.1, momentum: 0.9 }, 2),
      p0.map((p, i) => p - 0.1 * (g[i] ?? 0) * (1 + 1.9)),
    );
  });
  it('adam first step is lr * g / (|g| + eps)', () => {
    close(
      steps({ kind: 'adam', lr: 0.01 }, 1),
      p0.map((p, i) => p - (0.01 * (g[i] ?? 0)) / (Math.abs(g[i] ?? 0) + 1e-8)),
    );
  });
  it('adamw decays the weights decoupled from the gradient', () => {
    const lr = 0.01;
    const wd = 0.1;
    close(
      steps({ kind: 'adamw', lr, weightDecay: wd }, 1),
      p0.map((p, i) => p * (1 - lr * wd) - (lr * (g[i] ?? 0)) / (Math.abs(g[i] ?? 0) + 1e-8)),
    );
  });
  it('rmsprop first step divides by sqrt((1 - alpha) g^2)', () => {
    close(
      steps({ kind: 'rmsprop', lr: 0.01 }, 1),
      p0.map((p, i) => p - (0.01 * (g[i] ?? 0)) / Math.sqrt(0.01 * (g[i] ?? 0) ** 2 + 1e-8)),
    );
  });
});

describe('metrics', () => {
  it('edit distance, error rate and word accuracy', () => {
    expect(editDistance([1, 2, 3], [1, 2, 3])).toBe(0);
    expect(editDistance([], [4, 5])).toBe(2);
    // kitten -> sitting: 3 edits
    const ids = (s: string) => [...s].map((c) => c.charCodeAt(0));
    expect(editDistance(ids('kitten'), ids('sitting'))).toBe(3);
    expect(editErrorRate([ids('kitten'), ids('ab')], [ids('sitting'), ids('ab')])).toBeCloseTo(
      3 / 9,
      10,
    );
    expect(
      wordAccuracy(
        [[1, 2], [3]],
        [
          [1, 2],
          [3, 4],
        ],
      ),
    ).toBe(0.5);
  });

  it('evaluate computes token accuracy, perplexity and sequence metrics over real tokens', () => {
    // The model passes its input through, so we choose the logits directly.
    const g = new GraphBuilder();
    const x = g.input('x', ['B', 'T', 3]);
    const [y] = g.op('add', [x, g.op('constant', [], { value: 0 })[0] ?? '']);
    g.output('y', y ?? '');
    const model = lowerModule(g.module());
    const trainer = new Trainer(model, {
      loss: 'cross_entropy',
      optimizer: { kind: 'sgd', lr: 0 },
    });
    const logits = [
      [
        [5, 0, 0],
        [0, 5, 0],
        [0, 0, 5],
      ],
      [
        [0, 5, 0],
        [0, 5, 0],
        [5, 0, 0],
      ],
    ];
    const targets = [
      [0, 1, 1], // prediction 0 1 2: last token wrong
      [1, 1, 2], // length 2: 1 1 (exact)
    ];
    const batch = {
      inputs: { x: tf.tensor3d(logits) },
      targets: tf.tensor2d(targets, [2, 3], 'int32'),
      targetLengths: tf.tensor1d([3, 2], 'int32'),
    };
    const m = trainer.evaluate(
      [batch],
      ['token_accuracy', 'accuracy', 'perplexity', 'word_accuracy', 'phoneme_error_rate', 'loss'],
    );
    expect(m['token_accuracy']).toBeCloseTo(4 / 5, 6);
    expect(m['accuracy']).toBeCloseTo(4 / 5, 6);
    let nll = 0;
    [
      [0, 0],
      [0, 1],
      [0, 2],
      [1, 0],
      [1, 1],
    ].forEach(([b = 0, t = 0]) => {
      nll -= logSoftmax(logits[b]?.[t] ?? [])[targets[b]?.[t] ?? 0] ?? 0;
    });
    expect(m['loss']).toBeCloseTo(nll / 5, 5);
    expect(m['perplexity']).toBeCloseTo(Math.exp(nll / 5), 4);
    expect(m['word_accuracy']).toBe(0.5);
    expect(m['phoneme_error_rate']).toBeCloseTo(1 / 5, 6);
    tf.dispose([batch.inputs.x, batch.targets, batch.targetLengths]);
    trainer.dispose();
    model.dispose();
  });
});

describe('non-finite outputs', () => {
  it.each(['cross_entropy', 'mse'] as const)(
    '%s: score says how many outputs are not finite; evaluate reports no metric',
    (loss) => {
      const g = new GraphBuilder();
      const x = g.input('x', ['B', 3]);
      const [y] = g.op('add', [x, g.op('constant', [], { value: 0 })[0] ?? '']);
      g.output('y', y ?? '');
      const model = lowerModule(g.module());
      const trainer = new Trainer(model, { loss, optimizer: { kind: 'sgd', lr: 0 } });
      // NaN logits: argMax picks class 0, which matches every target of 0.
      const batch = {
        inputs: {
          x: tf.tensor2d([
            [NaN, NaN, NaN],
            [Infinity, 0, 0],
          ]),
        },
        targets:
          loss === 'mse'
            ? tf.tensor2d([
                [0, 0, 0],
                [0, 0, 0],
              ])
            : tf.tensor1d([0, 0], 'int32'),
      };
      expect(trainer.score([batch], ['loss', 'accuracy'])).toEqual({
        ok: false,
        nonFinite: 4,
        values: 6,
      });
      const m = trainer.evaluate([batch], ['loss', 'accuracy']);
      expect(m['accuracy']).toBeNaN();
      expect(m['loss']).toBeNaN();
      const fine = { inputs: { x: tf.tensor2d([[1, 0, 0]]) }, targets: tf.tensor1d([0], 'int32') };
      if (loss === 'cross_entropy') {
        expect(trainer.score([fine], ['accuracy'])).toMatchObject({
          ok: true,
          metrics: { accuracy: 1 },
        });
      }
      tf.dispose([batch.inputs.x, batch.targets, fine.inputs.x, fine.targets]);
      trainer.dispose();
      model.dispose();
    },
  );
});

describe('forward', () => {
  it('frees every intermediate at inference and casts fed ids to int32', () => {
    const g = new GraphBuilder();
    const ids = g.input('ids', ['B', 'T'], 'int32');
    const [e] = g.op(
      'embed',
      [ids],
      { dim: 2, padding_idx: null },
      {
        name: 'emb',
        params: { weight: { shape: [3, 2] } },
      },
    );
    const [s] = g.op(
      'gru',
      [e ?? ''],
      { hidden: 2, layers: 1, bidirectional: true, bias: true },
      {
        name: 'gru',
        outputs: 2,
        params: Object.fromEntries(
          ['', '_reverse'].flatMap((r) => [
            [`weight_ih_l0${r}`, { shape: [6, 2] }],
            [`weight_hh_l0${r}`, { shape: [6, 2] }],
            [`bias_ih_l0${r}`, { shape: [6] }],
            [`bias_hh_l0${r}`, { shape: [6] }],
          ]),
        ),
        lengths: g.lengthsOf('T'),
      },
    );
    g.output('s', s ?? '');
    const model = lowerModule(g.module());
    const input = tf.tensor2d([[1, 2, 0]], [1, 3], 'float32');
    const lengths = { T: tf.tensor1d([2], 'int32') };
    const before = tf.memory().numTensors;
    const out = model.forward({ inputs: { ids: input }, lengths });
    expect(tf.memory().numTensors).toBe(before + 1);
    expect((out['s'] as tf.Tensor).shape).toEqual([1, 3, 4]);
    tf.dispose([out, input, lengths.T]);
    model.dispose();
  });
});
