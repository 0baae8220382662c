/**
 * Which Python module attribute owns each parameter. A parameter `gru0.weight_ih_l0` is the
 * state_dict key of attribute `gru0` (an nn.GRU) and its parameter `weight_ih_l0`, so the
 * attribute is the text before the first dot and the rest is the name inside it. Built-in
 * layers must own exactly the parameters their nn module has; user-cell parameters form
 * one group per cell layer (both directions of a bidirectional cell share it).
 */
import { PARAM_OWNING_OPS } from '@seqlab/ir';
import type { Graph, IrModule, Node, OpName } from '@seqlab/ir';
import { ExportError } from './errors.js';

/** Ops that become one built-in nn module holding all of the node's parameters. */
export const NN_MODULE_OPS: ReadonlySet<OpName> = PARAM_OWNING_OPS;

/** Parameters by owning attribute; `builtin` is the node when an nn module owns them. */
export interface ParamGroup {
  readonly attr: string;
  /** Full parameter names of the group, in module order. */
  readonly params: readonly string[];
  readonly builtin?: Node;
  /** Scan nodes whose bodies read this group (a user cell). */
  readonly scans: readonly Node[];
}

/** Splits `group.name` into its two parts. */
export function splitParamName(full: string): { attr: string; name: string } {
  const dot = full.indexOf('.');
  if (dot <= 0 || dot === full.length - 1) {
    throw new ExportError(
      `parameter ${JSON.stringify(full)} is not named <layer>.<name>, so it has no PyTorch state_dict key`,
    );
  }
  return { attr: full.slice(0, dot), name: full.slice(dot + 1) };
}

function bodyParams(body: Graph, into: Set<string>): Set<string> {
  for (const n of body.nodes) {
    if (n.op === 'param') into.add(String(n.attrs['name']));
    if (n.body !== undefined) bodyParams(n.body, into);
  }
  return into;
}

/** Groups every parameter of `m` by its owning attribute and checks the ownership rules. */
export function paramGroups(m: IrModule): Map<string, ParamGroup> {
  const groups = new Map<string, { params: string[]; builtin?: Node; scans: Node[] }>();
  const groupOf = (attr: string) => {
    let g = groups.get(attr);
    if (g === undefined) {
      g = { params: [], scans: [] };
      groups.set(attr, g);
    }
    return g;
  };
  for (const name of Object.keys(m.params)) groupOf(splitParamName(name).attr).params.push(name);

  for (const node of m.graph.nodes) {
    if (NN_MODULE_OPS.has(node.op)) {
      const names = Object.entries(node.params);
      if (names.length === 0) continue;
      const attr = splitParamName(names[0]?.[1] ?? '').attr;
      for (const [role, full] of names) {
        if (full !== `${attr}.${role}`) {
          throw new ExportError(
            `${node.op} '${node.name}': parameter ${full} should be named ${attr}.${role} to match nn module state_dict keys`,
          );
        }
      }
      const g = groupOf(attr);
      if (g.builtin !== undefined || g.params.length !== names.length) {
        throw new ExportError(
          `${node.op} '${node.name}': the parameters under '${attr}.' belong to more than one layer`,
        );
      }
      g.builtin = node;
    } else if (node.op === 'scan' && node.body !== undefined) {
      const attrs = new Set(
        [...bodyParams(node.body, new Set())].map((p) => splitParamName(p).attr),
      );
      for (const attr of attrs) groupOf(attr).scans.push(node);
    }
  }
  for (const [attr, g] of groups) {
    if (g.builtin !== undefined && g.scans.length > 0) {
      throw new ExportError(
        `the parameters under '${attr}.' are used both by a built-in layer and by a user cell`,
      );
    }
  }
  return new Map(
    [...groups].map(([attr, g]) => [
      attr,
      { attr, params: g.params, scans: g.scans, ...(g.builtin ? { builtin: g.builtin } : {}) },
    ]),
  );
}
