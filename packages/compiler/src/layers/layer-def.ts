/**
 * How a built-in layer (or a user cell used as a layer) declares its signature and builds
 * IR. The signature drives argument binding, error messages and editor completion.
 */
import type { Span } from '@seqlab/diagnostics';
import type { CallExpr } from '@seqlab/syntax';
import type { ConstValue } from '../eval/constant.js';
import type { LayerContext } from '../model/context.js';
import type { ModelVal } from '../model/values.js';

/** The kind of value an argument takes. */
export type ArgKind = 'int' | 'number' | 'string' | 'bool' | 'any' | 'state' | 'layer';

/** One named argument of a layer. No `default` means required. */
export interface ArgDef {
  readonly name: string;
  readonly kind: ArgKind;
  readonly default?: ConstValue;
  /** Allowed strings for `string` arguments. */
  readonly choices?: readonly string[];
  /** Inclusive lower bound for numbers. */
  readonly min?: number;
  /** Exclusive upper bound for numbers. */
  readonly below?: number;
  /** Inclusive upper bound for `int` arguments (default: `MAX_SIZE` of limits.ts). */
  readonly max?: number;
  /** Whether `none` is accepted. */
  readonly nullable?: boolean;
  /** Only by name (`name = "enc"`, `init = enc.state`), never positionally. */
  readonly namedOnly?: boolean;
  readonly doc?: string;
}

/** Arguments after binding and checking. */
export interface BoundArgs {
  readonly consts: Readonly<Record<string, ConstValue>>;
  /** `state` arguments (`init = enc.state`): the value ids, absent when not given. */
  readonly states: Readonly<Record<string, readonly string[]>>;
  /** `layer` arguments (`bidirectional(gru(32))`): the inner call, unevaluated. */
  readonly layers: Readonly<Record<string, CallExpr>>;
}

/** Where a layer is being applied, for names and diagnostics. */
export interface CallSite {
  /** The call (or bare name) as written: diagnostics underline it. */
  readonly span: Span;
  /** The layer's stable name (`gru0` or the user's `name = "..."`). */
  readonly layerName: string;
  /** What the user called (`gru`, `Elman`). */
  readonly callee: string;
}

/** A layer's signature and IR builder. */
export interface LayerDef {
  readonly name: string;
  /** Data inputs: the first may come from `|>`; `Infinity` max for `concat`. */
  readonly inputs: { readonly min: number; readonly max: number };
  readonly args: readonly ArgDef[];
  /** One line for `--help`, hovers and completion. */
  readonly doc: string;
  /** Base of derived layer names (`gru` -> `gru0`). */
  readonly nameBase: string;
  build(
    ctx: LayerContext,
    inputs: readonly string[],
    args: BoundArgs,
    site: CallSite,
  ): ModelVal | undefined;
  /** For recurrences: build the forward+backward version (`bidirectional(...)`). */
  buildBidirectional?(
    ctx: LayerContext,
    inputs: readonly string[],
    args: BoundArgs,
    site: CallSite,
  ): ModelVal | undefined;
}

/** `dense(units, bias = true)`: the signature as a user would write it. */
export function signatureOf(def: LayerDef): string {
  const parts = def.args.map((a) =>
    a.default === undefined ? a.name : `${a.name} = ${showDefault(a.default)}`,
  );
  return `${def.name}(${parts.join(', ')})`;
}

function showDefault(v: ConstValue): string {
  if (v === null) return 'none';
  if (typeof v === 'string') return JSON.stringify(v);
  return String(v);
}
