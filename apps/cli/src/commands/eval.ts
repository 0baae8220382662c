/** `seqlab eval RUN [--data ...]`: metrics of a trained model on its test split or a file. */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { BUILTIN_NAMES, DataCodes, type SequenceDataset, type SplitName } from '@seqlab/data';
import { bindDataset, loadWeights, TrainingSession, type MetricName } from '@seqlab/tfjs';
import { UsageError } from '../io/files.js';
import { formatTable } from '../output/table.js';
import { printDataDiagnostics } from '../training/data-diagnostics.js';
import { loadRunData, runLoss } from '../training/load-data.js';
import { metricColumns, metricLabel, nonFiniteOutputs } from '../training/run-messages.js';
import { scoreWithProgress } from '../training/score-pass.js';
import { loadRun, type LoadedRun } from '../training/load-run.js';
import { readBytes } from '../training/run-dir.js';
import { evaluateDecoded, type DecodedScores } from '../training/decode-eval.js';
import { optionalWholeNumber } from '../io/numbers.js';
import { countUnknown, wholeFile, type UnknownCount } from '../training/eval-data.js';

interface EvalOptions {
  data?: string;
  split?: string;
  backend?: string;
  json?: boolean;
  decode?: string;
  limit?: string;
}

/** What is scored: a split of the data set, or (`--data FILE`) every example of the file. */
interface Scored {
  readonly ds: SequenceDataset;
  readonly split: SplitName;
  /** The name shown for what is scored: the split, or `all` for a whole file. */
  readonly label: string;
  readonly unknown: UnknownCount | undefined;
}

/** Register `eval`. */
export function registerEval(program: Command, setExit: (code: number) => void): void {
  program
    .command('eval')
    .description("evaluate a trained run on a data set's split (default: its own test split)")
    .argument('<run>', 'run directory made by seqlab train')
    .option('--data <name|path>', 'data set (default: the one it was trained on)')
    .option(
      '--split <split>',
      'train, valid or test (default: test; every example of a --data file)',
    )
    .option('--backend <name>', 'tfjs backend', 'auto')
    .option('--json', 'print JSON')
    .option(
      '--decode <how>',
      'encoder-decoders: also decode freely (greedy) and score word accuracy and PER',
    )
    .option('--limit <n>', 'with --decode: decode only the first N examples of the split')
    .addHelpText(
      'after',
      `
Examples:
  $ seqlab eval runs/NameGender-20261125-101500
  $ seqlab eval runs/tagger --split valid --json
  $ seqlab eval runs/Reviews-20261204-101500 --data new-reviews.csv
  $ seqlab eval runs/G2P-20261125-031000 --decode greedy

--data FILE is read as the run read its training data (its reader options) and through the
run's vocabularies: a token the run never saw counts as <unk> (the count is reported), a
label it never saw is an error naming the line (exit 2). Every example of the file is
scored unless --split names one.

An encoder-decoder's metrics are teacher-forced: each step sees the true previous token.
--decode greedy feeds the model its own previous output instead, as seqlab predict does.`,
    )
    .action(async (dir: string, opts: EvalOptions) => {
      if (opts.split !== undefined && !['train', 'valid', 'test'].includes(opts.split)) {
        throw new UsageError(`--split ${opts.split}: choose train, valid or test`);
      }
      if (opts.decode !== undefined && opts.decode !== 'greedy') {
        throw new UsageError(`--decode ${opts.decode}: only greedy decoding is implemented`);
      }
      const limit = optionalWholeNumber('--limit', opts.limit, 1);
      const run = await loadRun(dir, opts.backend);
      let scored: Scored | number;
      let decoded: DecodedScores | undefined;
      try {
        scored = readScored(run, opts);
        if (typeof scored !== 'number' && opts.decode === 'greedy') {
          const { ds, split } = scored;
          decoded = evaluateDecoded(run, ds, split, limit === undefined ? {} : { limit });
        }
      } finally {
        run.model.dispose();
      }
      if (typeof scored === 'number') {
        setExit(scored);
        return;
      }
      if (scored.unknown && opts.data !== undefined) warnUnknown(scored.unknown, opts.data);
      const scores = scoreSplit(run, scored);
      if (scores === undefined) {
        setExit(1);
        return;
      }
      printScores(run, scored, { ...scores, decoded }, opts.json === true);
    });
}

/**
 * The data to score, or the exit code after printing why there is none: data errors are
 * exit 1, a label the run never saw exit 2 (the model has no output for it).
 */
