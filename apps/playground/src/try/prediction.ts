/**
 * What the Try panel shows, as plain data: the model runs where it was trained (the training
 * worker) and only the answer travels to the page. One kind per task.
 */
import {
  classify,
  decode,
  generate,
  regress,
  tag,
  type ClassProbability,
  type TaggedToken,
} from './predict.js';
import type { TrainedModel } from './trained-model.js';

/** The model's answer for one input. */
export type Prediction =
  | { readonly kind: 'classify'; readonly classes: readonly ClassProbability[] }
  | { readonly kind: 'tag'; readonly tokens: readonly TaggedToken[] }
  | { readonly kind: 'seq2seq'; readonly output: readonly string[] }
  | { readonly kind: 'lm'; readonly prime: string; readonly text: string }
  | {
      readonly kind: 'regress';
      readonly target: readonly number[];
      readonly predicted: readonly number[];
    };

/** Run `tm` on `text` the way its data set's task asks. */
export function predictFor(tm: TrainedModel, text: string): Prediction {
  switch (tm.dataset.task) {
    case 'classify':
      return { kind: 'classify', classes: classify(tm, text) };
    case 'tag':
      return { kind: 'tag', tokens: tag(tm, text) };
    case 'seq2seq':
      return { kind: 'seq2seq', output: decode(tm, text) };
    case 'lm':
      return { kind: 'lm', prime: text, text: generate(tm, text) };
    default:
      return { kind: 'regress', ...regress(tm) };
  }
}
