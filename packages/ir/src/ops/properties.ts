/**
 * Sets of ops derived from the traits each catalogue entry states (`OpDef.traits`). Code
 * that needs "the row-wise ops" or "is this a built-in recurrence" reads these instead of
 * listing op names, so a new op is classified where it is defined and nowhere else.
 */
import type { OpName } from '../types.js';
import { OP_NAMES, OPS } from './index.js';
import type { OpTraits, Recurrence } from './op-def.js';
import type { RecurrentName } from './recurrent.js';

function opsWith(test: (traits: OpTraits) => boolean): readonly OpName[] {
  return OP_NAMES.filter((name) => test(OPS[name].traits));
}

/** The elementwise ops, in catalogue order (receptive-field and lowering tables use this). */
export const ELEMENTWISE_OPS: readonly OpName[] = opsWith((t) => t.elementwise);

/** Ops that treat axis 0 as independent rows, so `[B*T, ...]` equals T steps. */
export const ROW_WISE_OPS: ReadonlySet<OpName> = new Set(opsWith((t) => t.rowWise));

/** Ops whose output step may read every input step (receptive field 'all'). */
export const WHOLE_SEQUENCE_OPS: ReadonlySet<OpName> = new Set(opsWith((t) => t.wholeSequence));

/** Built-in layers that own learned parameters (each one PyTorch module). */
export const PARAM_OWNING_OPS: ReadonlySet<OpName> = new Set(opsWith((t) => t.ownsParams));

/** Whether `op` is a built-in recurrence (rnn, lstm, gru); user cells (`scan`) are not. */
export function isRecurrent(op: OpName): op is RecurrentName {
  return recurrenceOf(op) !== undefined;
}

/** Gates, candidate and states of a built-in recurrence; `undefined` for any other op. */
export function recurrenceOf(op: OpName): Recurrence | undefined {
  // Lenient for viewers of IR read from a file: an op this build does not know is none.
  return Object.hasOwn(OPS, op) ? OPS[op].traits.recurrence : undefined;
}
