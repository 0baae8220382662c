/**
 * Facts the diagrams compute from an `IrModule` alone: values, producers, widths and
 * parameter counts are derived here; what an op is (a recurrence, its gates) comes from
 * the IR's op traits.
 */
import { isRecurrent as isBuiltinRecurrence } from '@seqlab/ir';
import type { Graph, IrModule, Node, TensorType } from '@seqlab/ir';

/** Ops that are data, not layers: never drawn as boxes. */
export function isDataOp(node: Node): boolean {
  return node.op === 'param' || node.op === 'constant';
}

/** The built-in recurrences and user cells: what the unrolled figure unrolls. */
export function isRecurrent(node: Node): boolean {
  return isBuiltinRecurrence(node.op) || node.op === 'scan';
}

/**
 * The type of a value, or undefined when the module does not know it. The verifier
 * guarantees it exists; a viewer stays lenient so a half-built module still draws.
 */
export function valueType(graph: Graph, id: string): TensorType | undefined {
  return graph.values[id]?.type;
}

/** The last dim of a value's shape when it is a number (feature widths are). */
export function lastDim(graph: Graph, id: string | undefined): number | undefined {
  if (id === undefined) return undefined;
  const shape = valueType(graph, id)?.shape;
  const d = shape?.[shape.length - 1];
  return typeof d === 'number' ? d : undefined;
}

/** Value id -> the node producing it and which of its outputs it is. */
export interface Producer {
  readonly node: Node;
  readonly index: number;
}

/** Map every value id produced inside `graph` to its producer. */
export function producers(graph: Graph): Map<string, Producer> {
  const map = new Map<string, Producer>();
  for (const node of graph.nodes) {
    node.outputs.forEach((id, index) => map.set(id, { node, index }));
  }
  return map;
}

/** A string attribute, or undefined (attrs are JSON-plain, so check before use). */
export function strAttr(node: Node, key: string): string | undefined {
  const v = node.attrs[key];
  return typeof v === 'string' ? v : undefined;
}

/** A numeric attribute, or undefined. */
export function numAttr(node: Node, key: string): number | undefined {
  const v = node.attrs[key];
  return typeof v === 'number' ? v : undefined;
}

/** A boolean attribute, or `fallback`. */
export function boolAttr(node: Node, key: string, fallback: boolean): boolean {
  const v = node.attrs[key];
  return typeof v === 'boolean' ? v : fallback;
}

function collectBodyParams(graph: Graph, into: Set<string>): void {
  for (const n of graph.nodes) {
    const name = n.op === 'param' ? strAttr(n, 'name') : undefined;
    if (name !== undefined) into.add(name);
    for (const p of Object.values(n.params)) into.add(p);
    if (n.body) collectBodyParams(n.body, into);
  }
}

/**
 * Names of the parameters a layer owns: its `params` roles, the `param` reads inside a
 * scan body, parameters whose `layer` is this node, and `param` nodes feeding it directly.
 */
export function layerParamNames(m: IrModule, node: Node, made: Map<string, Producer>): Set<string> {
  const names = new Set<string>(Object.values(node.params));
  if (node.body) collectBodyParams(node.body, names);
  for (const p of Object.values(m.params)) if (p.layer === node.name) names.add(p.name);
  for (const input of node.inputs) {
    const src = made.get(input)?.node;
    const name = src?.op === 'param' ? strAttr(src, 'name') : undefined;
    if (name !== undefined) names.add(name);
  }
  return names;
}

/** Number of scalars in a parameter; 0 when the module does not list it. */
export function paramSize(m: IrModule, name: string): number {
  const p = m.params[name];
  return p ? p.shape.reduce((a, b) => a * b, 1) : 0;
}

/** Learned scalars owned by one layer. */
export function layerParamCount(m: IrModule, node: Node, made: Map<string, Producer>): number {
  let total = 0;
  for (const name of layerParamNames(m, node, made)) total += paramSize(m, name);
  return total;
}

/** Learned scalars in the whole module. */
export function totalParamCount(m: IrModule): number {
  let total = 0;
  for (const name of Object.keys(m.params)) total += paramSize(m, name);
  return total;
}

/** Nodes of a scan body that are computation (not parameter or constant reads). */
export function bodyOpCount(node: Node): number {
  return node.body ? node.body.nodes.filter((n) => !isDataOp(n)).length : 0;
}
