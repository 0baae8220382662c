/** The interpreter: runs nodes in topological order, each through its rule. */
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Node } from '@seqlab/ir';
import type { Env, LowerContext, RuleTable } from './context.js';

/** Evaluates `nodes` over `env` (value id -> tensor), binding every node output. */
export function runNodes(
  table: RuleTable,
  nodes: readonly Node[],
  env: Env,
  ctx: LowerContext,
): void {
  for (const node of nodes) {
    const rule = table[node.op];
    if (rule === undefined) throw new Error(`no lowering rule for op '${node.op}'`);
    const inputs = node.inputs.map((id): Tensor | undefined => {
      if (id === '') return undefined;
      const t = env.get(id);
      if (t === undefined)
        throw new Error(`${node.op} '${node.name}': input ${id} is not computed`);
      return t;
    });
    // An unbound lengths value means the caller fed no lengths: every sequence is full.
    const lengths = node.lengths === undefined ? null : (env.get(node.lengths) ?? null);
    const outputs = rule(ctx, node, { inputs, lengths });
    node.outputs.forEach((id, i) => {
      const t = outputs[i];
      if (t !== undefined) env.set(id, t);
    });
  }
}
