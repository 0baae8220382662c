/**
 * The data clause of a train block: `on "x.csv"`, `on names`, or a reader call with options
 * (`on csv("spam.csv", unit = "words", max_len = 100)`, `on adding(length = 20)`).
 * The option tables here are the one list of reader options: the compiler checks them, the
 * CLI maps them onto @seqlab/data's ReadOptions and lists them in `seqlab data --help`, and a
 * CLI test asserts they match what the readers accept.
 */
import type { CallExpr, TrainDecl } from '@seqlab/syntax';
import { evalConst, kindOf, recordScope, showConst, type ConstValue } from '../eval/constant.js';
import { didYouMean } from '../eval/suggest.js';
import type { Reporter } from '../reporter.js';

/** The file readers a train block can name. */
export type DataFormatName = 'csv' | 'jsonl' | 'text' | 'npy';

/** The value kinds a data option takes. */
export type DataOptionType = 'string' | 'boolean' | 'int' | 'number' | 'column';

/** One reader option: its kind, allowed values or range, default and one line of docs. */
export interface DataOptionDef {
  readonly type: DataOptionType;
  /** For string options with a closed set of values. */
  readonly values?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  /** The default, as a user would read it. */
  readonly default: string;
  readonly doc: string;
}

/** A checked option value. */
export type DataOptionValue = string | number | boolean;

const MAX_COUNT = 1_000_000_000;

const TEXT_OPTIONS: Readonly<Record<string, DataOptionDef>> = {
  unit: {
    type: 'string',
    values: ['chars', 'words'],
    default: 'chars (CSV: words)',
    doc: 'split text into characters or whitespace-separated words',
  },
  lowercase: { type: 'boolean', default: 'false', doc: 'lower-case text before splitting it' },
  min_count: {
    type: 'int',
    min: 1,
    max: MAX_COUNT,
    default: '1',
    doc: 'a token seen fewer times in train becomes <unk>',
  },
  max_vocab: {
    type: 'int',
    min: 1,
    max: MAX_COUNT,
    default: 'no cap',
    doc: 'keep only the most frequent tokens of train (plus <pad> and <unk>)',
  },
  max_len: {
    type: 'int',
    min: 1,
    max: MAX_COUNT,
    default: 'no limit',
    doc: 'cut every sequence to at most this many steps',
  },
  truncate: {
    type: 'string',
    values: ['start', 'end'],
    default: 'start',
    doc: 'with max_len: keep the start or the end of a long sequence',
  },
};

const SPLIT_OPTIONS: Readonly<Record<string, DataOptionDef>> = {
  valid: {
    type: 'number',
    min: 0,
    max: 1,
    default: '0.1',
    doc: 'fraction hashed into valid when the data names no split',
  },
  test: {
    type: 'number',
    min: 0,
    max: 1,
    default: '0.1',
    doc: 'fraction hashed into test when the data names no split',
  },
  seed: { type: 'int', min: 0, max: 2 ** 32 - 1, default: '0', doc: 'seed of the hash split' },
  name: { type: 'string', default: 'the file name', doc: 'the data set name in reports' },
};

/** Every option of every file reader (besides the path, the call's first argument). */
export const DATA_FORMAT_OPTIONS: Readonly<
  Record<DataFormatName, Readonly<Record<string, DataOptionDef>>>
