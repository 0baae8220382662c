/** `seqlab eval RUN [--data ...]`: metrics of a trained model on its test split. */
import type { Command } from 'commander';
import type { TrainSpec } from '@seqlab/compiler';
import { bindDataset, TrainingSession, type MetricName } from '@seqlab/tfjs';
import { UsageError } from '../io/files.js';
import { formatTable } from '../output/table.js';
import { printDataDiagnostics } from '../training/data-diagnostics.js';
import { dataRef, loadData, type DataRef } from '../training/load-data.js';
import { loadRun } from '../training/load-run.js';
import { loadWeights } from '@seqlab/tfjs';
import { readBytes } from '../training/run-dir.js';

interface EvalOptions {
  data?: string;
  split?: string;
  backend?: string;
  json?: boolean;
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
    .addHelpText(
      'after',
      `
Examples:
  $ seqlab eval runs/NameGender-20261125-101500
  $ seqlab eval runs/tagger --split valid --json`,
    )
    .action(async (dir: string, opts: EvalOptions) => {
      const split = opts.split ?? 'test';
      if (split !== 'train' && split !== 'valid' && split !== 'test') {
        throw new UsageError(`--split ${split}: choose train, valid or test`);
      }
      const run = await loadRun(dir, opts.backend);
      run.model.dispose();
      const ref: DataRef =
        opts.data === undefined
          ? (run.config.data.ref as DataRef)
          : dataRef(opts.data, undefined as TrainSpec | undefined);
      const loaded = loadData(ref);
      if ('diagnostics' in loaded) {
        printDataDiagnostics(loaded.diagnostics);
        setExit(1);
        return;
      }
      const ds = loaded.dataset;
      for (const f of ds.fields) {
        const saved = run.vocabs.get(f.name);
        if (saved && f.vocab && saved.tokens.join('\u0000') !== f.vocab.tokens.join('\u0000')) {
          throw new UsageError(
            `${ds.name}.${f.name}: its vocabulary differs from the one the run was trained with`,
          );
        }
      }
      const bound = bindDataset(run.module, ds);
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
        process.stdout.write(
          opts.json
            ? JSON.stringify({ split, backend: run.backend, metrics: m }, null, 2) + '\n'
            : formatTable(
                ['metric', split],
                Object.entries(m).map(([k, v]) => [k, v.toFixed(4)]),
                ['left', 'right'],
              ) + '\n',
        );
      } finally {
        session.dispose();
      }
    });
}
