/**
 * Hand-built IR modules for the diagram tests: plain objects satisfying `@seqlab/ir`'s
 * types, so these tests do not depend on the compiler being finished.
 */
import type {
  AttrValue,
  Dim,
  DType,
  Graph,
  IrModule,
  Node,
  OpName,
  Param,
  Port,
  Value,
} from '@seqlab/ir';

/** Builds one graph (a model's, or a scan body). */
export class GraphBuilder {
  readonly values: Record<string, Value> = {};
  readonly nodes: Node[] = [];
  readonly inputs: string[] = [];
  outputs: string[] = [];
  lengths: Record<string, string> | undefined;
  private next = 0;

  constructor(private readonly prefix: string) {}

  value(
    shape: readonly Dim[],
    dtype: DType = 'float32',
    extra: { name?: string; vocab?: number } = {},
  ): string {
    const id = `${this.prefix}v${this.next++}`;
    const type =
      extra.vocab === undefined ? { dtype, shape } : { dtype, shape, vocab: extra.vocab };
    this.values[id] = extra.name === undefined ? { id, type } : { id, type, name: extra.name };
    return id;
  }

  input(
    shape: readonly Dim[],
    dtype: DType = 'float32',
    extra: { name?: string; vocab?: number } = {},
  ): string {
    const id = this.value(shape, dtype, extra);
    this.inputs.push(id);
    return id;
  }

  node(args: {
    op: OpName;
    name: string;
    inputs: readonly string[];
    outputs: readonly (readonly Dim[])[];
    attrs?: Record<string, AttrValue>;
    params?: Record<string, string>;
    lengths?: string;
    body?: Graph;
  }): string[] {
    const outputs = args.outputs.map((shape) => this.value(shape));
    const node: Node = {
      id: `${this.prefix}n${this.nodes.length}`,
      op: args.op,
      name: args.name,
      inputs: args.inputs,
      outputs,
      attrs: args.attrs ?? {},
      params: args.params ?? {},
      ...(args.lengths !== undefined ? { lengths: args.lengths } : {}),
      ...(args.body !== undefined ? { body: args.body } : {}),
    };
    this.nodes.push(node);
    return outputs;
  }

  build(): Graph {
    return {
      inputs: this.inputs,
      outputs: this.outputs,
      values: this.values,
      nodes: this.nodes,
      ...(this.lengths ? { lengths: this.lengths } : {}),
    };
  }
}

/** Builds a module: ports, parameters (named `layer.role`) and the top-level graph. */
export class ModuleBuilder {
  readonly g = new GraphBuilder('');
  readonly params: Record<string, Param> = {};
  readonly inputs: Port[] = [];
  readonly outputs: Port[] = [];
  /** The `[B]` lengths mask of time symbol T, like the compiler makes. */
  readonly len: string;

  constructor(readonly model: string) {
    this.len = this.g.input(['B'], 'int32', { name: 'lengths' });
    this.g.lengths = { T: this.len };
  }

  input(name: string, shape: readonly Dim[], vocab?: number): string {
    const id = this.g.input(
      shape,
      vocab === undefined ? 'float32' : 'int32',
      vocab === undefined ? { name } : { name, vocab },
    );
    this.inputs.push({ name, value: id });
    return id;
  }

  param(layer: string, role: string, shape: readonly number[]): string {
    const name = `${layer}.${role}`;
    this.params[name] = { name, shape, layer, init: { kind: 'uniform', low: -0.1, high: 0.1 } };
    return name;
  }

  /** A layer whose parameters are listed by role with their shapes. */
  layer(args: {
    op: OpName;
    name: string;
    inputs: readonly string[];
    outputs: readonly (readonly Dim[])[];
    attrs?: Record<string, AttrValue>;
    params?: Record<string, readonly number[]>;
    lengths?: boolean;
    body?: Graph;
  }): string[] {
    const params: Record<string, string> = {};
    for (const [role, shape] of Object.entries(args.params ?? {})) {
      params[role] = this.param(args.name, role, shape);
    }
    return this.g.node({
      op: args.op,
      name: args.name,
      inputs: args.inputs,
      outputs: args.outputs,
      attrs: args.attrs ?? {},
      params,
      ...(args.lengths ? { lengths: this.len } : {}),
      ...(args.body ? { body: args.body } : {}),
    });
  }

  output(name: string, value: string): void {
    this.outputs.push({ name, value });
    this.g.outputs.push(value);
  }

  build(): IrModule {
    return {
      format: 'seqlab-ir',
      version: 1,
      model: this.model,
      hyperparameters: {},
      inputs: this.inputs,
      outputs: this.outputs,
      graph: this.g.build(),
      params: this.params,
    };
  }
}

