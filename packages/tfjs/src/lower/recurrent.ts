/**
 * nn.RNN / nn.LSTM / nn.GRU with batch_first, several layers, both directions, initial
 * states and packed-sequence masking. Per layer, ONE matMul projects the whole sequence for
 * every gate and direction; the time loop only does the recurrent product.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import { RECURRENCES, type Node, type OpName, type RecurrentName } from '@seqlab/ir';
import type { Tf } from '../types.js';
import {
  gruStep,
  lstmStep,
  rnnStep,
  type CellState,
  type CellStep,
  type CellWeights,
} from './cells.js';
import {
  input,
  optionalParam,
  param,
  type LowerContext,
  type Rule,
  type RuleArgs,
} from './context.js';
import { blend, maskStep, sequenceMask, stepMasks, type StepMasks } from './masks.js';
import { tanhRnnDirection } from '../bptt/rnn-custom-grad.js';
import { explicitDirection } from '../bptt/explicit-recurrence.js';
import type { CellKind } from '../bptt/cell-ops.js';

type Kind = RecurrentName;

interface RecurrenceAttrs {
  readonly hidden: number;
  readonly layers: number;
  readonly bidirectional: boolean;
  readonly nonlinearity?: 'tanh' | 'relu';
}

interface DirectionWeights {
  readonly wih: Tensor;
  readonly whh: Tensor;
  readonly bih: Tensor | null;
  readonly bhh: Tensor | null;
}

/** How each recurrence runs its step: the autodiff cell, the BPTT kernel, where b_hh goes. */
interface CellRule {
  readonly step: (tf: Tf, w: CellWeights, a: RecurrenceAttrs) => CellStep;
  /** The explicit-BPTT cell kernels (bptt/cell-ops.ts). */
  readonly kernel: CellKind;
  /** b_hh stays inside the step (GRU's r ⊙ (W_hn h + b_hn)) instead of joining the projection. */
  readonly innerBias: boolean;
}

const CELL_RULES: { readonly [K in Kind]: CellRule } = {
  rnn: {
    step: (tf, w, a) => rnnStep(tf, w, a.nonlinearity === 'relu'),
    kernel: 'tanh',
    innerBias: false,
  },
  lstm: { step: (tf, w) => lstmStep(tf, w), kernel: 'lstm', innerBias: false },
  gru: { step: (tf, w) => gruStep(tf, w), kernel: 'gru', innerBias: true },
};

function directionWeights(ctx: LowerContext, node: Node, layer: number, suffix: string) {
  const role = (kind: string) => `${kind}_l${layer}${suffix}`;
  return {
    wih: param(ctx, node, role('weight_ih')),
    whh: param(ctx, node, role('weight_hh')),
    bih: optionalParam(ctx, node, role('bias_ih')),
    bhh: optionalParam(ctx, node, role('bias_hh')),
  };
}

/** The bias that can join the hoisted projection: b_ih + b_hh, except GRU's b_hh (inside r*). */
function hoistedBias(tf: Tf, kind: Kind, w: DirectionWeights): Tensor | null {
  const inner = CELL_RULES[kind].innerBias;
  if (w.bih === null) return inner ? null : w.bhh;
  if (inner || w.bhh === null) return w.bih;
  return tf.add(w.bih, w.bhh);
}

/**
 * Runs one direction over the projected steps. The reverse direction walks t = T-1 .. 0;
 * with masking, padded steps (t >= length) keep the initial state, so each sequence is read
 * backwards from its own last real step, exactly like a packed sequence.
 */
function runDirection(
  tf: Tf,
  step: CellStep,
  xw: readonly Tensor[],
  init: CellState,
  masks: StepMasks | null,
  reverse: boolean,
  probe: ((t: number, h: Tensor) => Tensor) | null = null,
): { outputs: Tensor[]; final: CellState } {
  const steps = xw.length;
  const outputs = new Array<Tensor>(steps);
  let state = init;
  for (let s = 0; s < steps; s++) {
    const t = reverse ? steps - 1 - s : s;
    const x = xw[t];
    if (x === undefined) throw new Error(`recurrence: missing step ${t}`);
    const prev = state;
    const [h, c, y] = tf.tidy(() => {
      const raw = step(x, prev);
      const next = probe === null ? raw : { h: probe(t, raw.h), c: raw.c };
      if (masks === null) return [next.h, next.c ?? next.h, next.h];
      const keep = masks.keep[t] as Tensor;
      const hold = masks.hold[t] as Tensor;
      const hNext = blend(tf, keep, hold, next.h, prev.h);
      const cNext =
        next.c === null || prev.c === null ? hNext : blend(tf, keep, hold, next.c, prev.c);
      return [hNext, cNext, maskStep(tf, keep, next.h)];
    }) as [Tensor, Tensor, Tensor];
    state = { h, c: init.c === null ? null : c };
    outputs[t] = y;
  }
  return { outputs, final: state };
}

