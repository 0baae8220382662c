/**
 * The op catalogue: exactly one entry per `OpName`, each with its shape rule, parameters
 * and cost. The compiler, verifier, analyses and backends all read this one table.
 */
import type { Graph, OpName, TensorType } from '../types.js';
import { constant, matmul, param, slice } from './algebra.js';
import {
  add,
  div,
  exp,
  gelu,
  log,
  mul,
  neg,
  relu,
  sigmoid,
  silu,
  sub,
  tanh,
} from './elementwise.js';
import {
  avgPool1d,
  concat,
  conv1d,
  dense,
  dropout,
  embed,
  layerNorm,
  maxPool1d,
  softmax,
} from './layers.js';
import type { InferContext, OpDef } from './op-def.js';
import { finalState, gru, lstm, rnn } from './recurrent.js';
import { scan as scanBase } from './scan.js';
import { first, last, reduceTime } from './sequence.js';

/** Sum of the FLOPs of one step of a graph's nodes (a scan body). */
export function graphFlopsPerStep(body: Graph): number {
  let total = 0;
  for (const node of body.nodes) {
    const inputs: TensorType[] = [];
    for (const id of node.inputs) {
      const t = body.values[id]?.type;
      if (t) inputs.push(t);
    }
    // The table is keyed by op, so the entry matches node.op; attrs are the node's own.
    const def = OPS[node.op] as unknown as OpDef<'scan'>;
    const ctx: InferContext = node.body ? { body: node.body } : {};
    total += def.flopsPerStep(inputs, node.attrs as unknown as never, ctx);
  }
  return total;
}

const scan: OpDef<'scan'> = {
  ...scanBase,
  flopsPerStep: (_inputs, _attrs, ctx) => (ctx?.body ? graphFlopsPerStep(ctx.body) : 0),
};

/** The catalogue, keyed by op name. */
export const OPS: { readonly [K in OpName]: OpDef<K> } = {
  embed,
  dense,
  conv1d,
  max_pool1d: maxPool1d,
  avg_pool1d: avgPool1d,
  reduce_time: reduceTime,
  last,
  first,
  dropout,
  layer_norm: layerNorm,
  softmax,
  concat,
  rnn,
  lstm,
  gru,
  final_state: finalState,
  scan,
  relu,
  tanh,
  sigmoid,
  gelu,
  silu,
  exp,
  log,
  neg,
  add,
  sub,
  mul,
  div,
  matmul,
  slice,
  constant,
  param,
};

/** Every op name, in catalogue order. */
export const OP_NAMES = Object.keys(OPS) as OpName[];