/** Built-in recurrence: per layer k and direction, PyTorch's four tensors. */
export function recurrent(
  b: ModuleBuilder,
  op: 'rnn' | 'lstm' | 'gru',
  name: string,
  x: string,
  inWidth: number,
  hidden: number,
  opts: { layers?: number; bidirectional?: boolean } = {},
): string[] {
  const layers = opts.layers ?? 1;
  const dirs = opts.bidirectional ? 2 : 1;
  const gates = op === 'lstm' ? 4 : op === 'gru' ? 3 : 1;
  const params: Record<string, number[]> = {};
  for (let k = 0; k < layers; k++) {
    const inK = k === 0 ? inWidth : dirs * hidden;
    for (const suffix of dirs === 2 ? ['', '_reverse'] : ['']) {
      params[`weight_ih_l${k}${suffix}`] = [gates * hidden, inK];
      params[`weight_hh_l${k}${suffix}`] = [gates * hidden, hidden];
      params[`bias_ih_l${k}${suffix}`] = [gates * hidden];
      params[`bias_hh_l${k}${suffix}`] = [gates * hidden];
    }
  }
  const state = [layers * dirs, 'B', hidden];
  return b.layer({
    op,
    name,
    inputs: [x],
    outputs:
      op === 'lstm'
        ? [['B', 'T', dirs * hidden], state, state]
        : [['B', 'T', dirs * hidden], state],
    attrs: {
      hidden,
      layers,
      bidirectional: dirs === 2,
      bias: true,
      ...(op === 'rnn' ? { nonlinearity: 'tanh' } : {}),
    },
    params,
    lengths: true,
  });
}

/** names.seq: name |> embed(32) |> gru(64) |> last |> dense(2) -> logits. */
export function namesModel(): IrModule {
  const b = new ModuleBuilder('NameGender');
  const name = b.input('name', ['B', 'T'], 30);
  const [e] = b.layer({
    op: 'embed',
    name: 'embed0',
    inputs: [name],
    outputs: [['B', 'T', 32]],
    attrs: { dim: 32, padding_idx: null },
    params: { weight: [30, 32] },
  });
  const [seq] = recurrent(b, 'gru', 'gru0', e as string, 32, 64);
  const [h] = b.layer({
    op: 'last',
    name: 'last0',
    inputs: [seq as string],
    outputs: [['B', 64]],
    lengths: true,
  });
  const [logits] = b.layer({
    op: 'dense',
    name: 'dense0',
    inputs: [h as string],
    outputs: [['B', 2]],
    attrs: { units: 2, bias: true },
    params: { weight: [2, 64], bias: [2] },
  });
  b.output('logits', logits as string);
  return b.build();
}

/** A 1D CNN: conv, relu, pool, dilated causal conv, mean over time, dense. */
export function convModel(): IrModule {
  const b = new ModuleBuilder('ConvTagger');
  const x = b.input('x', ['B', 'T', 4]);
  const [c0] = b.layer({
    op: 'conv1d',
    name: 'conv1d0',
    inputs: [x],
    outputs: [['B', 'T', 64]],
    attrs: { filters: 64, kernel: 3, stride: 1, dilation: 1, padding: 'same', bias: true },
    params: { weight: [64, 4, 3], bias: [64] },
  });
  const [r0] = b.layer({
    op: 'relu',
    name: 'relu0',
    inputs: [c0 as string],
    outputs: [['B', 'T', 64]],
  });
  const [p0] = b.layer({
    op: 'max_pool1d',
    name: 'max_pool1d0',
    inputs: [r0 as string],
    outputs: [['B', 'floor(T/2)', 64]],
    attrs: { kernel: 2, stride: 2, padding: 'valid' },
  });
  const [c1] = b.layer({
    op: 'conv1d',
    name: 'conv1d1',
    inputs: [p0 as string],
    outputs: [['B', 'floor(T/2)', 128]],
    attrs: { filters: 128, kernel: 5, stride: 1, dilation: 2, padding: 'causal', bias: true },
    params: { weight: [128, 64, 5], bias: [128] },
  });
  const [m0] = b.layer({
    op: 'reduce_time',
    name: 'mean0',
    inputs: [c1 as string],
    outputs: [['B', 128]],
    attrs: { mode: 'mean' },
    lengths: true,
  });
  const [d0] = b.layer({
    op: 'dense',
    name: 'dense0',
    inputs: [m0 as string],
    outputs: [['B', 10]],
    attrs: { units: 10, bias: true },
    params: { weight: [10, 128], bias: [10] },
  });
  b.output('scores', d0 as string);
  return b.build();
}

/** x |> rnn(8) |> rnn(16) |> rnn(32) -> hs: one output per step. */
export function stackModel(): IrModule {
  const b = new ModuleBuilder('Stack');
  const x = b.input('x', ['B', 'T', 4]);
  const [h1] = recurrent(b, 'rnn', 'rnn0', x, 4, 8);
  const [h2] = recurrent(b, 'rnn', 'rnn1', h1 as string, 8, 16);
  const [h3] = recurrent(b, 'rnn', 'rnn2', h2 as string, 16, 32);
  b.output('hs', h3 as string);
  return b.build();
}

