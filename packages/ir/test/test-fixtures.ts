/**
 * Helpers for this package's tests: build small modules from a chain of built-in layers the
 * way the compiler does (params from the catalogue, named `<layer>.<role>`).
 */
import { ModuleBuilder } from '../src/builder.js';
import type { OpAttrs } from '../src/op-attrs.js';
import type { AttrValue, IrModule, OpName, TensorType } from '../src/types.js';

/** Ops that read `node.lengths` when they run over a time axis. */
const MASKED: ReadonlySet<OpName> = new Set<OpName>([
  'rnn',
  'lstm',
  'gru',
  'scan',
  'last',
  'first',
  'reduce_time',
]);

/** One layer of a chain: op and attrs. */
export type Layer = {
  [K in OpName]: readonly [K, OpAttrs[K] | Readonly<Record<string, AttrValue>>];
}[OpName];

/** Builds `input x -> layers... -> output y`; throws with the shape error if one fails. */
export function chain(input: TensorType, layers: readonly Layer[]): IrModule {
  const mb = new ModuleBuilder('Chain', {});
  const g = mb.graph;
  let v = mb.addInput('x', input);
  const lengths = input.shape.length >= 2 ? g.lengths('T') : undefined;
  layers.forEach(([op, attrs], i) => {
    const r = mb.addLayer(g, {
      op,
      name: `${op}${i}`,
      inputs: [v],
      attrs,
      ...(MASKED.has(op) && lengths !== undefined ? { lengths } : {}),
    });
    if (!r.ok) throw new Error(r.error.message);
    v = r.outputs[0] as string;
  });
  mb.addOutput('y', v);
  return mb.build();
}

/** `[B, T, d]` float. */
export function seq(d: number | string, t: number | string = 'T'): TensorType {
  return { dtype: 'float32', shape: ['B', t, d] };
}

/** `[B, T]` int token ids below `vocab`. */
export function ids(vocab: number): TensorType {
  return { dtype: 'int32', shape: ['B', 'T'], vocab };
}

/** `[...shape]` float. */
export function f32(...shape: (number | string)[]): TensorType {
  return { dtype: 'float32', shape };
}

/**
 * DESIGN.md's "Stacked" model: x [B, T, 4] |> Elman(8) (a user cell, as a scan with a
 * body) |> rnn(16) -> hs, output hs. The Elman params have a zeros-initialised bias.
 */
export function stackedModule(): IrModule {
  const mb = new ModuleBuilder('Stacked', {});
  const g = mb.graph;
  const x = mb.addInput('x', seq(4));
  const lengths = g.lengths('T');
  const init = { kind: 'uniform', low: -1 / Math.sqrt(8), high: 1 / Math.sqrt(8) } as const;
  mb.addParam({ name: 'elman0.W_xh', shape: [8, 4], init, layer: 'elman0' });
  mb.addParam({ name: 'elman0.W_hh', shape: [8, 8], init, layer: 'elman0' });
  mb.addParam({ name: 'elman0.b_h', shape: [8], init: { kind: 'zeros' }, layer: 'elman0' });
  const body = mb.newBodyGraph();
  const xt = body.input(f32('B', 4), 'x');
  const h = body.input(f32('B', 8), 'h');
  const out = (r: ReturnType<typeof body.add>): string => {
    if (!r.ok) throw new Error(r.error.message);
    return r.outputs[0] as string;
  };
  const p = (n: string) =>
    out(body.add({ op: 'param', name: n, inputs: [], attrs: { name: `elman0.${n}` } }));
  const a = out(
    body.add({ op: 'matmul', name: 'mx', inputs: [xt, p('W_xh')], attrs: { transpose_b: true } }),
  );
  const b = out(
    body.add({ op: 'matmul', name: 'mh', inputs: [h, p('W_hh')], attrs: { transpose_b: true } }),
  );
  const s = out(body.add({ op: 'add', name: 's1', inputs: [a, b], attrs: {} }));
  const s2 = out(body.add({ op: 'add', name: 's2', inputs: [s, p('b_h')], attrs: {} }));
  const next = out(body.add({ op: 'tanh', name: 'h', inputs: [s2], attrs: {} }));
  body.setOutputs([next, next]);
  const cell = g.add({
    op: 'scan',
    name: 'elman0',
    inputs: [x],
    attrs: { num_sequences: 1, state_names: ['h'], state_init: ['zeros'], reverse: false },
    lengths,
    body: body.finish(),
  });
  if (!cell.ok) throw new Error(cell.error.message);
  const rnn = mb.addLayer(g, {
    op: 'rnn',
    name: 'rnn0',
    inputs: [cell.outputs[0] as string],
    attrs: { hidden: 16, layers: 1, bidirectional: false, nonlinearity: 'tanh', bias: true },
    lengths,
    span: { file: 'stacked.seq', start: 10, end: 17 },
  });
  if (!rnn.ok) throw new Error(rnn.error.message);
  g.setName(rnn.outputs[0] as string, 'hs');
  mb.addOutput('hs', rnn.outputs[0] as string);
  return mb.build();
}
