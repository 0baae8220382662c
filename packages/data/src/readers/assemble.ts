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

  const fields: FieldSpec[] = [];
  const inputField: FieldSpec = { name: schema.input, kind: first.input.kind, time: 'T' };
  let tokenVocab: Vocabulary | undefined;
  if (first.input.kind === 'vectors') {
    inputField.width = first.input.steps[0]?.length ?? 0;
  } else {
    const counts = new Map<string, number>();
    raw.forEach((r, i) => {
      if (splitOf[i] === 'train' && r.input.kind === 'tokens') countAll(r.input.tokens, counts);
    });
    tokenVocab =
      opts.vocab ??
      Vocabulary.fromTokens(counts, {
        minCount: opts.minCount ?? 1,
        ...(opts.maxVocab !== undefined ? { maxSize: opts.maxVocab } : {}),
      });
    inputField.vocab = tokenVocab;
  }
  fields.push(inputField);

  const targetField: FieldSpec = { name: schema.target, kind: 'class' };
  let labelVocab: Vocabulary | undefined;
  switch (first.target.kind) {
    case 'class': {
      const seen = new Set(raw.map((r) => (r.target.kind === 'class' ? r.target.label : '')));
      labelVocab = opts.labelVocab ?? Vocabulary.ofLabels(opts.labels ?? sortLabels([...seen]));
      targetField.vocab = labelVocab;
      break;
    }
    case 'values':
      targetField.kind = 'values';
      targetField.width = first.target.values.length;
      break;
    case 'series':
      Object.assign(targetField, {
        kind: 'values',
        width: first.target.steps[0]?.length ?? 0,
        time: 'T',
      });
      break;
    case 'tags': {
      const tags = new Set<string>();
      for (const r of raw) if (r.target.kind === 'tags') r.target.tags.forEach((t) => tags.add(t));
      labelVocab = opts.labelVocab ?? new Vocabulary([...tags].sort());
      Object.assign(targetField, { kind: 'tags', vocab: labelVocab, time: 'T' });
      break;
    }
    case 'next':
      Object.assign(targetField, { kind: 'tokens', vocab: tokenVocab, time: 'T' });
      break;
  }
  fields.push(targetField);

  const splits: Record<SplitName, Example[]> = { train: [], valid: [], test: [] };
  raw.forEach((r, i) => {
    const ex: Example = {};
    const ids = r.input.kind === 'tokens' ? (tokenVocab?.encode(r.input.tokens) ?? []) : [];
    ex[schema.input] = r.input.kind === 'vectors' ? r.input.steps : ids;
    switch (r.target.kind) {
      case 'class':
        ex[schema.target] = labelVocab?.idOf(r.target.label) ?? -1;
        break;
      case 'values':
        ex[schema.target] = r.target.values;
        break;
      case 'series':
        ex[schema.target] = r.target.steps;
        break;
      case 'tags':
        ex[schema.target] = labelVocab?.encode(r.target.tags) ?? [];
        break;
      case 'next':
        // The caller stored window + 1 tokens: input is the first W, target the last W.
        ex[schema.input] = ids.slice(0, -1);
        ex[schema.target] = ids.slice(1);
        break;
    }
    splits[splitOf[i] ?? 'train'].push(ex);
  });

  return {
    dataset: {
      name: opts.name ?? baseName(opts.file),
      description: opts.description ?? schema.description,
      task: schema.task,
      fields,
      inputs: [schema.input],
      targets: [schema.target],
      splits,
    },
  };
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
