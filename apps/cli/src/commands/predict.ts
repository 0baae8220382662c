/** `seqlab predict RUN --input TEXT|FILE`: use a trained model on new input. */
import { existsSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { UsageError } from '../io/files.js';
import { classify, decodeGreedy, encodeText, tag } from '../training/inference.js';
import { loadRun, type LoadedRun } from '../training/load-run.js';

interface PredictOptions {
  input?: string;
  backend?: string;
  top?: string;
  json?: boolean;
}

/** The tokens of one input, and those the run's vocabulary lacks. */
interface Seen {
  readonly tokens: readonly string[];
  readonly unknown: readonly string[];
}

interface Prediction {
  readonly text: string;
  readonly json: Record<string, unknown>;
}

/**
 * One input's prediction, with the tokens the model saw (read as training read its data)
 * and those it did not know (`<unk>`).
 */
function predictOne(run: LoadedRun, text: string, top: number): Prediction & Seen {
  const { tokens, unknown } = encodeText(run, text);
  const p = predictTask(run, text, top);
  return { ...p, json: { ...p.json, tokens, unknown }, tokens, unknown };
}

function predictTask(run: LoadedRun, text: string, top: number): Prediction {
  switch (run.config.data.task) {
    case 'classify': {
      const ranked = classify(run, text).slice(0, top);
      const line = ranked.map((r) => `${r.label} ${r.p.toFixed(3)}`).join('  ');
      return { text: `${text}: ${line}`, json: { input: text, classes: ranked } };
    }
    case 'tag': {
      const tags = tag(run, text);
      return {
        text: tags.map((t) => `${t.token}/${t.tag}`).join(' '),
        json: { input: text, tags },
      };
    }
    case 'seq2seq': {
      const out = decodeGreedy(run, text);
      return { text: `${text}: ${out.join(' ')}`, json: { input: text, output: out } };
    }
    default:
      throw notPredictable(run);
  }
}

/**
 * Why `predict` does not take this run, and what does: `generate` samples from a language
 * model; a regression model (float inputs, no vocabulary) is scored on a file by `eval`.
 */
function notPredictable(run: LoadedRun): UsageError {
  const task = run.config.data.task;
  const instead =
    task === 'regress'
      ? `this run is a regression model (loss = mse); score it on a file of examples with ` +
        `seqlab eval ${run.dir} --data FILE`
      : task === 'lm'
        ? `this run is a language model; sample from it with seqlab generate ${run.dir}`
        : `this run is a ${task} model`;
  return new UsageError(`predict handles classifiers, taggers and encoder-decoders; ${instead}`);
}

const PREDICTABLE: ReadonlySet<string> = new Set(['classify', 'tag', 'seq2seq']);

/** Register `predict`. */
export function registerPredict(program: Command): void {
  program
    .command('predict')
    .description(
      'run a trained model on new input: class probabilities, tags, or a decoded sequence',
    )
    .argument('<run>', 'run directory made by seqlab train')
    .requiredOption('--input <text|file>', 'the input text, or a file with one input per line')
    .option('--backend <name>', 'tfjs backend', 'auto')
    .option('--top <k>', 'classes to show', '3')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ seqlab predict runs/NameGender-20261125-101500 --input maria
  $ seqlab predict runs/tagger --input "the jury said it did"
  $ seqlab predict runs/g2p --input names.txt --json

The input is read as the run read its training data: its reader's unit (characters or
words), lowercase and max_len, from the run's config.json. Tokens the run never saw are
read as <unk>; a warning names them, and --json lists each input's tokens and unknown ones.
predict takes classifiers, taggers and encoder-decoders. Sample from a language model with
seqlab generate RUN; score a regression model (loss = mse) with seqlab eval RUN --data FILE.`,
    )
    .action(async (dir: string, opts: PredictOptions) => {
      const input = opts.input ?? '';
      if (!existsSync(input) && looksLikePath(input)) {
        process.stderr.write(
          `seqlab: warning: --input ${input} looks like a file path but there is no such file; ` +
            'predicting on the text itself\n',
        );
      }
      const lines = existsSync(input)
        ? readFileSync(input, 'utf8')
            .split('\n')
            .map((l) => l.trim())
            .filter((l) => l !== '')
        : [input];
      const top = Math.max(1, Number(opts.top) || 3);
      const run = await loadRun(dir, opts.backend);
      try {
        // Before any input is read: a regression run has no vocabulary to read text with.
        if (!PREDICTABLE.has(run.config.data.task)) throw notPredictable(run);
        const results = lines.map((l) => predictOne(run, l, top));
        warnUnknown(results);
        process.stdout.write(
          opts.json
            ? JSON.stringify(
                results.map((r) => r.json),
                null,
                2,
              ) + '\n'
            : results.map((r) => r.text).join('\n') + '\n',
        );
      } finally {
        run.model.dispose();
      }
    });
}

/** One warning line for the tokens the run's vocabulary lacks, over every input. */
function warnUnknown(results: readonly Seen[]): void {
  const unknown = results.flatMap((r) => r.unknown);
  if (unknown.length === 0) return;
  const total = results.reduce((n, r) => n + r.tokens.length, 0);
  const distinct = [...new Set(unknown)];
  const shown = distinct.slice(0, 10).map((t) => JSON.stringify(t));
  const more = distinct.length > shown.length ? ', ...' : '';
  const inputs = results.length > 1 ? ` (${results.length} inputs)` : '';
  process.stderr.write(
    `seqlab: warning: ${unknown.length} of ${total} input tokens${inputs} are not in the ` +
      `run's vocabulary and were read as <unk>: ${shown.join(', ')}${more}\n`,
  );
}

/**
 * Whether `text` reads like a file path (a folder separator, or a data-file extension), so a
 * mistyped path is not classified as if it were the input text without a word.
 */
export function looksLikePath(text: string): boolean {
  if (/\s/.test(text.trim())) return false;
  return /[\\/]/.test(text) || /\.(txt|csv|tsv|jsonl|ndjson|json|npy)$/i.test(text);
}
