/**
 * The two matrices the unrolled figure names on its edges: W_xh (input to hidden) and
 * W_hh (hidden to hidden), per recurrent layer, with their PyTorch-layout shapes.
 */
import type { IrModule, Node } from '@seqlab/ir';
import { numAttr, strAttr } from './module-facts.js';

/** `[rows, cols]` shapes of one layer's input and recurrent weights, when known. */
export interface CellWeights {
  readonly wxh?: readonly number[];
  readonly whh?: readonly number[];
}

function paramShape(m: IrModule, name: string | undefined): readonly number[] | undefined {
  return name === undefined ? undefined : m.params[name]?.shape;
}

/** Built-in rnn/lstm/gru: the `weight_ih_l{k}` and `weight_hh_l{k}` parameters. */
export function builtinWeights(m: IrModule, node: Node, layer: number): CellWeights {
  const wxh = paramShape(m, node.params[`weight_ih_l${layer}`]);
  const whh = paramShape(m, node.params[`weight_hh_l${layer}`]);
  return { ...(wxh ? { wxh } : {}), ...(whh ? { whh } : {}) };
}

/**
 * A user cell: find `W @ x` and `U @ h` in the body. A `matmul` whose other operand is a
 * step input reads W_xh; one whose other operand is a previous state reads W_hh. Cells
 * written another way (`W @ concat(x, h)`) get no shapes here and fall back to widths.
 */
export function scanWeights(m: IrModule, node: Node): CellWeights {
  const body = node.body;
  if (!body) return {};
  const numSeq = numAttr(node, 'num_sequences') ?? 1;
  const xs = new Set(body.inputs.slice(0, numSeq));
  const hs = new Set(body.inputs.slice(numSeq));
  const paramOf = new Map<string, string>();
  for (const n of body.nodes) {
    const name = n.op === 'param' ? strAttr(n, 'name') : undefined;
    const out = n.outputs[0];
    if (name !== undefined && out !== undefined) paramOf.set(out, name);
  }
  let wxh: readonly number[] | undefined;
  let whh: readonly number[] | undefined;
  for (const n of body.nodes) {
    if (n.op !== 'matmul') continue;
    const [a, b] = n.inputs;
    if (a === undefined || b === undefined) continue;
    const param = paramOf.get(a) ?? paramOf.get(b);
    const other = paramOf.has(a) ? b : a;
    if (xs.has(other)) wxh ??= paramShape(m, param);
    if (hs.has(other)) whh ??= paramShape(m, param);
  }
  return { ...(wxh ? { wxh } : {}), ...(whh ? { whh } : {}) };
}
