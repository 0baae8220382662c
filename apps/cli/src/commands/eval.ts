/** `seqlab eval RUN [--data ...]`: metrics of a trained model on its test split. */
import type { Command } from 'commander';
import { bindDataset, TrainingSession, type MetricName } from '@seqlab/tfjs';
import { UsageError } from '../io/files.js';
import { formatTable } from '../output/table.js';
import { printDataDiagnostics } from '../training/data-diagnostics.js';
import { loadRunData, runLoss } from '../training/load-data.js';
import { metricColumns, metricLabel } from '../training/run-messages.js';
import { loadRun } from '../training/load-run.js';
import { loadWeights } from '@seqlab/tfjs';
import { readBytes } from '../training/run-dir.js';
import { evaluateDecoded, type DecodedScores } from '../training/decode-eval.js';
import { optionalWholeNumber } from '../io/numbers.js';

interface EvalOptions {
  data?: string;
  split?: string;
  backend?: string;
  json?: boolean;
  decode?: string;
  limit?: string;
}

/** Register `eval`. */
export function registerEval(program: Command, setExit: (code: number) => void): void {
  program
    .command('eval')
    .description("evaluate a trained run on a data set's split (default: its own test split)")
    .argument('<run>', 'run directory made by seqlab train')
    .option('--data <name|path>', 'data set (default: the one it was trained on)')
    .option('--split <split>', 'train, valid or test', 'test')
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
  $ seqlab eval runs/G2P-20261125-031000 --decode greedy

An encoder-decoder's metrics are teacher-forced: each step sees the true previous token.
--decode greedy feeds the model its own previous output instead, as seqlab predict does.`,
    )
    .action(async (dir: string, opts: EvalOptions) => {
      const split = opts.split ?? 'test';
      if (split !== 'train' && split !== 'valid' && split !== 'test') {
        throw new UsageError(`--split ${split}: choose train, valid or test`);
      }
      if (opts.decode !== undefined && opts.decode !== 'greedy') {
        throw new UsageError(`--decode ${opts.decode}: only greedy decoding is implemented`);
      }
      const limit = optionalWholeNumber('--limit', opts.limit, 1);
      const run = await loadRun(dir, opts.backend);
      // The run's own data as it trained (its loss, its --limit sample), or --data whole.
      const loaded = loadRunData(run.config, opts.data);
      if ('diagnostics' in loaded) {
        printDataDiagnostics(loaded.diagnostics);
        setExit(1);
        return;
      }
      const ds = loaded.dataset;
      // Metrics of no examples are NaN: say so instead of printing them.
      if (ds.splits[split].length === 0) {
        throw new UsageError(`${ds.name}: the ${split} split is empty; choose another --split`);
      }
      let decoded: DecodedScores | undefined;
      try {
        if (opts.decode === 'greedy') {
          decoded = evaluateDecoded(run, ds, split, limit === undefined ? {} : { limit });
        }
      } finally {
        run.model.dispose();
      }
      for (const f of ds.fields) {
        const saved = run.vocabs.get(f.name);
        if (saved && f.vocab && saved.tokens.join('\u0000') !== f.vocab.tokens.join('\u0000')) {
          throw new UsageError(
            `${ds.name}.${f.name}: its vocabulary differs from the one the run was trained with`,
          );
        }
      }
      const bound = bindDataset(run.module, ds, runLoss(run.config));
      if (!bound.ok) throw new UsageError(bound.problems.join('; '));
      const session = new TrainingSession({
        module: run.module,
        dataset: ds,
        binding: bound.binding,
        tf: run.tf,
        seed: run.config.seed,
        batchSize: run.config.batch,
        train: { optimizer: { kind: 'sgd', lr: 0 } },
        metrics: run.config.metrics as MetricName[],
      });
      try {
        const problems = loadWeights(session.model, readBytes(dir, 'weights.safetensors'));
        if (problems.length) throw new UsageError(problems.join('; '));
        const m = session.evaluate(split);
        const loss = bound.binding.loss;
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
        process.stdout.write(
          opts.json
            ? JSON.stringify(
                { split, backend: run.backend, metrics: m, ...(decoded ? { decoded } : {}) },
                null,
                2,
              ) + '\n'
            : formatTable(['metric', split], rows, ['left', 'right']) +
                (decoded
                  ? `\n(greedy: ${decoded.examples} examples decoded freely; the others are teacher-forced)`
                  : '') +
                '\n',
        );
      } finally {
        session.dispose();
      }
    });
}
