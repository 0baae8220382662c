import { describe, expect, it } from 'vitest';
import { chain, ids, stackedModule } from './test-fixtures.js';
import type { Graph, IrModule, Node } from '../src/types.js';
import { verifyModule } from '../src/verify.js';

type MNode = { -readonly [K in keyof Node]: Node[K] } & {
  attrs: Record<string, unknown>;
  inputs: string[];
  outputs: string[];
};
type MGraph = { -readonly [K in keyof Graph]: Graph[K] } & {
  nodes: MNode[];
  values: Record<string, { id: string; type: unknown; name?: string }>;
  inputs: string[];
  outputs: string[];
};

function broken(m: IrModule, edit: (g: MGraph, m: Record<string, unknown>) => void): string[] {
  const copy = structuredClone(m) as unknown as Record<string, unknown> & { graph: MGraph };
  edit(copy.graph, copy);
  return verifyModule(copy as unknown as IrModule);
}

const classifier = () =>
  chain(ids(30), [
    ['embed', { dim: 8, padding_idx: null }],
    ['gru', { hidden: 16, layers: 1, bidirectional: false, bias: true }],
    ['last', {}],
    ['dense', { units: 2, bias: true }],
  ]);

describe('verifyModule', () => {
  it('accepts built modules', () => {
    expect(verifyModule(classifier())).toEqual([]);
    expect(verifyModule(stackedModule())).toEqual([]);
  });

  it('catches SSA violations', () => {
    const problems = broken(classifier(), (g) => {
      const [a, b] = g.nodes as [MNode, MNode];
      b.outputs = [...a.outputs, ...b.outputs.slice(1)];
    });
    expect(problems.some((p) => p.includes('redefines'))).toBe(true);
  });

  it('catches use before definition', () => {
    const problems = broken(classifier(), (g) => {
      g.nodes.reverse();
    });
    expect(problems.some((p) => p.includes('before it is defined'))).toBe(true);
    expect(
      broken(classifier(), (g) => ((g.nodes[2] as MNode).inputs = ['nowhere'])).join(),
    ).toContain('nowhere which does not exist');
  });

  it('re-infers output types', () => {
    const problems = broken(classifier(), (g) => {
      const dense = g.nodes[3] as MNode;
      (g.values[dense.outputs[0] as string] as { type: unknown }).type = {
        dtype: 'float32',
        shape: ['B', 3],
      };
    });
    expect(problems).toEqual([
      'node n3 (dense "dense3"): output v6 is float32[B, 3] but dense gives float32[B, 2]',
    ]);
    const attr = broken(classifier(), (g) => ((g.nodes[3] as MNode).attrs['units'] = 5));
    expect(attr.join()).toContain('but dense gives float32[B, 5]');
  });

  it('checks params against the catalogue', () => {
    const missing = broken(classifier(), (_g, m) => {
      delete (m['params'] as Record<string, unknown>)['dense3.bias'];
    });
    expect(missing.join()).toContain('param bias -> dense3.bias does not exist');
    const shape = broken(classifier(), (_g, m) => {
      (m['params'] as Record<string, { shape: number[] }>)['gru1.weight_hh_l0']!.shape = [48, 8];
    });
    expect(shape.join()).toContain('gru1.weight_hh_l0 is [48, 8] but gru needs [48, 16]');
    const role = broken(classifier(), (g) => {
      const dense = g.nodes[3] as MNode & { params: Record<string, string> };
      dense.params = { weight: 'dense3.weight' };
    });
    expect(role.join()).toContain('missing param role bias');
  });

  it('checks param nodes and scan bodies', () => {
    const unknown = broken(stackedModule(), (_g, m) => {
      delete (m['params'] as Record<string, unknown>)['elman0.b_h'];
    });
    expect(unknown.join('\n')).toContain('reads unknown parameter "elman0.b_h"');
    const body = broken(stackedModule(), (g) => {
      const scan = g.nodes[0] as MNode & { body: MGraph };
      // The next value of state h becomes the [B, 4] step input.
      scan.body.outputs = [scan.body.inputs[0] as string, scan.body.outputs[1] as string];
    });
    expect(body).toEqual([
      'node n0 (scan "elman0"): shape rule fails: state h must keep its type from step to step: it is [B, 8] but its next value is [B, 4]',
    ]);
    const inner = broken(stackedModule(), (g) => {
      const scan = g.nodes[0] as MNode & { body: MGraph };
      (scan.body.nodes[0] as MNode).outputs = [scan.body.inputs[0] as string];
    });
    expect(inner.join('\n')).toContain('elman0.body: node s0.n0 (param "W_xh"): redefines s0.v0');
    const attrs = broken(stackedModule(), (g) => {
      (g.nodes[0] as MNode).attrs['state_names'] = ['h', 'c'];
    });
    expect(attrs.join()).toContain('scan needs one state_init entry per state name');
  });

  it('checks ports and lengths', () => {
    const port = broken(classifier(), (_g, m) => {
      (m['outputs'] as { name: string; value: string }[])[0]!.value = 'v42';
    });
    expect(port).toEqual(['output y points to v42, which does not exist']);
    const len = broken(classifier(), (g) => {
      const id = (g.lengths as Record<string, string>)['T'] as string;
      (g.values[id] as { type: unknown }).type = { dtype: 'float32', shape: ['B'] };
    });
    expect(len.join('\n')).toContain('must be [B] int32; got float32[B]');
    const version = broken(classifier(), (_g, m) => {
      m['version'] = 2;
    });
    expect(version).toEqual(['version is 2; this build handles 1']);
  });
});
