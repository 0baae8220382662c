/**
 * How a layer reads in a figure: its op with the attributes a student would write
 * (`gru(64)`, `conv1d(64, k=3, same)`, `lstm(128, layers=2, bi)`), and its colour family.
 */
import type { Graph, Node } from '@seqlab/ir';
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

/** The colour family of an op. */
export function opFamily(node: Node): Family {
  switch (node.op) {
    case 'rnn':
    case 'lstm':
    case 'gru':
    case 'scan':
    case 'final_state':
      return 'recurrent';
    case 'conv1d':
    case 'max_pool1d':
    case 'avg_pool1d':
      return 'conv';
    case 'embed':
    case 'dense':
    case 'matmul':
      return 'dense';
    case 'reduce_time':
    case 'last':
    case 'first':
      return 'reduce';
    default:
      return 'elementwise';
  }
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

/** The op with its key attributes, e.g. `gru(64)`. `graph` gives widths (scan cells). */
export function opSummary(node: Node, graph: Graph): string {
  switch (node.op) {
    case 'rnn':
    case 'lstm':
    case 'gru':
      return recurrentSummary(node);
    case 'conv1d':
      return convSummary(node);
    case 'max_pool1d':
    case 'avg_pool1d':
      return poolSummary(node);
    case 'embed': {
      const pad = numAttr(node, 'padding_idx');
      const dim = String(numAttr(node, 'dim') ?? '?');
      return pad === undefined ? `embed(${dim})` : `embed(${dim}, pad=${pad})`;
    }
    case 'dense':
      return boolAttr(node, 'bias', true)
        ? `dense(${numAttr(node, 'units') ?? '?'})`
        : `dense(${numAttr(node, 'units') ?? '?'}, no bias)`;
    case 'reduce_time':
      return `${strAttr(node, 'mode') ?? 'mean'} over time`;
    case 'dropout':
      return `dropout(${numAttr(node, 'rate') ?? '?'})`;
    case 'slice':
      return `slice[${numAttr(node, 'start') ?? '?'}:${numAttr(node, 'end') ?? '?'}]`;
    case 'matmul':
      return boolAttr(node, 'transpose_b', false) ? 'matmul(·, Wᵀ)' : 'matmul';
    case 'final_state':
      return 'final state';
    case 'last':
      return 'last step';
    case 'first':
      return 'first step';
    case 'scan': {
      const width = lastDim(graph, node.outputs[0]);
      const rev = boolAttr(node, 'reverse', false) ? ', reverse' : '';
      return `${cellName(node)}(${width ?? '?'}${rev})`;
    }
    default:
      return node.op;
  }
}

/**
 * What a node's extra outputs are called, for edge labels: a recurrence's output 1 is
 * `h_n` (and 2 is `c_n` for an LSTM); a scan's outputs after the first are its states.
 */
export function outputRole(node: Node, index: number): string | undefined {
  if (index === 0) return undefined;
  if (node.op === 'rnn' || node.op === 'gru' || node.op === 'lstm') {
    return index === 1 ? 'h_n' : index === 2 ? 'c_n' : undefined;
  }
  if (node.op === 'scan') {
    const states = node.attrs['state_names'];
    const name = Array.isArray(states) ? states[index - 1] : undefined;
    return typeof name === 'string' ? name : undefined;
  }
  return undefined;
}
