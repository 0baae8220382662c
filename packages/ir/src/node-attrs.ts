/**
 * Typed access to a node's attributes. `Node.attrs` stays a plain JSON record so the IR
 * serialises without a schema per op; the verifier checks each node's attributes against
 * its op's shape rule, so after verification they have the types of `OpAttrs[op]`.
 */
import type { OpAttrs } from './op-attrs.js';
import type { Node, OpName } from './types.js';

/** `node`'s attributes as `OpAttrs[op]`; asking for another op's attributes is a bug. */
export function attrsOf<K extends OpName>(node: Node, op: K): OpAttrs[K] {
  if (node.op !== op) throw new Error(`attrsOf: node '${node.name}' is ${node.op}, not ${op}`);
  return node.attrs as unknown as OpAttrs[K];
}
