import { DataCodes, dataError, fileSpan } from '../codes.js';
import type { DatasetResult, SplitName } from '../types.js';
import { assemble, type RawExample } from './assemble.js';
import { DEFAULT_SPLIT, type ReadOptions } from './options.js';
import { textReading, tokenize } from './text-tokens.js';

/**
 * Read plain text as a language-modelling data set: tokens (characters, or words with
 * `unit: 'words'`) cut into windows of `window` steps; the target is the next token at
 * every step. Splits are contiguous (train first, then valid, then test) rather than
 * hashed: neighbouring windows share context, and hashing them would leak test text into
 * training.
 */
export function readText(text: string, opts: ReadOptions): DatasetResult {
  if (text.trim() === '') {
    return {
      diagnostics: [
        dataError(DataCodes.emptyFile, 'line 1: the file is empty', fileSpan(opts.file)),
      ],
    };
  }
  const { unit, lowercase } = textReading('text', opts);
  // Words lose their line breaks to the whitespace split; characters keep them.
  const tokens = tokenize(text, unit, lowercase);
  const window = opts.window ?? (unit === 'chars' ? 100 : 35);
  if (!Number.isInteger(window) || window < 1) {
    return {
      diagnostics: [
        dataError(
          DataCodes.badRecord,
          `window must be a positive integer, got ${window}`,
          fileSpan(opts.file),
        ),
      ],
    };
  }
  const starts: number[] = [];
  for (let s = 0; s + 1 < tokens.length; s += window) starts.push(s);
  if (starts.length === 0) {
    return {
      diagnostics: [
        dataError(
          DataCodes.noExamples,
          'the text is too short to predict a next token',
          fileSpan(opts.file),
        ),
      ],
    };
  }
  const fractions = opts.split ?? DEFAULT_SPLIT;
  const n = starts.length;
  const nTest = Math.floor(n * fractions.test);
  const nValid = Math.floor(n * fractions.valid);
  const raw: RawExample[] = starts.map((s, i) => {
    const split: SplitName = i >= n - nTest ? 'test' : i >= n - nTest - nValid ? 'valid' : 'train';
    return {
      key: String(i),
      split,
      // window + 1 tokens: the input is the first `window`, the target the last `window`.
      input: { kind: 'tokens', tokens: tokens.slice(s, s + window + 1) },
      target: { kind: 'next' },
    };
  });
  return assemble(
    raw,
    { input: 'tokens', target: 'next', task: 'lm', description: `${unit} of ${opts.file}` },
    opts,
  );
}
