import { analyzeModule } from '@seqlab/ir';
import { describe, expect, it } from 'vitest';
import { compileSource } from '../../src/compile/compile-source.js';
import { exampleNamed } from '../../src/compile/examples.js';
import {
  receptiveCone,
  receptiveFieldSvg,
  windowLayers,
} from '../../src/views/receptive-field-figure.js';

function moduleOf(file: string) {
  const m = compileSource(exampleNamed(file)?.text ?? '').result.module;
  if (!m) throw new Error(`${file} does not compile`);
  return m;
}

describe('receptive field figure', () => {
  it('spans exactly the analysed receptive field of the TCN, all in the past', () => {
    const m = moduleOf('tcn.seq');
    const layers = windowLayers(m);
    expect(layers.map((l) => l.dilation)).toEqual([1, 2, 4, 8]);
    const cone = receptiveCone(layers, 100);
    const input = cone[0] ?? [];
    expect(Math.max(...input) - Math.min(...input) + 1).toBe(analyzeModule(m).receptiveField);
    expect(Math.max(...input)).toBe(100); // causal: nothing after the output step
    expect(cone[cone.length - 1]).toEqual([100]);
  });

  it('centres same-padded windows (CNN: two k=3 convs see 5 steps)', () => {
    const cone = receptiveCone(windowLayers(moduleOf('cnn1d.seq')), 10);
    expect(cone[0]).toEqual([8, 9, 10, 11, 12]);
  });

  it('draws an SVG for conv stacks and nothing for recurrent models', () => {
    expect(receptiveFieldSvg(moduleOf('tcn.seq'))).toMatch(
      /^<svg[\s\S]*receptive field: 31 input steps/,
    );
    expect(receptiveFieldSvg(moduleOf('names.seq'))).toBeUndefined();
  });

  it('writes layer names and padding from a run file as text, never as markup', () => {
    // A run's model.ir.json may name a layer anything (issue 16 §5).
    const m = moduleOf('cnn1d.seq');
    const payload = '<img src=x onerror="window.__pwned=1">';
    const nodes = m.graph.nodes.map((n) =>
      n.op === 'conv1d' ? { ...n, name: payload, attrs: { ...n.attrs, padding: payload } } : n,
    );
    const svg = receptiveFieldSvg({ ...m, graph: { ...m.graph, nodes } }) ?? '';
    expect(svg).toContain('&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;');
    expect(svg).not.toContain('<img');
  });
});
