/**
 * `scan`: a user cell's body graph run over time with the same op table. States start from
 * zeros, ones or an input; padded steps keep the states and emit zeros; `reverse` reads each
 * sequence backwards within its length (padding comes last, so walking T-1 .. 0 while
 * holding the state on padded steps starts each sequence at its own last real step).
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Graph, Node } from '@seqlab/ir';
import { hashSeed } from '../rng.js';
import type { StateProbe, Tf } from '../types.js';
import { attrsOf, bodyOf, input, type Env, type LowerContext, type Rule } from './context.js';
import { blend, maskStep, stepMasks } from './masks.js';
import { planScan } from './scan-plan.js';

function lookup(env: Env, id: string, where: string): Tensor {
  const t = env.get(id);
  if (t === undefined) throw new Error(`scan '${where}': body value ${id} was not computed`);
  return t;
}

/** A zeros/ones initial state shaped like the body's state input, with batch `batch`. */
function constantState(tf: Tf, body: Graph, id: string, batch: number, fill: number): Tensor {
  const type = body.values[id]?.type;
  if (type === undefined) throw new Error(`scan body has no type for state ${id}`);
  const rest = type.shape.slice(1).map((d) => {
    if (typeof d !== 'number') throw new Error(`scan state ${id} has a symbolic dim ${d}`);
    return d;
  });
  return tf.fill([batch, ...rest], fill);
}

/**
 * Runs the step's nodes one by one and hands each new state to the probe as soon as it is
 * computed, so that everything after it (the emitted value, the next step) reads the probed
 * tensor: then d(loss)/d(probe) is the full dL/ds_t.
 */
function runProbed(
  probe: StateProbe,
  nodeId: string,
  names: readonly string[],
  step: number,
  nodes: readonly Node[],
  env: Env,
  ctx: LowerContext,
  body: Graph,
): void {
  const next = body.outputs.slice(0, names.length);
  const done = new Set<number>();
  const touch = (i: number): void => {
    const id = next[i] ?? '';
    const site = { node: nodeId, index: i, state: names[i] ?? String(i), step };
    env.set(id, probe(site, lookup(env, id, nodeId)));
    done.add(i);
  };
  for (const n of nodes) {
    ctx.runNodes([n], env, ctx);
    next.forEach((id, i) => {
      if (!done.has(i) && n.outputs.includes(id)) touch(i);
    });
  }
  // A state computed before the loop (hoisted) or carried unchanged.
  next.forEach((_, i) => {
    if (!done.has(i)) touch(i);
  });
}

/** The scan rule. */
export const scan: Rule = (ctx, node, args) => {
  const { tf } = ctx;
  const body = bodyOf(node);
  const a = attrsOf(node, 'scan');
  const numSeq = a.num_sequences;
  const numStates = a.state_names.length;
  const seqs = Array.from({ length: numSeq }, (_, i) => input(node, args, i));
  const first = seqs[0];
  if (first === undefined) throw new Error(`scan '${node.name}' has no sequence input`);
  const [batch = 0, steps = 0] = first.shape;
  let provided = numSeq;
  const carried = ctx.initialStates?.get(node.id);
  let states: Tensor[] = a.state_init.map((init, i) => {
    const given = carried?.[i];
    if (given !== undefined) return given;
    const id = body.inputs[numSeq + i] ?? '';
    if (init === 'input') return input(node, args, provided++);
    return constantState(tf, body, id, batch, init === 'ones' ? 1 : 0);
  });

  const plan = planScan(body, numSeq);
  const hoistEnv: Env = new Map();
  seqs.forEach((s, i) => {
    hoistEnv.set(body.inputs[i] ?? '', tf.reshape(s, [batch * steps, ...s.shape.slice(2)]));
  });
  ctx.runNodes(plan.hoisted, hoistEnv, { ...ctx, initialStates: null, finalStates: null });
  const views = new Map<string, Tensor[]>();
  for (const id of plan.sliced) {
    const v = lookup(hoistEnv, id, node.name);
    views.set(id, tf.unstack(tf.reshape(v, [batch, steps, ...v.shape.slice(1)]), 1));
  }
  const invariant = [...plan.invariant].map((id) => [id, lookup(hoistEnv, id, node.name)] as const);

  const masks = stepMasks(tf, args.lengths, steps);
  const emitted = new Array<Tensor>(steps);
  for (let s = 0; s < steps; s++) {
    const t = a.reverse ? steps - 1 - s : s;
    const prev = states;
    const result = tf.tidy(() => {
      const env: Env = new Map(invariant);
      for (const [id, list] of views) env.set(id, list[t] as Tensor);
      prev.forEach((st, i) => env.set(body.inputs[numSeq + i] ?? '', st));
      // Nested recurrences neither take nor report carried states.
      const stepCtx = {
        ...ctx,
        seed: hashSeed(ctx.seed, node.id, t),
        initialStates: null,
        finalStates: null,
        stateProbe: null,
      };
      if (ctx.stateProbe === null) ctx.runNodes(plan.perStep, env, stepCtx);
      else runProbed(ctx.stateProbe, node.id, a.state_names, t, plan.perStep, env, stepCtx, body);
      const next = body.outputs.slice(0, numStates).map((id) => lookup(env, id, node.name));
      const y = lookup(env, body.outputs[numStates] ?? '', node.name);
      if (masks === null) return [...next, y];
      const keep = masks.keep[t] as Tensor;
      const hold = masks.hold[t] as Tensor;
      return [
        ...next.map((n, i) => blend(tf, keep, hold, n, prev[i] as Tensor)),
        maskStep(tf, keep, y),
      ];
    });
    states = result.slice(0, numStates);
    emitted[t] = result[numStates] as Tensor;
  }
  ctx.finalStates?.set(node.id, states);
  return [tf.stack(emitted, 1), ...states];
};
