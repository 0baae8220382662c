import { describe, expect, it } from 'vitest';
import type { IrModule } from '@seqlab/ir';
import { toSvg } from '../src/index.js';
import { bilstmModel, convModel, namesModel, scanModel, stackModel } from './fixtures.js';
import {
  expectInsideViewBox,
  expectNoOverlap,
  expectReferencesResolve,
  layerNames,
  shapeText,
} from './helpers.js';
import { elements, parseXml, textContent, texts } from './xml-check.js';

const fixtures: [string, () => IrModule][] = [
  ['conv stack', convModel],
  ['names (embed → gru → last → dense)', namesModel],
  ['rnn stack 4 → 8 → 16 → 32', stackModel],
  ['lstm layers=2 bidirectional', bilstmModel],
  ['scan (user cell)', scanModel],
];

/** The shapes that must label edges: every value into a drawn layer, and every output. */
function expectedEdgeShapes(m: IrModule): string[] {
  const dataValues = new Set(
    m.graph.nodes.filter((n) => n.op === 'param' || n.op === 'constant').flatMap((n) => n.outputs),
  );
  const shapes: string[] = [];
  for (const n of m.graph.nodes) {
    if (n.op === 'param' || n.op === 'constant') continue;
    for (const v of n.inputs)
      if (!dataValues.has(v)) shapes.push(shapeText(m.graph.values[v]?.type.shape ?? []));
  }
  for (const p of m.outputs) shapes.push(shapeText(m.graph.values[p.value]?.type.shape ?? []));
  return shapes;
}

describe('toSvg (dataflow graph)', () => {
  describe.each(fixtures)('%s', (_name, build) => {
    const m = build();
    const svg = toSvg(m);
    const root = parseXml(svg);
    const all = texts(root);

    it('is a well-formed standalone SVG', () => {
      expect(root.name).toBe('svg');
      expect(root.attrs['xmlns']).toBe('http://www.w3.org/2000/svg');
      expectReferencesResolve(root);
    });

    it('names every layer and labels every edge with its shape', () => {
      for (const name of layerNames(m)) expect(all).toContain(name);
      const labels = elements(root, 'g')
        .filter((g) => g.attrs['class'] === 'edge')
        .map((g) => texts(g).join(''));
      for (const shape of expectedEdgeShapes(m)) {
        expect(
          labels.some((l) => l.endsWith(shape)),
          `edge label ${shape}`,
        ).toBe(true);
      }
      expect(labels).toHaveLength(expectedEdgeShapes(m).length);
    });

    it('draws one box per layer, input and output, inside the viewBox, without overlaps', () => {
      const boxes = elements(root, 'rect').filter((r) => r.attrs['class'] === 'node');
      expect(boxes).toHaveLength(layerNames(m).length + m.inputs.length + m.outputs.length);
      expectInsideViewBox(root);
      expectNoOverlap([
        ...boxes,
        ...elements(root, 'rect').filter((r) => r.attrs['class'] === 'edge-label'),
      ]);
    });

    it('fits every box text inside its box (estimated widths)', () => {
      for (const g of elements(root, 'g').filter((e) =>
        (e.attrs['class'] ?? '').startsWith('box'),
      )) {
        const [rect] = elements(g, 'rect');
        const width = Number(rect?.attrs['width']);
        for (const t of elements(g, 'text')) {
          // A generous 0.62 em per character is wider than any common sans glyph average.
          const size = Number(t.attrs['font-size']);
          expect(textContent(t).length * size * 0.62).toBeLessThanOrEqual(width);
        }
      }
    });
  });

  it('shows ports with their types, escaped', () => {
    const svg = toSvg(namesModel());
    expect(svg).toContain('name: [B, T] int&lt;30');
    expect(svg).not.toContain('int<30');
    expect(texts(parseXml(svg))).toContain('name: [B, T] int<30');
  });

  it('shows key attributes and parameter counts', () => {
    const all = texts(parseXml(toSvg(namesModel()))).join('\n');
    expect(all).toContain('embed(32)');
    expect(all).toContain('gru(64)');
    expect(all).toContain('dense(2)');
    // gru: 3 gates × (W_ih [64×32] + W_hh [64×64] + two biases of 64)
    const gru = 3 * (64 * 32 + 64 * 64 + 2 * 64);
    expect(all).toContain(`${gru.toLocaleString('en-US')} params`);
    const conv = texts(parseXml(toSvg(convModel()))).join('\n');
    expect(conv).toContain('conv1d(64, k=3, same)');
    expect(conv).toContain('conv1d(128, k=5, d=2, causal)');
    const lstm = texts(parseXml(toSvg(bilstmModel()))).join('\n');
    expect(lstm).toContain('lstm(128, layers=2, bi)');
    expect(lstm).toContain('h_n [4, B, 128]');
  });

  it('draws a scan as one box named after its cell, not its body ops', () => {
    const all = texts(parseXml(toSvg(scanModel())));
    expect(all).toContain('Elman(8)');
    for (const bodyOp of ['mm0', 'mm1', 'add0', 'tanh0']) expect(all).not.toContain(bodyOp);
    // W_xh [8×4] + W_hh [8×8] + b_h [8]
    expect(
      all.some((t) => t.includes(`${8 * 4 + 8 * 8 + 8} params`) && t.includes('5-op body')),
    ).toBe(true);
  });

  it('does not draw the lengths mask as an input', () => {
    expect(texts(parseXml(toSvg(namesModel()))).some((t) => t.startsWith('lengths'))).toBe(false);
  });

  it('has a dark theme with a different background', () => {
    const bg = (svg: string): string | undefined =>
      elements(parseXml(svg), 'rect').find((r) => r.attrs['class'] === 'background')?.attrs['fill'];
    expect(bg(toSvg(namesModel(), { theme: 'dark' }))).not.toBe(bg(toSvg(namesModel())));
  });

  it('escapes a hostile model name', () => {
    const m = { ...namesModel(), model: 'A<b>&"c\'' };
    const root = parseXml(toSvg(m));
    expect(texts(root)).toContain('A<b>&"c\'');
    expectReferencesResolve(root);
  });
});
