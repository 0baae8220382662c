/**
 * Free-running evaluation of an encoder-decoder: decode every example of a split greedily
 * (each step fed the model's own previous output, starting from <bos>, until <eos>) and
 * score the result against the reference. Training-time metrics of such a model are
 * teacher-forced (each step sees the true previous token), which overstates what `predict`
 * does; this is the number to compare with a reference that decodes.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Example, SequenceDataset, SplitName } from '@seqlab/data';
import { editErrorRate, wordAccuracy } from '@seqlab/tfjs';
import { UsageError } from '../io/files.js';
import { vocabOf, type LoadedRun } from './load-run.js';

/** Scores of greedy decoding on one split. */
export interface DecodedScores {
  readonly decoding: 'greedy';
  readonly split: SplitName;
  readonly examples: number;
  readonly word_accuracy: number;
  readonly phoneme_error_rate: number;
}

const idsOf = (e: Example, field: string): number[] => {
  const v = e[field];
  if (!Array.isArray(v)) throw new UsageError(`field ${field} is not a token sequence`);
  return v as number[];
};

/** Index of the largest of `width` values starting at `offset`. */
function argmaxAt(data: Float32Array | Int32Array | Uint8Array, offset: number, width: number) {
  let best = 0;
  for (let i = 1; i < width; i++) {
    if ((data[offset + i] as number) > (data[offset + best] as number)) best = i;
  }
  return best;
}

/**
 * Greedy decoding of `batch` examples at once (sources padded, their lengths fed so the
 * encoder masks the padding); returns each prediction up to, without, <eos>.
 */
export function decodeGreedyBatch(
  run: LoadedRun,
  batch: readonly Example[],
  maxLength: number,
): number[][] {
  const { tf, model, binding } = run;
  const [src, dec] = binding.inputs;
  if (src === undefined || dec === undefined) {
    throw new UsageError('greedy decoding needs an encoder-decoder (two inputs)');
  }
  const out = vocabOf(run, binding.target.field);
  const { bosId: bos, eosId: eos } = out;
  if (bos === undefined || eos === undefined) {
    throw new UsageError('the output vocabulary has no <bos>/<eos>');
  }
  const sources = batch.map((e) => idsOf(e, src.field));
  const width = Math.max(...sources.map((s) => s.length));
  const srcIds = sources.flatMap((s) => [...s, ...new Array<number>(width - s.length).fill(0)]);
  const srcTime = run.config.fields.find((f) => f.name === src.field)?.time;
  const srcSymbol = binding.lengths.find((l) => l.key === srcTime)?.symbol;
  const prefixes = batch.map(() => [bos]);
  const done = batch.map(() => false);
  for (let step = 0; step < maxLength && done.includes(false); step++) {
    const next = tf.tidy(() => {
      const inputs: Record<string, Tensor> = {
        [src.port]: tf.tensor2d(srcIds, [batch.length, width], 'int32'),
        [dec.port]: tf.tensor2d(prefixes.flat(), [batch.length, step + 1], 'int32'),
      };
      const lengths =
        srcSymbol === undefined
          ? {}
          : {
              [srcSymbol]: tf.tensor1d(
                sources.map((s) => s.length),
                'int32',
              ),
            };
      const logits = model.forward({ inputs, lengths })[binding.target.output];
      if (logits === undefined) throw new Error('the model produced no output');
      return logits.dataSync();
    });
    const vocab = next.length / (batch.length * (step + 1));
    prefixes.forEach((p, b) => {
      const id = argmaxAt(next, (b * (step + 1) + step) * vocab, vocab);
      p.push(id);
      if (id === eos) done[b] = true;
    });
  }
  return prefixes.map((p) => {
    const body = p.slice(1);
    const end = body.indexOf(eos);
    return end < 0 ? body : body.slice(0, end);
  });
}

/** Greedy-decodes `split` of `ds` (at most `limit` examples) and scores it. */
export function evaluateDecoded(
  run: LoadedRun,
  ds: SequenceDataset,
  split: SplitName,
  opts: { batchSize?: number; limit?: number } = {},
): DecodedScores {
  const eos = vocabOf(run, run.binding.target.field).eosId;
  const examples = ds.splits[split].slice(0, opts.limit ?? Infinity);
  const batchSize = opts.batchSize ?? 256;
  const predictions: number[][] = [];
  const references: number[][] = [];
  for (let i = 0; i < examples.length; i += batchSize) {
    const batch = examples.slice(i, i + batchSize);
    const refs = batch.map((e) => idsOf(e, run.binding.target.field).filter((id) => id !== eos));
    // Room for the longest reference, its <eos>, and a few wrong extra steps.
    const maxLength = Math.max(...refs.map((r) => r.length)) + 5;
    predictions.push(...decodeGreedyBatch(run, batch, maxLength));
    references.push(...refs);
  }
  return {
    decoding: 'greedy',
    split,
    examples: examples.length,
    word_accuracy: wordAccuracy(predictions, references),
    phoneme_error_rate: editErrorRate(predictions, references),
  };
}
