import { describe, expect, it } from 'vitest';
import { expandRecurrences } from '../src/passes/expand-recurrences.js';
import { moduleFromJson, moduleToJson } from '../src/serialize.js';
import { chain, ids, seq, stackedModule } from './test-fixtures.js';
import type { IrModule } from '../src/types.js';

function roundTrip(m: IrModule): IrModule {
  const r = moduleFromJson(moduleToJson(m));
  if (!r.ok) throw new Error(r.error);
  return r.module;
}

const edit = (m: IrModule, f: (doc: Record<string, unknown>) => void): string => {
  const doc = JSON.parse(moduleToJson(m)) as Record<string, unknown>;
  f(doc);
  return JSON.stringify(doc);
};

describe('JSON form', () => {
  it('round-trips exactly', () => {
    for (const m of [
      stackedModule(),
      chain(ids(30), [
        ['embed', { dim: 8, padding_idx: 0 }],
        ['conv1d', { filters: 4, kernel: 3, stride: 2, dilation: 1, padding: 'valid', bias: true }],
        ['lstm', { hidden: 6, layers: 2, bidirectional: true, bias: false }],
        ['reduce_time', { mode: 'mean' }],
      ]),
      expandRecurrences.run(
        chain(seq(3), [['gru', { hidden: 4, layers: 2, bidirectional: true, bias: true }]]),
      ),
    ]) {
      const back = roundTrip(m);
      expect(back).toStrictEqual(m);
      expect(moduleToJson(back)).toBe(moduleToJson(m));
    }
  });

  it('writes a stable key order regardless of object construction', () => {
    const m = stackedModule();
    const shuffled = JSON.parse(JSON.stringify(m), (_k, v: unknown) =>
      v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).reverse())
        : v,
    ) as IrModule;
    // Records (values, params) keep insertion order; structural keys are fixed.
    const text = moduleToJson(shuffled);
    expect(text.indexOf('"format"')).toBeLessThan(text.indexOf('"version"'));
    expect(text.indexOf('"version"')).toBeLessThan(text.indexOf('"graph"'));
    expect(JSON.parse(text)).toEqual(JSON.parse(moduleToJson(m)));
  });

  it('keeps spans and names', () => {
    const back = roundTrip(stackedModule());
    expect(back.graph.nodes[1]?.span).toEqual({ file: 'stacked.seq', start: 10, end: 17 });
    expect(Object.values(back.graph.values).find((v) => v.name === 'hs')).toBeDefined();
  });

  it('rejects other versions naming both', () => {
    const r = moduleFromJson(edit(stackedModule(), (d) => (d['version'] = 2)));
    expect(r).toEqual({
      ok: false,
      error: 'unsupported seqlab IR version 2: this seqlab reads version 1',
    });
  });

  it('rejects other formats, bad JSON and malformed structure', () => {
    const fmt = moduleFromJson(edit(stackedModule(), (d) => (d['format'] = 'onnx')));
    expect(!fmt.ok && fmt.error).toContain('format is "onnx"');
    const bad = moduleFromJson('{"format": ');
    expect(!bad.ok && bad.error).toMatch(/^not valid JSON/);
    const shape = moduleFromJson(
      edit(stackedModule(), (d) => {
        const g = d['graph'] as { nodes: { inputs: unknown }[] };
        (g.nodes[1] as { inputs: unknown }).inputs = 'v1';
      }),
    );
    expect(!shape.ok && shape.error).toBe(
      'module.graph.nodes[1].inputs: expected an array; got "v1"',
    );
    const op = moduleFromJson(
      edit(stackedModule(), (d) => {
        ((d['graph'] as { nodes: { op: string }[] }).nodes[1] as { op: string }).op = 'transformer';
      }),
    );
    expect(!op.ok && op.error).toContain('expected a known op; got "transformer"');
    const init = moduleFromJson(
      edit(stackedModule(), (d) => {
        (
          (d['params'] as Record<string, { init: unknown }>)['elman0.b_h'] as { init: unknown }
        ).init = {
          kind: 'uniform',
          low: -1,
        };
      }),
    );
    expect(!init.ok && init.error).toContain(
      'module.params.elman0.b_h.init.high: expected a number',
    );
  });

  it('rejects what the verifier rejects', () => {
    const r = moduleFromJson(
      edit(stackedModule(), (d) => {
        delete (d['params'] as Record<string, unknown>)['rnn0.bias_hh_l0'];
      }),
    );
    expect(!r.ok && r.error).toContain('param bias_hh_l0 -> rnn0.bias_hh_l0 does not exist');
  });
});
