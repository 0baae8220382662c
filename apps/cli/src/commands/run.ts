/**
 * `seqlab run FILE.seq|RUN --weights W --input NAME=X.npy ... --output [NAME=]OUT.npy`:
 * inference on given tensors with given weights (e.g. trained in PyTorch). Missing, extra
 * or mis-shaped weights are errors naming the tensor and both shapes (exit 1).
 */
import type { Command } from 'commander';
import { setupBackend } from '@seqlab/backend-node';
import type { SetValue } from '@seqlab/compiler';
import { loadWeights, lowerModule } from '@seqlab/tfjs';
import { UsageError } from '../io/files.js';
import { collectSet, parseSets } from '../io/set-options.js';
import { buildFeeds, type NamedArray } from '../interop/feeds.js';
import {
  isDirectory,
  loadModelSource,
  runModule,
  type ModelSource,
} from '../interop/model-source.js';
import { readNpyFile, writeNpyFile } from '../interop/npy-files.js';
import { readWeightsBytes } from '../interop/weights-file.js';

interface RunOptions {
  weights?: string;
  input?: string[];
  lengths?: string[];
  output?: string[];
  model?: string;
  set?: string[];
  backend?: string;
}

/** `NAME=PATH` → [NAME, PATH]; a bare `PATH` → [undefined, PATH]. */
function splitSpec(spec: string): [string | undefined, string] {
  const eq = spec.indexOf('=');
  // A Windows drive or a path with '=' deeper in it is still a bare path.
  if (eq <= 0 || /[/\\]/.test(spec.slice(0, eq))) return [undefined, spec];
  return [spec.slice(0, eq), spec.slice(eq + 1)];
}

/**
 * Names each spec (NAME=PATH, or a bare PATH when `names` has exactly one) and checks the
 * name is one of `names` (`what`: "input", "output", "time axis").
 */
function nameSpecs(
  flag: string,
  specs: readonly string[],
  names: readonly string[],
  what: string,
): Map<string, string> {
  const out = new Map<string, string>();
  const known = names.length === 0 ? 'none' : names.join(', ');
  for (const spec of specs) {
    const [given, path] = splitSpec(spec);
    if (given === undefined && names.length !== 1) {
      throw new UsageError(`${flag} ${spec}: say which ${what}, NAME=PATH; the model has ${known}`);
    }
    const name = given ?? (names[0] as string);
    if (!names.includes(name)) {
      throw new UsageError(`${flag} ${name}: the model has no such ${what}; it has ${known}`);
    }
    if (out.has(name)) throw new UsageError(`${flag} ${name} is given twice`);
    out.set(name, path);
  }
  return out;
}

/** Reads the `.npy` file of every named spec. */
function readArrays(specs: ReadonlyMap<string, string>): Map<string, NamedArray> {
  return new Map([...specs].map(([name, path]) => [name, { path, array: readNpyFile(path) }]));
}

/**
 * The model to run. With a `.seq` file and a run's weights, the run's hyperparameters
 * (e.g. vocabulary sizes taken from its data) are the defaults, so the shapes line up.
 */
function modelFor(file: string, opts: RunOptions, set: Record<string, SetValue>): ModelSource {
  const base = { ...(opts.model !== undefined ? { model: opts.model } : {}) };
  const src = loadModelSource(file, { ...base, set });
  const w = opts.weights;
  if (src.runDir !== undefined || w === undefined || !isDirectory(w)) return src;
  const trained = runModule(w);
  if (trained.model !== src.module.model) return src;
  const merged: Record<string, SetValue> = {};
  for (const [k, v] of Object.entries(trained.hyperparameters)) {
    if (k in src.module.hyperparameters) merged[k] = v;
  }
  return loadModelSource(file, { ...base, set: { ...merged, ...set } });
}

/** The symbolic dims of an input other than the batch (`T`, `S`). */
function inputSymbols(m: ModelSource['module'], value: string): string[] {
  const shape = m.graph.values[value]?.type.shape ?? [];
  return shape.filter((d): d is string => typeof d === 'string' && d !== 'B');
}

/** An empty time axis has no step to read (`last` of nothing): refused, not answered with NaN. */
function requireSteps(m: ModelSource['module'], inputs: ReadonlyMap<string, NamedArray>): void {
  for (const port of m.inputs) {
    const item = inputs.get(port.name);
    const shape = m.graph.values[port.value]?.type.shape ?? [];
    if (item === undefined || item.array.shape.length !== shape.length) continue;
    shape.forEach((d, i) => {
      if (typeof d === 'string' && d !== 'B' && item.array.shape[i] === 0) {
        throw new UsageError(
          `${item.path}: input ${port.name} has 0 steps along ${d}; a sequence needs at least one`,
        );
      }
    });
  }
}

