/** conv1d must train on wasm, which has no Conv2DBackpropFilter kernel. */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lowerModule, Trainer } from '../src/index.js';
import { classifier, disposeBatch, toyBatch, toyTokenBatch } from './models.js';

const require = createRequire(import.meta.url);

beforeAll(async () => {
  const dir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
  setWasmPaths(`${dir}/`);
  await tf.setBackend('wasm');
  await tf.ready();
});

afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('wasm backend', () => {
  it('has no Conv2DBackpropFilter (the reason for the im2col lowering)', () => {
    expect(tf.getBackend()).toBe('wasm');
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeUndefined();
  });

  it.each([
    ['conv1d on features', false],
    ['embed + conv1d on token ids', true],
  ] as const)('trains %s: the loss decreases', (_name, tokens) => {
    const batches = tokens ? [toyTokenBatch(1), toyTokenBatch(2)] : [toyBatch(1), toyBatch(2)];
    const model = lowerModule(classifier('conv1d', tokens ? { vocab: 4 } : {}), { seed: 3 });
    const trainer = new Trainer(model, {
      loss: 'cross_entropy',
      optimizer: { kind: 'adam', lr: 0.03 },
    });
    const before = trainer.evaluate(batches, ['loss'])['loss'] ?? NaN;
    for (let i = 0; i < 30; i++) trainer.step(batches[i % 2] ?? toyBatch(0));
    const after = trainer.evaluate(batches, ['loss'])['loss'] ?? NaN;
    expect(after).toBeLessThan(before * 0.9);
    trainer.dispose();
    model.dispose();
    batches.forEach(disposeBatch);
  });
});
