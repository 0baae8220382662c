/**
 * The state of elaborating one model: the IR builders, the diagnostics, layer naming, and
 * the one place where IR shape errors become positioned diagnostics.
 */
import type { Span } from '@seqlab/diagnostics';
import {
  type Graph,
  type GraphBuilder,
  type ModuleBuilder,
  type OpAttrs,
  type OpName,
  type ShapeError,
  type TensorType,
} from '@seqlab/ir';
import type { CompilerErrorCode } from '../codes.js';
import type { ConstScope } from '../eval/constant.js';
import type { Reporter } from '../reporter.js';
import type { LoadedProgram } from '../program/load.js';

const SHAPE_ERROR_CODES: Record<ShapeError['kind'], CompilerErrorCode> = {
  arity: 'arityMismatch',
  rank: 'rankMismatch',
  dtype: 'dtypeMismatch',
  dim: 'dimMismatch',
  attr: 'badAttribute',
};

/** A plain identifier: the only kind of time dim that carries a padding mask. */
const PLAIN_SYMBOL = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Options of {@link LayerContext.addNode}. */
export interface AddNodeOptions {
  /** Stable node name; parameters are named `${name}.${role}`. */
  readonly name: string;
  /** Attach the padding lengths of this value's time axis (recurrences, last, reductions). */
  readonly maskedBy?: string;
  /** Body graph (scan). */
  readonly body?: Graph;
  /** Parameters created by the caller (user cells): role -> full name. */
  readonly params?: Readonly<Record<string, string>>;
}

/** Everything a layer builder needs. */
export class LayerContext {
  private readonly used = new Set<string>();
  private readonly counters = new Map<string, number>();

  constructor(
    readonly mb: ModuleBuilder,
    readonly rep: Reporter,
    readonly program: LoadedProgram,
    /** The model's hyperparameters, for constant arguments. */
    readonly hyper: ConstScope,
    /** Cells being elaborated (detects a cell that uses itself). */
    readonly active: Set<string> = new Set(),
  ) {}

  /** The top-level graph builder. */
  get g(): GraphBuilder {
    return this.mb.graph;
  }

  /** The type of a top-level value. */
  type(id: string): TensorType {
    return this.g.type(id);
  }

  /**
   * A fresh layer name: `explicit` if given and free (else a diagnostic), otherwise
   * `${base}${k}` with the next free counter for `base`.
   */
  layerName(base: string, explicit: string | undefined, span: Span): string {
    if (explicit !== undefined) {
      if (!PLAIN_SYMBOL.test(explicit)) {
        this.rep.error(
          'argumentType',
          span,
          `layer name "${explicit}" must be an identifier (letters, digits, _)`,
        );
      } else if (this.used.has(explicit)) {
        this.rep.error('duplicateDefinition', span, `a layer is already named "${explicit}"`);
      } else {
        this.used.add(explicit);
        return explicit;
      }
    }
    for (;;) {
      const k = this.counters.get(base) ?? 0;
      this.counters.set(base, k + 1);
      const name = `${base}${k}`;
      if (!this.used.has(name)) {
        this.used.add(name);
        return name;
      }
    }
  }

  /** Claim a derived name such as `gru0_h` (made unique if taken). */
  derivedName(name: string): string {
    let candidate = name;
    for (let k = 1; this.used.has(candidate); k++) candidate = `${name}${k}`;
    this.used.add(candidate);
    return candidate;
  }

  /** The lengths value masking `value`'s time axis (axis 1), if it is a plain symbol. */
  lengthsOf(value: string): string | undefined {
    const shape = this.type(value).shape;
    const t = shape[1];
    if (shape.length < 2 || typeof t !== 'string' || !PLAIN_SYMBOL.test(t)) return undefined;
    return this.g.lengths(t);
  }

  /** Report an IR shape error at `span`, prefixed by what the user called. */
  reportShapeError(error: ShapeError, span: Span): void {
    this.rep.error(SHAPE_ERROR_CODES[error.kind], span, error.message);
  }

  /**
   * Add a top-level node: infer its output types (reporting shape errors at `span`), create
   * its built-in parameters from the catalogue, add it. Returns the output ids or
   * `undefined` after reporting.
   */
  addNode<K extends OpName>(
    op: K,
    attrs: OpAttrs[K],
    inputs: readonly string[],
    span: Span,
    opts: AddNodeOptions,
  ): string[] | undefined {
    return addNodeTo(this.g, this, op, attrs, inputs, span, opts);
  }
}

/**
 * Shared by model graphs and cell bodies: the IR builder checks the shape rule, creates the
 * catalogue's parameters and adds the node; a shape error becomes a positioned diagnostic.
 */
export function addNodeTo<K extends OpName>(
  g: GraphBuilder,
  ctx: LayerContext,
  op: K,
  attrs: OpAttrs[K],
  inputs: readonly string[],
  span: Span,
  opts: AddNodeOptions,
): string[] | undefined {
  const lengths = opts.maskedBy === undefined ? undefined : ctx.lengthsOf(opts.maskedBy);
  const result = ctx.mb.addLayer(g, {
    op,
    name: opts.name,
    inputs,
    attrs,
    span,
    ...(opts.params ? { params: opts.params } : {}),
    ...(lengths === undefined ? {} : { lengths }),
    ...(opts.body === undefined ? {} : { body: opts.body }),
  });
  if (!result.ok) {
    ctx.reportShapeError(result.error, span);
    return undefined;
  }
  return result.outputs;
}
