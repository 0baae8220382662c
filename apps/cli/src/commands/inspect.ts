/**
 * `seqlab inspect FILE|RUN`: the layer table (shapes, parameters, receptive fields) or JSON.
 * With `--data` (or a trained run) the sizes the data decides (vocabularies) are bound as
 * training binds them, so the parameter count is the one that trains.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import {
  analyzeModule,
  formatShape,
  moduleFromJson,
  moduleToJson,
  type IrModule,
  type ModuleReport,
} from '@seqlab/ir';
import { readText, UsageError } from '../io/files.js';
import { collectSet, parseSets } from '../io/set-options.js';
import { formatCount, formatTable } from '../output/table.js';
import { collectDataOpt } from '../training/read-options.js';
import { compileWithData } from '../training/prepare-model.js';
import { CompileFailed, compileFile } from './compile-file.js';

interface InspectOptions {
  model?: string;
  set?: string[];
  json?: boolean;
  ir?: boolean;
  /** A data set or file; `true` (a bare `--data`): the train block's. */
  data?: string | true;
  dataOpt?: string[];
}

/** The `--json` form of a report (snake_case keys, symbolic dims as strings). */
export function reportJson(r: ModuleReport): unknown {
  return {
    model: r.model,
    inputs: r.inputs.map((i) => ({
      name: i.name,
      shape: i.shape,
      dtype: i.dtype,
      ...(i.vocab !== undefined ? { vocab: i.vocab } : {}),
    })),
    outputs: r.outputs.map((o) => ({ name: o.name, shape: o.shape, dtype: o.dtype })),
    layers: r.layers.map((l) => ({
      name: l.name,
      op: l.op,
      output_shape: l.outputShape,
      params: l.params,
      flops_per_step: l.flopsPerStep,
      ...(l.receptiveField !== undefined ? { receptive_field: l.receptiveField } : {}),
      ...(l.stateSize !== undefined ? { state_size: l.stateSize } : {}),
      ...(l.cell !== undefined ? { cell: l.cell } : {}),
    })),
    total_params: r.totalParams,
    total_flops_per_step: r.totalFlopsPerStep,
    ...(r.receptiveField !== undefined ? { receptive_field: r.receptiveField } : {}),
  };
}

/** The op column: a user cell shows its name (`scan Elman`). */
function opText(l: ModuleReport['layers'][number]): string {
  return l.cell ? `scan ${l.cell}` : l.op;
}

/** The human-readable report: inputs, the layer table with totals, outputs. */
export function reportText(r: ModuleReport): string {
  const showRf = r.layers.some((l) => typeof l.receptiveField === 'number' && l.receptiveField > 1);
  const showState = r.layers.some((l) => l.stateSize !== undefined);
  const header = ['layer', 'op', 'output shape', 'params', 'flops/step'];
  if (showRf) header.push('receptive field');
  if (showState) header.push('state');
  const rows = r.layers.map((l) => {
    const row = [
      l.name,
      opText(l),
      formatShape(l.outputShape),
      formatCount(l.params),
      formatCount(l.flopsPerStep),
    ];
    if (showRf) row.push(l.receptiveField === undefined ? '' : String(l.receptiveField));
    if (showState) row.push(l.stateSize === undefined ? '' : formatCount(l.stateSize));
    return row;
  });
  const footer = ['total', '', '', formatCount(r.totalParams), formatCount(r.totalFlopsPerStep)];
  if (showRf) footer.push(r.receptiveField === undefined ? '' : String(r.receptiveField));
  if (showState) footer.push('');
  const align = header.map(
    (h) =>
      (['params', 'flops/step', 'receptive field', 'state'].includes(h) ? 'right' : 'left') as
        'left' | 'right',
  );
  const inputs = r.inputs.map(
    (i) =>
      `  ${i.name}: ${formatShape(i.shape)} ${i.dtype === 'int32' ? `int < ${i.vocab ?? '?'}` : 'float'}`,
  );
  const outputs = r.outputs.map((o) => `  ${o.name}: ${formatShape(o.shape)}`);
  return [
    `model ${r.model}`,
    'inputs',
    ...inputs,
    '',
    formatTable(header, rows, align, footer),
    '',
    'outputs',
    ...outputs,
  ].join('\n');
}

/** Register `inspect`. */
export function registerInspect(program: Command): void {
  program
    .command('inspect')
    .description(
      'show each layer: output shape, parameter count, FLOPs, receptive field, state size',
    )
    .argument('<file>', '.seq file, or a run directory made by seqlab train')
    .option('--model <name>', 'which model of the file (default: the first)')
    .option('--set <name=value>', 'override a hyperparameter (repeatable)', collectSet)
    .option(
      '--data [name|path]',
      "bind the sizes the data decides (vocabularies), as train does; alone: the train block's data",
    )
    .option('--data-opt <name=value>', 'a reader option for --data (repeatable)', collectDataOpt)
    .option('--json', 'print the report as JSON')
    .option('--ir', 'print the compiled IR as JSON instead')
    .addHelpText(
      'after',
      `
Examples:
  $ seqlab inspect examples/names.seq
  $ seqlab inspect examples/stacked-rnn.seq --set hidden=32 --json
  $ seqlab inspect examples/data/reviews.seq --data
  $ seqlab inspect runs/Reviews-20261204-101500

Parameter counts equal PyTorch's for the equivalent modules (nn.RNN/LSTM/GRU count both
bias vectors). Symbolic dims (B, T) stay symbolic. A vocabulary size the data decides
(\`input words: [B, T] int < vocab\`) is the default in the file until --data (or a trained
run) gives the real one.`,
    )
    .action((file: string, opts: InspectOptions) => {
      const module = inspectedModule(file, opts);
      if (opts.ir) {
        process.stdout.write(moduleToJson(module) + '\n');
        return;
      }
      const report = analyzeModule(module);
      process.stdout.write(
        opts.json ? JSON.stringify(reportJson(report), null, 2) + '\n' : reportText(report) + '\n',
      );
    });
}

/**
 * The module to report: a run's trained IR (its sizes bound by its data), the file compiled
 * with its data's sizes (`--data`), or the file as written.
 */
function inspectedModule(file: string, opts: InspectOptions): IrModule {
  const set = parseSets(opts.set);
  const model = opts.model !== undefined ? { model: opts.model } : {};
  if (existsSync(file) && statSync(file).isDirectory()) {
    const path = join(file, 'model.ir.json');
    if (!existsSync(path)) throw new UsageError(`${file}: not a seqlab run (no model.ir.json)`);
    const ir = moduleFromJson(readText(path));
    if (!ir.ok) throw new UsageError(`${path}: ${ir.error}`);
    return ir.module;
  }
  if (opts.data === undefined) {
    if (opts.dataOpt?.length) throw new UsageError('--data-opt needs --data');
    return compileFile(file, { ...model, set }).module;
  }
  const bound = compileWithData({
    file,
    model: opts.model,
    set,
    ref: undefined,
    data: opts.data === true ? undefined : opts.data,
    dataOpts: opts.dataOpt,
    limit: undefined,
  });
  if (bound === 1) throw new CompileFailed();
  for (const note of bound.notes) process.stderr.write(`data: ${note}\n`);
  return bound.module;
}