/** lstm(128, layers=2, bidirectional) over features, then its final state to a classifier. */
export function bilstmModel(): IrModule {
  const b = new ModuleBuilder('BiLstm');
  const x = b.input('feats', ['B', 'T', 10]);
  const [, hn] = recurrent(b, 'lstm', 'enc', x, 10, 128, { layers: 2, bidirectional: true });
  const [h] = b.layer({
    op: 'final_state',
    name: 'final_state0',
    inputs: [hn as string],
    outputs: [['B', 256]],
    attrs: { layers: 2, bidirectional: true },
  });
  const [y] = b.layer({
    op: 'dense',
    name: 'dense0',
    inputs: [h as string],
    outputs: [['B', 5]],
    attrs: { units: 5, bias: true },
    params: { weight: [5, 256], bias: [5] },
  });
  b.output('logits', y as string);
  return b.build();
}

/** The Elman cell of DESIGN.md, scanned: h = tanh(W_xh @ x + W_hh @ h + b_h). */
export function elmanBody(b: ModuleBuilder, layer: string, inWidth: number, hidden: number): Graph {
  const g = new GraphBuilder(`${layer}.`);
  const xt = g.input(['B', inWidth], 'float32', { name: 'x' });
  const hPrev = g.input(['B', hidden], 'float32', { name: 'h' });
  const read = (role: string, shape: number[]): string => {
    const name = b.param(layer, role, shape);
    const [v] = g.node({
      op: 'param',
      name: `${layer}.${role}`,
      inputs: [],
      outputs: [shape],
      attrs: { name },
    });
    return v as string;
  };
  const wxh = read('W_xh', [hidden, inWidth]);
  const whh = read('W_hh', [hidden, hidden]);
  const bh = read('b_h', [hidden]);
  const [a] = g.node({
    op: 'matmul',
    name: 'mm0',
    inputs: [xt, wxh],
    outputs: [['B', hidden]],
    attrs: { transpose_b: true },
  });
  const [c] = g.node({
    op: 'matmul',
    name: 'mm1',
    inputs: [hPrev, whh],
    outputs: [['B', hidden]],
    attrs: { transpose_b: true },
  });
  const [s] = g.node({
    op: 'add',
    name: 'add0',
    inputs: [a as string, c as string],
    outputs: [['B', hidden]],
  });
  const [s2] = g.node({
    op: 'add',
    name: 'add1',
    inputs: [s as string, bh],
    outputs: [['B', hidden]],
  });
  const [h] = g.node({
    op: 'tanh',
    name: 'tanh0',
    inputs: [s2 as string],
    outputs: [['B', hidden]],
  });
  g.outputs = [h as string, h as string];
  return g.build();
}

/** x |> Elman(8) |> rnn(16) |> rnn(32) -> hs: a user cell and built-ins mixed. */
export function scanModel(): IrModule {
  const b = new ModuleBuilder('Stacked');
  const x = b.input('x', ['B', 'T', 4]);
  const body = elmanBody(b, 'Elman0', 4, 8);
  const [h1] = b.layer({
    op: 'scan',
    name: 'Elman0',
    inputs: [x],
    outputs: [
      ['B', 'T', 8],
      ['B', 8],
    ],
    attrs: { num_sequences: 1, state_names: ['h'], state_init: ['zeros'], reverse: false },
    lengths: true,
    body,
  });
  const [h2] = recurrent(b, 'rnn', 'rnn0', h1 as string, 8, 16);
  const [h3] = recurrent(b, 'rnn', 'rnn1', h2 as string, 16, 32);
  b.output('hs', h3 as string);
  return b.build();
}

/** Encoder-decoder: the encoder's final state starts the decoder (`init = enc.state`). */
export function encDecModel(): IrModule {
  const b = new ModuleBuilder('Seq2Seq');
  const src = b.input('src', ['B', 'S', 6]);
  const tgt = b.input('tgt', ['B', 'T', 6]);
  const [, hn] = recurrent(b, 'gru', 'enc', src, 6, 16);
  const [dec] = b.layer({
    op: 'gru',
    name: 'dec',
    inputs: [tgt, hn as string],
    outputs: [
      ['B', 'T', 16],
      [1, 'B', 16],
    ],
    attrs: { hidden: 16, layers: 1, bidirectional: false, bias: true },
    params: { weight_ih_l0: [48, 6], weight_hh_l0: [48, 16], bias_ih_l0: [48], bias_hh_l0: [48] },
    lengths: true,
  });
  const [y] = b.layer({
    op: 'dense',
    name: 'proj',
    inputs: [dec as string],
    outputs: [['B', 'T', 6]],
    attrs: { units: 6, bias: true },
    params: { weight: [6, 16], bias: [6] },
  });
  b.output('y', y as string);
  return b.build();
}

/** rnn(12) then mean over time: a per-sequence output that reads every step. */
export function meanModel(): IrModule {
  const b = new ModuleBuilder('MeanRnn');
  const x = b.input('x', ['B', 'T', 3]);
  const [h] = recurrent(b, 'rnn', 'rnn0', x, 3, 12);
  const [m] = b.layer({
    op: 'reduce_time',
    name: 'mean0',
    inputs: [h as string],
    outputs: [['B', 12]],
    attrs: { mode: 'mean' },
    lengths: true,
  });
  b.output('pooled', m as string);
  return b.build();
}
