/**
 * Receptive fields: how many input steps one output step can see. Walk the graph in order
 * with (steps, jump) per value: inputs start at (1, 1); conv and pool add
 * (k-1)*dilation*jump and multiply jump by the stride, which is the closed form
 * rf = 1 + sum (k_i - 1)*dilation_i*prod_{j<i} stride_j. Ops that see the whole sequence
 * (recurrences, time reductions, last/first) make it 'all'.
 */
import { WHOLE_SEQUENCE_OPS } from '../ops/properties.js';
import type { Graph, Node } from '../types.js';

/** A receptive field: finite `steps` with the input stride `jump` of one output step, or 'all'. */
export type ReceptiveField = { readonly steps: number; readonly jump: number } | 'all';

function combine(fields: readonly ReceptiveField[]): ReceptiveField | undefined {
  let out: ReceptiveField | undefined;
  for (const f of fields) {
    if (f === 'all') return 'all';
    out =
      out === undefined || out === 'all'
        ? f
        : { steps: Math.max(out.steps, f.steps), jump: Math.max(out.jump, f.jump) };
  }
  return out;
}

function window(node: Node, input: ReceptiveField | undefined): ReceptiveField | undefined {
  if (input === undefined || input === 'all') return input;
  const kernel = Number(node.attrs['kernel']);
  const stride = Number(node.attrs['stride'] ?? 1);
  const dilation = node.op === 'conv1d' ? Number(node.attrs['dilation'] ?? 1) : 1;
  return { steps: input.steps + (kernel - 1) * dilation * input.jump, jump: input.jump * stride };
}

/**
 * The receptive field of every value of `graph` that depends on a graph input. Values
 * computed only from params and constants have none (they are the same at every step).
 */
export function receptiveFields(graph: Graph): ReadonlyMap<string, ReceptiveField> {
  const rf = new Map<string, ReceptiveField>();
  for (const id of graph.inputs) rf.set(id, { steps: 1, jump: 1 });
  for (const node of graph.nodes) {
    const ins = node.inputs.map((id) => rf.get(id)).filter((f) => f !== undefined);
    let out: ReceptiveField | undefined;
    if (WHOLE_SEQUENCE_OPS.has(node.op)) out = 'all';
    else if (node.op === 'conv1d' || node.op === 'max_pool1d' || node.op === 'avg_pool1d') {
      out = window(node, ins[0]);
    } else out = combine(ins);
    if (out !== undefined) for (const id of node.outputs) rf.set(id, out);
  }
  return rf;
}

/** The widest of several receptive fields, as reported (`steps` or 'all'). */
export function widestField(
  fields: readonly (ReceptiveField | undefined)[],
): number | 'all' | undefined {
  const f = combine(fields.filter((x) => x !== undefined));
  return f === undefined || f === 'all' ? f : f.steps;
}
