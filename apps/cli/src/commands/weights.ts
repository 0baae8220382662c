/** `seqlab weights FILE|RUN|W.safetensors`: every parameter's PyTorch name and shape. */
import type { Command } from 'commander';
import { formatShape } from '@seqlab/ir';
import { collectSet, parseSets } from '../io/set-options.js';
import { formatCount, formatTable } from '../output/table.js';
import { isDirectory, loadModelSource } from '../interop/model-source.js';
import { readWeightTensors } from '../interop/weights-file.js';

interface WeightsOptions {
  model?: string;
  set?: string[];
  json?: boolean;
}

interface Row {
  readonly name: string;
  readonly shape: readonly number[];
}

function rowsOf(path: string, opts: WeightsOptions): Row[] {
  // A run's weights file is the truth about a run; a .seq file's parameters come from the IR.
  if (isDirectory(path) || path.endsWith('.safetensors')) {
    return readWeightTensors(path).tensors.map((t) => ({ name: t.name, shape: t.shape }));
  }
  const { module } = loadModelSource(path, {
    ...(opts.model !== undefined ? { model: opts.model } : {}),
    set: parseSets(opts.set),
  });
  return Object.values(module.params).map((p) => ({ name: p.name, shape: p.shape }));
}

/** Register `weights`. */
export function registerWeights(program: Command): void {
  program
    .command('weights')
    .description('list parameters with their PyTorch state_dict names and shapes')
    .argument('<source>', '.seq file, run directory or .safetensors file')
    .option('--model <name>', 'which model of the file (default: the first)')
    .option('--set <name=value>', 'override a hyperparameter (repeatable)', collectSet)
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ seqlab weights examples/names.seq
  $ seqlab weights runs/NameGender-20261125-101500
  $ seqlab weights model.safetensors --json

Names and layouts are PyTorch's: nn.Linear weight [out, in], nn.Conv1d weight
[out, in, kernel], nn.GRU weight_ih_l0 [3*hidden, in] (gates r, z, n), and so on.`,
    )
    .action((source: string, opts: WeightsOptions) => {
      const rows = rowsOf(source, opts);
      const count = (r: Row): number => r.shape.reduce((a, b) => a * b, 1);
      if (opts.json) {
        const json = rows.map((r) => ({ name: r.name, shape: r.shape, params: count(r) }));
        process.stdout.write(JSON.stringify(json, null, 2) + '\n');
        return;
      }
      const total = rows.reduce((s, r) => s + count(r), 0);
      const table = formatTable(
        ['name', 'shape', 'params'],
        rows.map((r) => [r.name, formatShape(r.shape), formatCount(count(r))]),
        ['left', 'left', 'right'],
        ['total', '', formatCount(total)],
      );
      process.stdout.write(table + '\n');
    });
}
