/**
 * The data model shared by readers, built-in data sets, batching, the trainer and the CLI.
 * Everything here is plain data (no tfjs): the trainer turns a {@link Batch} into tensors.
 */
import type { Diagnostic } from '@seqlab/diagnostics';
import type { Vocabulary } from './vocabulary.js';

/**
 * What a field holds, which fixes its batch layout:
 * `tokens`/`tags` are id sequences (`[B, Tmax]`, pad id 0), `vectors` are `[T][D]` floats
 * (`[B, Tmax, D]`), `class` is one id per example (`[B]`), `values` are regression targets
 * (`[B, W]`, or `[B, Tmax, W]` when the field has a time axis).
 */
export type FieldKind = 'tokens' | 'vectors' | 'class' | 'tags' | 'values';

/** One named field of every example in a data set. */
export interface FieldSpec {
  name: string;
  kind: FieldKind;
  /** tokens/tags/class: maps strings to ids. */
  vocab?: Vocabulary;
  /** vectors: D per step; values: number of target values (W). */
  width?: number;
  /** Time-axis symbol; fields sharing it have equal lengths in every example (tokens + tags). */
  time?: string;
}

/** A class id | token ids or values | `[T][D]` (vectors, or per-step values). */
export type FieldValue = number | number[] | number[][];

/** One example: a value per field name. */
export type Example = Record<string, FieldValue>;

/** The three splits every data set has. */
export type SplitName = 'train' | 'valid' | 'test';

/** What the model is trained to do; the trainer picks the default loss from it. */
export type TaskKind = 'classify' | 'tag' | 'seq2seq' | 'lm' | 'regress';

/** A data set: field schema, which fields are inputs/targets, and the examples per split. */
export interface SequenceDataset {
  name: string;
  description: string;
  task: TaskKind;
  fields: FieldSpec[];
  /** Fields fed to the model's inputs, in the model's input order. */
  inputs: string[];
  /** Fields the loss compares with the model's outputs, in order. */
  targets: string[];
  splits: { train: Example[]; valid: Example[]; test: Example[] };
}

/** A padded, dense array ready to become a tensor. `data` is row-major. */
export interface BatchTensor {
  dtype: 'float32' | 'int32';
  shape: number[];
  data: Float32Array | Int32Array;
}

/** One mini-batch of padded field tensors plus the true lengths per time axis. */
export interface Batch {
  size: number;
  /**
   * Padded per field: tokens/tags `[B, Tmax]` (pad id 0), vectors `[B, Tmax, D]`,
   * class `[B]`, values `[B, W]` or `[B, Tmax, W]`.
   */
  tensors: Record<string, BatchTensor>;
  /** Time symbol -> true lengths `[B]`. */
  lengths: Record<string, Int32Array>;
}

/**
 * What loaders and readers return: a data set, or the diagnostics that explain why not.
 * Both members are present in the type so `if (r.dataset)` narrows.
 */
export type DatasetResult =
  | { dataset: SequenceDataset; diagnostics?: undefined }
  | { dataset?: undefined; diagnostics: Diagnostic[] };
