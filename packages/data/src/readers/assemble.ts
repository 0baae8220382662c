import { DataCodes, dataError, fileSpan } from '../codes.js';
import { splitByHash } from '../hash-split.js';
import type { DatasetResult, Example, FieldSpec, SplitName, TaskKind } from '../types.js';
import { Vocabulary, countAll } from '../vocabulary.js';
import { DEFAULT_SPLIT, type ReadOptions } from './options.js';
import { cutSteps } from './text-tokens.js';

/** A reader's output before vocabularies and splits: strings not yet turned into ids. */
export type RawInput =
  { kind: 'vectors'; steps: number[][] } | { kind: 'tokens'; tokens: string[] };

/** The target of one raw example. */
export type RawTarget =
  | { kind: 'class'; label: string }
  | { kind: 'values'; values: number[] }
  /** Regression values at every step (`[T][W]`, as long as the input). */
  | { kind: 'series'; steps: number[][] }
  | { kind: 'tags'; tags: string[] }
  | { kind: 'next' };

/** One parsed example; `key` feeds the hash split when the data names no split. */
export interface RawExample {
  key: string;
  split?: SplitName;
  input: RawInput;
  target: RawTarget;
}

/** Field names and task for a raw data set. */
export interface RawSchema {
  input: string;
  target: string;
  task: TaskKind;
  description: string;
}

/**
 * Turn raw examples into a {@link SequenceDataset}: assign splits (explicit, else by hash of
 * the key), build vocabularies (token vocab from train only, so valid/test see `<unk>` as a
 * model would; label and tag sets from every split, since they are closed sets), encode.
 * Every example must have the same input and target kinds (the readers check this).
 */
export function assemble(given: RawExample[], schema: RawSchema, opts: ReadOptions): DatasetResult {
  const raw = opts.maxLen === undefined ? given : given.map((r) => truncateExample(r, opts));
  const first = raw[0];
  if (!first) {
    return {
      diagnostics: [
        dataError(DataCodes.noExamples, 'the file holds no examples', fileSpan(opts.file)),
      ],
    };
  }
  const fractions = opts.split ?? DEFAULT_SPLIT;
  const splitOf = raw.map((r) => r.split ?? splitByHash(r.key, fractions, opts.seed ?? 0));

  const input = inputField(raw, first, splitOf, schema, opts);
  const target = targetField(raw, first, schema, opts, input.vocab);
  const vocabs = { tokens: input.vocab, labels: target.vocab };

  const splits: Record<SplitName, Example[]> = { train: [], valid: [], test: [] };
  raw.forEach((r, i) => {
    splits[splitOf[i] ?? 'train'].push(encodeExample(r, schema, vocabs));
  });

  return {
    dataset: {
      name: opts.name ?? baseName(opts.file),
      description: opts.description ?? schema.description,
      task: schema.task,
      fields: [input.field, target.field],
      inputs: [schema.input],
      targets: [schema.target],
      splits,
    },
  };
}

/** A field spec and the vocabulary it encodes with, if any. */
interface BuiltField {
  field: FieldSpec;
  vocab: Vocabulary | undefined;
}

/** The input field: vectors of the first example's width, or tokens with a train vocabulary. */
function inputField(
  raw: RawExample[],
  first: RawExample,
  splitOf: SplitName[],
  schema: RawSchema,
  opts: ReadOptions,
): BuiltField {
  const field: FieldSpec = { name: schema.input, kind: first.input.kind, time: 'T' };
  if (first.input.kind === 'vectors') {
    field.width = first.input.steps[0]?.length ?? 0;
    return { field, vocab: undefined };
  }
  const counts = new Map<string, number>();
  raw.forEach((r, i) => {
    if (splitOf[i] === 'train' && r.input.kind === 'tokens') countAll(r.input.tokens, counts);
  });
  const vocab =
    opts.vocab ??
    Vocabulary.fromTokens(counts, {
      minCount: opts.minCount ?? 1,
      ...(opts.maxVocab !== undefined ? { maxSize: opts.maxVocab } : {}),
    });
  field.vocab = vocab;
  return { field, vocab };
}