function cellStep(tf: Tf, kind: Kind, a: RecurrenceAttrs, w: DirectionWeights): CellStep {
  const weights = {
    whhT: tf.transpose(w.whh),
    bhh: CELL_RULES[kind].innerBias ? w.bhh : null,
    hidden: a.hidden,
  };
  return CELL_RULES[kind].step(tf, weights, a);
}

/** What every layer and direction of one recurrence node shares. */
interface NodeRun {
  readonly ctx: LowerContext;
  readonly node: Node;
  readonly kind: Kind;
  readonly attrs: RecurrenceAttrs;
  readonly lengths: Tensor | null;
  readonly batch: number;
  readonly steps: number;
  /** Columns of one direction in the projection: gates x hidden. */
  readonly gateWidth: number;
  readonly masks: StepMasks | null;
  /** Explicit BPTT (bptt/) rather than tfjs autodiff through the cells. */
  readonly explicit: boolean;
  /** The explicit loop run time-major (see `recurrence`). */
  readonly timeMajor: boolean;
  /** `[T, B, 1]` padding mask of the time-major explicit loop; null without lengths. */
  readonly timeMask: Tensor | null;
}

/** One direction of one layer: its output sequence and final states (c for lstm only). */
interface DirectionResult {
  readonly sequence: Tensor;
  readonly h: Tensor;
  readonly c: Tensor | null;
}

/** Per-layer-and-direction initial h (and c), unstacked: carried over (TBPTT) or inputs. */
function initialStates(ctx: LowerContext, node: Node, args: RuleArgs, carriesCell: boolean) {
  const { tf } = ctx;
  const carried = ctx.initialStates?.get(node.id);
  const h0 = carried === undefined ? args.inputs[1] : carried[0];
  const c0 = !carriesCell ? undefined : carried === undefined ? args.inputs[2] : carried[1];
  const h0s = h0 === undefined ? null : tf.unstack(h0, 0);
  const c0s = c0 === undefined ? null : tf.unstack(c0, 0);
  return { h0s, c0s };
}

/**
 * One product for all gates of all directions: [B*T, in] x [in, dirs*G*H] (rows T*B when
 * time-major), plus the hoisted biases; shaped [B, T, dirs*G*H] ([T, B, ...] time-major).
 */
function projectLayer(
  run: NodeRun,
  layerInput: Tensor,
  weights: readonly DirectionWeights[],
): Tensor {
  const { tf } = run.ctx;
  const { batch, steps } = run;
  const wih =
    weights.length === 1 && weights[0]
      ? weights[0].wih
      : tf.concat(
          weights.map((w) => w.wih),
          0,
        );
  const biases = weights.map((w) => hoistedBias(tf, run.kind, w));
  const inDim = layerInput.shape[2] ?? 0;
  let proj = tf.matMul(tf.reshape(layerInput, [batch * steps, inDim]), wih, false, true);
  if (biases.every((b): b is Tensor => b !== null)) {
    proj = tf.add(proj, biases.length === 1 && biases[0] ? biases[0] : tf.concat(biases, 0));
  } else if (biases.some((b) => b !== null)) {
    throw new Error(`${run.kind} '${run.node.name}': biases present for only one direction`);
  }
  const width = weights.length * run.gateWidth;
  return tf.reshape(proj, run.timeMajor ? [steps, batch, width] : [batch, steps, width]);
}

/**
 * Runs one direction of one layer over its slice `xw` of the projection: the time-major
 * explicit loop, the masked explicit tanh rnn, or the autodiff cell loop.
 */
