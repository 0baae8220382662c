/**
 * Hand-built IR modules for the backends' tests (`@seqlab/ir/testing`): a graph is written
 * node by node, as a lowering would meet it, without the compiler. Deliberately not the IR
 * package's own builder (src/builder.ts), so that a backend's tests rest only on the IR's
 * types. Values get the types the lowerings read (input dtypes, scan state shapes); other
 * shapes are left symbolic (`?`).
 */
import type {
  AttrValue,
  DType,
  Dim,
  Graph,
  Init,
  IrModule,
  Node,
  OpName,
  Param,
  Port,
  Value,
} from '../index.js';

/** Parameter spec for `op`: shape and initialiser (default U(-0.5, 0.5)). */
export interface ParamSpec {
  readonly shape: readonly number[];
  readonly init?: Init;
}

/** Options of one node. */
export interface OpOptions {
  readonly name?: string;
  readonly params?: Readonly<Record<string, ParamSpec>>;
  readonly outputs?: number;
  readonly lengths?: string;
  readonly body?: Graph;
  /** Output value types, when the lowering needs them (scan state inputs). */
  readonly shapes?: readonly (readonly Dim[])[];
}

/** Builds a graph (and, for the top level, a module) node by node. */
export class GraphBuilder {
  readonly values: Record<string, Value> = {};
  readonly nodes: Node[] = [];
  readonly params: Record<string, Param>;
  readonly graphInputs: string[] = [];
  readonly graphOutputs: string[] = [];
  readonly ports: { inputs: Port[]; outputs: Port[] } = { inputs: [], outputs: [] };
  readonly lengths: Record<string, string> = {};
  private counter = 0;

  /** Body builders share the module's parameter table. */
  constructor(
    params?: Record<string, Param>,
    private readonly prefix = 'v',
  ) {
    this.params = params ?? {};
  }

  private value(shape: readonly Dim[], dtype: DType = 'float32', name?: string): string {
    const id = `${this.prefix}${this.counter++}`;
    this.values[id] = { id, type: { dtype, shape }, ...(name === undefined ? {} : { name }) };
    return id;
  }

  /** A model input port (also a graph input). */
  input(name: string, shape: readonly Dim[], dtype: DType = 'float32'): string {
    const id = this.value(shape, dtype, name);
    this.graphInputs.push(id);
    this.ports.inputs.push({ name, value: id });
    return id;
  }

  /** A bare graph input (scan bodies): x_t or a state, with its per-step type. */
  bodyInput(shape: readonly Dim[], dtype: DType = 'float32'): string {
    const id = this.value(shape, dtype);
    this.graphInputs.push(id);
    return id;
  }

  /** The `[B]` int32 lengths value of a time symbol. */
  lengthsOf(symbol = 'T'): string {
    const existing = this.lengths[symbol];
    if (existing !== undefined) return existing;
    const id = this.value(['B'], 'int32', `${symbol}_lengths`);
    this.lengths[symbol] = id;
    return id;
  }

  /** Adds a parameter directly (for `param` nodes in bodies). */
  param(name: string, shape: readonly number[], init?: Init, layer = 'cell'): string {
    this.params[name] = {
      name,
      shape,
      init: init ?? { kind: 'uniform', low: -0.5, high: 0.5 },
      layer,
    };
    return name;
  }

  /** Adds a node; returns its output value ids. */
  op(
    op: OpName,
    inputs: readonly string[],
    attrs: Record<string, AttrValue> = {},
    opts: OpOptions = {},
  ): string[] {
    const name = opts.name ?? `${op}${this.nodes.length}`;
    const params: Record<string, string> = {};
    for (const [role, spec] of Object.entries(opts.params ?? {})) {
      params[role] = this.param(`${name}.${role}`, spec.shape, spec.init, name);
    }
    const count = opts.outputs ?? 1;
    const outputs = Array.from({ length: count }, (_, i) => this.value(opts.shapes?.[i] ?? ['?']));
    this.nodes.push({
      id: `n${this.nodes.length}_${name}`,
      op,
      name,
      inputs,
      outputs,
      attrs,
      params,
      ...(opts.lengths === undefined ? {} : { lengths: opts.lengths }),
      ...(opts.body === undefined ? {} : { body: opts.body }),
    });
    return outputs;
  }

  /** Marks a model output port. */
  output(name: string, id: string): void {
    this.graphOutputs.push(id);
    this.ports.outputs.push({ name, value: id });
  }

  /** A graph (for scan bodies: outputs = next states..., emitted). */
  graph(outputs: readonly string[] = this.graphOutputs): Graph {
    return {
      inputs: [...this.graphInputs],
      outputs: [...outputs],
      values: { ...this.values },
      nodes: [...this.nodes],
      ...(Object.keys(this.lengths).length > 0 ? { lengths: { ...this.lengths } } : {}),
    };
  }

  /** The whole module. */
  module(model = 'TestModel'): IrModule {
    return {
      format: 'seqlab-ir',
      version: 1,
      model,
      hyperparameters: {},
      inputs: [...this.ports.inputs],
      outputs: [...this.ports.outputs],
      graph: this.graph(),
      params: { ...this.params },
    };
  }
}

/** Recurrence parameter specs in PyTorch's naming for `layers` x `dirs`. */
export function recurrentParams(
  gates: number,
  inDim: number,
  hidden: number,
  layers: number,
  bidirectional: boolean,
  bias = true,
): Record<string, ParamSpec> {
  const k = 1 / Math.sqrt(hidden);
  const init: Init = { kind: 'uniform', low: -k, high: k };
  const specs: Record<string, ParamSpec> = {};
  const dirs = bidirectional ? 2 : 1;
  for (let l = 0; l < layers; l++) {
    const width = l === 0 ? inDim : dirs * hidden;
    for (const suffix of bidirectional ? ['', '_reverse'] : ['']) {
      specs[`weight_ih_l${l}${suffix}`] = { shape: [gates * hidden, width], init };
      specs[`weight_hh_l${l}${suffix}`] = { shape: [gates * hidden, hidden], init };
      if (bias) {
        specs[`bias_ih_l${l}${suffix}`] = { shape: [gates * hidden], init };
        specs[`bias_hh_l${l}${suffix}`] = { shape: [gates * hidden], init };
      }
    }
  }
  return specs;
}
