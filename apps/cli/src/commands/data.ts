/**
 * `seqlab data FILE|NAME`: what the reader makes of a data file (or a built-in set) before a
 * model ever sees it: examples per split, each field's role, lengths, vocabulary, labels or
 * target statistics, and the first examples as ids beside their tokens. The first command to
 * run on a new file; problems come back as the same file:line diagnostics `train` prints.
 */
import { BUILTIN_DATASET_OPTIONS, DATA_FORMAT_OPTIONS, DATA_FORMATS } from '@seqlab/compiler';
import type { Command } from 'commander';
import {
  BUILTIN_NAMES,
  describeDataset,
  type DatasetDescription,
  type FieldDescription,
  type ShownValue,
} from '@seqlab/data';
import { wholeNumber } from '../io/numbers.js';
import { formatTable } from '../output/table.js';
import { printDataDiagnostics } from '../training/data-diagnostics.js';
import { dataRef, loadData } from '../training/load-data.js';
import { collectDataOpt } from '../training/read-options.js';

interface DataCliOptions {
  dataOpt?: string[];
  examples: string;
  top: string;
  json?: boolean;
}

/** Register `data`. */
export function registerData(program: Command, setExit: (code: number) => void): void {
  program
    .command('data')
    .description('show what the reader makes of a data file or built-in data set')
    .argument('<source>', `a data file (.csv, .tsv, .jsonl, .txt, .npy) or a built-in set`)
    .option('--examples <n>', 'first examples of the train split to show', '3')
    .option('--top <n>', 'most frequent tokens to list per field', '10')
    .option('--json', 'print the description as JSON')
    .option(
      '--data-opt <name=value>',
      'set one reader option, e.g. unit=words (repeatable; options below)',
      collectDataOpt,
    )
    .addHelpText(
      'after',
      `
Built-in sets: ${BUILTIN_NAMES.join(', ')}.

${readerOptionsHelp()}

Examples:
  $ seqlab data names
  $ seqlab data my-reviews.csv --examples 5
  $ seqlab data weather.jsonl --json
  $ seqlab data spam.csv --data-opt unit=words --data-opt max_vocab=20000

Statistics are over the train split. Exit 1 when the file has problems (each is printed
with its file and line), 2 when the source is neither a file nor a built-in set.`,
    )
    .action((source: string, opts: DataCliOptions) => {
      setExit(showData(source, opts));
    });
}

function showData(source: string, opts: DataCliOptions): number {
  const examples = wholeNumber('--examples', opts.examples, 0);
  const top = wholeNumber('--top', opts.top, 0);
  const loaded = loadData(
    dataRef(source, undefined, opts.dataOpt ? { dataOpts: opts.dataOpt } : {}),
  );
  if ('diagnostics' in loaded) {
    printDataDiagnostics(loaded.diagnostics);
    return 1;
  }
  const d = describeDataset(loaded.dataset, { examples, topTokens: top });
  process.stdout.write(opts.json ? JSON.stringify(d, null, 2) + '\n' : describeText(d));
  for (const line of splitWarnings(d)) process.stderr.write(`${source}: warning: ${line}\n`);
  return 0;
}

/** Every reader's options, from the compiler's table (the names a train block takes). */
export function readerOptionsHelp(): string {
  const lines = [
    'Reader options (--data-opt name=value here and in train; name = value in a train block:',
    'on csv("spam.csv", unit = "words")):',
  ];
  for (const f of DATA_FORMATS) {
    lines.push(`  ${f}:`);
    for (const [name, d] of Object.entries(DATA_FORMAT_OPTIONS[f])) {
      const kind = d.values ? d.values.join('|') : d.type === 'column' ? 'name|index' : d.type;
      lines.push(`    ${`${name} (${kind})`.padEnd(26)} ${d.doc}; default ${d.default}`);
    }
  }
  const builtins = Object.entries(BUILTIN_DATASET_OPTIONS).filter(([, o]) => o.length);
  lines.push(`  built-in sets: ${builtins.map(([n, o]) => `${n} (${o.join(', ')})`).join('; ')}`);
  return lines.join('\n');
}

