/** The playground's entry point: a compiled model and a training batch -> heatmap column. */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { diagnoseBatch, lowerModule } from '../../src/index.js';
import { useCpu } from '../helpers.js';
import { classifier, disposeBatch, toyBatch } from '../models.js';

beforeAll(useCpu);

describe('diagnoseBatch', () => {
  it('gives per-step norms and the spectral radius of each recurrent layer, padding-aware', () => {
    const model = lowerModule(classifier('rnn'), { seed: 2 });
    const batch = toyBatch(1, 8, 6);
    const report = diagnoseBatch(
      model,
      batch,
      { loss: 'cross_entropy', target: { output: 'logits', field: 'y', kind: 'class' } },
      { jacobian: false },
    );
    const [layer] = report.layers;
    expect(report.layers).toHaveLength(1);
    expect(layer?.gradNorms).toHaveLength(6);
    expect(layer?.gradNorms.every((g) => Number.isFinite(g) && g > 0)).toBe(true);
    expect(layer?.spectralRadius).toBeGreaterThan(0);
    expect(layer?.meanJacobianNorm).toBeNull();
    expect(layer?.jacobianNote).toContain('jacobian: false');
    // Nothing is left behind: the probes and the copies of the states are freed.
    const before = tf.memory().numTensors;
    diagnoseBatch(model, batch, {
      loss: 'cross_entropy',
      target: { output: 'logits', field: 'y', kind: 'class' },
    });
    expect(tf.memory().numTensors).toBe(before);
    disposeBatch(batch);
    model.dispose();
  });
});
