/**
 * The attributes and inputs of every op: the contract between the compiler (which builds
 * nodes), the catalogue (shape rules, parameters, FLOPs) and the backends (lowering).
 *
 * Inputs are listed in order; `?` marks an optional trailing input. Outputs likewise.
 * Parameter roles use PyTorch state_dict names; shapes are PyTorch layouts.
 */
export interface OpAttrs {
  /** in: ids `[B, T] int<V>` (or `[B] int`) -> `[B, T, dim]`. params: weight `[V, dim]` ~ N(0, 1). */
  embed: { dim: number; padding_idx: number | null };
  /**
   * in: x `[..., in]` -> `[..., units]` (per step on `[B, T, D]`, or on `[B, D]`).
   * params: weight `[units, in]`, bias `[units]` (if bias), both U(±1/sqrt(in)).
   */
  dense: { units: number; bias: boolean };
  /**
   * in: x `[B, T, in]` -> `[B, T', filters]`. params: weight `[filters, in, kernel]`,
   * bias `[filters]`, U(±1/sqrt(in*kernel)). `same` keeps T (stride 1) or ceil(T/stride);
   * `valid` gives floor((T - dilation*(kernel-1) - 1)/stride) + 1; `causal` pads left only.
   */
  conv1d: {
    filters: number;
    kernel: number;
    stride: number;
    dilation: number;
    padding: 'same' | 'valid' | 'causal';
    bias: boolean;
  };
  /** in: x `[B, T, D]` -> `[B, T', D]`. stride defaults to kernel. */
  max_pool1d: { kernel: number; stride: number; padding: 'same' | 'valid' };
  avg_pool1d: { kernel: number; stride: number; padding: 'same' | 'valid' };
  /** in: x `[B, T, D]` -> `[B, D]`, padding steps ignored via node.lengths. */
  reduce_time: { mode: 'mean' | 'max' | 'sum' };
  /** in: x `[B, T, D]` -> `[B, D]`: step lengths-1 (last) or 0 (first). */
  last: Record<string, never>;
  first: Record<string, never>;
  /** in: x -> same shape. Identity at inference. */
  dropout: { rate: number };
  /** in: x `[..., D]` -> same. params: weight `[D]` = ones, bias `[D]` = zeros. */
  layer_norm: { eps: number };
  /** in: x -> same; along the last axis. */
  softmax: Record<string, never>;
  /** in: a `[..., D1]`, b `[..., D2]`, ... -> `[..., D1 + D2 + ...]`. */
  concat: Record<string, never>;
  /**
   * Built-in recurrences with exactly PyTorch's semantics (batch_first = true).
   * in: x `[B, T, in]`, h0? `[layers*dirs, B, hidden]`, (lstm) c0? same shape.
   * out: seq `[B, T, dirs*hidden]`, h_n `[layers*dirs, B, hidden]`, (lstm) c_n.
   * params per layer k (and `_reverse` for the backward direction), G = 1 (rnn), 4 (lstm), 3 (gru):
   * weight_ih_l{k} `[G*hidden, in_k]`, weight_hh_l{k} `[G*hidden, hidden]`,
   * bias_ih_l{k} `[G*hidden]`, bias_hh_l{k} `[G*hidden]`; all U(±1/sqrt(hidden)).
   * in_0 = input width, in_k = dirs*hidden for k > 0. Padding steps (node.lengths) leave the
   * state unchanged and emit zeros, like packed sequences.
   */
  rnn: {
    hidden: number;
    layers: number;
    bidirectional: boolean;
    nonlinearity: 'tanh' | 'relu';
    bias: boolean;
  };
  lstm: { hidden: number; layers: number; bidirectional: boolean; bias: boolean };
  gru: { hidden: number; layers: number; bidirectional: boolean; bias: boolean };
  /** in: h_n `[layers*dirs, B, H]` -> `[B, dirs*H]`: the top layer, directions concatenated. */
  final_state: { layers: number; bidirectional: boolean };
  /**
   * A user cell run over time. in: sequences... (each `[B, T, ...]`), then one initial value
   * per state whose `state_init[i]` is `'input'` (each `[B, ...]`).
   * out: emitted sequence `[B, T, ...]`, then the final value of every state `[B, ...]`.
   * `body` inputs: one x_t `[B, ...]` per sequence, then every state's previous value;
   * `body` outputs: every state's next value, then the emitted value.
   * `state_init[i]`: 'zeros' | 'ones' | 'input'. Padding steps keep states, emit zeros.
   */
  scan: {
    /** The user cell's name (`Elman`), for tables and diagrams. */
    cell?: string;
    num_sequences: number;
    state_names: readonly string[];
    state_init: readonly ('zeros' | 'ones' | 'input')[];
    reverse: boolean;
  };
  relu: Record<string, never>;
  tanh: Record<string, never>;
  sigmoid: Record<string, never>;
  gelu: Record<string, never>;
  silu: Record<string, never>;
  exp: Record<string, never>;
  log: Record<string, never>;
  neg: Record<string, never>;
  /** Binary elementwise with numpy broadcasting. */
  add: Record<string, never>;
  sub: Record<string, never>;
  mul: Record<string, never>;
  div: Record<string, never>;
  /** in: a `[..., M, K]` (or `[..., K]`), b `[K, N]` (`[N, K]` if transpose_b) -> `[..., N]`. */
  matmul: { transpose_b: boolean };
  /** in: x `[..., D]` -> `[..., end-start]` (last axis). */
  slice: { start: number; end: number };
  /** out: a scalar `[]` float32. */
  constant: { value: number };
  /** out: the parameter `name` (shape from `IrModule.params`). */
  param: { name: string };
}
