/**
 * One conformance run checked from the fixture's contents rather than its paths: compile the
 * model, load PyTorch's weights, run the forward pass on the fixture's inputs and lengths,
 * and take the gradients of the fixed loss with `tf.variableGrads` (inputs are variables
 * too). Returns the worst output and gradient errors against PyTorch's answers. No file
 * access, so the same code runs in Node (check-case.ts reads the files, reads results back
 * with dataSync) and in a browser page (browser/page fetches them and reads back with
 * `data()`, because webgpu's synchronous read is a slow canvas round trip).
 */
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import { compile } from '@seqlab/compiler';
import {
  loadWeights,
  lowerModule,
  type LowerOptions,
  type NamedTensor,
  type Tf,
} from '@seqlab/tfjs';
import { lossWeights, type CaseEntry, type RunEntry } from './fixture-format.js';

/** Worst errors of one run, and where they happened. */
export interface RunResult {
  /** max |seqlab - torch| over every output element. */
  readonly outputError: number;
  /**
   * max |seqlab - torch| / max(1, |torch|): the absolute error for values up to 1, the
   * relative one above (a float32 sum of 200 steps is ~75 and rounds at ~1e-5 absolute).
   */
  readonly outputScaledError: number;
  readonly worstOutput: string;
  /** max over gradient tensors of max |seqlab - torch| / max(max |torch|, 1e-6). */
  readonly gradError: number;
  readonly worstGrad: string;
}

/** What one run needs from the fixture folder, already read. */
export interface RunFiles {
  /** The case's `model.seq` and the path diagnostics name. */
  readonly source: { readonly path: string; readonly text: string };
  /** `weights.safetensors`. */
  readonly weights: Uint8Array;
  /** The run file's tensors by name (`input/x`, `lengths/T`, `output/y`, `grad/...`). */
  readonly tensors: ReadonlyMap<string, NamedTensor>;
}

/** The recurrences' gradient and the kernels (default: what seqlab uses). */
export type RunLowering = Pick<LowerOptions, 'rnnGradient' | 'kernels'>;

/** A fixture tensor by name; throws if the run file lacks it. */
type Lookup = (name: string) => NamedTensor;

/** A computed run: its outputs and gradients, still on the backend. */
interface Computed {
  readonly outputs: Record<string, Tensor>;
  /** Every tensor whose gradient is compared, labelled as in the fixture. */
  readonly wrt: readonly [string, Variable][];
  readonly grads: Record<string, Tensor>;
  dispose(): void;
}

/** A computed run read back: outputs by name, gradients by fixture label. */
interface ReadBack {
  readonly outputs: ReadonlyMap<string, { shape: readonly number[]; data: ArrayLike<number> }>;
  readonly grads: ReadonlyMap<string, ArrayLike<number>>;
}

let inputCounter = 0;

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] ?? 0) - (b[i] ?? 0)));
  return worst;
}

function maxScaledDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const want = b[i] ?? 0;
    worst = Math.max(worst, Math.abs((a[i] ?? 0) - want) / Math.max(1, Math.abs(want)));
  }
  return worst;
}

function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] ?? 0));
  return m;
}

/**
 * The model's inputs from the fixture: int64 ids as int32 tensors, floats as variables (their
 * gradients are checked too). Returns them with every tensor whose gradient is compared,
 * labelled as in the fixture; records what it creates in `created`.
 */
function feedInputs(
  tf: Tf,
  c: CaseEntry,
  tensor: Lookup,
  variables: ReadonlyMap<string, Variable>,
  created: Tensor[],
): { inputs: Record<string, Tensor>; wrt: [string, Variable][] } {
  const inputs: Record<string, Tensor> = {};
  const wrt: [string, Variable][] = [...variables].map(([n, v]) => [`grad/${n}`, v]);
  for (const input of c.inputs) {
    const t = tensor(`input/${input.name}`);
    if (input.dtype === 'int64') {
      inputs[input.name] = tf.tensor(Int32Array.from(t.data), [...t.shape], 'int32');
    } else {
      const value = tf.tensor(t.data, [...t.shape], 'float32');
      const v = tf.variable(value, true, `conformance_input_${inputCounter++}`);
      value.dispose();
      inputs[input.name] = v;
      wrt.push([`grad/input:${input.name}`, v]);
    }
    created.push(inputs[input.name] as Tensor);
  }
  return { inputs, wrt };
}

/** The worst output errors; a wrong shape is an infinite error, and says so. */
function compareOutputs(
  c: CaseEntry,
  got: ReadBack['outputs'],
  tensor: Lookup,
): Pick<RunResult, 'outputError' | 'outputScaledError' | 'worstOutput'> {
  let outputError = 0;
  let outputScaledError = 0;
  let worstOutput = '';
  for (const name of c.outputs) {
    const want = tensor(`output/${name}`);
    const out = got.get(name);
    const shapeOk = out !== undefined && out.shape.join() === want.shape.join();
    const err = shapeOk ? maxAbsDiff(out.data, want.data) : Infinity;
    const scaled = shapeOk ? maxScaledDiff(out.data, want.data) : Infinity;
    outputScaledError = Math.max(outputScaledError, scaled);
    if (err > outputError || !shapeOk) {
      outputError = err;
      worstOutput = shapeOk
        ? name
        : `${name} shape [${out?.shape.join(', ')}] vs [${want.shape.join(', ')}]`;
    }
  }
  return { outputError, outputScaledError, worstOutput };
}

