/** Test helper: run a shape rule and unwrap the result or the error. */
import { expect } from 'vitest';
import type { TensorType } from '../../src/types.js';
import type { ShapeError } from '../../src/ops/op-def.js';
import { isShapeError } from '../../src/ops/op-def.js';

/** The output types, failing the test on a shape error. */
export function ok(result: readonly TensorType[] | ShapeError): readonly TensorType[] {
  if (isShapeError(result)) expect.fail(`unexpected shape error: ${result.message}`);
  return result;
}

/** The shape error, failing the test on success. */
export function err(result: readonly TensorType[] | ShapeError): ShapeError {
  if (!isShapeError(result)) expect.fail(`expected a shape error; got ${JSON.stringify(result)}`);
  return result;
}
