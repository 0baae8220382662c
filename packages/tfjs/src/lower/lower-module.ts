/** `lowerModule`: IR module -> variables + a forward function on any tfjs backend. */
import * as tfcore from '@tensorflow/tfjs-core';
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import type { Graph, IrModule } from '@seqlab/ir';
import { ensureGradients } from '../grad/register.js';
import { registerFastKernels } from '../kernels/provider.js';
import { initParam } from '../init.js';
import { createRng, hashSeed } from '../rng.js';
import type {
  CompiledModel,
  Feeds,
  ForwardOptions,
  LowerOptions,
  StatefulResult,
  Tf,
} from '../types.js';
import type { Env, LowerContext } from './context.js';
import { runNodes } from './run-graph.js';
import { RULES } from './table.js';

let modelCounter = 0;

/** Embedding rows PyTorch zeroes at init (`padding_idx`), by parameter name. */
function paddingRows(graph: Graph, module: IrModule, into = new Map<string, number>()) {
  for (const node of graph.nodes) {
    if (node.body !== undefined) paddingRows(node.body, module, into);
    if (node.op !== 'embed') continue;
    const idx = node.attrs['padding_idx'];
    const name = node.params['weight'];
    const rows = name === undefined ? undefined : module.params[name]?.shape[0];
    if (typeof idx === 'number' && name !== undefined && rows !== undefined) {
      into.set(name, idx < 0 ? rows + idx : idx);
    }
  }
  return into;
}

function createVariables(tf: Tf, module: IrModule, seed: number): Map<string, Variable> {
  const prefix = `${module.model}_${modelCounter++}`;
  const pads = paddingRows(module.graph, module);
  const variables = new Map<string, Variable>();
  for (const [name, p] of Object.entries(module.params)) {
    // A seed per parameter name: adding a layer does not reshuffle the others' weights.
    const values = initParam(p, createRng(hashSeed(seed, name)));
    const pad = pads.get(name);
    const width = p.shape[1];
    if (pad !== undefined && width !== undefined) values.fill(0, pad * width, (pad + 1) * width);
    const initial = tf.tensor(values, [...p.shape], 'float32');
    variables.set(name, tf.variable(initial, true, `${prefix}/${name}`));
    initial.dispose();
  }
  return variables;
}

function bindFeeds(tf: Tf, module: IrModule, feeds: Feeds, env: Env): void {
  for (const port of module.inputs) {
    const feed = feeds.inputs[port.name];
    if (feed === undefined) throw new Error(`forward: missing input '${port.name}'`);
    const dtype = module.graph.values[port.value]?.type.dtype;
    env.set(port.value, dtype !== undefined && feed.dtype !== dtype ? tf.cast(feed, dtype) : feed);
  }
  for (const [symbol, id] of Object.entries(module.graph.lengths ?? {})) {
    const lengths = feeds.lengths?.[symbol];
    if (lengths !== undefined) env.set(id, lengths);
  }
}

/** Lowers `module` to tfjs: creates seeded variables and returns the compiled model. */
export function lowerModule(module: IrModule, opts: LowerOptions = {}): CompiledModel {
  const tf = opts.tf ?? tfcore;
  ensureGradients(tf);
  if (opts.kernels !== 'stock') registerFastKernels(tf, tf.getBackend());
  const seed = opts.seed ?? 0;
  // Explicit BPTT on every backend: with seqlab's cell kernels it measured 1.2-6.7x faster
  // than autodiff on wasm and 0.8-2.3x on cpu (tools/bench/bptt-bench.ts, docs/performance.md),
  // and on webgl it is what cuts a step from ~30 draw calls to 4.
  const rnnGradient = opts.rnnGradient ?? 'bptt';
  const variables = createVariables(tf, module, seed);
  const owned = new Set<Tensor>(variables.values());
  let calls = 0;

  /** One pass in a tidy scope; only the outputs (and the states, if asked) survive it. */
  const run = (feeds: Feeds, fopts: ForwardOptions, withStates: boolean): StatefulResult => {
    const passSeed = fopts.seed ?? hashSeed(seed, 'forward', calls++);
    const result = tf.tidy(() => {
      const env: Env = new Map();
      bindFeeds(tf, module, feeds, env);
      const finalStates = withStates ? new Map<string, Tensor[]>() : null;
      const ctx: LowerContext = {
        tf,
        module,
        variables,
        training: fopts.training ?? false,
        seed: passSeed,
        initialStates: fopts.initialStates ?? null,
        finalStates,
        stateProbe: fopts.stateProbe ?? null,
        rnnGradient,
        fastKernels: opts.kernels !== 'stock',
        runNodes: (nodes, e, c) => runNodes(RULES, nodes, e, c),
      };
      runNodes(RULES, module.graph.nodes, env, ctx);
      // The caller owns what we return: never hand out a variable, a feed or a given state.
      const foreign = new Set<Tensor>([
        ...owned,
        ...Object.values(feeds.inputs),
        ...[...(fopts.initialStates?.values() ?? [])].flat(),
      ]);
      const own = (t: Tensor): Tensor => (foreign.has(t) ? tf.clone(t) : t);
      const outputs: Record<string, Tensor> = {};
      for (const port of module.outputs) {
        const t = env.get(port.value);
        if (t === undefined) throw new Error(`forward: output '${port.name}' was not computed`);
        outputs[port.name] = own(t);
      }
      const states: Record<string, Tensor[]> = {};
      for (const [id, list] of finalStates ?? []) states[id] = list.map(own);
      return { outputs, states };
    });
    return { outputs: result.outputs, states: new Map(Object.entries(result.states)) };
  };

  return {
    module,
    tf,
    variables,
    forward: (feeds, fopts = {}) => run(feeds, fopts, false).outputs,
    forwardWithStates: (feeds, fopts = {}) => run(feeds, fopts, true),
    dispose(): void {
      for (const v of variables.values()) v.dispose();
    },
  };
}
