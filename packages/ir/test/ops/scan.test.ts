import { describe, expect, it } from 'vitest';
import { ModuleBuilder } from '../../src/builder.js';
import { f32, seq } from '../test-fixtures.js';
import type { Graph } from '../../src/types.js';
import { OPS } from '../../src/ops/index.js';
import { err, ok } from './test-util.js';

/** An Elman body: h' = tanh(x W^T + h U^T), emitting h'. */
function elmanBody(inWidth: number, hidden: number, emitWidth = hidden): Graph {
  const mb = new ModuleBuilder('M', {});
  mb.addParam({ name: 'c.W', shape: [hidden, inWidth], init: { kind: 'zeros' }, layer: 'c' });
  mb.addParam({ name: 'c.U', shape: [hidden, hidden], init: { kind: 'zeros' }, layer: 'c' });
  const g = mb.newBodyGraph();
  const x = g.input(f32('B', inWidth), 'x');
  const h = g.input(f32('B', hidden), 'h');
  const step = (r: ReturnType<typeof g.add>): string => {
    if (!r.ok) throw new Error(r.error.message);
    return r.outputs[0] as string;
  };
  const W = step(g.add({ op: 'param', name: 'W', inputs: [], attrs: { name: 'c.W' } }));
  const U = step(g.add({ op: 'param', name: 'U', inputs: [], attrs: { name: 'c.U' } }));
  const a = step(g.add({ op: 'matmul', name: 'a', inputs: [x, W], attrs: { transpose_b: true } }));
  const b = step(g.add({ op: 'matmul', name: 'b', inputs: [h, U], attrs: { transpose_b: true } }));
  const next = step(
    g.add({
      op: 'tanh',
      name: 't',
      inputs: [step(g.add({ op: 'add', name: 's', inputs: [a, b], attrs: {} }))],
      attrs: {},
    }),
  );
  const emit =
    emitWidth === hidden
      ? next
      : step(
          g.add({ op: 'slice', name: 'e', inputs: [next], attrs: { start: 0, end: emitWidth } }),
        );
  g.setOutputs([next, emit]);
  return g.finish();
}

const attrs = (init: 'zeros' | 'input' = 'zeros') => ({
  num_sequences: 1,
  state_names: ['h'],
  state_init: [init],
  reverse: false,
});

describe('scan', () => {
  it('emits a sequence and the final states', () => {
    const body = elmanBody(4, 8, 3);
    expect(ok(OPS.scan.infer([seq(4)], attrs(), { body }))).toEqual([seq(3), f32('B', 8)]);
    expect(ok(OPS.scan.infer([seq(4), f32('B', 8)], attrs('input'), { body }))).toHaveLength(2);
  });
  it('counts the body FLOPs per step', () => {
    const body = elmanBody(4, 8);
    expect(OPS.scan.flopsPerStep([seq(4)], attrs(), { body })).toBe(2 * 4 * 8 + 2 * 8 * 8 + 8 + 8);
  });
  it('checks the body against the node', () => {
    const body = elmanBody(4, 8);
    const wrongWidth = err(OPS.scan.infer([seq(5)], attrs(), { body }));
    expect(wrongWidth.message).toContain('[B, 5]');
    expect(wrongWidth.message).toContain('[B, 4]');
    expect(err(OPS.scan.infer([seq(4)], attrs('input'), { body })).kind).toBe('arity');
    const badInit = err(OPS.scan.infer([seq(4), f32('B', 7)], attrs('input'), { body }));
    expect(badInit.message).toContain('state h');
    expect(err(OPS.scan.infer([seq(4)], attrs())).message).toBe('scan needs a body graph');
    expect(err(OPS.scan.infer([f32('B', 4)], attrs(), { body })).kind).toBe('dim');
    expect(
      err(OPS.scan.infer([seq(4)], { ...attrs(), state_names: ['h', 'c'] }, { body })).kind,
    ).toBe('attr');
  });
  it('requires every state to keep its type', () => {
    const body = elmanBody(4, 8);
    const broken: Graph = {
      ...body,
      outputs: [body.inputs[0] as string, body.outputs[1] as string],
    };
    const e = err(OPS.scan.infer([seq(4)], attrs(), { body: broken }));
    expect(e.message).toContain('state h must keep its type');
  });
});
