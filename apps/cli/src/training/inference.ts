/**
 * Using a trained model: classify a sequence, tag each token, decode an output sequence
 * (greedy, one token at a time), or sample text from a language model.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import { readTokens, UNK } from '@seqlab/data';
import { UsageError } from '../io/files.js';
import { vocabOf, type LoadedRun } from './load-run.js';

/** Run the model on one example given as token ids per model input port. */
function forwardOne(
  run: LoadedRun,
  ids: Readonly<Record<string, readonly number[]>>,
): Float32Array[] {
  const { tf, model, binding } = run;
  return tf.tidy(() => {
    const inputs: Record<string, Tensor> = {};
    const lengths: Record<string, ReturnType<typeof tf.tensor1d>> = {};
    for (const { port, field } of binding.inputs) {
      const seq = ids[port] ?? [];
      inputs[port] = tf.tensor2d([Array.from(seq)], [1, seq.length], 'int32');
      const key = run.config.fields.find((f) => f.name === field)?.time;
      const symbol = binding.lengths.find((l) => l.key === key)?.symbol;
      if (symbol) lengths[symbol] = tf.tensor1d([seq.length], 'int32');
    }
    const out = model.forward({ inputs, lengths })[binding.target.output];
    if (!out) throw new Error('model produced no output');
    const probs = tf.softmax(out);
    const rows = probs.shape.length === 3 ? (probs.shape[1] ?? 0) : 1;
    const data = probs.dataSync() as Float32Array;
    const width = probs.shape[probs.shape.length - 1] ?? 0;
    return Array.from({ length: rows }, (_, r) => data.slice(r * width, (r + 1) * width));
  });
}

/** The most probable id, never one of the first `skip` (a tag set's `<pad>` and `<unk>`). */
function argmax(p: Float32Array, skip = 0): number {
  let best = Math.min(skip, p.length - 1);
  for (let i = best + 1; i < p.length; i++) if ((p[i] ?? -1) > (p[best] ?? -1)) best = i;
  return best;
}

/** One input text as the model sees it. */
export interface EncodedText {
  readonly port: string;
  /** The tokens the run's reading makes of the text (split, lower-cased, cut). */
  readonly tokens: string[];
  readonly ids: number[];
  /** The tokens that are not in the run's vocabulary (read as `<unk>`), in order. */
  readonly unknown: string[];
}

/**
 * `text` read as the run read its training data (its reader's unit, lowercase and max_len)
 * and encoded with the run's vocabulary of input `index`; unknown tokens become `<unk>`.
 */
export function encodeText(run: LoadedRun, text: string, index = 0): EncodedText {
  const input = run.binding.inputs[index];
  if (!input) throw new UsageError('the model has no such input');
  const vocab = vocabOf(run, input.field);
  const tokens = readTokens(text, run.reading);
  if (tokens.length === 0) throw new UsageError('the input is empty');
  const unknown = vocab.specials ? tokens.filter((t) => !vocab.has(t) || t === UNK) : [];
  return { port: input.port, tokens, ids: vocab.encode(tokens), unknown };
}

/** Class probabilities, best first. */
export function classify(run: LoadedRun, text: string): { label: string; p: number }[] {
  const { port, ids } = encodeText(run, text);
  const [probs] = forwardOne(run, { [port]: ids });
  const labels = vocabOf(run, run.binding.target.field);
  return Array.from(probs ?? [], (p, i) => ({ label: labels.tokenOf(i), p }))
    .filter((x, i) => i < labels.size && x.label !== undefined)
    .sort((a, b) => b.p - a.p);
}

/** One tag per token. */
export function tag(run: LoadedRun, text: string): { token: string; tag: string; p: number }[] {
  const { port, ids, tokens } = encodeText(run, text);
  const rows = forwardOne(run, { [port]: ids });
  const tags = vocabOf(run, run.binding.target.field);
  return tokens.map((token, t) => {
    const row = rows[t] ?? new Float32Array();
    const best = argmax(row, tags.specials ? 2 : 0);
    return { token, tag: tags.tokenOf(best), p: row[best] ?? 0 };
  });
}

/** Greedy decoding of an encoder-decoder trained with teacher forcing. */
export function decodeGreedy(run: LoadedRun, text: string, maxLength = 40): string[] {
  const src = encodeText(run, text, 0);
  const dec = run.binding.inputs[1];
  if (!dec) throw new UsageError('decoding needs an encoder-decoder (two inputs)');
  const out = vocabOf(run, run.binding.target.field);
  const bos = out.bosId;
  const eos = out.eosId;
  if (bos === undefined || eos === undefined)
    throw new UsageError('the output vocabulary has no <bos>/<eos>');
  const prefix = [bos];
  const result: string[] = [];
  for (let step = 0; step < maxLength; step++) {
    const rows = forwardOne(run, { [src.port]: src.ids, [dec.port]: prefix });
    const next = argmax(rows[rows.length - 1] ?? new Float32Array());
    if (next === eos) break;
    result.push(out.tokenOf(next));
    prefix.push(next);
  }
  return result;
}

/** Sample `length` tokens after `prime` from a language model (temperature-scaled). */
export function generate(
  run: LoadedRun,
  prime: string,
  length: number,
  temperature: number,
  random: () => number,
): string {
  const input = run.binding.inputs[0];
  if (!input) throw new UsageError('the model has no input');
  const vocab = vocabOf(run, input.field);
  // The prime is read as training text was, but never cut: the window below bounds it.
  const { maxLen: _uncut, ...reading } = run.reading;
  const ids = prime === '' ? [] : vocab.encode(readTokens(prime, reading));
  if (ids.length === 0) ids.push(vocab.idOf(' '));
  const unit = run.reading.unit;
  const produced: string[] = [];
  const window = 200; // the model sees the last `window` tokens: enough context, bounded cost
  for (let i = 0; i < length; i++) {
    const rows = forwardOne(run, { [input.port]: ids.slice(-window) });
    const p = rows[rows.length - 1] ?? new Float32Array();
    const next = sample(p, temperature, random, vocab.specials ? 2 : 0);
    ids.push(next);
    produced.push(vocab.tokenOf(next));
  }
  return prime + (unit === 'words' ? ' ' : '') + produced.join(unit === 'words' ? ' ' : '');
}

/** Sample from softmax(log p / T), never choosing the first `skip` ids (padding, unknown). */
function sample(p: Float32Array, temperature: number, random: () => number, skip: number): number {
  const logits = Array.from(p, (x, i) =>
    i < skip ? -Infinity : Math.log(Math.max(x, 1e-12)) / temperature,
  );
  const max = Math.max(...logits);
  const w = logits.map((l) => Math.exp(l - max));
  const total = w.reduce((a, b) => a + b, 0);
  let r = random() * total;
  for (let i = 0; i < w.length; i++) {
    r -= w[i] ?? 0;
    if (r <= 0) return i;
  }
  return w.length - 1;
}
