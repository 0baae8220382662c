/**
 * `seqlab export FILE|RUN --to safetensors|pytorch`: the weights as safetensors with PyTorch
 * state_dict names (freshly initialised from `--seed` for a file, the trained ones for a
 * run), or the model as a readable PyTorch module that loads those weights unchanged.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { setupBackend } from '@seqlab/backend-node';
import { exportPytorch } from '@seqlab/export-pytorch';
import { lowerModule, saveWeights } from '@seqlab/tfjs';
import { UsageError } from '../io/files.js';
import { collectSet, parseSets } from '../io/set-options.js';
import { loadModelSource, type ModelSource } from '../interop/model-source.js';
import { weightsPath } from '../interop/weights-file.js';
import { writeFileAtomic } from '../interop/write-bytes.js';
import { MAX_SEED, optionalWholeNumber } from '../io/numbers.js';

interface ExportOptions {
  to?: string;
  out?: string;
  seed?: string;
  model?: string;
  set?: string[];
}

const seedOf = (text: string | undefined): number =>
  optionalWholeNumber('--seed', text, 0, MAX_SEED) ?? 0;

async function safetensors(src: ModelSource, opts: ExportOptions): Promise<Uint8Array> {
  if (src.runDir !== undefined) {
    if (opts.seed !== undefined) {
      throw new UsageError(`--seed applies to .seq files; ${src.label} has trained weights`);
    }
    return new Uint8Array(readFileSync(weightsPath(src.runDir)));
  }
  const seed = seedOf(opts.seed);
  // Initial values come from seqlab's own seeded generator, so any backend gives the same bytes.
  const ready = await setupBackend('cpu');
  if (!ready.ok) throw new UsageError(ready.message);
  const model = lowerModule(src.module, { tf: ready.tf, seed });
  try {
    return await saveWeights(model, { seqlab_model: src.module.model, seqlab_seed: String(seed) });
  } finally {
    model.dispose();
  }
}

/** Register `export`. */
export function registerExport(program: Command): void {
  program
    .command('export')
    .description('export weights as safetensors, or the model as a PyTorch module')
    .argument('<source>', '.seq file or run directory')
    .requiredOption('--to <format>', 'safetensors or pytorch')
    .option('-o, --out <file>', 'output file (pytorch: default stdout)')
    .option('--seed <n>', 'seed of the initial weights of a .seq file (default 0)')
    .option('--model <name>', 'which model of the file (default: the first)')
    .option('--set <name=value>', 'override a hyperparameter (repeatable)', collectSet)
    .addHelpText(
      'after',
      `
Examples:
  $ seqlab export examples/names.seq --to safetensors --seed 0 -o names.safetensors
  $ seqlab export examples/names.seq --to pytorch -o names.py
  $ seqlab export runs/NameGender-20261125-101500 --to pytorch -o names.py

In Python:  model = build_model(); model.load_state_dict(load_safetensors("names.safetensors"))`,
    )
    .action(async (source: string, opts: ExportOptions) => {
      const src = loadModelSource(source, {
        ...(opts.model !== undefined ? { model: opts.model } : {}),
        set: parseSets(opts.set),
      });
      if (opts.to === 'safetensors') {
        if (opts.out === undefined)
          throw new UsageError('--to safetensors needs -o FILE.safetensors');
        writeFileAtomic(opts.out, await safetensors(src, opts));
        process.stderr.write(
          `wrote ${opts.out} (${Object.keys(src.module.params).length} tensors)\n`,
        );
        return;
      }
      if (opts.to !== 'pytorch')
        throw new UsageError(`--to ${opts.to}: choose safetensors or pytorch`);
      if (opts.seed !== undefined) throw new UsageError('--seed applies to --to safetensors only');
      const result = exportPytorch(src.module, { source: src.label });
      if (!result.ok)
        throw new UsageError(`${src.label}: cannot export to PyTorch: ${result.error}`);
      if (opts.out === undefined) {
        process.stdout.write(result.code);
        return;
      }
      writeFileAtomic(opts.out, result.code);
      process.stderr.write(
        `wrote ${opts.out} (class ${result.className}; build_model() makes one)\n`,
      );
    });
}
