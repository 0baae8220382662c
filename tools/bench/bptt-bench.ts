/**
 * Is the explicit BPTT gradient of the built-in tanh rnn, lstm and gru (packages/tfjs/src/bptt/)
 * faster than tfjs autodiff of the unrolled loop? Times one training step's forward +
 * backward (`tf.variableGrads` of a loss on the recurrence's outputs) with each, on the
 * given backends.
 *
 * Run: npx tsx tools/bench/bptt-bench.ts [wasm|cpu ...]   (default: wasm cpu)
 * Prints a table of medians; nothing is asserted. The lowering's default (`rnnGradient`)
 * follows these numbers.
 */
import { setupBackend } from '@seqlab/backend-node';
import type { IrModule } from '@seqlab/ir';
import { lowerModule, median, type CompiledModel, type Tf } from '@seqlab/tfjs';

type Kind = 'rnn' | 'lstm' | 'gru';
const GATES: Record<Kind, number> = { rnn: 1, lstm: 4, gru: 3 };

interface Shape {
  readonly kind: Kind;
  readonly B: number;
  readonly T: number;
  readonly D: number;
  readonly H: number;
  readonly layers: number;
}

const SHAPES: readonly Shape[] = (['rnn', 'lstm', 'gru'] as const).flatMap((kind) => [
  { kind, B: 32, T: 50, D: 16, H: 64, layers: 1 },
  { kind, B: 32, T: 100, D: 16, H: 256, layers: 1 },
  { kind, B: 8, T: 200, D: 8, H: 32, layers: 2 },
]);

/** A module with one recurrence node: x [B, T, D] -> seq [B, T, H]. */
function rnnModule(s: Shape): IrModule {
  const k = 1 / Math.sqrt(s.H);
  const params: Record<string, IrModule['params'][string]> = {};
  const roles: Record<string, string> = {};
  for (let l = 0; l < s.layers; l++) {
    const width = l === 0 ? s.D : s.H;
    const add = (role: string, shape: number[]): void => {
      params[`rnn0.${role}`] = {
        name: `rnn0.${role}`,
        shape,
        init: { kind: 'uniform', low: -k, high: k },
        layer: 'rnn0',
      };
      roles[role] = `rnn0.${role}`;
    };
    const G = GATES[s.kind] * s.H;
    add(`weight_ih_l${l}`, [G, width]);
    add(`weight_hh_l${l}`, [G, s.H]);
    add(`bias_ih_l${l}`, [G]);
    add(`bias_hh_l${l}`, [G]);
  }
  const f = (shape: (number | string)[]) => ({ dtype: 'float32' as const, shape });
  return {
    format: 'seqlab-ir',
    version: 1,
    model: 'Bench',
    hyperparameters: {},
    inputs: [{ name: 'x', value: 'x' }],
    outputs: [{ name: 'seq', value: 'seq' }],
    params,
    graph: {
      inputs: ['x'],
      outputs: ['seq'],
      values: {
        x: { id: 'x', type: f(['B', 'T', s.D]) },
        seq: { id: 'seq', type: f(['B', 'T', s.H]) },
        hn: { id: 'hn', type: f([s.layers, 'B', s.H]) },
        cn: { id: 'cn', type: f([s.layers, 'B', s.H]) },
      },
      nodes: [
        {
          id: 'n0',
          op: s.kind,
          name: 'rnn0',
          inputs: ['x'],
          outputs: s.kind === 'lstm' ? ['seq', 'hn', 'cn'] : ['seq', 'hn'],
          attrs: {
            hidden: s.H,
            layers: s.layers,
            bidirectional: false,
            ...(s.kind === 'rnn' ? { nonlinearity: 'tanh' } : {}),
            bias: true,
          },
          params: roles,
        },
      ],
    },
  };
}

/** Median ms of one forward + backward (gradients read back, so the work is done). */
function timeStep(tf: Tf, model: CompiledModel, s: Shape, runs: number): number {
  const x = tf.randomNormal([s.B, s.T, s.D], 0, 1, 'float32', 1);
  const r = tf.randomNormal([s.B, s.T, s.H], 0, 1, 'float32', 2);
  const vars = [...model.variables.values()];
  const step = (): void => {
    const { value, grads } = tf.variableGrads(() => {
      const out = model.forward({ inputs: { x } });
      return tf.sum(tf.mul(out['seq'] as ReturnType<Tf['tensor']>, r)) as ReturnType<Tf['scalar']>;
    }, vars);
    const all = Object.values(grads);
    for (const g of all) g.dataSync();
    tf.dispose([value, ...all]);
  };
  for (let i = 0; i < 2; i++) step();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    step();
    samples.push(performance.now() - t0);
  }
  tf.dispose([x, r]);
  return median(samples);
}

const backends = process.argv.slice(2).length ? process.argv.slice(2) : ['wasm', 'cpu'];
console.log(`recurrence training step (forward + backward), median ms (node ${process.version})`);
console.log('command: npx tsx tools/bench/bptt-bench.ts ' + backends.join(' ') + '\n');
console.log('backend  cell  B    T    D    H  layers  autodiff ms  explicit BPTT ms  speed-up');
console.log('-------  ----  --  ---  --  ---  ------  -----------  ----------------  --------');
for (const name of backends) {
  const ready = await setupBackend(name);
  if (!ready.ok) {
    console.log(`${name}: ${ready.message}`);
    continue;
  }
  const tf = ready.tf;
  for (const s of SHAPES) {
    const module = rnnModule(s);
    const auto = lowerModule(module, { tf, seed: 1, rnnGradient: 'autodiff' });
    const mine = lowerModule(module, { tf, seed: 1, rnnGradient: 'bptt' });
    const runs = s.H >= 256 || name === 'cpu' ? 5 : 9;
    // Interleaved, so a neighbour's load on this shared machine hits both alike.
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < 3; i++) {
      a.push(timeStep(tf, auto, s, runs));
      b.push(timeStep(tf, mine, s, runs));
    }
    const ta = median(a);
    const tb = median(b);
    console.log(
      `${name.padEnd(7)}  ${s.kind.padEnd(4)}  ${String(s.B).padStart(2)}  ${String(s.T).padStart(3)}  ${String(s.D).padStart(2)}  ${String(s.H).padStart(3)}  ${String(s.layers).padStart(6)}  ${ta.toFixed(1).padStart(11)}  ${tb.toFixed(1).padStart(16)}  ${(ta / tb).toFixed(2).padStart(7)}x`,
    );
    auto.dispose();
    mine.dispose();
  }
}
