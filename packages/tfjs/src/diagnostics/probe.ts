/**
 * dL/dh_t for every recurrent state at every step, by autodiff: the lowering's `stateProbe`
 * hook adds a zero "probe" p_t to each new state h_t before anything reads it, so the loss
 * is unchanged and dL/dp_t = dL/dh_t (the total derivative: through the outputs at t and
 * through every later step). Probes are variables, so a state the loss never reaches simply
 * gets no gradient (reported as zeros) instead of an autodiff error.
 */
import type { Scalar, Tensor, Variable } from '@tensorflow/tfjs-core';
import type { CompiledModel, Feeds, ProbeSite } from '../types.js';
import { siteKey } from './layers.js';

/** Values and gradients of each probed state, per step. */
export interface ProbeResult {
  readonly batch: number;
  /** Steps seen by the longest recurrence. */
  readonly steps: number;
  /** Site key -> per step: dL/dh_t as `[B * S]` (null where the site did not run). */
  readonly grads: ReadonlyMap<string, readonly (Float32Array | null)[]>;
  /** Site key -> per step: h_t itself, `[B * S]`. */
  readonly states: ReadonlyMap<string, readonly (Float32Array | null)[]>;
  /** Site key -> the state's shape `[B, ...]`. */
  readonly shapes: ReadonlyMap<string, readonly number[]>;
  /** The loss value. */
  readonly loss: number;
}

let probeCounter = 0;

/** Sites are keyed by node, index and state; `step` is the time index. */
const keyOf = (s: ProbeSite): string => siteKey(s.node, s.index, s.state);

/**
 * Runs `model` on `feeds` twice: once to find every state (and record its value), once
 * under `tf.variableGrads` with probes added. `loss` maps the outputs to a scalar.
 */
export function probeStateGradients(
  model: CompiledModel,
  feeds: Feeds,
  loss: (outputs: Record<string, Tensor>) => Scalar,
): ProbeResult {
  const { tf } = model;
  const kept = new Map<string, (Tensor | null)[]>();
  const shapes = new Map<string, number[]>();
  let steps = 0;
  // Pass 1: which states exist, their shapes and values (inference mode, so deterministic).
  const first = model.forward(feeds, {
    stateProbe: (site, state) => {
      const key = keyOf(site);
      const list = kept.get(key) ?? [];
      list[site.step] = tf.keep(tf.clone(state));
      kept.set(key, list);
      shapes.set(key, [...state.shape]);
      steps = Math.max(steps, site.step + 1);
      return state;
    },
  });
  tf.dispose(Object.values(first));

  const id = probeCounter++;
  const probes = new Map<string, (Variable | null)[]>();
  const all: Variable[] = [];
  for (const [key, list] of kept) {
    const shape = shapes.get(key) ?? [];
    probes.set(
      key,
      Array.from({ length: steps }, (_, t) => {
        if (list[t] === undefined || list[t] === null) return null;
        // tidy frees the zeros the variable was made from (tidy never frees variables).
        const v = tf.tidy(() => tf.variable(tf.zeros(shape), true, `probe${id}/${key}/${t}`));
        all.push(v);
        return v;
      }),
    );
  }
  if (all.length === 0) {
    // No recurrence: nothing to probe (and variableGrads needs at least one variable).
    return { batch: 0, steps: 0, grads: new Map(), states: new Map(), shapes, loss: NaN };
  }
  try {
    const { value, grads } = tf.variableGrads(() => {
      const outputs = model.forward(feeds, {
        stateProbe: (site, state) => {
          const p = probes.get(keyOf(site))?.[site.step];
          return p === undefined || p === null ? state : tf.add(state, p);
        },
      });
      return loss(outputs);
    }, all);
    const read = (t: Tensor | null | undefined): Float32Array | null =>
      t === null || t === undefined ? null : (t.dataSync() as Float32Array);
    const gradData = new Map<string, (Float32Array | null)[]>();
    for (const [key, list] of probes) {
      gradData.set(
        key,
        list.map((v) => {
          if (v === null) return null;
          const g = grads[v.name];
          // Not reached by the loss: a zero gradient.
          return g === undefined ? new Float32Array(v.size) : read(g);
        }),
      );
    }
    const stateData = new Map<string, (Float32Array | null)[]>();
    for (const [key, list] of kept)
      stateData.set(
        key,
        Array.from({ length: steps }, (_, t) => read(list[t])),
      );
    const lossValue = value.dataSync()[0] ?? NaN;
    tf.dispose([value, ...Object.values(grads)]);
    const batch = shapes.values().next().value?.[0] ?? 0;
    return { batch, steps, grads: gradData, states: stateData, shapes, loss: lossValue };
  } finally {
    tf.dispose(all);
    for (const list of kept.values()) for (const t of list) t?.dispose();
  }
}