/** The target field for the first example's target kind, with its label or tag vocabulary. */
function targetField(
  raw: RawExample[],
  first: RawExample,
  schema: RawSchema,
  opts: ReadOptions,
  tokenVocab: Vocabulary | undefined,
): BuiltField {
  const field: FieldSpec = { name: schema.target, kind: 'class' };
  let vocab: Vocabulary | undefined;
  switch (first.target.kind) {
    case 'class': {
      const seen = new Set(raw.map((r) => (r.target.kind === 'class' ? r.target.label : '')));
      vocab = opts.labelVocab ?? Vocabulary.ofLabels(opts.labels ?? sortLabels([...seen]));
      field.vocab = vocab;
      break;
    }
    case 'values':
      field.kind = 'values';
      field.width = first.target.values.length;
      break;
    case 'series':
      Object.assign(field, {
        kind: 'values',
        width: first.target.steps[0]?.length ?? 0,
        time: 'T',
      });
      break;
    case 'tags': {
      const tags = new Set<string>();
      for (const r of raw) if (r.target.kind === 'tags') r.target.tags.forEach((t) => tags.add(t));
      vocab = opts.labelVocab ?? new Vocabulary([...tags].sort());
      Object.assign(field, { kind: 'tags', vocab, time: 'T' });
      break;
    }
    case 'next':
      Object.assign(field, { kind: 'tokens', vocab: tokenVocab, time: 'T' });
      break;
  }
  return { field, vocab };
}

/** One raw example as ids and numbers, under the schema's field names. */
function encodeExample(
  r: RawExample,
  schema: RawSchema,
  vocabs: { tokens: Vocabulary | undefined; labels: Vocabulary | undefined },
): Example {
  const ex: Example = {};
  const ids = r.input.kind === 'tokens' ? (vocabs.tokens?.encode(r.input.tokens) ?? []) : [];
  ex[schema.input] = r.input.kind === 'vectors' ? r.input.steps : ids;
  switch (r.target.kind) {
    case 'class':
      ex[schema.target] = vocabs.labels?.idOf(r.target.label) ?? -1;
      break;
    case 'values':
      ex[schema.target] = r.target.values;
      break;
    case 'series':
      ex[schema.target] = r.target.steps;
      break;
    case 'tags':
      ex[schema.target] = vocabs.labels?.encode(r.target.tags) ?? [];
      break;
    case 'next':
      // The caller stored window + 1 tokens: input is the first W, target the last W.
      ex[schema.input] = ids.slice(0, -1);
      ex[schema.target] = ids.slice(1);
      break;
  }
  return ex;
}

/** Numeric labels sort by value ("2" before "10"), others by code units. */
export function sortLabels(labels: string[]): string[] {
  const numeric = labels.every((l) => l.trim() !== '' && Number.isFinite(Number(l)));
  return numeric
    ? [...labels].sort((a, b) => Number(a) - Number(b))
    : [...labels].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** `data/names.csv` -> `names`. */
export function baseName(file: string): string {
  const leaf = file.split(/[\\/]/).pop() ?? file;
  return leaf.replace(/\.[^.]*$/, '') || leaf;
}

/** `maxLen`: cut the input, and a target that runs alongside it, to at most that many steps. */
function truncateExample(r: RawExample, opts: ReadOptions): RawExample {
  // A language-model window holds one token more than its steps (input and shifted target).
  const n = (opts.maxLen ?? Infinity) + (r.target.kind === 'next' ? 1 : 0);
  const cut = <T>(xs: T[]): T[] => cutSteps(xs, n, opts.truncate);
  const input: RawInput =
    r.input.kind === 'tokens'
      ? { kind: 'tokens', tokens: cut(r.input.tokens) }
      : { kind: 'vectors', steps: cut(r.input.steps) };
  const t = r.target;
  const target: RawTarget =
    t.kind === 'tags'
      ? { kind: 'tags', tags: cut(t.tags) }
      : t.kind === 'series'
        ? { kind: 'series', steps: cut(t.steps) }
        : t;
  return { ...r, input, target };
}
