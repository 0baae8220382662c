/**
 * What a reader made of a data set, as plain numbers and strings: examples per split, per
 * field its kind and role, sequence-length statistics, vocabulary size and most frequent
 * tokens, label counts or target statistics, and the first examples as the model sees them
 * (tokens beside their ids). `seqlab data` prints it; it needs no tfjs and no file system,
 * so the playground can show the same.
 */
import type { Example, FieldSpec, FieldValue, SequenceDataset, SplitName } from './types.js';

/** Min, median, 95th percentile and max of a list of whole numbers. */
export interface LengthStats {
  readonly min: number;
  readonly median: number;
  readonly p95: number;
  readonly max: number;
}

/** Mean, standard deviation and range of numeric targets; `whole` when every value is an integer. */
export interface ValueStats {
  readonly count: number;
  readonly mean: number;
  readonly std: number;
  readonly min: number;
  readonly max: number;
  readonly whole: boolean;
}

/** A token or label with how often it occurs in the train split. */
export interface TokenCount {
  readonly token: string;
  readonly count: number;
}

/** One field of the data set, described over the train split. */
export interface FieldDescription {
  readonly name: string;
  readonly kind: FieldSpec['kind'];
  readonly role: 'input' | 'target' | 'unused';
  readonly time?: string;
  readonly width?: number;
  /** Ids in the vocabulary, specials included. */
  readonly vocabSize?: number;
  /** Sequence lengths (fields with a time axis). */
  readonly lengths?: LengthStats;
  /** The most frequent tokens (tokens, tags). */
  readonly topTokens?: readonly TokenCount[];
  /** Tokens in the train split, and how many of them are distinct (tokens, tags). */
  readonly tokenCount?: number;
  readonly distinctTokens?: number;
  /** Every label with its count, most frequent first (class). */
  readonly labels?: readonly TokenCount[];
  /** Statistics of the values (vectors, values). */
  readonly values?: ValueStats;
}

/** One field of one example: ids with their tokens, or the numbers as they are. */
export interface ShownValue {
  readonly ids?: readonly number[];
  readonly tokens?: readonly string[];
  readonly numbers?: FieldValue;
}

/** The whole description. */
export interface DatasetDescription {
  readonly name: string;
  readonly description: string;
  readonly task: SequenceDataset['task'];
  readonly splits: Readonly<Record<SplitName, number>>;
  readonly fields: readonly FieldDescription[];
  /** The first examples of the train split, field by field. */
  readonly examples: readonly Readonly<Record<string, ShownValue>>[];
}

/** How much to show. */
export interface DescribeOptions {
  /** First examples of the train split to show (default 3). */
  readonly examples?: number;
  /** Most frequent tokens per field (default 10). */
  readonly topTokens?: number;
}

/** Describe `ds` (statistics over its train split). */
export function describeDataset(
  ds: SequenceDataset,
  opts: DescribeOptions = {},
): DatasetDescription {
  const train = ds.splits.train;
  return {
    name: ds.name,
    description: ds.description,
    task: ds.task,
    splits: {
      train: train.length,
      valid: ds.splits.valid.length,
      test: ds.splits.test.length,
    },
    fields: ds.fields.map((f) => describeField(ds, f, train, opts.topTokens ?? 10)),
    examples: train.slice(0, opts.examples ?? 3).map((e) => showExample(ds.fields, e)),
  };
}

function roleOf(ds: SequenceDataset, name: string): FieldDescription['role'] {
  if (ds.inputs.includes(name)) return 'input';
  return ds.targets.includes(name) ? 'target' : 'unused';
}

function describeField(
  ds: SequenceDataset,
  f: FieldSpec,
  train: readonly Example[],
  top: number,
): FieldDescription {
  const column = train.map((e) => e[f.name]).filter((v): v is FieldValue => v !== undefined);
  const base = {
    name: f.name,
    kind: f.kind,
    role: roleOf(ds, f.name),
    ...(f.time !== undefined ? { time: f.time } : {}),
    ...(f.width !== undefined ? { width: f.width } : {}),
    ...(f.vocab ? { vocabSize: f.vocab.size } : {}),
    ...(f.time !== undefined ? { lengths: lengthStats(column) } : {}),
  };
  switch (f.kind) {
    case 'tokens':
    case 'tags': {
      const ids = column.flat(2);
      const counted = countIds(f, ids);
      return {
        ...base,
        topTokens: counted.slice(0, top),
        tokenCount: ids.length,
        distinctTokens: counted.length,
      };
    }
    case 'class':
      return { ...base, labels: countIds(f, column.flat(2)) };
    case 'vectors':
    case 'values':
      return { ...base, values: valueStats(column.flat(2)) };
  }
}

/** Length of each value along its time axis (its outer array). */
function lengthStats(column: readonly FieldValue[]): LengthStats {
  const lengths = column.map((v) => (Array.isArray(v) ? v.length : 1)).sort((a, b) => a - b);
  const at = (q: number): number =>
    lengths[Math.min(lengths.length - 1, Math.floor(q * lengths.length))] ?? 0;
  return {
    min: lengths[0] ?? 0,
    median: at(0.5),
    p95: at(0.95),
    max: lengths[lengths.length - 1] ?? 0,
  };
}

/** Ids counted and named by the field's vocabulary, most frequent first. */
function countIds(f: FieldSpec, ids: readonly number[]): TokenCount[] {
  const counts = new Map<number, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .map(([id, count]) => ({ token: f.vocab ? f.vocab.tokenOf(id) : String(id), count }));
}

function valueStats(xs: readonly number[]): ValueStats {
  const n = xs.length;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  let whole = true;
  for (const x of xs) {
    sum += x;
    min = Math.min(min, x);
    max = Math.max(max, x);
    whole &&= Number.isInteger(x);
  }
  const mean = n ? sum / n : NaN;
  let sq = 0;
  for (const x of xs) sq += (x - mean) ** 2;
  return { count: n, mean, std: n ? Math.sqrt(sq / n) : NaN, min, max, whole };
}

function showExample(fields: readonly FieldSpec[], e: Example): Record<string, ShownValue> {
  const shown: Record<string, ShownValue> = {};
  for (const f of fields) {
    const v = e[f.name];
    if (v === undefined) continue;
    const vocab = f.vocab;
    if (vocab && (f.kind === 'tokens' || f.kind === 'tags' || f.kind === 'class')) {
      const ids = (Array.isArray(v) ? v.flat() : [v]) as number[];
      shown[f.name] = { ids, tokens: ids.map((id) => vocab.tokenOf(id)) };
    } else {
      shown[f.name] = { numbers: v };
    }
  }
  return shown;
}
