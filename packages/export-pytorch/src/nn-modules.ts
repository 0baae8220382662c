/**
 * The `nn` constructor of each built-in layer, with the sizes read from its parameter
 * shapes (PyTorch layouts), so the module's state_dict has exactly the IR's names and shapes.
 */
import type { IrModule, Node, OpAttrs, OpName, RecurrentName } from '@seqlab/ir';
import { ExportError } from './errors.js';
import { floatLiteral } from './expr.js';

function shapeOf(m: IrModule, node: Node, role: string): readonly number[] {
  const name = node.params[role];
  const p = name === undefined ? undefined : m.params[name];
  if (p === undefined) throw new ExportError(`${node.op} '${node.name}' has no ${role} parameter`);
  return p.shape;
}

function dim(shape: readonly number[], i: number): number {
  return shape[i] ?? 0;
}

const kw = (name: string, value: string | number | boolean, omitWhen: unknown): string =>
  value === omitWhen
    ? ''
    : `, ${name}=${typeof value === 'boolean' ? (value ? 'True' : 'False') : value}`;

/** PyTorch's class of each built-in recurrence. */
const RECURRENT_CLASSES: { readonly [K in RecurrentName]: string } = {
  rnn: 'RNN',
  lstm: 'LSTM',
  gru: 'GRU',
};

type Constructor<K extends OpName> = (m: IrModule, node: Node, a: OpAttrs[K]) => string;

function recurrent(m: IrModule, node: Node, a: OpAttrs['rnn'] | OpAttrs['lstm']): string {
  const w = shapeOf(m, node, 'weight_ih_l0');
  const cls = RECURRENT_CLASSES[node.op as RecurrentName];
  // Only rnn has the attribute; lstm and gru read undefined here.
  const nonlin = 'nonlinearity' in a && a.nonlinearity === 'relu' ? ", nonlinearity='relu'" : '';
  return (
    `nn.${cls}(${dim(w, 1)}, ${a.hidden}` +
    kw('num_layers', a.layers, 1) +
    nonlin +
    kw('bias', a.bias, true) +
    ', batch_first=True' +
    kw('bidirectional', a.bidirectional, false) +
    ')'
  );
}

function conv1d(m: IrModule, node: Node, a: OpAttrs['conv1d']): string {
  const w = shapeOf(m, node, 'weight');
  // nn.Conv1d's own 'same' exists for stride 1 only; other cases pad in forward().
  const same = a.padding === 'same' && a.stride === 1;
  return (
    `nn.Conv1d(${dim(w, 1)}, ${dim(w, 0)}, ${dim(w, 2)}` +
    kw('stride', a.stride, 1) +
    kw('dilation', a.dilation, 1) +
    (same ? ", padding='same'" : '') +
    kw('bias', 'bias' in node.params, true) +
    ')'
  );
}

/**
 * The nn module of each op: a constructor for the ops that own parameters
 * (`OpDef.traits.ownsParams`), null for the rest. Exhaustive over op names, so a new op
 * must say which it is; a test checks the table against the traits.
 */
export const NN_MODULES: { readonly [K in OpName]: Constructor<K> | null } = {
  embed(m, node, a) {
    const w = shapeOf(m, node, 'weight');
    const pad = a.padding_idx === null ? '' : `, padding_idx=${a.padding_idx}`;
    return `nn.Embedding(${dim(w, 0)}, ${dim(w, 1)}${pad})`;
  },
  dense(m, node) {
    const w = shapeOf(m, node, 'weight');
    return `nn.Linear(${dim(w, 1)}, ${dim(w, 0)}${kw('bias', 'bias' in node.params, true)})`;
  },
  conv1d,
  layer_norm(m, node, a) {
    const w = shapeOf(m, node, 'weight');
    const eps = a.eps === 1e-5 ? '' : `, eps=${floatLiteral(a.eps).text}`;
    return `nn.LayerNorm(${dim(w, 0)}${eps})`;
  },
  rnn: recurrent,
  lstm: recurrent,
  gru: recurrent,
  max_pool1d: null,
  avg_pool1d: null,
  reduce_time: null,
  last: null,
  first: null,
  dropout: null,
  softmax: null,
  concat: null,
  final_state: null,
  scan: null,
  relu: null,
  tanh: null,
  sigmoid: null,
  gelu: null,
  silu: null,
  exp: null,
  log: null,
  neg: null,
  add: null,
  sub: null,
  mul: null,
  div: null,
  matmul: null,
  slice: null,
  constant: null,
  param: null,
};

/** The `nn.X(...)` expression for a built-in layer node. */
export function nnConstructor(m: IrModule, node: Node): string {
  // The table is keyed by op, so the entry matches node.op; attrs are the node's own.
  const make = NN_MODULES[node.op] as Constructor<typeof node.op> | null | undefined;
  if (make === null || make === undefined) {
    throw new ExportError(`${node.op} '${node.name}' has no nn module`);
  }
  return make(m, node, node.attrs as unknown as OpAttrs[typeof node.op]);
}
