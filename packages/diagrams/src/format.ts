import type { Dim, TensorType } from '@seqlab/ir';

/** A shape the way the language writes it: `[B, T, 32]`. */
export function formatShape(shape: readonly Dim[]): string {
  return `[${shape.map(String).join(', ')}]`;
}

/** A value type the way an `input` declares it: `[B, T] int<30`, `[B, T, 4]` (float implied). */
export function formatType(type: TensorType): string {
  const shape = formatShape(type.shape);
  if (type.dtype !== 'int32') return shape;
  return type.vocab === undefined ? `${shape} int` : `${shape} int<${type.vocab}`;
}

/** `12,672`: thousands separators without locale surprises. */
export function formatCount(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `1 param`, `12,672 params`. */
export function formatParams(n: number): string {
  return `${formatCount(n)} ${n === 1 ? 'param' : 'params'}`;
}

/** A matrix shape in the figure's notation: `[8×4]`. */
export function formatMatrix(shape: readonly number[]): string {
  return `[${shape.join('×')}]`;
}
