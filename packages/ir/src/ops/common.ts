/**
 * Helpers shared by the shape rules: error constructors whose messages always say what was
 * expected and what was given, and the recurring checks (arity, dtype, rank, known width).
 */
import { formatShape, numericVolume } from '../dims.js';
import type { OpAttrs } from '../op-attrs.js';
import type { Dim, OpName, TensorType } from '../types.js';
import type {
  InferContext,
  OpDef,
  OpTraits,
  ParamSpec,
  ShapeError,
  ShapeErrorKind,
} from './op-def.js';

/** Builds a `ShapeError`. */
export function shapeError(kind: ShapeErrorKind, message: string, input?: number): ShapeError {
  return input === undefined ? { kind, message } : { kind, message, input };
}

/** Describes a type for messages: `[B, T, 64]`, or `int token ids [B, T]` for ints. */
export function describe(t: TensorType): string {
  if (t.dtype === 'int32') return `int token ids ${formatShape(t.shape)}`;
  return formatShape(t.shape);
}

/** Fails unless the input is float (ints must go through `embed` first). */
export function requireFloat(op: OpName, t: TensorType, input: number): ShapeError | undefined {
  if (t.dtype === 'float32') return undefined;
  return shapeError(
    'dtype',
    `${op} expects a float input; got ${describe(t)} (embed them first)`,
    input,
  );
}

/** Fails unless the input is a sequence `[B, T, D]` (rank 3). */
export function requireSequence(op: OpName, t: TensorType, input: number): ShapeError | undefined {
  if (t.shape.length === 3) return undefined;
  return shapeError('rank', `${op} expects a sequence [B, T, D]; got ${describe(t)}`, input);
}

/** Fails unless the input has at least `rank` axes. */
export function requireMinRank(
  op: OpName,
  t: TensorType,
  rank: number,
  expected: string,
  input: number,
): ShapeError | undefined {
  if (t.shape.length >= rank) return undefined;
  return shapeError('rank', `${op} expects ${expected}; got ${describe(t)}`, input);
}

/** The last dim as a number, or an error when it is symbolic (a weight needs its size). */
export function knownLastDim(op: OpName, t: TensorType, input: number): number | ShapeError {
  const d = t.shape[t.shape.length - 1];
  if (typeof d === 'number') return d;
  return shapeError('dim', `${op} needs a known feature width; got ${describe(t)}`, input);
}

/** The last dim if it is a number (for params/FLOPs after a successful infer), else 0. */
export function lastDim(t: TensorType | undefined): number {
  const d = t?.shape[t.shape.length - 1];
  return typeof d === 'number' ? d : 0;
}

/** Elements per step for one example: numeric dims only (B and T are symbolic). */
export function perStep(t: TensorType | undefined): number {
  return t ? numericVolume(t.shape) : 0;
}

/** Fails unless `value` is an integer >= `min`. */
export function requireInt(
  op: OpName,
  name: string,
  value: unknown,
  min: number,
): ShapeError | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value >= min) return undefined;
  return shapeError(
    'attr',
    `${op} needs ${name} to be an integer >= ${min}; got ${JSON.stringify(value) ?? 'nothing'}`,
  );
}

/** Fails unless `value` is one of `allowed`. */
export function requireOneOf(
  op: OpName,
  name: string,
  value: unknown,
  allowed: readonly (string | boolean)[],
): ShapeError | undefined {
  if (allowed.includes(value as string | boolean)) return undefined;
  return shapeError(
    'attr',
    `${op} needs ${name} to be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}; got ${JSON.stringify(value) ?? 'nothing'}`,
  );
}

/** The first defined error of a list of checks. */
export function firstError(...checks: (ShapeError | undefined)[]): ShapeError | undefined {
  return checks.find((c) => c !== undefined);
}

/** Copy of a shape with dims replaced. */
export function withLast(shape: readonly Dim[], last: Dim): Dim[] {
  return [...shape.slice(0, -1), last];
}

function plural(n: number): string {
  return n === 1 ? '1 input' : `${n} inputs`;
}

function arityError(op: OpName, n: number, min: number, max: number): ShapeError | undefined {
  if (n >= min && n <= max) return undefined;
  const want =
    min === max
      ? plural(min)
      : max === Infinity
        ? `at least ${plural(min)}`
        : `${min} to ${max} inputs`;
  return shapeError('arity', `${op} takes ${want}; got ${n}`);
}

/** The parts of an op definition; `defineOp` adds the arity check in front of `infer`. */
export interface OpSpec<K extends OpName> {
  /** Every op states its traits; `ownsParams` follows from whether it has `params`. */
  readonly traits: Omit<OpTraits, 'ownsParams'>;
  readonly minInputs: number;
  readonly maxInputs: number;
  infer(
    inputs: readonly TensorType[],
    attrs: OpAttrs[K],
    ctx?: InferContext,
  ): readonly TensorType[] | ShapeError;
  params?(inputs: readonly TensorType[], attrs: OpAttrs[K]): readonly ParamSpec[];
  flopsPerStep?(inputs: readonly TensorType[], attrs: OpAttrs[K], ctx?: InferContext): number;
}

/** Makes a catalogue entry; ops without params/FLOPs default to none. */
export function defineOp<K extends OpName>(op: K, spec: OpSpec<K>): OpDef<K> {
  return {
    op,
    traits: { ...spec.traits, ownsParams: spec.params !== undefined },
    minInputs: spec.minInputs,
    maxInputs: spec.maxInputs,
    infer(inputs, attrs, ctx) {
      const bad = arityError(op, inputs.length, spec.minInputs, spec.maxInputs);
      if (bad) return bad;
      if (typeof attrs !== 'object' || attrs === null) {
        return shapeError('attr', `${op} needs an attribute record; got ${String(attrs)}`);
      }
      return spec.infer(inputs, attrs, ctx);
    },
    params: (inputs, attrs) => spec.params?.(inputs, attrs) ?? [],
    flopsPerStep: (inputs, attrs, ctx) => spec.flopsPerStep?.(inputs, attrs, ctx) ?? 0,
  };
}

/** Traits of an op that is none of elementwise, row-wise, whole-sequence or recurrent. */
export const PLAIN: Omit<OpTraits, 'ownsParams'> = {
  elementwise: false,
  rowWise: false,
  wholeSequence: false,
};

/** Traits of an op that acts on each row of axis 0 on its own (and is not elementwise). */
export const ROW_WISE: Omit<OpTraits, 'ownsParams'> = { ...PLAIN, rowWise: true };

/** Traits of an op whose output step may read every input step (not a recurrence). */
export const WHOLE_SEQUENCE: Omit<OpTraits, 'ownsParams'> = { ...PLAIN, wholeSequence: true };

/** `U(-bound, bound)`. */
export function uniform(bound: number): { kind: 'uniform'; low: number; high: number } {
  return { kind: 'uniform', low: -bound, high: bound };
}
