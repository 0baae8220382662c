/**
 * Reader options between the `.seq` world and @seqlab/data: `--data-opt name=value` parsed
 * and checked against the compiler's option table (the same names and messages as a train
 * block), and a data reference's snake_case options mapped onto `ReadOptions` /
 * `BuiltinOptions`.
 */
import { readFileSync } from 'node:fs';
import {
  checkDataOptionValue,
  unknownDataOption,
  type DataFormatName,
  type DataOptionTarget,
  type DataOptionValue,
} from '@seqlab/compiler';
import type { BuiltinOptions, ReadOptions } from '@seqlab/data';
import { UsageError } from '../io/files.js';

/** Commander collector for a repeatable `--data-opt`. */
export function collectDataOpt(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** `--data-opt` text to a value: true/false, a number, else a string (quotes optional). */
function parseValue(text: string): DataOptionValue {
  const t = text.trim();
  if (t === 'true' || t === 'false') return t === 'true';
  if (t !== '' && Number.isFinite(Number(t))) return Number(t);
  const quoted = /^"(.*)"$/.exec(t) ?? /^'(.*)'$/.exec(t);
  // A tab delimiter is hard to type: accept `\t`.
  const s = quoted?.[1] ?? t;
  return s === '\\t' ? '\t' : s;
}

/**
 * Parse and check `--data-opt` items for a file of `format` (or built-in `builtin`);
 * a bad one is a usage error (exit 2) naming the option.
 */
export function parseDataOpts(
  items: readonly string[] | undefined,
  target: { format: DataFormatName | undefined } | { builtin: string },
): Record<string, DataOptionValue> {
  const out: Record<string, DataOptionValue> = {};
  for (const item of items ?? []) {
    const eq = item.indexOf('=');
    if (eq <= 0) {
      throw new UsageError(`--data-opt ${item}: expected name=value, e.g. --data-opt unit=words`);
    }
    const key = item.slice(0, eq).trim();
    const value = parseValue(item.slice(eq + 1));
    if (!('builtin' in target) && target.format === undefined)
      throw new UsageError(`--data-opt ${key}: the data file's format is unknown`);
    const where: DataOptionTarget =
      'builtin' in target ? target : { format: target.format as DataFormatName };
    const name = 'builtin' in where ? where.builtin : where.format;
    const unknown = unknownDataOption(where, key);
    if (unknown) {
      const { takes, elsewhere } = unknown;
      throw new UsageError(
        'builtin' in where
          ? `--data-opt ${key}: ${name} has no option "${key}" (${takes.length ? `it takes ${takes.join(', ')}` : 'it takes none'})`
          : `--data-opt ${key}: ${name} has no option "${key}"` +
              (elsewhere.length ? ` (only ${elsewhere.join(', ')})` : '') +
              `; ${name} options: ${takes.join(', ')}`,
      );
    }
    const r = checkDataOptionValue(where, key, value);
    if ('error' in r) throw new UsageError(`--data-opt ${key}: ${r.error}`);
    out[key] = r.value;
  }
  return out;
}

/** A file reference's options as `ReadOptions` (`y` read from disk, relative to the cwd). */
export function toReadOptions(
  options: Readonly<Record<string, DataOptionValue>> | undefined,
): Partial<ReadOptions> {
  const o = options ?? {};
  const str = (k: string): string | undefined => (typeof o[k] === 'string' ? o[k] : undefined);
  const num = (k: string): number | undefined => (typeof o[k] === 'number' ? o[k] : undefined);
  const r: Partial<ReadOptions> = {};
  const unit = str('unit');
  if (unit === 'chars' || unit === 'words') r.unit = unit;
  if (typeof o['lowercase'] === 'boolean') r.lowercase = o['lowercase'];
  const set = <K extends keyof ReadOptions>(k: K, v: ReadOptions[K] | undefined): void => {
    if (v !== undefined) r[k] = v;
  };
  set('minCount', num('min_count'));
  set('maxVocab', num('max_vocab'));
  set('maxLen', num('max_len'));
  const truncate = str('truncate');
  if (truncate === 'start' || truncate === 'end') r.truncate = truncate;
  set('window', num('window'));
  set('seed', num('seed'));
  set('name', str('name'));
  if (num('valid') !== undefined || num('test') !== undefined)
    r.split = { valid: num('valid') ?? 0.1, test: num('test') ?? 0.1 };
  const csv: NonNullable<ReadOptions['csv']> = {};
  const layout = str('layout');
  if (layout === 'row' || layout === 'columns' || layout === 'long') csv.layout = layout;
  if (typeof o['header'] === 'boolean') csv.header = o['header'];
  const label = o['label'];
  if (typeof label === 'string' || typeof label === 'number') csv.label = label;
  const textCol = o['text'];
  if (typeof textCol === 'string' || typeof textCol === 'number') csv.text = textCol;
  if (str('id') !== undefined) csv.id = str('id');
  if (str('delimiter') !== undefined) csv.delimiter = str('delimiter');
  if (Object.keys(csv).length) r.csv = csv;
  const y = str('y');
  if (y !== undefined) {
    try {
      r.y = { bytes: new Uint8Array(readFileSync(y)), file: y };
    } catch {
      throw new UsageError(`cannot read the targets file ${y} (npy option y)`);
    }
  }
  return r;
}

/** A built-in reference's options as `BuiltinOptions` (`min_count` -> `minCount`). */
export function toBuiltinOptions(
  options: Readonly<Record<string, number>> | undefined,
): BuiltinOptions {
  const r: Record<string, number> = {};
  for (const [k, v] of Object.entries(options ?? {}))
    r[k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase())] = v;
  return r as BuiltinOptions;
}
