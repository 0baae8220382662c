import { describe, expect, it } from 'vitest';
import type { IrModule } from '@seqlab/ir';
import { toDot, toMermaid, toSvg, unrolledSvg } from '../src/index.js';
import { namesModel } from './fixtures.js';
import { parseXml, texts } from './xml-check.js';

const empty: IrModule = {
  format: 'seqlab-ir',
  version: 1,
  model: 'Empty',
  hyperparameters: {},
  inputs: [],
  outputs: [],
  graph: { inputs: [], outputs: [], values: {}, nodes: [] },
  params: {},
};

// The playground redraws while the user types: half-built modules must still draw.
describe('robustness', () => {
  it('draws an empty module in every format', () => {
    for (const svg of [toSvg(empty), unrolledSvg(empty, 3)]) {
      expect(() => parseXml(svg)).not.toThrow();
      expect(svg).not.toMatch(/NaN|Infinity|undefined/);
    }
    expect(toDot(empty)).toContain('digraph "Empty"');
    expect(toMermaid(empty).trim()).toBe('flowchart TD');
  });

  it('shows an unknown value as [?] instead of throwing', () => {
    const m = namesModel();
    const values = { ...m.graph.values };
    const gruOut = m.graph.nodes.find((n) => n.name === 'gru0')?.outputs[0];
    if (gruOut === undefined) throw new Error('fixture changed');
    delete values[gruOut];
    const broken = { ...m, graph: { ...m.graph, values } };
    expect(texts(parseXml(toSvg(broken)))).toContain('[?]');
    expect(() => parseXml(unrolledSvg(broken, 2))).not.toThrow();
  });
});
