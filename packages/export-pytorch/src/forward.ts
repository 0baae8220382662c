/**
 * The model's `forward`: one statement per IR node, in order, reading inputs batch-first
 * ([B, T, D]) as seqlab does. Layers with parameters call their nn module (`self.gru0`);
 * conv and pooling transpose to PyTorch's (B, D, T) and back; recurrences and masked
 * reductions go through the helpers that carry seqlab's padding semantics.
 */
import { attrsOf, recurrenceOf } from '@seqlab/ir';
import type { IrModule, Node, OpName } from '@seqlab/ir';
import { ExportError } from './errors.js';
import { atom, type Expr } from './expr.js';
import type { HelperName } from './python-helpers.js';
import { attribute, NameAllocator } from './python-names.js';
import { isTensorOp, tensorExpr } from './tensor-ops.js';

/** What forward generation needs from the module layout. */
export interface ForwardContext {
  readonly module: IrModule;
  /** Python attribute of a layer node's nn module or cell (`gru0`), by node id. */
  readonly layerAttr: ReadonlyMap<string, string>;
  /** Method of the cell that steps a scan node, by node id. */
  readonly stepMethod: ReadonlyMap<string, string>;
  /** Helpers used so far (filled in here). */
  readonly helpers: Set<HelperName>;
  /**
   * Truncated BPTT: `forward` takes the recurrences' starting states (a dict by node id)
   * and returns its outputs and their final states, so training can carry them from one
   * chunk of time to the next (see {@link CarriedStates}).
   */
  readonly carryStates?: boolean;
}

/** The names `forward` uses for carried states, when it carries them. */
export interface CarriedStates {
  /** The keyword parameter: `{node id: [state, ...]}` to start from (default: none). */
  readonly param: string;
  /** The local dict of final states returned beside the outputs. */
  readonly finals: string;
}

/** The signature and body of `forward`. */
export interface ForwardCode {
  readonly params: readonly string[];
  /** Lengths parameter name by time symbol. */
  readonly lengths: ReadonlyMap<string, string>;
  readonly lines: readonly string[];
  /** Present when `carryStates` was asked for. */
  readonly carried?: CarriedStates;
}

const REDUCERS: Readonly<Record<string, HelperName>> = {
  mean: 'mean_over_time',
  max: 'max_over_time',
  sum: 'sum_over_time',
};

/** Generates `forward` for `ctx.module`. */
export function forwardCode(ctx: ForwardContext): ForwardCode {
  const m = ctx.module;
  const g = m.graph;
  const names = new NameAllocator();
  const vars = new Map<string, string>();
  const params: string[] = [];
  for (const port of m.inputs) {
    const name = names.fresh(port.name);
    vars.set(port.value, name);
    params.push(name);
  }
  const symbols = Object.entries(g.lengths ?? {});
  const lengths = new Map<string, string>();
  for (const [symbol, id] of symbols) {
    const name = names.fresh(symbols.length === 1 ? 'lengths' : `lengths_${symbol}`);
    vars.set(id, name);
    lengths.set(symbol, name);
  }
  const carried: CarriedStates | undefined = ctx.carryStates
    ? { param: names.fresh('states'), finals: names.fresh('final_states') }
    : undefined;
  const uses = new Set<string>([...g.outputs, ...m.outputs.map((p) => p.value)]);
  for (const n of g.nodes) for (const id of n.inputs) uses.add(id);
  const carriesNode = (n: Node): boolean =>
    carried !== undefined && (n.op === 'scan' || recurrenceOf(n.op) !== undefined);
  // Carried final states are returned, so they are used even when the graph is not.
  for (const n of g.nodes) if (carriesNode(n)) n.outputs.forEach((id) => uses.add(id));

  const lines: string[] = [];
  if (carried !== undefined) {
    lines.push(`${carried.param} = {} if ${carried.param} is None else ${carried.param}`);
    lines.push(`${carried.finals} = {}`);
  }
  for (const node of g.nodes) {
    const ins = node.inputs.map((id) => (id === '' ? undefined : vars.get(id)));
    const x = (i: number): string => {
      const v = ins[i];
      if (v === undefined) throw new ExportError(`${node.op} '${node.name}' lacks input ${i}`);
      return v;
    };
    const outNames: string[] = [];
    node.outputs.forEach((id, i) => {
      if (!uses.has(id) && i > 0) {
        outNames.push('_');
        return;
      }
      const hint = g.values[id]?.name ?? (i === 0 ? node.name : extraName(node, i, outNames[0]));
      const name = names.fresh(hint);
      vars.set(id, name);
      outNames.push(name);
    });
    if (carriesNode(node)) {
      // Name every final state, also those the graph has no value for (the IR may omit them).
      const count = 1 + (recurrenceOf(node.op)?.states.length ?? node.outputs.length - 1);
      for (let i = outNames.length; i < count; i++) {
        outNames.push(names.fresh(extraName(node, i, outNames[0])));
      }
    }
    const lens = node.lengths === undefined ? undefined : vars.get(node.lengths);
    const rhs = statement({ ...ctx, carried }, node, x, ins, lens);
    lines.push(`${lhs(node, outNames)} = ${rhs}`);
    if (carried !== undefined && carriesNode(node)) {
      lines.push(
        `${carried.finals}[${JSON.stringify(node.id)}] = [${outNames.slice(1).join(', ')}]`,
      );
    }
  }
  const outs = m.outputs.map((p) => {
    const v = vars.get(p.value);
    if (v === undefined) throw new ExportError(`output ${p.name} is never computed`);
    return v;
  });
  if (carried === undefined) lines.push(`return ${outs.join(', ')}`);
  else lines.push(`return (${outs.join(', ')}${outs.length === 1 ? ',' : ''}), ${carried.finals}`);
  return { params, lengths, lines, ...(carried === undefined ? {} : { carried }) };
}

