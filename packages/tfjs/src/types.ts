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
}

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
}
