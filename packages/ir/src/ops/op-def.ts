/**
 * The shape of one catalogue entry: arity, shape rule, parameters and cost of an op.
 * Shape rules return a `ShapeError` value (never throw) so the compiler can turn it into a
 * diagnostic at the user's span.
 */
import type { OpAttrs } from '../op-attrs.js';
import type { Graph, Init, OpName, TensorType } from '../types.js';

/** What went wrong in a shape rule: wrong input count, rank, dtype, a dim, or an attribute. */
export type ShapeErrorKind = 'arity' | 'rank' | 'dtype' | 'dim' | 'attr';

/**
 * A user-facing shape error. `message` says what was expected and what was given, e.g.
 * `gru expects a sequence [B, T, D]; got [B, 64]`. `input` is the offending input's index.
 */
export interface ShapeError {
  readonly kind: ShapeErrorKind;
  readonly message: string;
  readonly input?: number;
}

/** A parameter an op needs: its state_dict role, PyTorch-layout shape and default init. */
export interface ParamSpec {
  readonly role: string;
  readonly shape: number[];
  readonly init: Init;
}

/**
 * Extra facts some shape rules need beyond input types: the body graph of a `scan`, and the
 * shapes of module parameters (for `param`). Callers that build those ops must supply it.
 */
export interface InferContext {
  readonly body?: Graph;
  readonly paramShape?: (name: string) => readonly number[] | undefined;
}

/**
 * What a built-in recurrence carries and computes, in PyTorch's layout. Backends, the
 * exporter, the diagrams and the gradient diagnostics read these facts instead of testing
 * op names.
 */
export interface Recurrence {
  /** The blocks of `weight_ih`/`weight_hh`, in PyTorch's row order (its length is the gate count). */
  readonly gates: readonly string[];
  /** Index in `gates` of the candidate block (the one with tanh, not sigmoid). */
  readonly candidate: number;
  /** States carried between steps, in output order after the sequence (`h`, then `c`). */
  readonly states: readonly string[];
  /** Whether sigmoid gates scale the recurrent path (so J_t is not `diag(act') W_hh`). */
  readonly gated: boolean;
}

/**
 * Properties every op states once, here; sets such as "the row-wise ops" are derived from
 * them (see `ops/properties.ts`), so a new op cannot be silently left out of one.
 */
export interface OpTraits {
  /** One result per element (unary) or per broadcast pair of elements (binary). */
  readonly elementwise: boolean;
  /** Treats axis 0 as a batch of independent rows, so running it on `[B*T, ...]` equals T steps. */
  readonly rowWise: boolean;
  /** One output step may depend on every input step (its receptive field is 'all'). */
  readonly wholeSequence: boolean;
  /** Owns learned parameters (`params` is not empty): a built-in layer with weights. */
  readonly ownsParams: boolean;
  /** Set for the built-in recurrences only. */
  readonly recurrence?: Recurrence;
}

/** One op of the catalogue. */
export interface OpDef<K extends OpName = OpName> {
  readonly op: K;
  readonly traits: OpTraits;
  readonly minInputs: number;
  /** `Infinity` for variadic ops (concat). */
  readonly maxInputs: number;
  /** Output types for these inputs, or why they are wrong. Arity is checked here too. */
  infer(
    inputs: readonly TensorType[],
    attrs: OpAttrs[K],
    ctx?: InferContext,
  ): readonly TensorType[] | ShapeError;
  /** Parameters the op owns, in PyTorch state_dict order. Call only after `infer` succeeded. */
  params(inputs: readonly TensorType[], attrs: OpAttrs[K]): readonly ParamSpec[];
  /**
   * 2 x multiply-adds (or one per elementwise result) per time step for one example.
   * Call only after `infer` succeeded. Scan bodies are counted with `ctx.body`.
   */
  flopsPerStep(inputs: readonly TensorType[], attrs: OpAttrs[K], ctx?: InferContext): number;
}

/** Whether `x` is a `ShapeError` (as opposed to a list of output types). */
export function isShapeError(x: unknown): x is ShapeError {
  return (
    typeof x === 'object' &&
    x !== null &&
    !Array.isArray(x) &&
    typeof (x as { kind?: unknown }).kind === 'string' &&
    typeof (x as { message?: unknown }).message === 'string'
  );
}