/** `enc_h_n`, `enc_c_n` for a recurrence's final states; `elman0_h` for a cell's. */
function extraName(node: Node, i: number, first: string | undefined): string {
  const base = first === undefined || first === '_' ? node.name : first;
  if (node.op === 'scan') {
    const states = node.attrs['state_names'];
    return `${base}_${Array.isArray(states) ? String(states[i - 1]) : i}`;
  }
  const recurrence = recurrenceOf(node.op);
  if (recurrence !== undefined) return `${base}_${recurrence.states[i - 1] ?? 'c'}_n`;
  return `${base}_${i}`;
}

function lhs(node: Node, outs: readonly string[]): string {
  const [first = '_', ...rest] = outs;
  const states = recurrenceOf(node.op)?.states;
  if (states !== undefined) {
    // PyTorch returns one state as a tensor and several (lstm's h, c) as a tuple.
    const names = states.map((_, k) => rest[k] ?? '_').join(', ');
    return states.length === 1 ? `${first}, ${names}` : `${first}, (${names})`;
  }
  if (node.op === 'scan') return `${first}, (${rest.join(', ')}${rest.length === 1 ? ',' : ''})`;
  return first;
}

/** The forward context of one statement: with the carried states' names, when carrying. */
type StatementContext = ForwardContext & { readonly carried?: CarriedStates | undefined };

/** What a statement rule reads: the node, its input expressions and its lengths. */
interface StatementArgs {
  readonly ctx: StatementContext;
  readonly node: Node;
  /** The expression of input `i`. */
  readonly x: (i: number) => string;
  readonly ins: readonly (string | undefined)[];
  readonly lens: string | undefined;
  /** `self.<attr>`: the node's nn module or cell. */
  readonly self: () => string;
  /** `args` followed by the lengths, when the node has them. */
  readonly withLengths: (...args: string[]) => string;
}

type Statement = (s: StatementArgs) => string;

/** `self.enc(x)`: the node's own nn module applied to its input. */
const callModule: Statement = ({ self, x }) => `${self()}(${x(0)})`;

const pool =
  (op: 'max_pool1d' | 'avg_pool1d'): Statement =>
  ({ ctx, node, x }) => {
    const a = attrsOf(node, op);
    ctx.helpers.add(op);
    return `${op}(${x(0)}, ${a.kernel}, ${a.stride}, ${JSON.stringify(a.padding)})`;
  };

/** Tensor algebra (tensor-ops.ts), with parameters read from their owning attribute. */
const tensorOp: Statement = ({ node, ins }) => {
  if (!isTensorOp(node.op)) throw new ExportError(`cannot export ${node.op} '${node.name}'`);
  const exprs: Expr[] = ins.map((v) => atom(v ?? 'None'));
  return tensorExpr(node, exprs, (full) => {
    const dot = full.indexOf('.');
    return attribute(attribute('self', full.slice(0, dot)), full.slice(dot + 1));
  }).text;
};

const recurrentStatement: Statement = ({ ctx, node, self, x, ins, lens }) =>
  recurrent(ctx, node, self(), x(0), ins, lens);

/** The Python statement of each op; exhaustive over op names (the type says so). */
const STATEMENTS: { readonly [K in OpName]: Statement } = {
  embed: callModule,
  dense: callModule,
  dropout: callModule,
  layer_norm: callModule,
  conv1d: ({ ctx, node, self, x }) => conv(ctx, node, self(), x(0)),
  max_pool1d: pool('max_pool1d'),
  avg_pool1d: pool('avg_pool1d'),
  reduce_time({ ctx, node, x, withLengths }) {
    const helper = REDUCERS[String(node.attrs['mode'])];
    if (helper === undefined) throw new ExportError(`reduce_time '${node.name}': unknown mode`);
    ctx.helpers.add(helper);
    return `${helper}(${withLengths(x(0))})`;
  },
  last({ ctx, x, withLengths }) {
    ctx.helpers.add('last_step');
    return `last_step(${withLengths(x(0))})`;
  },
  first: ({ x }) => `${x(0)}[:, 0]`,
  rnn: recurrentStatement,
  lstm: recurrentStatement,
  gru: recurrentStatement,
  final_state({ ctx, node, x }) {
    ctx.helpers.add('top_state');
    return `top_state(${x(0)}, ${node.attrs['bidirectional'] === true ? 2 : 1})`;
  },
  scan: ({ ctx, node, self, ins, lens }) => scan(ctx, node, self(), ins, lens),
  softmax: tensorOp,
  concat: tensorOp,
  relu: tensorOp,
  tanh: tensorOp,
  sigmoid: tensorOp,
  gelu: tensorOp,
  silu: tensorOp,
  exp: tensorOp,
  log: tensorOp,
  neg: tensorOp,
  add: tensorOp,
  sub: tensorOp,
  mul: tensorOp,
  div: tensorOp,
  matmul: tensorOp,
  slice: tensorOp,
  constant: tensorOp,
  param: tensorOp,
};