function describeOutput(name: string, shape: readonly number[], data: Float32Array): string {
  const values = Array.from(data);
  const head = `${name}: (${shape.join(', ')})`;
  if (values.length <= 12) return `${head} [${values.map((v) => v.toPrecision(6)).join(', ')}]`;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return `${head} min ${Math.min(...values).toPrecision(6)} max ${Math.max(...values).toPrecision(6)} mean ${mean.toPrecision(6)}`;
}

/** Register `run`. */
export function registerRun(program: Command, setExit: (code: number) => void): void {
  program
    .command('run')
    .description('run a model on .npy inputs with given weights; write its outputs as .npy')
    .argument('<source>', '.seq file or run directory')
    .option('--weights <file|run>', 'weights: a .safetensors file or a run directory')
    .option(
      '--input <name=file.npy>',
      'an input (float32, or int32/int64 token ids); repeatable',
      collectSet,
    )
    .option(
      '--lengths <symbol=file.npy>',
      'sequence lengths along a time axis, e.g. T=len.npy',
      collectSet,
    )
    .option(
      '--output <[name=]file.npy>',
      'where to write an output (float32); repeatable',
      collectSet,
    )
    .option('--model <name>', 'which model of the file (default: the first)')
    .option('--set <name=value>', 'override a hyperparameter (repeatable)', collectSet)
    .option('--backend <name>', 'tfjs backend: tfjs-node-gpu, tfjs-node, wasm, cpu or auto', 'auto')
    .addHelpText(
      'after',
      `
Examples:
  $ seqlab run examples/rnn-classifier.seq --weights trained.safetensors \\
      --input x=x.npy --output logits.npy
  $ seqlab run examples/names.seq --weights runs/NameGender-20261125-101500 \\
      --input name=ids.npy --lengths T=len.npy --output logits=out.npy
  $ seqlab run runs/NameGender-20261125-101500 --input ids.npy

Without --lengths every sequence is full length. Without --output the outputs' shapes and
values (or their range) are printed.`,
    )
    .action(async (file: string, opts: RunOptions) => setExit(await runModel(file, opts)));
}

/** `seqlab run SOURCE ...`: the exit code (problems printed). */
async function runModel(file: string, opts: RunOptions): Promise<number> {
  const src = modelFor(file, opts, parseSets(opts.set));
  const m = src.module;
  const weightsArg = opts.weights ?? src.runDir;
  if (weightsArg === undefined)
    throw new UsageError('--weights FILE.safetensors (or a run directory) is required');
  const { path: wPath, bytes } = readWeightsBytes(weightsArg);
  const inputNames = m.inputs.map((p) => p.name);
  const inputs = readArrays(nameSpecs('--input', opts.input ?? [], inputNames, 'input'));
  requireSteps(m, inputs);
  // Any symbolic dim may be named; buildFeeds says when a layer never masks along it.
  const symbols = [...new Set(m.inputs.flatMap((p) => inputSymbols(m, p.value)))];
  const lengths = readArrays(nameSpecs('--lengths', opts.lengths ?? [], symbols, 'time axis'));
  const outputNames = m.outputs.map((p) => p.name);
  const outputs = nameSpecs('--output', opts.output ?? [], outputNames, 'output');

  const ready = await setupBackend(opts.backend);
  if (!ready.ok) throw new UsageError(ready.message);
  const { tf } = ready;
  const model = lowerModule(m, { tf });
  try {
    const problems = loadWeights(model, bytes);
    if (problems.length > 0) {
      process.stderr.write(problems.map((p) => `${wPath}: ${p}\n`).join(''));
      if (problems.some((p) => p.includes('has shape'))) {
        process.stderr.write('hint: weights made with other hyperparameters need --set\n');
      }
      return 1;
    }
    const feeds = buildFeeds(tf, m, inputs, lengths);
    const result = model.forward(feeds);
    const lines: string[] = [];
    for (const port of m.outputs) {
      const t = result[port.name];
      if (t === undefined) continue;
      const data = Float32Array.from(await t.data());
      const path = outputs.get(port.name);
      if (path !== undefined) writeNpyFile(path, t.shape, data);
      else if (outputs.size === 0) lines.push(describeOutput(port.name, t.shape, data));
    }
    tf.dispose([
      ...Object.values(result),
      ...Object.values(feeds.inputs),
      ...Object.values(feeds.lengths ?? {}),
    ]);
    if (lines.length > 0) process.stdout.write(lines.join('\n') + '\n');
    return 0;
  } finally {
    model.dispose();
  }
}
