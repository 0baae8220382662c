/**
 * The public shapes of the tfjs lowering: what a caller feeds, what a compiled model gives
 * back. Every tfjs function is reached through a `Tf` namespace value (not a static import)
 * so a caller can pass the tfjs instance it set up (tfjs-node, a bundled copy, ...).
 */
import type * as TfCore from '@tensorflow/tfjs-core';
import type { IrModule } from '@seqlab/ir';

/** The tfjs-core namespace the model runs on. */
export type Tf = typeof TfCore;

/** Model inputs by input port name, and sequence lengths by time symbol (absent = full). */
export interface Feeds {
  readonly inputs: Readonly<Record<string, TfCore.Tensor>>;
  readonly lengths?: Readonly<Record<string, TfCore.Tensor1D>>;
}

/**
 * Recurrent states of the top-level recurrences, by node id: `[h_n]` (rnn, gru),
 * `[h_n, c_n]` (lstm), each `[layers*dirs, B, H]`, or a scan's states in declaration order.
 */
export type RecurrentStates = ReadonlyMap<string, readonly TfCore.Tensor[]>;

/** Options for one forward pass. */
export interface ForwardOptions {
  /** Dropout is active only when training. */
  readonly training?: boolean;
  /** Seed for dropout masks; default: the model seed plus a per-call counter. */
  readonly seed?: number;
  /**
   * Start these recurrences from the given states instead of their h0/c0 inputs or zeros
   * (truncated BPTT carries states from one chunk of time to the next).
   */
  readonly initialStates?: RecurrentStates;
  /**
   * Sees every state a top-level recurrence produces, at every step, before anything reads
   * it, and returns the tensor to use instead. Gradient diagnostics add a zero "probe" here:
   * the gradient with respect to the probe is dL/dh_t (see `diagnostics/`).
   */
  readonly stateProbe?: StateProbe;
}

/** Where a recurrent state was produced: node id, layer*dirs+direction (or state index), step. */
export interface ProbeSite {
  readonly node: string;
  /** rnn/lstm/gru: `layer * dirs + direction` (PyTorch's h_n order); scan: the state index. */
  readonly index: number;
  /** `h` or `c` for built-in recurrences; the state's declared name for a user cell. */
  readonly state: string;
  /** 0-based time step. */
  readonly step: number;
}

/** A hook over recurrent states (see {@link ForwardOptions.stateProbe}). */
export type StateProbe = (site: ProbeSite, state: TfCore.Tensor) => TfCore.Tensor;

/** A forward pass that also hands back every top-level recurrence's final state. */
export interface StatefulResult {
  readonly outputs: Record<string, TfCore.Tensor>;
  readonly states: Map<string, TfCore.Tensor[]>;
}

/** An IR module lowered to tfjs: variables for its parameters and a forward function. */
export interface CompiledModel {
  readonly module: IrModule;
  /** The tfjs namespace the model's tensors live in (trainers use the same one). */
  readonly tf: Tf;
  /** Every parameter as a trainable variable, by parameter name. */
  readonly variables: ReadonlyMap<string, TfCore.Variable>;
  /** Runs the graph; returns the model outputs by output name. Intermediates are freed. */
  forward(feeds: Feeds, opts?: ForwardOptions): Record<string, TfCore.Tensor>;
  /** `forward`, plus the final state of every top-level recurrence (caller owns them). */
  forwardWithStates(feeds: Feeds, opts?: ForwardOptions): StatefulResult;
  /** Frees the variables. */
  dispose(): void;
}

/** Options for `lowerModule`. */
export interface LowerOptions {
  /** Seed for parameter initialisation and dropout (default 0). */
  readonly seed?: number;
  /** The tfjs-core namespace to use (default: the `@tensorflow/tfjs-core` this package sees). */
  readonly tf?: Tf;
  /**
   * How the built-in tanh `rnn`, `lstm` and `gru` back-propagate: `bptt` (default) uses
   * the explicit textbook recurrence of `bptt/` as a custom gradient, a loop of seqlab's cell
   * kernels; `autodiff` lets tfjs differentiate the unrolled loop of composed cells.
   * tools/bench/bptt-bench.ts compares the two.
   */
  readonly rnnGradient?: 'autodiff' | 'bptt';
  /**
   * `fast` (default) installs the seqlab kernels a backend package provided for the active
   * backend (kernels/provider.ts; @seqlab/backend-cpu replaces stock cpu and wasm kernels,
   * @seqlab/backend-webgl adds webgl's cells); `stock` leaves tfjs's kernels alone, for
   * benchmarks that show what ours change. Kernel registration is process-wide: once a model has installed
   * ours, they stay for every model of the process.
   */
  readonly kernels?: 'fast' | 'stock';
}
