/** Small IR modules for the exporter's tests, built with the IR's own builder. */
import { ModuleBuilder, type AttrValue, type IrModule, type OpName } from '@seqlab/ir';

/** One layer of a chain: op, attrs and optionally its name. */
export interface ChainLayer {
  readonly op: OpName;
  readonly attrs: Readonly<Record<string, AttrValue>>;
  readonly name?: string;
}

/** `input x: [B, T, width] -> layers -> output y`, masked by T where an op reads lengths. */
export function chain(width: number, layers: readonly ChainLayer[]): IrModule {
  const mb = new ModuleBuilder('Chain', { width });
  const g = mb.graph;
  let v = mb.addInput('x', { dtype: 'float32', shape: ['B', 'T', width] });
  const masked = new Set<OpName>(['rnn', 'lstm', 'gru', 'last', 'reduce_time', 'scan']);
  layers.forEach((layer, i) => {
    const r = mb.addLayer(g, {
      op: layer.op,
      name: layer.name ?? `${layer.op}${i}`,
      inputs: [v],
      attrs: layer.attrs,
      ...(masked.has(layer.op) ? { lengths: g.lengths('T') } : {}),
    });
    if (!r.ok) throw new Error(r.error.message);
    v = r.outputs[0] as string;
  });
  mb.addOutput('y', v);
  return mb.build();
}

/**
 * A user cell `Mix` over x [B, T, 3] with state h [B, 4]:
 *   a = W @ x + U @ h;  h' = tanh(a);  emit h * h'   (reads the old h after h' when `late`)
 */
export function mixCell(late: boolean): IrModule {
  const mb = new ModuleBuilder('Mixer', {});
  const g = mb.graph;
  const x = mb.addInput('x', { dtype: 'float32', shape: ['B', 'T', 3] });
  const init = { kind: 'uniform', low: -0.5, high: 0.5 } as const;
  mb.addParam({ name: 'mix0.W', shape: [4, 3], init, layer: 'mix0' });
  mb.addParam({
    name: 'mix0.U',
    shape: [4, 4],
    init: { kind: 'orthogonal', gain: 1 },
    layer: 'mix0',
  });
  const b = mb.newBodyGraph();
  const xt = b.input({ dtype: 'float32', shape: ['B', 3] }, 'x');
  const h = b.input({ dtype: 'float32', shape: ['B', 4] }, 'h');
  const add = (op: OpName, inputs: string[], attrs: Record<string, AttrValue> = {}): string => {
    const r = b.add({ op, name: `mix0.${op}`, inputs, attrs });
    if (!r.ok) throw new Error(r.error.message);
    return r.outputs[0] as string;
  };
  const w = add('param', [], { name: 'mix0.W' });
  const u = add('param', [], { name: 'mix0.U' });
  const a = add('add', [
    add('matmul', [xt, w], { transpose_b: true }),
    add('matmul', [h, u], { transpose_b: true }),
  ]);
  const next = add('tanh', [a]);
  const y = late ? add('mul', [h, next]) : add('mul', [next, add('constant', [], { value: 2 })]);
  b.setOutputs([next, y]);
  const r = mb.addLayer(g, {
    op: 'scan',
    name: 'mix0',
    inputs: [x],
    attrs: {
      cell: 'Mix',
      num_sequences: 1,
      state_names: ['h'],
      state_init: ['zeros'],
      reverse: false,
    },
    params: { W: 'mix0.W', U: 'mix0.U' },
    body: b.finish(),
    lengths: g.lengths('T'),
  });
  if (!r.ok) throw new Error(r.error.message);
  mb.addOutput('y', r.outputs[0] as string);
  return mb.build();
}
