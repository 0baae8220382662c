/**
 * @seqlab/data: sequence data sets as plain typed arrays (no tfjs). Readers parse text or
 * bytes already in memory; only `sources/node-files.ts` touches the file system.
 */
export type {
  FieldKind,
  FieldSpec,
  FieldValue,
  Example,
  SplitName,
  TaskKind,
  SequenceDataset,
  BatchTensor,
  Batch,
  DatasetResult,
} from './types.js';
export { Vocabulary, countAll, PAD, UNK, BOS, EOS } from './vocabulary.js';
export type { VocabularyOptions, VocabularyJSON } from './vocabulary.js';
export { makeBatches, planBatches, collate, timeOf } from './batching.js';
export type { BatchOptions } from './batching.js';
export { mulberry32, randomInt, randomNormal, shuffleInPlace } from './prng.js';
export type { Random } from './prng.js';
export { hashString, splitByHash, splitByTenths } from './hash-split.js';
export type { SplitFractions } from './hash-split.js';
export { DATA_DIAGNOSTICS, DataCodes, dataError } from './codes.js';
export type { DataCode } from './codes.js';
export { decodeUtf8, splitLines } from './text-lines.js';
export type { TextLine } from './text-lines.js';

export { readDataset, formatFromPath } from './readers/read-dataset.js';
export { readTokens, textReading, tokenize } from './readers/text-tokens.js';
export type { TextReading } from './readers/text-tokens.js';
export type { DataFormat, ReadOptions, CsvOptions } from './readers/options.js';
export { parseNpy } from './readers/npy-parse.js';
export type { NpyArray, NpyDtype } from './readers/npy-parse.js';
export { encodeNpy } from './writers/npy-write.js';
export type { NpyWriteDtype } from './writers/npy-write.js';

export { loadBuiltin, BUILTIN_DATASETS, BUILTIN_NAMES } from './builtins/registry.js';
export type { BuiltinInfo } from './builtins/registry.js';
export type { BuiltinOptions, OptionSpec } from './builtins/builtin-options.js';
export { normalizeBrownTag, parseBrownText } from './builtins/brown-corpus.js';
export { parseCmudict } from './builtins/cmudict.js';
export { disjointNames } from './builtins/names.js';
export { COPY_BLANK, COPY_GO } from './builtins/synthetic-copy.js';

export type { CorpusSource } from './sources/corpus-source.js';
export { memoryCorpusSource } from './sources/corpus-source.js';
export { nodeCorpusSource, readDatasetFile } from './sources/node-files.js';

export { describeDataset } from './describe.js';
export type {
  DatasetDescription,
  DescribeOptions,
  FieldDescription,
  LengthStats,
  ShownValue,
  TokenCount,
  ValueStats,
} from './describe.js';
