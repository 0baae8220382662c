/**
 * The seqlab graph IR. A model is a `Graph` of `Node`s over typed `Value`s, plus named
 * parameters with initialisers. It knows nothing of syntax (it keeps spans only, for
 * diagnostics) and nothing of tfjs. Few node kinds, one catalogue entry per op
 * (see `ops/`), a verifier run after every pass, and a versioned JSON form.
 */
import type { Span } from '@seqlab/diagnostics';

/**
 * One dimension of a shape: a number, or a symbol written as a canonical expression string
 * over symbols (`"B"`, `"T"`, `"T-2"`, `"ceil(T/2)"`). Two dims are equal when both are the
 * same number or the same string. Build symbolic dims with the helpers in `dims.ts`.
 */
export type Dim = number | string;

/** Element types. Token ids are int32 (tfjs has no int64); everything learned is float32. */
export type DType = 'float32' | 'int32';

/** The type of a value: element type, shape, and for token ids the vocabulary bound. */
export interface TensorType {
  readonly dtype: DType;
  readonly shape: readonly Dim[];
  /** For int token ids: every id is `< vocab`. */
  readonly vocab?: number;
}

/** An SSA value: produced by exactly one node or a graph input. */
export interface Value {
  readonly id: string;
  readonly type: TensorType;
  /** The user's name for it, when it has one (`logits`, `h`). */
  readonly name?: string;
}

/** Attribute values stay JSON-plain so the IR serialises without a schema per op. */
export type AttrValue = number | string | boolean | null | readonly number[] | readonly string[];

/** Every op the IR knows. The catalogue in `ops/` has exactly one entry per name. */
export type OpName =
  // layers over [B, T, D] / [B, D]
  | 'embed'
  | 'dense'
  | 'conv1d'
  | 'max_pool1d'
  | 'avg_pool1d'
  | 'reduce_time' // attrs.mode: 'mean' | 'max' | 'sum', masked by lengths
  | 'last' // mask-aware: the step at lengths-1
  | 'first'
  | 'dropout'
  | 'layer_norm'
  | 'softmax'
  | 'concat' // along the last axis
  | 'rnn' // PyTorch nn.RNN (attrs: hidden, layers, bidirectional, nonlinearity, bias)
  | 'lstm' // PyTorch nn.LSTM, gate order i, f, g, o
  | 'gru' // PyTorch nn.GRU, gate order r, z, n
  | 'final_state' // [layers*dirs, B, H] -> [B, dirs*H] of the top layer
  | 'scan' // a user cell: body graph run over time
  // elementwise and tensor algebra (model level and inside scan bodies)
  | 'relu'
  | 'tanh'
  | 'sigmoid'
  | 'gelu'
  | 'silu' // x * sigmoid(x), PyTorch's SiLU (swish)
  | 'exp'
  | 'log'
  | 'neg'
  | 'add'
  | 'sub'
  | 'mul'
  | 'div'
  | 'matmul' // a [..., M, K] x b [K, N] (attrs.transpose_b: b given as [N, K])
  | 'slice' // last axis [start, end)
  | 'constant' // attrs.value: number; shape []
  | 'param'; // attrs.name: reads a parameter (inside scan bodies and for user params)

/**
 * One operation. `inputs`/`outputs` are value ids. `params` maps a role (the PyTorch
 * state_dict suffix, e.g. `weight_ih_l0`) to the full parameter name in `IrModule.params`
 * (e.g. `gru0.weight_ih_l0`). `lengths` is the `[B]` int32 value holding the true length of
 * each sequence for ops that must ignore padding (recurrences, last/first, reduce_time).
 */
export interface Node {
  readonly id: string;
  readonly op: OpName;
  /** Stable layer name: user-given (`name = "enc"`) or derived (`gru0`, `dense1`). */
  readonly name: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attrs: Readonly<Record<string, AttrValue>>;
  readonly params: Readonly<Record<string, string>>;
  readonly lengths?: string;
  /** Only for `scan`: the per-step body. */
  readonly body?: Graph;
  readonly span?: Span;
}

/**
 * A dataflow graph in topological order. For a `scan` body:
 * `inputs` = [x_t for each scanned sequence..., previous state for each state...],
 * `outputs` = [next state for each state..., emitted value]. Body values carry the batch dim
 * (`[B, ...]`); parameters are read with `param` nodes.
 */
export interface Graph {
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly values: Readonly<Record<string, Value>>;
  readonly nodes: readonly Node[];
  /** Time symbol (e.g. `"T"`) -> id of the `[B]` int32 lengths value that masks it. */
  readonly lengths?: Readonly<Record<string, string>>;
}

/** Parameter initialisers. Defaults follow PyTorch for each built-in layer. */
export type Init =
  | { readonly kind: 'zeros' }
  | { readonly kind: 'ones' }
  | { readonly kind: 'constant'; readonly value: number }
  | { readonly kind: 'uniform'; readonly low: number; readonly high: number }
  | { readonly kind: 'normal'; readonly mean: number; readonly std: number }
  | { readonly kind: 'xavier_uniform'; readonly gain: number }
  | { readonly kind: 'orthogonal'; readonly gain: number };

/** A learned tensor: PyTorch-layout shape (Linear `[out, in]`, Conv1d `[out, in, k]`). */
export interface Param {
  readonly name: string;
  readonly shape: readonly number[];
  readonly init: Init;
  /** Name of the node (layer) that owns it. */
  readonly layer: string;
  readonly span?: Span;
}

/** Hyperparameter values after defaults and `--set` overrides. */
export type HyperValue = number | string | boolean | readonly number[];

/** A named model input or output. */
export interface Port {
  readonly name: string;
  readonly value: string;
}

/** Current JSON format version; bump on any incompatible change. */
export const IR_FORMAT_VERSION = 1;

/** A compiled model: what passes transform, analyses read, backends lower and runs save. */
export interface IrModule {
  readonly format: 'seqlab-ir';
  readonly version: typeof IR_FORMAT_VERSION;
  readonly model: string;
  readonly hyperparameters: Readonly<Record<string, HyperValue>>;
  readonly inputs: readonly Port[];
  readonly outputs: readonly Port[];
  readonly graph: Graph;
  readonly params: Readonly<Record<string, Param>>;
}
