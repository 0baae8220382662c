/**
 * Runs one conformance fixture through seqlab on the current tfjs backend: compile the
 * model, load PyTorch's weights, run the forward pass on the fixture's inputs and lengths,
 * and take the gradients of the fixed loss with `tf.variableGrads` (inputs are variables
 * too). Returns the worst output and gradient errors against PyTorch's answers.
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
import {
  caseSource,
  caseWeights,
  lossWeights,
  runTensors,
  type CaseEntry,
  type RunEntry,
} from './fixtures.js';

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

/** A fixture tensor by name; throws if the run file lacks it. */
type Lookup = (name: string) => NamedTensor;

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
  outputs: Record<string, Tensor>,
  tensor: Lookup,
): Pick<RunResult, 'outputError' | 'outputScaledError' | 'worstOutput'> {
  let outputError = 0;
  let outputScaledError = 0;
  let worstOutput = '';
  for (const name of c.outputs) {
    const want = tensor(`output/${name}`);
    const got = outputs[name];
    const shapeOk = got !== undefined && got.shape.join() === want.shape.join();
    const err = shapeOk ? maxAbsDiff(got.dataSync(), want.data) : Infinity;
    const scaled = shapeOk ? maxScaledDiff(got.dataSync(), want.data) : Infinity;
    outputScaledError = Math.max(outputScaledError, scaled);
    if (err > outputError || !shapeOk) {
      outputError = err;
      worstOutput = shapeOk
        ? name
        : `${name} shape [${got?.shape.join(', ')}] vs [${want.shape.join(', ')}]`;
    }
  }
  return { outputError, outputScaledError, worstOutput };
}

/** The worst gradient error over `wrt`, each relative to the largest |torch| of its tensor. */
function compareGrads(
  wrt: readonly [string, Variable][],
  grads: Record<string, Tensor>,
  tensor: Lookup,
): Pick<RunResult, 'gradError' | 'worstGrad'> {
  let gradError = 0;
  let worstGrad = '';
  for (const [label, v] of wrt) {
    const want = tensor(label);
    const got = grads[v.name];
    const err =
      got === undefined
        ? Infinity
        : maxAbsDiff(got.dataSync(), want.data) / Math.max(maxAbs(want.data), 1e-6);
    if (err > gradError) {
      gradError = err;
      worstGrad = label;
    }
  }
  return { gradError, worstGrad };
}

/**
 * Runs `run` of case `c` on `tf`'s current backend; `lowering` picks the recurrences'
 * gradient and the kernels (default: what seqlab uses).
 */
export function checkRun(
  tf: Tf,
  c: CaseEntry,
  run: RunEntry,
  lowering: Pick<LowerOptions, 'rnnGradient' | 'kernels'> = {},
): RunResult {
  const src = caseSource(c);
  const compiled = compile(src.text, { file: src.path });
  if (compiled.module === undefined) {
    throw new Error(`${c.name}: ${compiled.diagnostics.map((d) => d.message).join('; ')}`);
  }
  const model = lowerModule(compiled.module, { tf, seed: 0, ...lowering });
  const created: Tensor[] = [];
  try {
    const problems = loadWeights(model, caseWeights(c));
    if (problems.length > 0) throw new Error(`${c.name}: ${problems.join('; ')}`);
    const data = runTensors(c, run);
    const tensor: Lookup = (name) => {
      const t = data.get(name);
      if (t === undefined) throw new Error(`${c.name}/${run.file}: no tensor ${name}`);
      return t;
    };
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
    return { ...compareOutputs(c, outputs, tensor), ...compareGrads(wrt, grads, tensor) };
  } finally {
    tf.dispose(created);
    model.dispose();
  }
}