function readScored(run: LoadedRun, opts: EvalOptions): Scored | number {
  // The run's own data as it trained (its loss, its --limit sample), or --data whole.
  const loaded = loadRunData(run.config, opts.data, run.vocabs);
  if ('diagnostics' in loaded) {
    printDataDiagnostics(loaded.diagnostics);
    return loaded.diagnostics.some((d) => d.code === DataCodes.unknownLabel) ? 2 : 1;
  }
  const file =
    opts.data !== undefined && !BUILTIN_NAMES.includes(opts.data) && existsSync(opts.data);
  const whole = file && opts.split === undefined;
  const ds = whole ? wholeFile(loaded.dataset) : loaded.dataset;
  const split = (whole ? 'test' : (opts.split ?? 'test')) as SplitName;
  // Metrics of no examples are NaN: say so instead of printing them.
  if (ds.splits[split].length === 0) {
    throw new UsageError(
      whole
        ? `${opts.data}: the file holds no examples`
        : `${ds.name}: the ${split} split is empty; choose another --split`,
    );
  }
  for (const f of ds.fields) {
    const saved = run.vocabs.get(f.name);
    if (saved && f.vocab && saved.tokens.join('\u0000') !== f.vocab.tokens.join('\u0000')) {
      throw new UsageError(
        `${ds.name}.${f.name}: its vocabulary differs from the one the run was trained with`,
      );
    }
  }
  return { ds, split, label: whole ? 'all' : split, unknown: countUnknown(ds, split) };
}

/**
 * Loss and metrics of the run's weights on the chosen examples (a bar on a terminal), and
 * the loss's name; undefined, after saying why, when the model's outputs are not finite.
 */
function scoreSplit(
  run: LoadedRun,
  scored: Scored,
): { metrics: Record<string, number>; loss: string } | undefined {
  const bound = bindDataset(run.module, scored.ds, runLoss(run.config));
  if (!bound.ok) throw new UsageError(bound.problems.join('; '));
  const session = new TrainingSession({
    module: run.module,
    dataset: scored.ds,
    binding: bound.binding,
    tf: run.tf,
    seed: run.config.seed,
    batchSize: run.config.batch,
    train: { optimizer: { kind: 'sgd', lr: 0 } },
    metrics: run.config.metrics as MetricName[],
  });
  try {
    const problems = loadWeights(session.model, readBytes(run.dir, 'weights.safetensors'));
    if (problems.length) throw new UsageError(problems.join('; '));
    const metrics = run.config.metrics as MetricName[];
    const s = scoreWithProgress(session, bound.binding, scored.split, metrics);
    if (s.ok) return { metrics: s.metrics, loss: bound.binding.loss };
    process.stderr.write(nonFiniteOutputs('with these weights', scored.label, s) + '\n');
    return undefined;
  } finally {
    session.dispose();
  }
}

/** The scores as a table (or JSON): the loss by its name, greedy decoding when asked. */
function printScores(
  run: LoadedRun,
  scored: Scored,
  scores: { metrics: Record<string, number>; loss: string; decoded: DecodedScores | undefined },
  json: boolean,
): void {
  const { label, unknown } = scored;
  const { metrics: m, loss, decoded } = scores;
  const examples = scored.ds.splits[scored.split].length;
  if (json) {
    const counts = unknown ? { tokens: unknown.tokens, unknown_tokens: unknown.unknown } : {};
    const extra = { examples, ...counts };
    const out = { split: label, backend: run.backend, metrics: m, ...extra };
    process.stdout.write(JSON.stringify({ ...out, ...(decoded ? { decoded } : {}) }, null, 2));
    process.stdout.write('\n');
    return;
  }
  const rows = metricColumns(Object.keys(m), loss).map((k) => [
    metricLabel(k, loss),
    (m[k] ?? NaN).toFixed(4),
  ]);
  if (decoded !== undefined) {
    rows.push(
      ['word_accuracy (greedy)', decoded.word_accuracy.toFixed(4)],
      ['phoneme_error_rate (greedy)', decoded.phoneme_error_rate.toFixed(4)],
    );
  }
  const note = decoded
    ? `\n(greedy: ${decoded.examples} examples decoded freely; the others are teacher-forced)`
    : '';
  process.stdout.write(formatTable(['metric', label], rows, ['left', 'right']) + note + '\n');
}

/** One line on stderr for the tokens of `file` the run's vocabulary lacks. */
function warnUnknown(unknown: UnknownCount, file: string): void {
  if (unknown.unknown === 0) return;
  const share = ((100 * unknown.unknown) / Math.max(1, unknown.tokens)).toFixed(1);
  process.stderr.write(
    `seqlab: warning: ${unknown.unknown} of ${unknown.tokens} tokens (${share}%) of ${file} ` +
      `are not in the run's vocabulary and were read as <unk>\n`,
  );
}
