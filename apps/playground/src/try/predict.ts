/**
 * Inference for each kind of task: a class distribution for a sequence, a tag per token, a
 * greedy decode for an encoder-decoder, sampled text from a language model, and predicted
 * values for a regression. Every tensor is freed before returning.
 */
import type { Tensor, Tensor1D } from '@tensorflow/tfjs-core';
import { fieldOf, isLowercase, tokensOf, type TrainedModel } from './trained-model.js';

/** Softmax of `logits` (numerically stable). */
export function softmax(logits: readonly number[]): number[] {
  const max = Math.max(...logits);
  const exps = logits.map((x) => Math.exp(x - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

/** Index of the largest value. */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++)
    if ((values[i] ?? -Infinity) > (values[best] ?? -Infinity)) best = i;
  return best;
}

/** Run the model on one example (ids or vectors per input field); the output's values and shape. */
function runOne(
  tm: TrainedModel,
  byField: Readonly<Record<string, number[] | number[][]>>,
): { data: Float32Array; shape: number[] } {
  const { model, binding } = tm;
  const tf = model.tf;
  const tensors: Tensor[] = [];
  try {
    const inputs: Record<string, Tensor> = {};
    const lengthsByKey: Record<string, number> = {};
    for (const { port, field } of binding.inputs) {
      const v = byField[field] ?? [];
      const f = fieldOf(tm.dataset, field);
      const t =
        f?.kind === 'vectors'
          ? tf.tensor3d([v as number[][]], [1, v.length, f.width ?? 1], 'float32')
          : tf.tensor2d([v as number[]], [1, v.length], 'int32');
      tensors.push(t);
      inputs[port] = t;
      if (f?.time) lengthsByKey[f.time] = v.length;
    }
    const lengths: Record<string, Tensor1D> = {};
    for (const { symbol, key } of binding.lengths) {
      const n = lengthsByKey[key];
      if (n === undefined) continue;
      const l = tf.tensor1d([n], 'int32');
      tensors.push(l);
      lengths[symbol] = l;
    }
    const outputs = model.forward({ inputs, lengths });
    const out = outputs[binding.target.output];
    if (!out) throw new Error(`the model has no output ${binding.target.output}`);
    const result = { data: out.dataSync() as Float32Array, shape: out.shape };
    for (const t of Object.values(outputs)) t.dispose();
    return result;
  } finally {
    for (const t of tensors) t.dispose();
  }
}

/** One class and its probability. */
export interface ClassProbability {
  readonly label: string;
  readonly p: number;
}

/** Classify `text` (e.g. a name): every class with its probability, most likely first. */
export function classify(tm: TrainedModel, text: string): ClassProbability[] {
  const inField = fieldOf(tm.dataset, tm.dataset.inputs[0] ?? '');
  const target = fieldOf(tm.dataset, tm.binding.target.field);
  if (!inField?.vocab || !target?.vocab) return [];
  const ids = inField.vocab.encode(tokensOf(inField, text.trim(), isLowercase(inField)));
  if (ids.length === 0) return [];
  const { data, shape } = runOne(tm, { [inField.name]: ids });
  const k = Math.min(shape[shape.length - 1] ?? 0, target.vocab.size);
  const probs = softmax(Array.from(data.slice(0, shape[shape.length - 1])));
  return target.vocab.tokens
    .slice(0, k)
    .map((label, i) => ({ label, p: probs[i] ?? 0 }))
    .sort((a, b) => b.p - a.p);
}

/** One token and its predicted tag. */
export interface TaggedToken {
  readonly token: string;
  readonly tag: string;
  readonly p: number;
}

/** Tag every token of `text` (e.g. the words of a sentence). */
export function tag(tm: TrainedModel, text: string): TaggedToken[] {
  const inField = fieldOf(tm.dataset, tm.dataset.inputs[0] ?? '');
  const target = fieldOf(tm.dataset, tm.binding.target.field);
  if (!inField?.vocab || !target?.vocab) return [];
  const tokens = tokensOf(inField, text.trim(), isLowercase(inField));
  if (tokens.length === 0) return [];
  const { data, shape } = runOne(tm, { [inField.name]: inField.vocab.encode(tokens) });
  const k = shape[2] ?? 0;
  return tokens.map((token, t) => {
    const row = Array.from(data.slice(t * k, (t + 1) * k));
    // Never predict padding or <unk> as a tag: they are not answers.
    const probs = softmax(row);
    let best = 2;
    for (let i = 2; i < Math.min(k, target.vocab?.size ?? k); i++)
      if ((probs[i] ?? 0) > (probs[best] ?? 0)) best = i;
    return { token, tag: target.vocab?.tokens[best] ?? String(best), p: probs[best] ?? 0 };
  });
}

/**
 * Greedy decoding for an encoder-decoder (`cmudict`): the source field, then the decoder
 * input grown one predicted token at a time from `<bos>` until `<eos>` or `maxSteps`.
 */
export function decode(tm: TrainedModel, text: string, maxSteps = 30): string[] {
  const [srcName, decName] = tm.dataset.inputs;
  const src = fieldOf(tm.dataset, srcName ?? '');
  const dec = fieldOf(tm.dataset, decName ?? '');
  const vocab = dec?.vocab;
  if (!src?.vocab || !dec || !vocab || vocab.bosId === undefined) return [];
  const srcIds = src.vocab.encode(tokensOf(src, text.trim(), isLowercase(src)));
  if (srcIds.length === 0) return [];
  const ids = [vocab.bosId];
  const out: string[] = [];
  for (let step = 0; step < maxSteps; step++) {
    const { data, shape } = runOne(tm, { [src.name]: srcIds, [dec.name]: ids });
    const k = shape[2] ?? 0;
    // Only ids the vocabulary has (a wider output layer scores unused ids too); never <bos>.
    const last = Array.from(
      data.slice((ids.length - 1) * k, (ids.length - 1) * k + Math.min(k, vocab.size)),
    );
    last[vocab.bosId] = -Infinity;
    const next = argmax(last);
    if (next === vocab.eosId || next === 0) break;
    out.push(vocab.tokens[next] ?? '?');
    ids.push(next);
  }
  return out;
}

/**
 * Continue `prime` with `length` sampled tokens from a language model, at `temperature`
 * (0 = always the most likely). Feeds at most `window` tokens of context per step.
 */
export function generate(
  tm: TrainedModel,
  prime: string,
  length = 120,
  temperature = 0.8,
  random: () => number = Math.random,
  window = 100,
): string {
  const inField = fieldOf(tm.dataset, tm.dataset.inputs[0] ?? '');
  const vocab = inField?.vocab;
  if (!inField || !vocab) return '';
  const ids = vocab.encode(tokensOf(inField, prime, false));
  if (ids.length === 0) ids.push(vocab.idOf(' '));
  const generated: number[] = [];
  for (let i = 0; i < length; i++) {
    const context = ids.slice(-window);
    const { data, shape } = runOne(tm, { [inField.name]: context });
    const k = shape[2] ?? 0;
    const logits = Array.from(
      data.slice((context.length - 1) * k, (context.length - 1) * k + Math.min(k, vocab.size)),
    );
    // Padding and <unk> are not text: never sample them.
    for (let j = 0; j < Math.min(2, logits.length); j++) logits[j] = -Infinity;
    const next =
      temperature <= 0
        ? argmax(logits)
        : sample(softmax(logits.map((x) => x / temperature)), random);
    ids.push(next);
    generated.push(next);
  }
  const sep = isChars(inField.vocab?.tokens ?? []) ? '' : ' ';
  return generated.map((id) => vocab.tokens[id] ?? '').join(sep);
}

function isChars(tokens: readonly string[]): boolean {
  return tokens.filter((t) => !/^<\w+>$/.test(t)).every((t) => [...t].length === 1);
}

function sample(probs: readonly number[], random: () => number): number {
  let r = random();
  for (let i = 0; i < probs.length; i++) {
    r -= probs[i] ?? 0;
    if (r <= 0) return i;
  }
  return probs.length - 1;
}

/** A regression check: a validation example's targets beside the model's predictions. */
export function regress(tm: TrainedModel, index = 0): { target: number[]; predicted: number[] } {
  const example = tm.dataset.splits.valid[index] ?? tm.dataset.splits.train[index];
  if (!example) return { target: [], predicted: [] };
  const byField: Record<string, number[] | number[][]> = {};
  for (const name of tm.dataset.inputs) byField[name] = example[name] as number[] | number[][];
  const { data } = runOne(tm, byField);
  const t = example[tm.binding.target.field];
  const target = (Array.isArray(t) ? t.flat() : [t ?? 0]) as number[];
  return { target, predicted: Array.from(data).slice(0, target.length) };
}
