/**
 * Adam and AdamW with one fused update per parameter (`adamUpdate`, adam-update.ts) instead
 * of tfjs's ~14 kernels. The update rules are torch.optim's:
 *
 * - adam: coupled weight decay (g += wd p), then p -= lr m̂ / (√v̂ + ε);
 * - adamw: decoupled decay p *= 1 − lr wd, then the same step.
 *
 * Checkpoint slots keep the formats of the optimisers they replace: adam's are tfjs
 * AdamOptimizer's (iteration, every m, every v, by position, with an index prefix so a
 * file's name order keeps them in order), so runs saved before resume; adamw's are by name.
 */
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import type { Tf } from '../types.js';
import type { NamedTensor } from '../weights/safetensors.js';
import { adamUpdate } from './adam-update.js';
import type { SteppingOptimizer } from './optimizers.js';
import type { OptimizerSpec } from './types.js';

interface Slots {
  readonly m: Variable;
  readonly v: Variable;
}

const prefixed = (i: number, name: string) => `${String(i).padStart(5, '0')}|${name}`;

async function floats(v: Variable): Promise<Float32Array> {
  return Float32Array.from(await v.data());
}

type SlotMap = ReadonlyMap<Variable, Slots>;
type Restore = (variable: Variable, m: NamedTensor, v: NamedTensor) => void;

/** AdamW's checkpoint: `iter`, then `<name>/m` and `<name>/v` for each parameter in `order`. */
async function namedState(
  t: number,
  order: readonly Variable[],
  slots: SlotMap,
): Promise<NamedTensor[]> {
  const out: NamedTensor[] = [{ name: 'iter', shape: [], data: Float32Array.of(t) }];
  for (const v of order) {
    const s = slots.get(v) as Slots;
    out.push({ name: `${v.name}/m`, shape: v.shape, data: await floats(s.m) });
    out.push({ name: `${v.name}/v`, shape: v.shape, data: await floats(s.v) });
  }
  return out;
}

/** Adam's checkpoint, in tfjs AdamOptimizer's layout: iteration, every m, every v. */
async function positionalState(
  t: number,
  order: readonly Variable[],
  slots: SlotMap,
): Promise<NamedTensor[]> {
  const out: NamedTensor[] = [{ name: prefixed(0, 'iter'), shape: [], data: Float32Array.of(t) }];
  for (const [k, part] of (['m', 'v'] as const).entries()) {
    for (const [i, v] of order.entries()) {
      const data = await floats((slots.get(v) as Slots)[part]);
      out.push({
        name: prefixed(1 + k * order.length + i, `${v.name}/${part}`),
        shape: v.shape,
        data,
      });
    }
  }
  return out;
}

/** Restores the slots of a `namedState` checkpoint, matched by name; returns the step count. */
function restoreNamed(
  state: readonly NamedTensor[],
  trainables: readonly Variable[],
  restore: Restore,
): number {
  const byName = new Map(state.map((s) => [s.name, s]));
  for (const variable of trainables) {
    const m = byName.get(`${variable.name}/m`);
    const v = byName.get(`${variable.name}/v`);
    if (m && v) restore(variable, m, v);
  }
  return byName.get('iter')?.data[0] ?? 0;
}

/** Restores the slots of a `positionalState` checkpoint, by position; returns the step count. */
function restorePositional(
  state: readonly NamedTensor[],
  trainables: readonly Variable[],
  restore: Restore,
): number {
  // The index prefixes make name order the saved order.
  const [iter, ...rest] = [...state].sort((a, b) => a.name.localeCompare(b.name));
  const n = rest.length / 2;
  trainables.slice(0, n).forEach((variable, i) => {
    const [m, v] = [rest[i], rest[n + i]];
    if (m && v) restore(variable, m, v);
  });
  return iter?.data[0] ?? 0;
}

/** Adam (`decoupled` false) or AdamW (`decoupled` true) over `trainables`. */
export function fusedAdam(
  tf: Tf,
  spec: OptimizerSpec,
  trainables: readonly Variable[],
  decoupled: boolean,
): SteppingOptimizer {
  const beta1 = spec.beta1 ?? 0.9;
  const beta2 = spec.beta2 ?? 0.999;
  const eps = spec.eps ?? 1e-8;
  const wd = spec.weightDecay ?? (decoupled ? 0.01 : 0);
  let lr = spec.lr;
  let t = 0;
  const slots = new Map<Variable, Slots>();
  // In a tidy: a variable shares its initial tensor's data, and the tensor would linger.
  const slot = (make: () => Tensor): Variable => tf.tidy(() => tf.variable(make(), false));
  const zeros = (v: Variable): Slots => ({
    m: slot(() => tf.zerosLike(v)),
    v: slot(() => tf.zerosLike(v)),
  });
  const restore = (variable: Variable, m: NamedTensor, v: NamedTensor) => {
    slots.set(variable, {
      m: slot(() => tf.tensor(m.data, [...m.shape])),
      v: slot(() => tf.tensor(v.data, [...v.shape])),
    });
  };
  return {
    setLearningRate(value) {
      lr = value;
    },
    apply(pairs) {
      // tfjs's Adam made slots for every parameter at its first step; so do we (positions).
      if (!decoupled && slots.size === 0)
        for (const { variable } of pairs) slots.set(variable, zeros(variable));
      t += 1;
      const attrs = {
        lr,
        beta1,
        beta2,
        eps,
        bc1: 1 - beta1 ** t,
        bc2: 1 - beta2 ** t,
        l2: decoupled ? 0 : wd,
        decay: decoupled ? 1 - lr * wd : 1,
      };
      for (const { variable, grad } of pairs) {
        if (grad === null) continue;
        const s = slots.get(variable) ?? zeros(variable);
        slots.set(variable, s);
        tf.tidy(() => {
          const [p, m, v] = adamUpdate(tf, variable, grad, s.m, s.v, attrs);
          s.m.assign(m);
          s.v.assign(v);
          variable.assign(p);
        });
      }
    },
    async getState() {
      const order = trainables.filter((v) => slots.has(v));
      return decoupled ? namedState(t, order, slots) : positionalState(t, order, slots);
    },
    async setState(state) {
      for (const s of slots.values()) tf.dispose([s.m, s.v]);
      slots.clear();
      t = decoupled
        ? restoreNamed(state, trainables, restore)
        : restorePositional(state, trainables, restore);
    },
    dispose() {
      for (const s of slots.values()) tf.dispose([s.m, s.v]);
      slots.clear();
    },
  };
}
