/**
 * The four bench models as a tfjs user writes them with tfjs-layers: `tf.sequential`, the
 * stock recurrent layer over `[T, D]` then `dense(4)`, or two `conv1d(k=3, same, relu)`,
 * a global average over time and `dense(4)`. Softmax on the last layer, because
 * tfjs-layers' sparseCategoricalCrossentropy takes probabilities (it has no `fromLogits`
 * option in `compile`); that costs one [B, 4] softmax, nothing next to the recurrence.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { BenchModel, SizeConfig } from '../rows.js';

/** Number of classes of every bench model. */
export const CLASSES = 4;

/** A compiled `tf.sequential` for `model` at `config`, Adam(1e-3) with sparse cross-entropy. */
export function buildLayersModel(
  tf: typeof tfc,
  layers: typeof tfl,
  model: BenchModel,
  config: SizeConfig,
): tfl.Sequential {
  const { time, input, hidden } = config;
  const inputShape = [time, input];
  const seq = layers.sequential();
  switch (model) {
    case 'rnn':
      seq.add(layers.layers.simpleRNN({ units: hidden, inputShape }));
      break;
    case 'lstm':
      seq.add(layers.layers.lstm({ units: hidden, inputShape }));
      break;
    case 'gru':
      // tfjs-layers supports only resetAfter = false (Keras 1 convention); PyTorch's GRU is
      // "reset after". The cost is the same three gate products either way.
      seq.add(layers.layers.gru({ units: hidden, inputShape }));
      break;
    case 'cnn':
      seq.add(
        layers.layers.conv1d({
          filters: hidden,
          kernelSize: 3,
          padding: 'same',
          activation: 'relu',
          inputShape,
        }),
      );
      seq.add(
        layers.layers.conv1d({
          filters: hidden,
          kernelSize: 3,
          padding: 'same',
          activation: 'relu',
        }),
      );
      seq.add(layers.layers.globalAveragePooling1d());
      break;
  }
  seq.add(layers.layers.dense({ units: CLASSES, activation: 'softmax' }));
  seq.compile({ optimizer: tf.train.adam(1e-3), loss: 'sparseCategoricalCrossentropy' });
  return seq;
}
