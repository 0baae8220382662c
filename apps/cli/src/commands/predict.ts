/** `seqlab predict RUN --input TEXT|FILE`: use a trained model on new input. */
import { existsSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { UsageError } from '../io/files.js';
import { classify, decodeGreedy, tag } from '../training/inference.js';
import { loadRun, type LoadedRun } from '../training/load-run.js';

interface PredictOptions {
  input?: string;
  backend?: string;
  top?: string;
  json?: boolean;
}

function predictOne(run: LoadedRun, text: string, top: number): { text: string; json: unknown } {
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
      throw new UsageError(
        `predict handles classifiers, taggers and encoder-decoders; this run is a ${run.config.data.task} model (use seqlab generate for language models)`,
      );
  }
}

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
  $ seqlab predict runs/g2p --input names.txt --json`,
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
        const results = lines.map((l) => predictOne(run, l, top));
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

/**
 * Whether `text` reads like a file path (a folder separator, or a data-file extension), so a
 * mistyped path is not classified as if it were the input text without a word.
 */
export function looksLikePath(text: string): boolean {
  if (/\s/.test(text.trim())) return false;
  return /[\\/]/.test(text) || /\.(txt|csv|tsv|jsonl|ndjson|json|npy)$/i.test(text);
}