> = {
  csv: {
    ...TEXT_OPTIONS,
    layout: {
      type: 'string',
      values: ['row', 'columns', 'long'],
      default: 'inferred',
      doc: 'one sequence per row (row, columns) or one step per row (long)',
    },
    header: { type: 'boolean', default: 'guessed', doc: 'whether line 1 is a header' },
    label: {
      type: 'column',
      default: 'label/y/class/target, else column 0',
      doc: 'the label column, by header name or 0-based index',
    },
    text: {
      type: 'column',
      default: 'the one column left',
      doc: 'the text column, by header name or 0-based index (other columns are ignored)',
    },
    id: {
      type: 'string',
      default: 'id/seq_id/sequence_id',
      doc: 'the sequence id column of the long layout',
    },
    delimiter: { type: 'string', default: ', (tab for .tsv)', doc: 'the field separator' },
    ...SPLIT_OPTIONS,
  },
  jsonl: { ...TEXT_OPTIONS, ...SPLIT_OPTIONS },
  text: {
    ...TEXT_OPTIONS,
    window: {
      type: 'int',
      min: 2,
      max: MAX_COUNT,
      default: '100 chars, 35 words',
      doc: 'tokens per language-model window',
    },
    // Text splits contiguously (the last windows are test), so no hash seed.
    valid: SPLIT_OPTIONS['valid'] as DataOptionDef,
    test: SPLIT_OPTIONS['test'] as DataOptionDef,
    name: SPLIT_OPTIONS['name'] as DataOptionDef,
  },
  npy: {
    y: { type: 'string', default: 'y.npy beside X', doc: 'the targets file' },
    ...SPLIT_OPTIONS,
  },
};

/** The file readers, in documentation order. */
export const DATA_FORMATS: readonly DataFormatName[] = ['csv', 'jsonl', 'text', 'npy'];

/**
 * Options of the built-in data sets, by `.seq` name (snake_case). @seqlab/data owns their
 * ranges and defaults and checks them again; a CLI test asserts the names match.
 */
export const BUILTIN_DATASET_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  names: [],
  'brown-pos': ['min_count'],
  cmudict: [],
  'brown-chars': ['window'],
  adding: ['seed', 'train', 'valid', 'test', 'length'],
  copy: ['seed', 'train', 'valid', 'test', 'length', 'symbols', 'delay'],
  sine: ['seed', 'train', 'valid', 'test', 'length', 'noise'],
};

/** Built-in data sets (the data package provides them; names are checked here). */
export const BUILTIN_DATASETS: readonly string[] = Object.keys(BUILTIN_DATASET_OPTIONS);

/** Where a train block's data comes from, with its checked options (snake_case names). */
export type DatasetSpec =
  | {
      readonly kind: 'builtin';
      readonly name: string;
      readonly options?: Readonly<Record<string, number>>;
    }
  | {
      readonly kind: 'path';
      /** As written; the CLI resolves it against the `.seq` file's folder. */
      readonly path: string;
      /** Named by the reader call; absent: from the extension. */
      readonly format?: DataFormatName;
      readonly options?: Readonly<Record<string, DataOptionValue>>;
    };

/** The format a path's extension implies (as @seqlab/data's `formatFromPath`). */
export function formatOfPath(path: string): DataFormatName | undefined {
  const ext = /\.([^./\\]+)$/.exec(path)?.[1]?.toLowerCase();
  const table: Record<string, DataFormatName> = {
    csv: 'csv',
    tsv: 'csv',
    jsonl: 'jsonl',
    ndjson: 'jsonl',
    txt: 'text',
    text: 'text',
    npy: 'npy',
  };
  return ext === undefined ? undefined : table[ext];
}

/**
 * Check one data option's value; returns the message of what is wrong, or the value.
 * Shared by the compiler and the CLI's `--data-opt` so both say the same thing.
 */
