import { mulberry32, shuffleInPlace } from './prng.js';
import type {
  Batch,
  BatchTensor,
  Example,
  FieldSpec,
  FieldValue,
  SequenceDataset,
  SplitName,
} from './types.js';

/** Options for {@link makeBatches}. */
export interface BatchOptions {
  batchSize: number;
  /** Shuffle examples (and, with `bucket`, batch order) with the seeded PRNG. */
  shuffle: boolean;
  seed: number;
  /**
   * Length bucketing: sort by length within chunks of ~50 batches so a batch holds similar
   * lengths (less padding), then shuffle the batch order.
   */
  bucket?: boolean;
  /** Drop a final batch smaller than `batchSize`. Default false. */
  dropLast?: boolean;
}

/** Batches per bucketing chunk: big enough to group lengths, small enough to keep mixing. */
const BUCKET_CHUNK_BATCHES = 50;

/**
 * Cut a split into padded batches. Every example appears in exactly one batch. The same
 * seed gives the same batches on any machine.
 */
export function makeBatches(ds: SequenceDataset, split: SplitName, opts: BatchOptions): Batch[] {
  const examples = ds.splits[split];
  return planBatches(ds, split, opts).map((g) =>
    collate(
      ds.fields,
      g.map((i) => examples[i] as Example),
    ),
  );
}

/**
 * The batches of {@link makeBatches} as indices into the split's examples, before padding:
 * what another engine needs to batch the same examples in the same order.
 */
export function planBatches(ds: SequenceDataset, split: SplitName, opts: BatchOptions): number[][] {
  if (!Number.isInteger(opts.batchSize) || opts.batchSize < 1) {
    throw new Error(`makeBatches: batchSize must be a positive integer, got ${opts.batchSize}`);
  }
  const examples = ds.splits[split];
  const rand = mulberry32(opts.seed);
  const order = examples.map((_, i) => i);
  if (opts.shuffle) shuffleInPlace(order, rand);

  if (opts.bucket) {
    const key = bucketKey(ds.fields, ds.inputs);
    const chunk = opts.batchSize * BUCKET_CHUNK_BATCHES;
    for (let start = 0; start < order.length; start += chunk) {
      const part = order.slice(start, start + chunk);
      // Array.prototype.sort is stable, so equal lengths keep their shuffled order.
      part.sort((a, b) => key(examples[a]) - key(examples[b]));
      part.forEach((idx, k) => (order[start + k] = idx));
    }
  }

  const groups: number[][] = [];
  for (let start = 0; start < order.length; start += opts.batchSize) {
    const group = order.slice(start, start + opts.batchSize);
    if (opts.dropLast && group.length < opts.batchSize) break;
    groups.push(group);
  }
  if (opts.bucket && opts.shuffle) shuffleInPlace(groups, rand);
  return groups;
}

/**
 * Pad a list of examples into one batch. Throws when an example breaks the schema (a
 * broken invariant: readers and loaders validate user data before it gets here).
 */
export function collate(fields: readonly FieldSpec[], examples: readonly Example[]): Batch {
  const size = examples.length;
  const lengths: Record<string, Int32Array> = {};
  for (const f of fields) {
    const time = timeOf(f);
    if (time === undefined) continue;
    const lens = examples.map((e) => stepsOf(f, fieldValue(e, f)).length);
    const known = lengths[time];
    if (known) {
      lens.forEach((n, b) => {
        if (known[b] !== n) {
          throw new Error(
            `collate: field "${f.name}" has ${n} steps in example ${b}, but time axis "${time}" has ${known[b]}`,
          );
        }
      });
    } else {
      lengths[time] = Int32Array.from(lens);
    }
  }
  const tensors: Record<string, BatchTensor> = {};
  for (const f of fields) tensors[f.name] = collateField(f, examples, lengths);
  return { size, tensors, lengths };
}

function collateField(
  f: FieldSpec,
  examples: readonly Example[],
  lengths: Record<string, Int32Array>,
): BatchTensor {
  const B = examples.length;
  const time = timeOf(f);
  const tMax = time === undefined ? 0 : maxOf(lengths[time]);
  switch (f.kind) {
    case 'class': {
      const data = new Int32Array(B);
      examples.forEach((e, b) => {
        const v = fieldValue(e, f);
        if (typeof v !== 'number') throw new Error(`collate: class field "${f.name}" not a number`);
        data[b] = v;
      });
      return { dtype: 'int32', shape: [B], data };
    }
    case 'tokens':
    case 'tags': {
      const data = new Int32Array(B * tMax); // zero-filled: pad id 0
      examples.forEach((e, b) => {
        const ids = stepsOf(f, fieldValue(e, f));
        ids.forEach((id, t) => {
          if (typeof id !== 'number') throw new Error(`collate: "${f.name}" holds non-ids`);
          data[b * tMax + t] = id;
        });
      });
      return { dtype: 'int32', shape: [B, tMax], data };
    }
    case 'vectors':
    case 'values': {
      const W = widthOf(f);
      if (time === undefined) {
        const data = new Float32Array(B * W);
        examples.forEach((e, b) => writeRow(f, fieldValue(e, f), data, b * W, W));
        return { dtype: 'float32', shape: [B, W], data };
      }
      const data = new Float32Array(B * tMax * W);
      examples.forEach((e, b) => {
        stepsOf(f, fieldValue(e, f)).forEach((row, t) =>
          writeRow(f, row, data, (b * tMax + t) * W, W),
        );
      });
      return { dtype: 'float32', shape: [B, tMax, W], data };
    }
  }
}

/** Largest entry (0 for none). */
function maxOf(lens: Int32Array | undefined): number {
  let m = 0;
  for (const n of lens ?? []) m = Math.max(m, n);
  return m;
}

function writeRow(f: FieldSpec, row: FieldValue, data: Float32Array, at: number, W: number): void {
  if (!Array.isArray(row) || row.length !== W) {
    throw new Error(`collate: "${f.name}" expects ${W} values per row`);
  }
  row.forEach((x, i) => {
    if (typeof x !== 'number') throw new Error(`collate: "${f.name}" holds nested arrays`);
    data[at + i] = x;
  });
}

/** The time symbol of a field: its `time`, or its own name for a per-step kind without one. */
export function timeOf(f: FieldSpec): string | undefined {
  if (f.time !== undefined) return f.time;
  if (f.kind === 'tokens' || f.kind === 'tags' || f.kind === 'vectors') return f.name;
  return undefined;
}

function widthOf(f: FieldSpec): number {
  if (f.width === undefined)
    throw new Error(`collate: field "${f.name}" (${f.kind}) needs a width`);
  return f.width;
}

function fieldValue(e: Example | undefined, f: FieldSpec): FieldValue {
  const v = e?.[f.name];
  if (v === undefined) throw new Error(`collate: example lacks field "${f.name}"`);
  return v;
}

function stepsOf(f: FieldSpec, v: FieldValue): Array<number | number[]> {
  if (!Array.isArray(v)) throw new Error(`collate: field "${f.name}" is not a sequence`);
  return v;
}

/**
 * The length bucketing sorts by: steps of the first input with a time axis (what the model
 * runs over), else of any field with one.
 */
function bucketKey(
  fields: readonly FieldSpec[],
  inputs: readonly string[],
): (e: Example | undefined) => number {
  const timed = fields.filter((f) => timeOf(f) !== undefined);
  const primary = inputs.map((n) => timed.find((f) => f.name === n)).find((f) => f) ?? timed[0];
  if (!primary) return () => 0;
  return (e) => {
    const v = e?.[primary.name];
    return Array.isArray(v) ? v.length : 0;
  };
}
