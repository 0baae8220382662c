/**
 * Dead-code elimination: drops top-level nodes none of whose outputs reach a module output,
 * their values, and the parameters no remaining node reads (a parameter nothing reads gets
 * no gradient, and tfjs optimisers reject variables unconnected to the loss). Graph inputs
 * stay: they are the model's interface.
 */
import type { Graph, IrModule, Node, Param, Value } from '../types.js';
import type { Pass } from './pass.js';

function paramsRead(node: Node, into: Set<string>): void {
  for (const name of Object.values(node.params)) into.add(name);
  if (node.op === 'param' && typeof node.attrs['name'] === 'string') into.add(node.attrs['name']);
  for (const inner of node.body?.nodes ?? []) paramsRead(inner, into);
}

function eliminate(m: IrModule): IrModule {
  const { graph } = m;
  const live = new Set<string>([...graph.outputs, ...m.outputs.map((p) => p.value)]);
  const kept: Node[] = [];
  for (let i = graph.nodes.length - 1; i >= 0; i--) {
    const node = graph.nodes[i] as Node;
    if (!node.outputs.some((id) => live.has(id))) continue;
    kept.push(node);
    for (const id of node.inputs) live.add(id);
    if (node.lengths !== undefined) live.add(node.lengths);
  }
  kept.reverse();
  if (kept.length === graph.nodes.length) return m;
  const defined = new Set<string>(graph.inputs);
  for (const node of kept) for (const id of node.outputs) defined.add(id);
  const values: Record<string, Value> = {};
  for (const [id, v] of Object.entries(graph.values)) if (defined.has(id)) values[id] = v;
  const used = new Set<string>();
  for (const node of kept) paramsRead(node, used);
  const params: Record<string, Param> = {};
  for (const [name, p] of Object.entries(m.params)) if (used.has(name)) params[name] = p;
  const newGraph: Graph = { ...graph, values, nodes: kept };
  return { ...m, graph: newGraph, params };
}

/** Drops nodes whose outputs reach no module output (and the params only they used). */
export const eliminateDeadCode: Pass = { name: 'eliminate-dead-code', run: eliminate };