function statement(
  ctx: StatementContext,
  node: Node,
  x: (i: number) => string,
  ins: readonly (string | undefined)[],
  lens: string | undefined,
): string {
  const self = (): string => {
    const attr = ctx.layerAttr.get(node.id);
    if (attr === undefined) throw new ExportError(`${node.op} '${node.name}' has no module`);
    return attribute('self', attr);
  };
  const withLengths = (...args: string[]): string => [...args, ...(lens ? [lens] : [])].join(', ');
  // Lenient for IR read from a file: an op this build does not know goes to the tensor ops,
  // which reject it with a message.
  const rule = STATEMENTS[node.op] ?? tensorOp;
  return rule({ ctx, node, x, ins, lens, self, withLengths });
}

function conv(ctx: ForwardContext, node: Node, layer: string, x: string): string {
  const a = attrsOf(node, 'conv1d');
  const span = a.dilation * (a.kernel - 1) + 1;
  let xt = `${x}.transpose(1, 2)`;
  if (a.padding === 'causal' && span > 1) xt = `F.pad(${xt}, (${span - 1}, 0))`;
  if (a.padding === 'same' && a.stride !== 1) {
    ctx.helpers.add('same_padding');
    xt = `F.pad(${xt}, same_padding(${x}.shape[1], ${a.kernel}, ${a.stride}, ${a.dilation}))`;
  }
  return `${layer}(${xt}).transpose(1, 2)`;
}

function recurrent(
  ctx: StatementContext,
  node: Node,
  layer: string,
  x: string,
  ins: readonly (string | undefined)[],
  lens: string | undefined,
): string {
  ctx.helpers.add('run_recurrent');
  const [, h0, c0] = ins;
  let state: string | undefined;
  const carriesCell = recurrenceOf(node.op)?.states.includes('c') === true;
  if (carriesCell && (h0 !== undefined || c0 !== undefined)) {
    state = `(${h0 ?? `torch.zeros_like(${c0})`}, ${c0 ?? `torch.zeros_like(${h0})`})`;
  } else if (h0 !== undefined) {
    state = h0;
  }
  if (ctx.carried !== undefined) {
    // A carried state replaces the starting one (as the tfjs lowering's initialStates do).
    ctx.helpers.add('run_recurrent_chunk');
    const key = JSON.stringify(node.id);
    const given = `${ctx.carried.param}[${key}]`;
    const start = carriesCell ? `tuple(${given})` : `${given}[0]`;
    const carried = `${start} if ${key} in ${ctx.carried.param} else ${state ?? 'None'}`;
    return `run_recurrent_chunk(${layer}, ${x}, ${lens ?? 'None'}, ${carried})`;
  }
  const args = [layer, x];
  if (lens !== undefined || state !== undefined) args.push(lens ?? 'None');
  if (state !== undefined) args.push(state);
  return `run_recurrent(${args.join(', ')})`;
}

function scan(
  ctx: StatementContext,
  node: Node,
  cell: string,
  ins: readonly (string | undefined)[],
  lens: string | undefined,
): string {
  const a = attrsOf(node, 'scan');
  const body = node.body;
  if (body === undefined) throw new ExportError(`scan '${node.name}' has no body`);
  if (a.num_sequences !== 1) {
    throw new ExportError(
      `scan '${node.name}' reads ${a.num_sequences} sequences; export handles one`,
    );
  }
  ctx.helpers.add('run_cell');
  const x = ins[0] ?? 'None';
  let provided = a.num_sequences;
  const states = a.state_init.map((init, j) => {
    if (init === 'input') return ins[provided++] ?? 'None';
    const type = body.values[body.inputs[a.num_sequences + j] ?? '']?.type;
    const rest = (type?.shape ?? []).slice(1).join(', ');
    return `${x}.new_${init === 'ones' ? 'ones' : 'zeros'}(${x}.shape[0]${rest ? `, ${rest}` : ''})`;
  });
  const method = ctx.stepMethod.get(node.id) ?? 'forward';
  const step = method === 'forward' ? cell : `${cell}.${method}`;
  const start =
    ctx.carried === undefined
      ? `[${states.join(', ')}]`
      : `${ctx.carried.param}.get(${JSON.stringify(node.id)}, [${states.join(', ')}])`;
  const args = [step, x, start];
  if (lens !== undefined) args.push(lens);
  if (a.reverse) args.push('reverse=True');
  return `run_cell(${args.join(', ')})`;
}
