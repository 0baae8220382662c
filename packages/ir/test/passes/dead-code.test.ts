import { describe, expect, it } from 'vitest';
import { ModuleBuilder } from '../../src/builder.js';
import { seq } from '../test-fixtures.js';
import type { IrModule } from '../../src/types.js';
import { eliminateDeadCode } from '../../src/passes/dead-code.js';
import { runPasses } from '../../src/passes/pass.js';

function withDeadBranch(): IrModule {
  const mb = new ModuleBuilder('M', {});
  const g = mb.graph;
  const x = mb.addInput('x', seq(4));
  const add = (name: string, input: string) => {
    const r = mb.addLayer(g, {
      op: 'dense',
      name,
      inputs: [input],
      attrs: { units: 3, bias: true },
    });
    if (!r.ok) throw new Error(r.error.message);
    return r.outputs[0] as string;
  };
  const live = add('live', x);
  add('dead', add('dead_parent', x));
  mb.addOutput('y', live);
  return mb.build();
}

describe('eliminateDeadCode', () => {
  it('drops nodes, values and params that reach no output', () => {
    const m = withDeadBranch();
    const out = runPasses(m, [eliminateDeadCode]);
    expect(out.graph.nodes.map((n) => n.name)).toEqual(['live']);
    expect(Object.keys(out.params)).toEqual(['live.weight', 'live.bias']);
    expect(Object.keys(out.graph.values)).toHaveLength(2);
    expect(out.graph.inputs).toEqual(m.graph.inputs);
    expect(out.outputs).toEqual(m.outputs);
    // The input module is untouched.
    expect(m.graph.nodes).toHaveLength(3);
  });

  it('returns the same module when nothing is dead', () => {
    const m = runPasses(withDeadBranch(), [eliminateDeadCode]);
    expect(eliminateDeadCode.run(m)).toBe(m);
  });
});

describe('runPasses', () => {
  it('names the pass that broke an invariant', () => {
    const breaker = {
      name: 'drop-everything',
      run: (m: IrModule): IrModule => ({ ...m, graph: { ...m.graph, nodes: [] } }),
    };
    expect(() => runPasses(withDeadBranch(), [breaker])).toThrow(
      /pass drop-everything produced invalid IR/,
    );
  });
});
