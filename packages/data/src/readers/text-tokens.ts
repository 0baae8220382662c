/**
 * How a reader turns one text into tokens, in one place: the readers use it, and so does
 * inference on new text (`seqlab predict`), so a trained model sees new input split,
 * lower-cased and cut exactly as its training data was.
 */
import type { DataFormat, ReadOptions } from './options.js';

/** Everything that decides the tokens of one text. */
export interface TextReading {
  readonly unit: 'chars' | 'words';
  readonly lowercase: boolean;
  /** Keep at most this many tokens (the reader's `maxLen`). */
  readonly maxLen?: number;
  /** With `maxLen`: keep the `start` (default) or the `end` of a longer text. */
  readonly truncate?: 'start' | 'end';
}

/**
 * The reading a `format` reader applies to text with `opts`. CSV cells are words by default;
 * JSONL `text` and plain text are characters. A JSONL tagging file (`tokensGiven`) holds its
 * tokens ready-made, never re-split or lower-cased: new text is its whitespace-separated words.
 */
export function textReading(
  format: DataFormat,
  opts: Partial<Pick<ReadOptions, 'unit' | 'lowercase' | 'maxLen' | 'truncate'>>,
  tokensGiven = false,
): TextReading {
  const cut = {
    ...(opts.maxLen !== undefined ? { maxLen: opts.maxLen } : {}),
    ...(opts.truncate !== undefined ? { truncate: opts.truncate } : {}),
  };
  if (tokensGiven) return { unit: 'words', lowercase: false, ...cut };
  const unit = opts.unit ?? (format === 'csv' ? 'words' : 'chars');
  return { unit, lowercase: opts.lowercase ?? false, ...cut };
}

/** Split text into tokens: characters (code points) or whitespace-separated words. */
export function tokenize(text: string, unit: 'chars' | 'words', lowercase: boolean): string[] {
  const t = lowercase ? text.toLowerCase() : text;
  return unit === 'chars' ? Array.from(t) : t.split(/\s+/).filter((w) => w !== '');
}

/** The tokens of `text` under `reading`: split, lower-cased, cut to `maxLen`. */
export function readTokens(text: string, reading: TextReading): string[] {
  const tokens = tokenize(text, reading.unit, reading.lowercase);
  return cutSteps(tokens, reading.maxLen, reading.truncate);
}

/** At most `maxLen` items: the first ones, or the last with `truncate = 'end'`. */
export function cutSteps<T>(xs: T[], maxLen: number | undefined, truncate?: 'start' | 'end'): T[] {
  if (maxLen === undefined || xs.length <= maxLen) return xs;
  return truncate === 'end' ? xs.slice(xs.length - maxLen) : xs.slice(0, maxLen);
}
