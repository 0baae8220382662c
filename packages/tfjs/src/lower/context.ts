/**
 * What a lowering rule sees: the tfjs namespace, the model's variables, the mode, and the
 * node's resolved inputs. Rules are pure functions of these (tinygrad-style op table).
 */
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import type { Graph, IrModule, Node, OpAttrs, OpName } from '@seqlab/ir';
import type { RecurrentStates, StateProbe, Tf } from '../types.js';

/** Value id -> tensor while a graph runs. */
export type Env = Map<string, Tensor>;

/** Shared state of one forward pass. */
export interface LowerContext {
  readonly tf: Tf;
  readonly module: IrModule;
  readonly variables: ReadonlyMap<string, Variable>;
  readonly training: boolean;
  /** Base seed of this pass (scan bodies derive one per step). */
  readonly seed: number;
  /** States to start recurrences from, by node id (truncated BPTT). */
  readonly initialStates: RecurrentStates | null;
  /** When set, recurrences record their final states here, by node id. */
  readonly finalStates: Map<string, Tensor[]> | null;
  /** Sees each new recurrent state of top-level recurrences (gradient diagnostics). */
  readonly stateProbe: StateProbe | null;
  /** Gradient of the built-in rnn, lstm and gru: explicit BPTT or tfjs autodiff. */
  readonly rnnGradient: 'autodiff' | 'bptt';
  /** seqlab's own kernels may be used (cpu and wasm; `LowerOptions.kernels`). */
  readonly fastKernels: boolean;
  /** Runs `graph`'s nodes (or the given subset) over `env`, binding their outputs. */
  runNodes(nodes: readonly Node[], env: Env, ctx: LowerContext): void;
}

/** A node's inputs resolved to tensors: `inputs[i]` is undefined for an absent optional. */
export interface RuleArgs {
  readonly inputs: readonly (Tensor | undefined)[];
  /** `[B]` int32 sequence lengths, or null when every sequence is full length. */
  readonly lengths: Tensor | null;
}

/** Lowers one node; returns its outputs in order (optional trailing outputs may be omitted). */
export type Rule = (ctx: LowerContext, node: Node, args: RuleArgs) => Tensor[];

/** The op table type: one rule per op, checked complete by the compiler. */
export type RuleTable = { readonly [K in OpName]: Rule };

/**
 * The node's attributes with the contract's types. The IR verifier guarantees them; we only
 * guard the few numbers whose absence would silently mislead.
 */
export function attrsOf<K extends keyof OpAttrs>(node: Node, _op: K): OpAttrs[K] {
  return node.attrs as unknown as OpAttrs[K];
}

/** Input `i`, which the contract says is present. */
export function input(node: Node, args: RuleArgs, i: number): Tensor {
  const t = args.inputs[i];
  if (t === undefined) throw new Error(`${node.op} '${node.name}': input ${i} is missing`);
  return t;
}

/** The variable behind a parameter role (`weight`, `bias_ih_l0`, ...). */
export function param(ctx: LowerContext, node: Node, role: string): Variable {
  const name = node.params[role];
  const v = name === undefined ? undefined : ctx.variables.get(name);
  if (v === undefined) throw new Error(`${node.op} '${node.name}': parameter ${role} is missing`);
  return v;
}

/** The variable behind a parameter role, or null when the layer was built without it. */
export function optionalParam(ctx: LowerContext, node: Node, role: string): Variable | null {
  const name = node.params[role];
  return name === undefined ? null : (ctx.variables.get(name) ?? null);
}

/** A graph's body lookup for `scan`. */
export function bodyOf(node: Node): Graph {
  if (node.body === undefined) throw new Error(`scan '${node.name}' has no body`);
  return node.body;
}