function layerDirection(
  run: NodeRun,
  xw: Tensor,
  w: DirectionWeights,
  init: CellState,
  index: number,
  reverse: boolean,
): DirectionResult {
  const { ctx, node, kind } = run;
  const { tf } = ctx;
  if (run.timeMajor) {
    const inputs = {
      xw,
      whh: w.whh,
      bhh: CELL_RULES[kind].innerBias ? w.bhh : null,
      h0: init.h,
      c0: init.c,
      ...(run.timeMask === null ? {} : { mask: run.timeMask }),
    };
    return explicitDirection(tf, CELL_RULES[kind].kernel, inputs, reverse, ctx.fastKernels);
  }
  if (run.explicit && !RECURRENCES[kind].gated) {
    // The masked explicit BPTT recurrence of the tanh rnn; same forward values.
    const mask = run.lengths === null ? null : sequenceMask(tf, run.lengths, run.steps);
    const out = tanhRnnDirection(tf, xw, w.whh, init.h, mask, reverse);
    return { sequence: out.sequence, h: out.final, c: null };
  }
  const step = cellStep(tf, kind, run.attrs, w);
  const probe = ctx.stateProbe;
  const site = (t: number, h: Tensor): Tensor =>
    probe === null ? h : probe({ node: node.id, index, state: 'h', step: t }, h);
  const out = runDirection(tf, step, tf.unstack(xw, 1), init, run.masks, reverse, site);
  return { sequence: tf.stack(out.outputs, 1), h: out.final.h, c: out.final.c };
}

function recurrence(kind: Kind): Rule {
  return (ctx, node, args) => {
    const { tf } = ctx;
    const a = node.attrs as unknown as RecurrenceAttrs;
    const x = input(node, args, 0);
    const [batch = 0, steps = 0] = x.shape;
    const recurrence = RECURRENCES[kind];
    const gateWidth = recurrence.gates.length * a.hidden;
    // lstm's cell state c, carried and returned beside h.
    const carriesCell = recurrence.states.length > 1;
    const dirs = a.bidirectional ? 2 : 1;
    const { h0s, c0s } = initialStates(ctx, node, args, carriesCell);
    const zeros = tf.zeros([batch, a.hidden]);
    // Explicit BPTT (bptt/) for the tanh rnn, lstm and gru: the loop of cell kernels when no
    // step is padded; the masked tanh rnn has its own; the rest is differentiated by tfjs.
    const explicit =
      ctx.rnnGradient === 'bptt' &&
      ctx.stateProbe === null &&
      !(!recurrence.gated && a.nonlinearity === 'relu');
    // The explicit loop works time-major from the first layer's input to the last layer's
    // output: a step's rows are then contiguous, and only x and the result are transposed
    // (on webgl a transpose of a [B, T, 4H] projection costs as much as 20 steps).
    // Padded batches too for the lstm and gru (masked in the loop); the tanh rnn's padded
    // batches keep their own masked BPTT (rnn-custom-grad.ts), batch-major.
    const timeMajor = explicit && (args.lengths === null || recurrence.gated);
    const timeMask =
      timeMajor && args.lengths !== null
        ? tf.expandDims(tf.transpose(sequenceMask(tf, args.lengths, steps)), 2)
        : null;
    const masks = timeMajor ? null : stepMasks(tf, args.lengths, steps);
    const run: NodeRun = {
      ctx,
      node,
      kind,
      attrs: a,
      lengths: args.lengths,
      batch,
      steps,
      gateWidth,
      masks,
      explicit,
      timeMajor,
      timeMask,
    };
    const hN: Tensor[] = [];
    const cN: Tensor[] = [];
    let layerInput = timeMajor ? tf.transpose(x, [1, 0, 2]) : x;
    for (let l = 0; l < a.layers; l++) {
      const weights = (dirs === 2 ? ['', '_reverse'] : ['']).map((s) =>
        directionWeights(ctx, node, l, s),
      );
      const projected = projectLayer(run, layerInput, weights);
      const outs: Tensor[] = [];
      weights.forEach((w, d) => {
        const mine =
          dirs === 1 ? projected : tf.slice(projected, [0, 0, d * gateWidth], [-1, -1, gateWidth]);
        const index = l * dirs + d;
        const init: CellState = {
          h: h0s?.[index] ?? zeros,
          c: carriesCell ? (c0s?.[index] ?? zeros) : null,
        };
        const out = layerDirection(run, mine, w, init, index, d === 1);
        outs.push(out.sequence);
        hN.push(out.h);
        if (out.c !== null) cN.push(out.c);
      });
      layerInput = outs.length === 1 && outs[0] ? outs[0] : tf.concat(outs, 2);
    }
    const sequence = timeMajor ? tf.transpose(layerInput, [1, 0, 2]) : layerInput;
    const result = [sequence, tf.stack(hN, 0)];
    if (carriesCell) result.push(tf.stack(cN, 0));
    ctx.finalStates?.set(node.id, result.slice(1));
    return result;
  };
}

/** Rules for the built-in recurrences. */
export function recurrentRules(): Pick<Record<OpName, Rule>, 'rnn' | 'lstm' | 'gru'> {
  return { rnn: recurrence('rnn'), lstm: recurrence('lstm'), gru: recurrence('gru') };
}