export function checkDataOption(
  where: string,
  key: string,
  def: DataOptionDef,
  v: unknown,
): { value: DataOptionValue } | { error: string } {
  const got = (): string =>
    typeof v === 'string'
      ? `"${v}"`
      : typeof v === 'number' || typeof v === 'boolean'
        ? String(v)
        : 'a list';
  switch (def.type) {
    case 'boolean':
      return typeof v === 'boolean'
        ? { value: v }
        : { error: `${where}: ${key} must be true or false; got ${got()}` };
    case 'string':
      if (typeof v !== 'string')
        return { error: `${where}: ${key} must be a string; got ${got()}` };
      if (def.values && !def.values.includes(v))
        return {
          error: `${where}: ${key} must be ${def.values.map((s) => `"${s}"`).join(' or ')}; got "${v}"${didYouMean(v, def.values)}`,
        };
      if (key === 'delimiter' && v.length !== 1)
        return { error: `${where}: delimiter must be one character; got "${v}"` };
      return { value: v };
    case 'column':
      if (typeof v === 'string') return { value: v };
      if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return { value: v };
      return { error: `${where}: ${key} must be a column name or a 0-based index; got ${got()}` };
    case 'int':
    case 'number': {
      const int = def.type === 'int';
      if (typeof v !== 'number' || (int && !Number.isInteger(v)))
        return {
          error: `${where}: ${key} must be ${int ? 'an integer' : 'a number'}; got ${got()}`,
        };
      if ((def.min !== undefined && v < def.min) || (def.max !== undefined && v > def.max))
        return {
          error: `${where}: ${key} must be in [${def.min ?? '-inf'}, ${def.max ?? 'inf'}]; got ${v}`,
        };
      return { value: v };
    }
  }
}

/** Where a data option goes: a reader format, or a built-in data set. */
export type DataOptionTarget = { readonly format: DataFormatName } | { readonly builtin: string };

/** An option its target does not take: what it does take, and which formats take the key. */
export interface UnknownDataOption {
  readonly takes: readonly string[];
  readonly elsewhere: readonly DataFormatName[];
}

/**
 * Whether `target` takes the option `key`: undefined if it does, else what it takes and
 * which reader formats take `key`. The one decision behind the train block's data clause
 * and `--data-opt`; each words the answer in its own place's style.
 */
export function unknownDataOption(
  target: DataOptionTarget,
  key: string,
): UnknownDataOption | undefined {
  const takes =
    'builtin' in target
      ? (BUILTIN_DATASET_OPTIONS[target.builtin] ?? [])
      : Object.keys(DATA_FORMAT_OPTIONS[target.format]);
  if (takes.includes(key)) return undefined;
  const elsewhere =
    'builtin' in target ? [] : DATA_FORMATS.filter((f) => DATA_FORMAT_OPTIONS[f][key]);
  return { takes, elsewhere };
}

/**
 * Check the value of an option `target` takes (see {@link unknownDataOption}): built-in
 * sets take numbers only; a reader's option its declared type.
 */
export function checkDataOptionValue(
  target: DataOptionTarget,
  key: string,
  v: ConstValue,
): { value: DataOptionValue } | { error: string } {
  if ('builtin' in target) {
    return typeof v === 'number'
      ? { value: v }
      : { error: `${target.builtin}: ${key} must be a number; got ${kindOf(v)} ${showConst(v)}` };
  }
  const def = DATA_FORMAT_OPTIONS[target.format][key];
  if (!def) throw new Error(`checkDataOptionValue: ${target.format} has no option ${key}`);
  return checkDataOption(target.format, key, def, v);
}

/** Check the data clause of a train block. */
export function checkDataset(decl: TrainDecl, rep: Reporter): DatasetSpec | undefined {
  const d = decl.dataset;
  if (d.kind === 'StringLiteral') {
    return BUILTIN_DATASETS.includes(d.value)
      ? { kind: 'builtin', name: d.value }
      : { kind: 'path', path: d.value };
  }
  const ident = d.kind === 'CallExpr' ? d.callee : d;
  const name = ident.name.replace(/_/g, '-');
  if (d.kind === 'CallExpr' && (DATA_FORMATS as readonly string[]).includes(d.callee.name))
    return checkReaderCall(d, d.callee.name as DataFormatName, rep);
  if (BUILTIN_DATASETS.includes(name))
    return d.kind === 'CallExpr' ? checkBuiltinCall(d, name, rep) : { kind: 'builtin', name };
  rep.error(
    'unknownDataset',
    ident.span,
    d.kind === 'CallExpr'
      ? `unknown data reader \`${ident.name}\`${didYouMean(ident.name, [...DATA_FORMATS, ...BUILTIN_DATASETS])}`
      : `unknown built-in data set \`${ident.name}\`${didYouMean(name, BUILTIN_DATASETS)}`,
    `readers: ${DATA_FORMATS.join(', ')}; built-in: ${BUILTIN_DATASETS.join(', ')}; a file path goes in quotes: on "data/train.csv"`,
  );
  return undefined;
}

