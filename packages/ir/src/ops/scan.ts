/**
 * `scan`: a user cell, a body graph run over time. The shape rule checks the body against
 * the node: one x_t per scanned sequence (the sequence without its time axis), then one
 * previous value per state; body outputs are every next state, then the emitted value.
 */
import { formatShape, sameShape } from '../dims.js';
import type { OpAttrs } from '../op-attrs.js';
import type { Dim, Graph, TensorType } from '../types.js';
import { defineOp, describe, requireInt, shapeError, WHOLE_SEQUENCE } from './common.js';
import type { InferContext, ShapeError } from './op-def.js';
import { isShapeError } from './op-def.js';

const STATE_INITS = ['zeros', 'ones', 'input'];

function sameType(a: TensorType, b: TensorType): boolean {
  return a.dtype === b.dtype && sameShape(a.shape, b.shape);
}

function bodyType(body: Graph, id: string | undefined): TensorType | undefined {
  return id === undefined ? undefined : body.values[id]?.type;
}

function checkAttrs(a: OpAttrs['scan']): ShapeError | undefined {
  const bad = requireInt('scan', 'num_sequences', a.num_sequences, 1);
  if (bad) return bad;
  if (
    !Array.isArray(a.state_names) ||
    !Array.isArray(a.state_init) ||
    a.state_names.length !== a.state_init.length
  ) {
    return shapeError('attr', 'scan needs one state_init entry per state name');
  }
  const wrong = a.state_init.find((s) => !STATE_INITS.includes(s));
  if (wrong !== undefined) {
    return shapeError(
      'attr',
      `scan state_init must be zeros, ones or input; got ${JSON.stringify(wrong)}`,
    );
  }
  if (typeof a.reverse !== 'boolean') {
    return shapeError(
      'attr',
      `scan needs reverse to be true or false; got ${JSON.stringify(a.reverse) ?? 'nothing'}`,
    );
  }
  return undefined;
}

/** The node's and the body's input/output counts against the attributes. */
function checkArity(
  inputs: readonly TensorType[],
  a: OpAttrs['scan'],
  body: Graph,
): ShapeError | undefined {
  const nSeq = a.num_sequences;
  const nStates = a.state_names.length;
  const fromInput = a.state_init.filter((s) => s === 'input').length;
  if (inputs.length !== nSeq + fromInput) {
    return shapeError(
      'arity',
      `scan takes ${nSeq} sequence(s) and ${fromInput} initial state(s); got ${inputs.length} inputs`,
    );
  }
  if (body.inputs.length !== nSeq + nStates || body.outputs.length !== nStates + 1) {
    return shapeError(
      'arity',
      `scan body must take ${nSeq + nStates} inputs (steps, then states) and give ${nStates + 1} outputs (states, then the emitted value); got ${body.inputs.length} and ${body.outputs.length}`,
    );
  }
  return undefined;
}

/** The scanned sequences' common time axis, each checked against its body step input. */
function checkSequences(
  inputs: readonly TensorType[],
  nSeq: number,
  body: Graph,
): { time: Dim | undefined } | ShapeError {
  let time: Dim | undefined;
  for (let i = 0; i < nSeq; i++) {
    const seq = inputs[i] as TensorType;
    if (seq.shape.length < 2) {
      return shapeError('rank', `scan expects a sequence [B, T, ...]; got ${describe(seq)}`, i);
    }
    const t = seq.shape[1] as Dim;
    if (time !== undefined && !sameShape([time], [t])) {
      return shapeError(
        'dim',
        `scan needs every sequence to have the same length; got ${describe(inputs[0] as TensorType)} and ${describe(seq)}`,
        i,
      );
    }
    time = t;
    const step: TensorType = { ...seq, shape: [seq.shape[0] as Dim, ...seq.shape.slice(2)] };
    const got = bodyType(body, body.inputs[i]);
    if (!got || !sameType(got, step)) {
      return shapeError(
        'dim',
        `scan body step input ${i} must be ${describe(step)} (the sequence without its time axis); got ${got ? describe(got) : 'nothing'}`,
        i,
      );
    }
  }
  return { time };
}

/** Each state's type, kept from step to step and matching its initial value where given. */
function checkStates(
  inputs: readonly TensorType[],
  a: OpAttrs['scan'],
  body: Graph,
): TensorType[] | ShapeError {
  const nSeq = a.num_sequences;
  let nextInput = nSeq;
  const finals: TensorType[] = [];
  for (let j = 0; j < a.state_names.length; j++) {
    const name = a.state_names[j] ?? String(j);
    const prev = bodyType(body, body.inputs[nSeq + j]);
    const next = bodyType(body, body.outputs[j]);
    if (!prev || !next) return shapeError('attr', `scan body lacks state ${name}`);
    if (!sameType(prev, next)) {
      return shapeError(
        'dim',
        `state ${name} must keep its type from step to step: it is ${describe(prev)} but its next value is ${describe(next)}`,
      );
    }
    if (a.state_init[j] === 'input') {
      const init = inputs[nextInput] as TensorType;
      if (!sameType(init, prev)) {
        return shapeError(
          'dim',
          `the initial value of state ${name} must be ${describe(prev)}; got ${describe(init)}`,
          nextInput,
        );
      }
      nextInput++;
    }
    finals.push(prev);
  }
  return finals;
}

function inferScan(
  inputs: readonly TensorType[],
  a: OpAttrs['scan'],
  ctx: InferContext | undefined,
): readonly TensorType[] | ShapeError {
  const badAttrs = checkAttrs(a);
  if (badAttrs) return badAttrs;
  const body = ctx?.body;
  if (!body) return shapeError('attr', 'scan needs a body graph');
  const badArity = checkArity(inputs, a, body);
  if (badArity) return badArity;
  const sequences = checkSequences(inputs, a.num_sequences, body);
  if (isShapeError(sequences)) return sequences;
  const finals = checkStates(inputs, a, body);
  if (isShapeError(finals)) return finals;
  const emitted = bodyType(body, body.outputs[a.state_names.length]);
  if (!emitted || emitted.shape.length < 1) {
    return shapeError(
      'rank',
      `scan body must emit a batch value [B, ...]; got ${emitted ? formatShape(emitted.shape) : 'nothing'}`,
    );
  }
  const seqOut: TensorType = {
    ...emitted,
    shape: [emitted.shape[0] as Dim, sequences.time ?? 'T', ...emitted.shape.slice(1)],
  };
  return [seqOut, ...finals];
}

/** Catalogue entry for `scan` (see OpAttrs['scan']). */
export const scan = defineOp('scan', {
  traits: WHOLE_SEQUENCE,
  minInputs: 1,
  maxInputs: Infinity,
  infer: inferScan,
  // The body's cost is summed in ops/index.ts, which sees the whole catalogue.
});
