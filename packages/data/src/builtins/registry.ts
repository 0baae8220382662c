import { DataCodes, dataError, fileSpan } from '../codes.js';
import { nodeCorpusSource } from '../sources/node-files.js';
import type { DatasetResult } from '../types.js';
import {
  resolveOptions,
  type BuiltinOptionName,
  type BuiltinOptions,
  type BuiltinSpec,
  type OptionSpec,
} from './builtin-options.js';
import { brownChars } from './brown-chars.js';
import { brownPos } from './brown-pos.js';
import { cmudict } from './cmudict.js';
import { names } from './names.js';
import { adding } from './synthetic-adding.js';
import { copy } from './synthetic-copy.js';
import { sine } from './synthetic-sine.js';

// Each spec narrows the option names it takes; the registry only needs the common shape.
const SPECS = [
  names,
  brownPos,
  cmudict,
  brownChars,
  adding,
  copy,
  sine,
] as unknown as BuiltinSpec[];

/** What a built-in data set is, for listings (`seqlab data list`) and docs. */
export interface BuiltinInfo {
  name: string;
  description: string;
  task: string;
  options: Record<string, OptionSpec>;
}

/** Every built-in data set, in documentation order. */
export const BUILTIN_DATASETS: readonly BuiltinInfo[] = SPECS.map((s) => ({
  name: s.name,
  description: s.description,
  task: s.task,
  options: s.options as Record<string, OptionSpec>,
}));

/** The names `loadBuiltin` accepts. */
export const BUILTIN_NAMES: readonly string[] = SPECS.map((s) => s.name);

/**
 * Load a built-in data set by name (`names`, `brown-pos`, `cmudict`, `brown-chars`,
 * `adding`, `copy`, `sine`). Unknown names and bad options come back as diagnostics
 * (`SEQ6001`, `SEQ6002`), as does a corpus package that cannot be read (`SEQ6003`).
 * Real corpora are parsed once per process; the returned data set is fresh each call.
 */
export function loadBuiltin(name: string, opts: BuiltinOptions = {}): DatasetResult {
  const spec = SPECS.find((s) => s.name === name);
  if (!spec) {
    return {
      diagnostics: [
        dataError(
          DataCodes.unknownBuiltin,
          `unknown built-in data set "${name}"`,
          fileSpan(`builtin:${name}`),
          `built-in data sets: ${BUILTIN_NAMES.join(', ')}`,
        ),
      ],
    };
  }
  const resolved = resolveOptions<BuiltinOptionName>(spec, opts);
  if (!resolved.values) return resolved;
  return spec.load(resolved.values, opts.source ?? nodeCorpusSource);
}