function checkReaderCall(
  call: CallExpr,
  format: DataFormatName,
  rep: Reporter,
): DatasetSpec | undefined {
  const [first, ...rest] = call.args;
  const scope = recordScope({});
  let path: string | undefined;
  let ok = true;
  if (!first || first.name) {
    rep.error(
      'dataOptionValue',
      first?.span ?? call.span,
      `${format}(...) needs the file path as its first argument: ${format}("data/train.${format === 'text' ? 'txt' : format}")`,
    );
    ok = false;
  } else {
    const v = evalConst(first.value, scope, rep);
    if (typeof v === 'string' && v !== '') path = v;
    else {
      if (v !== undefined)
        rep.error(
          'dataOptionValue',
          first.value.span,
          `${format}: the path must be a string; got ${kindOf(v)} ${showConst(v)}`,
        );
      ok = false;
    }
  }
  const options: Record<string, DataOptionValue> = {};
  for (const a of rest) {
    const key = a.name?.name;
    if (key === undefined) {
      rep.error(
        'unknownDataOption',
        a.span,
        `${format}: only the path is positional; name the option: ${format}(path, unit = "words")`,
      );
      ok = false;
      continue;
    }
    const unknown = unknownDataOption({ format }, key);
    if (unknown) {
      const { elsewhere } = unknown;
      rep.error(
        'unknownDataOption',
        a.name?.span ?? a.span,
        `${format} has no option \`${key}\`${elsewhere.length ? ` (${elsewhere.join(', ')} ${elsewhere.length > 1 ? 'take' : 'takes'} it)` : didYouMean(key, unknown.takes)}`,
        `${format} options: ${unknown.takes.join(', ')}`,
      );
      ok = false;
      continue;
    }
    if (Object.hasOwn(options, key)) {
      rep.error('unknownDataOption', a.span, `${format}: \`${key}\` is given twice`);
      ok = false;
      continue;
    }
    const v = evalConst(a.value, scope, rep);
    if (v === undefined) {
      ok = false;
      continue;
    }
    const r = checkDataOptionValue({ format }, key, v);
    if ('error' in r) {
      rep.error('dataOptionValue', a.value.span, r.error);
      ok = false;
    } else options[key] = r.value;
  }
  if (!ok || path === undefined) return undefined;
  return { kind: 'path', path, format, options };
}

function checkBuiltinCall(call: CallExpr, name: string, rep: Reporter): DatasetSpec | undefined {
  const options: Record<string, number> = {};
  let ok = true;
  for (const a of call.args) {
    const key = a.name?.name;
    const unknown = key === undefined ? undefined : unknownDataOption({ builtin: name }, key);
    if (key === undefined || unknown) {
      const takes = unknown?.takes ?? BUILTIN_DATASET_OPTIONS[name] ?? [];
      rep.error(
        'unknownDataOption',
        a.name?.span ?? a.span,
        key === undefined
          ? `${name}: name the option: ${name}(${takes[0] ?? 'option'} = ...)`
          : `${name} has no option \`${key}\`${didYouMean(key, takes)}`,
        takes.length ? `${name} options: ${takes.join(', ')}` : `${name} takes no options`,
      );
      ok = false;
      continue;
    }
    const v = evalConst(a.value, recordScope({}), rep);
    if (v === undefined) {
      ok = false;
      continue;
    }
    const r = checkDataOptionValue({ builtin: name }, key, v);
    if ('error' in r) {
      rep.error('dataOptionValue', a.value.span, r.error);
      ok = false;
    } else options[key] = r.value as number;
  }
  return ok ? { kind: 'builtin', name, options } : undefined;
}
