import type { SplitFractions } from '../hash-split.js';
import type { Vocabulary } from '../vocabulary.js';

/** The file formats {@link readDataset} understands. */
export type DataFormat = 'csv' | 'jsonl' | 'text' | 'npy';

/** How a CSV file lays out its sequences. */
export interface CsvOptions {
  /**
   * `row`: `label,v1 v2 v3...` (a step per space-separated item; `a;b` for a step of
   * width 2; non-numeric items are tokens). `columns`: `label,v1,v2,...` (a step per column).
   * `long`: one step per row, grouped by a sequence id column (needs a header).
   * Default: `long` when the header names an id column, `row` when the sequence column holds
   * spaces, else `columns`.
   */
  layout?: 'row' | 'columns' | 'long';
  /** Whether line 1 is a header. Default: guessed (a header has a non-numeric field name). */
  header?: boolean;
  /** Label column name (header) or index. Default `label`/`y`/`class`/`target`, else column 0. */
  label?: string | number;
  /** The text (sequence) column, by name or index: read in the `row` layout, other columns ignored. */
  text?: string | number;
  /** Sequence id column name for `long` layout. Default `id`/`seq_id`/`sequence_id`. */
  id?: string;
  /** Field separator. Default `,`. */
  delimiter?: string;
}

/** Options for {@link readDataset}. */
export interface ReadOptions {
  /** The file path: named in every diagnostic span, and the default data set name. */
  file: string;
  name?: string;
  description?: string;
  /** A fixed label set: any other label is an error, and class ids follow this order. */
  labels?: string[];
  /**
   * A fixed token vocabulary (a trained run's) instead of one built from the train split:
   * tokens it lacks become `<unk>`; `minCount` and `maxVocab` do not apply.
   */
  vocab?: Vocabulary;
  /**
   * A fixed label or tag vocabulary (a trained run's): ids are its ids, and a label or tag
   * it lacks is an error naming the line.
   */
  labelVocab?: Vocabulary;
  /**
   * What a target is: class labels or regression values. The CLI sets it from the train
   * block's loss (`cross_entropy` -> `class`, `mse` -> `values`); without it the readers guess
   * (see docs/data.md, "Which task a file becomes").
   */
  target?: 'class' | 'values';
  /** Why `target` is what it is, for messages (e.g. `loss = mse`). */
  targetReason?: string;
  /** How text becomes tokens (plain text, JSONL `text`, CSV text). Default `chars` (CSV `words`). */
  unit?: 'chars' | 'words';
  /** Lower-case text before tokenising. Default false. */
  lowercase?: boolean;
  /** Plain text: tokens per language-model window. Default 100 chars or 35 words. */
  window?: number;
  /** Token vocabulary keeps tokens seen this often in train. Default 1. */
  minCount?: number;
  /** Token vocabulary keeps at most this many tokens, the most frequent in train. Default: no cap. */
  maxVocab?: number;
  /** Cut every input sequence (and its per-step target) to at most this many steps. */
  maxLen?: number;
  /** With `maxLen`: keep the `start` (default) or the `end` of a longer sequence. */
  truncate?: 'start' | 'end';
  /** Fractions for valid/test when the data names no split. Default 0.1 each. */
  split?: SplitFractions;
  /** Seed of the hash split. Default 0. */
  seed?: number;
  csv?: CsvOptions;
  /** `.npy`: the targets file (`y.npy`, `[N]` or `[N, W]`) that goes with X. */
  y?: { bytes: Uint8Array; file: string };
}

/** Default valid/test fractions for user data. */
export const DEFAULT_SPLIT: SplitFractions = { valid: 0.1, test: 0.1 };

/** Stop collecting errors past this many per file: the first ones explain the problem. */
export const MAX_ERRORS = 20;
