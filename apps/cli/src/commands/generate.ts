/** `seqlab generate RUN`: sample text from a trained language model. */
import type { Command } from 'commander';
import { mulberry32 } from '@seqlab/data';
import { UsageError } from '../io/files.js';
import { generate } from '../training/inference.js';
import { loadRun } from '../training/load-run.js';
import { wholeNumber } from '../io/numbers.js';

interface GenerateOptions {
  prime?: string;
  length?: string;
  temperature?: string;
  seed?: string;
  backend?: string;
}

/** Register `generate`. */
export function registerGenerate(program: Command): void {
  program
    .command('generate')
    .description('sample text from a trained language model')
    .argument('<run>', 'run directory of a language model (e.g. examples/charlm.seq)')
    .option('--prime <text>', 'text to start from', '')
    .option('--length <n>', 'tokens to generate', '200')
    .option('--temperature <t>', 'sampling temperature: < 1 is safer, > 1 wilder', '0.8')
    .option('--seed <n>', 'seed of the sampler', '0')
    .option('--backend <name>', 'tfjs backend', 'auto')
    .addHelpText(
      'after',
      `
Examples:
  $ seqlab generate runs/CharLM-20261125-120000 --prime "the jury" --length 300
  $ seqlab generate runs/charlm --temperature 0.5 --seed 7`,
    )
    .action(async (dir: string, opts: GenerateOptions) => {
      const length = wholeNumber('--length', opts.length ?? NaN, 1);
      const temperature = Number(opts.temperature);
      if (!(temperature > 0))
        throw new UsageError(`--temperature ${opts.temperature}: give a number above 0`);
      const run = await loadRun(dir, opts.backend);
      try {
        if (run.config.data.task !== 'lm') {
          throw new UsageError(
            `generate needs a language model; this run is a ${run.config.data.task} model (use seqlab predict)`,
          );
        }
        const text = generate(
          run,
          opts.prime ?? '',
          length,
          temperature,
          mulberry32(Number(opts.seed) || 0),
        );
        process.stdout.write(text + '\n');
      } finally {
        run.model.dispose();
      }
    });
}