/** Empty splits: training needs examples, and a metric of an empty split is NaN. */
export function splitWarnings(d: DatasetDescription): string[] {
  const empty = (['train', 'valid', 'test'] as const).filter((s) => d.splits[s] === 0);
  if (empty.length === 0) return [];
  const why =
    d.splits.train === 0
      ? 'there is nothing to train on'
      : 'its loss and metrics cannot be measured';
  return [
    `the ${empty.join(' and ')} split${empty.length > 1 ? 's are' : ' is'} empty: ${why}` +
      ' (a small file may not reach every split; see docs/data.md, "Splits")',
  ];
}

const count = (n: number): string => n.toLocaleString('en-US');

/** The description as a page of text. */
export function describeText(d: DatasetDescription): string {
  const total = d.splits.train + d.splits.valid + d.splits.test;
  const lines = [
    `${d.name}: ${d.description}`,
    `task ${d.task} | ${count(total)} examples: ${count(d.splits.train)} train / ` +
      `${count(d.splits.valid)} valid / ${count(d.splits.test)} test`,
    '',
    fieldTable(d.fields),
  ];
  for (const f of d.fields) lines.push(...fieldDetails(f, d.splits.train));
  if (d.examples.length > 0) {
    const n = d.examples.length;
    lines.push(
      '',
      `${n === 1 ? 'the first example' : `the first ${n} examples`} of the train split:`,
    );
    d.examples.forEach((e, i) => {
      lines.push(`  ${i + 1}.`);
      for (const [name, v] of Object.entries(e)) lines.push(`     ${name}: ${shown(v)}`);
    });
  }
  return lines.join('\n') + '\n';
}

function fieldTable(fields: readonly FieldDescription[]): string {
  return formatTable(
    ['field', 'kind', 'role', 'time', 'width', 'vocab', 'length min / median / p95 / max'],
    fields.map((f) => [
      f.name,
      f.kind,
      f.role,
      f.time ?? '',
      f.width !== undefined ? String(f.width) : '',
      f.vocabSize !== undefined ? count(f.vocabSize) : '',
      f.lengths
        ? `${f.lengths.min} / ${f.lengths.median} / ${f.lengths.p95} / ${f.lengths.max}`
        : '',
    ]),
    ['left', 'left', 'left', 'left', 'right', 'right', 'right'],
  );
}

function fieldDetails(f: FieldDescription, trainCount: number): string[] {
  const pct = (n: number, of: number): string => `${((100 * n) / Math.max(of, 1)).toFixed(1)}%`;
  if (f.topTokens && f.topTokens.length > 0) {
    const all = f.tokenCount ?? 0;
    const list = f.topTokens.map((t) => `${JSON.stringify(t.token)} ${pct(t.count, all)}`);
    return [
      '',
      `${f.name}: ${count(all)} ${f.kind} in train, ${count(f.distinctTokens ?? 0)} distinct; ` +
        `most frequent: ${list.join(', ')}`,
    ];
  }
  if (f.labels) {
    const list = f.labels.map((t) => `${t.token} ${count(t.count)} (${pct(t.count, trainCount)})`);
    const majority = f.labels[0];
    return [
      '',
      `labels of ${f.name}: ${list.join(', ')}`,
      ...(majority
        ? [
            `  always answering "${majority.token}" scores ${pct(majority.count, trainCount)} on train`,
          ]
        : []),
    ];
  }
  if (f.values && f.values.count > 0) {
    const v = f.values;
    const g = (x: number): string => Number(x.toPrecision(4)).toString();
    return [
      '',
      `values of ${f.name}: mean ${g(v.mean)}, std ${g(v.std)}, min ${g(v.min)}, max ${g(v.max)}` +
        ` over ${count(v.count)} numbers${v.whole ? ' (all whole numbers)' : ''}`,
    ];
  }
  return [];
}

/** Tokens with their ids (`m a r i a  [14 2 19 10 2]`), or the numbers as JSON, shortened. */
function shown(v: ShownValue): string {
  const cut = (s: string): string => (s.length > 160 ? `${s.slice(0, 157)}...` : s);
  if (v.tokens && v.ids) {
    return cut(`${v.tokens.map((t) => JSON.stringify(t)).join(' ')}  ids [${v.ids.join(' ')}]`);
  }
  // float32 values read as doubles print as 0.30000001192092896: 7 significant digits say it all.
  return cut(
    JSON.stringify(v.numbers, (_k, x: unknown) =>
      typeof x === 'number' ? Number(x.toPrecision(7)) : x,
    ),
  );
}
