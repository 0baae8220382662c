/**
 * Scan bodies equivalent to one layer and direction of PyTorch's `nn.RNN`, `nn.LSTM` and
 * `nn.GRU`, written with matmul/add/sub/mul/slice/sigmoid/tanh and `param` reads:
 *   rnn:  h' = act(x W_ih^T + b_ih + h W_hh^T + b_hh)
 *   lstm: gates i, f, g, o; c' = f*c + i*g; h' = o*tanh(c')
 *   gru:  gates r, z, n with n = tanh(W_in x + b_in + r*(W_hn h + b_hn)); h' = (1-z)*n + z*h,
 *         computed as n + z*(h - n).
 */
import { GraphBuilder } from '../builder.js';
import type { AddResult, NodeSpec } from '../builder.js';
import { layerSuffix, RECURRENCES, type RecurrentName } from '../ops/recurrent.js';
import type { Dim, Graph, OpName, Param } from '../types.js';

/** What a cell body needs to know about its layer. */
export interface CellSpec {
  readonly op: RecurrentName;
  readonly hidden: number;
  readonly inWidth: number;
  readonly layer: number;
  readonly direction: number;
  readonly bias: boolean;
  readonly nonlinearity: 'tanh' | 'relu';
  /** role -> full param name of the whole recurrent node. */
  readonly params: Readonly<Record<string, string>>;
  readonly batch: Dim;
}

/** A built body and the roles it reads (the scan node's `params`). */
export interface CellBody {
  readonly body: Graph;
  readonly params: Record<string, string>;
}

function must(result: AddResult, what: string): string {
  if (!result.ok) throw new Error(`expand-recurrences: ${what}: ${result.error.message}`);
  const [out] = result.outputs;
  if (out === undefined) throw new Error(`expand-recurrences: ${what} has no output`);
  return out;
}

/** What a cell's step math reads: the projections, a slicer and the carried states. */
interface CellParts {
  readonly spec: CellSpec;
  readonly op: (o: OpName, inputs: string[], attrs?: NodeSpec['attrs']) => string;
  /** Block `k` (of width H) of a projection. */
  readonly part: (v: string, k: number) => string;
  /** x W_ih^T (+ b_ih) and h W_hh^T (+ b_hh). */
  readonly gi: string;
  readonly gh: string;
  /** The carried states, in `RECURRENCES[op].states` order (h, then c). */
  readonly states: readonly string[];
}

/** Each recurrence's step: body outputs are its next states, then the emitted value. */
const CELLS: { readonly [K in RecurrentName]: (p: CellParts) => string[] } = {
  rnn({ spec, op, gi, gh }) {
    const next = op(spec.nonlinearity, [op('add', [gi, gh])]);
    return [next, next];
  },
  lstm({ op, part, gi, gh, states: [, c = ''] }) {
    const s = op('add', [gi, gh]);
    const i = op('sigmoid', [part(s, 0)]);
    const f = op('sigmoid', [part(s, 1)]);
    const gg = op('tanh', [part(s, 2)]);
    const o = op('sigmoid', [part(s, 3)]);
    const cNext = op('add', [op('mul', [f, c]), op('mul', [i, gg])]);
    const hNext = op('mul', [o, op('tanh', [cNext])]);
    return [hNext, cNext, hNext];
  },
  gru({ op, part, gi, gh, states: [h = ''] }) {
    const r = op('sigmoid', [op('add', [part(gi, 0), part(gh, 0)])]);
    const z = op('sigmoid', [op('add', [part(gi, 1), part(gh, 1)])]);
    const n = op('tanh', [op('add', [part(gi, 2), op('mul', [r, part(gh, 2)])])]);
    const next = op('add', [n, op('mul', [z, op('sub', [h, n])])]);
    return [next, next];
  },
};

/** Builds the body of one layer/direction of a built-in recurrence. */
export function buildCellBody(
  spec: CellSpec,
  prefix: string,
  lookupParam: (name: string) => Param | undefined,
): CellBody {
  const g = new GraphBuilder(prefix, lookupParam);
  const H = spec.hidden;
  let count = 0;
  const op = (o: OpName, inputs: string[], attrs: NodeSpec['attrs'] = {}): string =>
    must(g.add({ op: o, name: `${o}${count++}`, inputs, attrs }), o);
  const sfx = layerSuffix(spec.layer, spec.direction);
  const params: Record<string, string> = {};
  const read = (kind: string): string => {
    const role = `${kind}${sfx}`;
    const name = spec.params[role];
    if (name === undefined) throw new Error(`expand-recurrences: missing param role ${role}`);
    params[role] = name;
    return op('param', [], { name });
  };
  const x = g.input({ dtype: 'float32', shape: [spec.batch, spec.inWidth] }, 'x');
  const state = { dtype: 'float32' as const, shape: [spec.batch, H] };
  const states = RECURRENCES[spec.op].states.map((name) => g.input(state, name));
  const h = states[0] as string;

  // Input and hidden projections, each with its own bias like PyTorch.
  let gi = op('matmul', [x, read('weight_ih')], { transpose_b: true });
  let gh = op('matmul', [h, read('weight_hh')], { transpose_b: true });
  if (spec.bias) {
    gi = op('add', [gi, read('bias_ih')]);
    gh = op('add', [gh, read('bias_hh')]);
  }
  const part = (v: string, k: number): string =>
    op('slice', [v], { start: k * H, end: (k + 1) * H });
  g.setOutputs(CELLS[spec.op]({ spec, op, part, gi, gh, states }));
  return { body: g.finish(), params };
}
