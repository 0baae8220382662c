/**
 * Splits a scan body into the part that can run once over the whole sequence and the part
 * that must run per step. A node is time-parallel when it acts row by row on the batch axis
 * and depends only on the step inputs x_t, parameters and constants (never on a state):
 * e.g. the `W_xh @ x` of an Elman cell. Hoisting it turns T small products into one big one.
 */
// Row-wise ops (`OpDef.traits.rowWise`) treat axis 0 as a batch of independent rows, so
// `[B*T, ...]` equals T steps.
import { ROW_WISE_OPS, type Graph, type Node } from '@seqlab/ir';

/** The schedule of a scan body. */
export interface ScanPlan {
  /** Nodes run once, with each x_t bound to the flattened `[B*T, ...]` sequence. */
  readonly hoisted: readonly Node[];
  /** Nodes run at every step. */
  readonly perStep: readonly Node[];
  /** Values computed once that carry no batch axis (parameters, constants, products of them). */
  readonly invariant: ReadonlySet<string>;
  /** Batched hoisted values the per-step nodes or the body outputs read: sliced per step. */
  readonly sliced: readonly string[];
}

const plans = new WeakMap<Graph, ScanPlan>();

/** Plans (and caches) the hoisting of `body` whose first `numSequences` inputs are the x_t. */
export function planScan(body: Graph, numSequences: number): ScanPlan {
  const cached = plans.get(body);
  if (cached !== undefined) return cached;
  const parallel = new Set(body.inputs.slice(0, numSequences));
  const invariant = new Set<string>();
  const hoisted: Node[] = [];
  const perStep: Node[] = [];
  for (const node of body.nodes) {
    const ins = node.inputs.filter((id) => id !== '');
    const free = ins.every((id) => parallel.has(id) || invariant.has(id));
    if (ROW_WISE_OPS.has(node.op) && free) {
      hoisted.push(node);
      const target = ins.some((id) => parallel.has(id)) ? parallel : invariant;
      for (const out of node.outputs) target.add(out);
    } else {
      perStep.push(node);
    }
  }
  const read = new Set<string>(body.outputs);
  for (const node of perStep) for (const id of node.inputs) read.add(id);
  const sliced = [...read].filter((id) => parallel.has(id));
  const plan = { hoisted, perStep, invariant, sliced };
  plans.set(body, plan);
  return plan;
}
