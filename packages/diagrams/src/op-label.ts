/**
 * How a layer reads in a figure: its op with the attributes a student would write
 * (`gru(64)`, `conv1d(64, k=3, same)`, `lstm(128, layers=2, bi)`), and its colour family.
 */
import { recurrenceOf } from '@seqlab/ir';
import type { Graph, Node, OpName } from '@seqlab/ir';
import { boolAttr, lastDim, numAttr, strAttr } from './module-facts.js';

/** Colour families: one per kind of layer, plus inputs/outputs. */
export type Family = 'recurrent' | 'conv' | 'dense' | 'elementwise' | 'reduce' | 'io';

/** Legend text for each family, in legend order. */
export const FAMILY_LABELS: Readonly<Record<Family, string>> = {
  io: 'input / output',
  dense: 'embed / dense',
  conv: 'conv / pool',
  recurrent: 'recurrent',
  reduce: 'over time',
  elementwise: 'elementwise',
};

/** The colour family of each op; a new op must pick one here (the type says so). */
const FAMILIES: { readonly [K in OpName]: Family } = {
  rnn: 'recurrent',
  lstm: 'recurrent',
  gru: 'recurrent',
  scan: 'recurrent',
  final_state: 'recurrent',
  conv1d: 'conv',
  max_pool1d: 'conv',
  avg_pool1d: 'conv',
  embed: 'dense',
  dense: 'dense',
  matmul: 'dense',
  reduce_time: 'reduce',
  last: 'reduce',
  first: 'reduce',
  dropout: 'elementwise',
  layer_norm: 'elementwise',
  softmax: 'elementwise',
  concat: 'elementwise',
  relu: 'elementwise',
  tanh: 'elementwise',
  sigmoid: 'elementwise',
  gelu: 'elementwise',
  silu: 'elementwise',
  exp: 'elementwise',
  log: 'elementwise',
  neg: 'elementwise',
  add: 'elementwise',
  sub: 'elementwise',
  mul: 'elementwise',
  div: 'elementwise',
  slice: 'elementwise',
  constant: 'elementwise',
  param: 'elementwise',
};

/** The colour family of an op. */
export function opFamily(node: Node): Family {
  // Lenient for IR read from a file: an op this build does not know draws as elementwise.
  return FAMILIES[node.op] ?? 'elementwise';
}

/**
 * A user cell's name: the compiler records it in `attrs.cell`; for IR made without it, the
 * layer name without its counter (`Elman0` -> `Elman`).
 */
export function cellName(node: Node): string {
  const fromAttrs = strAttr(node, 'cell');
  if (fromAttrs !== undefined) return fromAttrs;
  const stripped = node.name.replace(/_?\d+$/, '');
  return stripped === '' ? node.name : stripped;
}

function recurrentSummary(node: Node): string {
  const parts = [String(numAttr(node, 'hidden') ?? '?')];
  const layers = numAttr(node, 'layers') ?? 1;
  if (layers !== 1) parts.push(`layers=${layers}`);
  if (boolAttr(node, 'bidirectional', false)) parts.push('bi');
  if (strAttr(node, 'nonlinearity') === 'relu') parts.push('relu');
  if (!boolAttr(node, 'bias', true)) parts.push('no bias');
  return `${node.op}(${parts.join(', ')})`;
}

function convSummary(node: Node): string {
  const parts = [String(numAttr(node, 'filters') ?? '?'), `k=${numAttr(node, 'kernel') ?? '?'}`];
  const stride = numAttr(node, 'stride') ?? 1;
  const dilation = numAttr(node, 'dilation') ?? 1;
  if (stride !== 1) parts.push(`s=${stride}`);
  if (dilation !== 1) parts.push(`d=${dilation}`);
  parts.push(strAttr(node, 'padding') ?? 'same');
  if (!boolAttr(node, 'bias', true)) parts.push('no bias');
  return `conv1d(${parts.join(', ')})`;
}

function poolSummary(node: Node): string {
  const kernel = numAttr(node, 'kernel');
  const parts = [`k=${kernel ?? '?'}`];
  const stride = numAttr(node, 'stride');
  if (stride !== undefined && stride !== kernel) parts.push(`s=${stride}`);
  if (strAttr(node, 'padding') === 'same') parts.push('same');
  return `${node.op}(${parts.join(', ')})`;
}

function embedSummary(node: Node): string {
  const pad = numAttr(node, 'padding_idx');
  const dim = String(numAttr(node, 'dim') ?? '?');
  return pad === undefined ? `embed(${dim})` : `embed(${dim}, pad=${pad})`;
}

function denseSummary(node: Node): string {
  const units = numAttr(node, 'units') ?? '?';
  return boolAttr(node, 'bias', true) ? `dense(${units})` : `dense(${units}, no bias)`;
}

function scanSummary(node: Node, graph: Graph): string {
  const width = lastDim(graph, node.outputs[0]);
  const rev = boolAttr(node, 'reverse', false) ? ', reverse' : '';
  return `${cellName(node)}(${width ?? '?'}${rev})`;
}

type Summary = (node: Node, graph: Graph) => string;

/** The op's own name, for ops whose attributes a figure does not show. */
const bare: Summary = (node) => node.op;

/** How each op is summarised; a new op must say (the type makes the table exhaustive). */
const SUMMARIES: { readonly [K in OpName]: Summary } = {
  rnn: recurrentSummary,
  lstm: recurrentSummary,
  gru: recurrentSummary,
  conv1d: convSummary,
  max_pool1d: poolSummary,
  avg_pool1d: poolSummary,
  embed: embedSummary,
  dense: denseSummary,
  reduce_time: (node) => `${strAttr(node, 'mode') ?? 'mean'} over time`,
  dropout: (node) => `dropout(${numAttr(node, 'rate') ?? '?'})`,
  slice: (node) => `slice[${numAttr(node, 'start') ?? '?'}:${numAttr(node, 'end') ?? '?'}]`,
  matmul: (node) => (boolAttr(node, 'transpose_b', false) ? 'matmul(·, Wᵀ)' : 'matmul'),
  final_state: () => 'final state',
  last: () => 'last step',
  first: () => 'first step',
  scan: scanSummary,
  layer_norm: bare,
  softmax: bare,
  concat: bare,
  relu: bare,
  tanh: bare,
  sigmoid: bare,
  gelu: bare,
  silu: bare,
  exp: bare,
  log: bare,
  neg: bare,
  add: bare,
  sub: bare,
  mul: bare,
  div: bare,
  constant: bare,
  param: bare,
};

/** The op with its key attributes, e.g. `gru(64)`. `graph` gives widths (scan cells). */
export function opSummary(node: Node, graph: Graph): string {
  // Lenient for IR read from a file: an op this build does not know shows its name.
  return (SUMMARIES[node.op] ?? bare)(node, graph);
}

/**
 * What a node's extra outputs are called, for edge labels: a recurrence's output 1 is
 * `h_n` (and 2 is `c_n` for an LSTM); a scan's outputs after the first are its states.
 */
export function outputRole(node: Node, index: number): string | undefined {
  if (index === 0) return undefined;
  const recurrence = recurrenceOf(node.op);
  if (recurrence !== undefined) {
    const state = recurrence.states[index - 1];
    return state === undefined ? undefined : `${state}_n`;
  }
  if (node.op === 'scan') {
    const states = node.attrs['state_names'];
    const name = Array.isArray(states) ? states[index - 1] : undefined;
    return typeof name === 'string' ? name : undefined;
  }
  return undefined;
}