/** The worst gradient error, each relative to the largest |torch| of its tensor. */
function compareGrads(
  labels: readonly string[],
  got: ReadBack['grads'],
  tensor: Lookup,
): Pick<RunResult, 'gradError' | 'worstGrad'> {
  let gradError = 0;
  let worstGrad = '';
  for (const label of labels) {
    const want = tensor(label);
    const g = got.get(label);
    const err =
      g === undefined ? Infinity : maxAbsDiff(g, want.data) / Math.max(maxAbs(want.data), 1e-6);
    if (err > gradError) {
      gradError = err;
      worstGrad = label;
    }
  }
  return { gradError, worstGrad };
}

/** The forward pass and the loss's gradients; `created` collects what to dispose. */
function forwardAndGrads(
  tf: Tf,
  c: CaseEntry,
  run: RunEntry,
  model: ReturnType<typeof lowerModule>,
  tensor: Lookup,
  created: Tensor[],
): Omit<Computed, 'dispose'> {
  const { inputs, wrt } = feedInputs(tf, c, tensor, model.variables, created);
  const lengths: Record<string, ReturnType<Tf['tensor1d']>> = {};
  for (const [symbol, values] of Object.entries(run.lengths ?? {})) {
    lengths[symbol] = tf.tensor1d(Int32Array.from(values), 'int32');
    created.push(lengths[symbol]);
  }
  let outputs: Record<string, Tensor> = {};
  const { value, grads } = tf.variableGrads(
    () => {
      outputs = model.forward({ inputs, lengths });
      const terms = c.outputs.map((name) => {
        const out = outputs[name];
        if (out === undefined) throw new Error(`${c.name}: no output ${name}`);
        tf.keep(out);
        return tf.sum(tf.mul(out, tf.tensor(lossWeights(out.size), out.shape, 'float32')));
      });
      // A chain of adds: seqlab registers gradients for the ops its lowering uses, not AddN.
      return terms.reduce((a, b) => tf.add(a, b)) as ReturnType<Tf['scalar']>;
    },
    wrt.map(([, v]) => v),
  );
  created.push(value, ...Object.values(outputs), ...Object.values(grads));
  return { outputs, wrt, grads };
}

/** Compiles, loads and runs `run` of `c` on `tf`'s current backend; the caller disposes. */
function compute(
  tf: Tf,
  c: CaseEntry,
  run: RunEntry,
  files: RunFiles,
  lowering: RunLowering,
): Computed & { tensor: Lookup } {
  const compiled = compile(files.source.text, { file: files.source.path });
  if (compiled.module === undefined) {
    throw new Error(`${c.name}: ${compiled.diagnostics.map((d) => d.message).join('; ')}`);
  }
  const model = lowerModule(compiled.module, { tf, seed: 0, ...lowering });
  const created: Tensor[] = [];
  const dispose = () => {
    tf.dispose(created);
    model.dispose();
  };
  try {
    const problems = loadWeights(model, files.weights);
    if (problems.length > 0) throw new Error(`${c.name}: ${problems.join('; ')}`);
    const tensor: Lookup = (name) => {
      const t = files.tensors.get(name);
      if (t === undefined) throw new Error(`${c.name}/${run.file}: no tensor ${name}`);
      return t;
    };
    return { ...forwardAndGrads(tf, c, run, model, tensor, created), tensor, dispose };
  } catch (e) {
    dispose();
    throw e;
  }
}

/** Both comparisons of a computed run, read back. */
function compare(c: CaseEntry, run: Computed & { tensor: Lookup }, back: ReadBack): RunResult {
  const labels = run.wrt.map(([label]) => label);
  return {
    ...compareOutputs(c, back.outputs, run.tensor),
    ...compareGrads(labels, back.grads, run.tensor),
  };
}

/** Each output's and gradient's tensor, paired with where its values go in a ReadBack. */
function readTargets(run: Computed): { output: [string, Tensor][]; grad: [string, Tensor][] } {
  const grad: [string, Tensor][] = [];
  for (const [label, v] of run.wrt) {
    const g = run.grads[v.name];
    if (g !== undefined) grad.push([label, g]);
  }
  return { output: Object.entries(run.outputs), grad };
}

/** Runs `run` of case `c` on `tf`'s current backend, reading results back synchronously. */
export function checkRunFiles(
  tf: Tf,
  c: CaseEntry,
  run: RunEntry,
  files: RunFiles,
  lowering: RunLowering = {},
): RunResult {
  const computed = compute(tf, c, run, files, lowering);
  try {
    const { output, grad } = readTargets(computed);
    return compare(c, computed, {
      outputs: new Map(output.map(([n, t]) => [n, { shape: t.shape, data: t.dataSync() }])),
      grads: new Map(grad.map(([label, t]) => [label, t.dataSync()])),
    });
  } finally {
    computed.dispose();
  }
}

/** {@link checkRunFiles}, reading results back with `await data()` (GPU backends). */
export async function checkRunFilesAsync(
  tf: Tf,
  c: CaseEntry,
  run: RunEntry,
  files: RunFiles,
  lowering: RunLowering = {},
): Promise<RunResult> {
  const computed = compute(tf, c, run, files, lowering);
  try {
    const { output, grad } = readTargets(computed);
    const outData = await Promise.all(output.map(([, t]) => t.data()));
    const gradData = await Promise.all(grad.map(([, t]) => t.data()));
    return compare(c, computed, {
      outputs: new Map(output.map(([n, t], i) => [n, { shape: t.shape, data: outData[i] ?? [] }])),
      grads: new Map(grad.map(([label], i) => [label, gradData[i] ?? []])),
    });
  } finally {
    computed.dispose();
  }
}
