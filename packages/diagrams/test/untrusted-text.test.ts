/**
 * Names in a diagram come from untrusted text: a shared link's source, or a run's
 * `model.ir.json`, which may name a model, a port or a layer anything at all. Every figure
 * must show such a name as text and never as markup (issue 16 §5): the payloads below stay
 * character data, and no element or event-handler attribute comes out of them.
 */
import { describe, expect, it } from 'vitest';
import type { IrModule } from '@seqlab/ir';
import {
  curvesSvg,
  escapeXml,
  gradNormsSvg,
  toDot,
  toMermaid,
  toSvg,
  unrolledSvg,
} from '../src/index.js';
import { ModuleBuilder, recurrent } from './fixtures.js';
import { elements, parseXml, textContent, type XmlElement } from './xml-check.js';

const IMG = '<img src=x onerror="window.__pwned=1">';
const SCRIPT = '<script>window.__pwned=1</script>';
const BREAKOUT = `"><svg onload=window.__pwned=1>'`;

/** The elements the figures draw; anything else would have come from a name. */
const SVG_ELEMENTS = new Set([
  'svg',
  'title',
  'defs',
  'marker',
  'g',
  'rect',
  'path',
  'line',
  'polyline',
  'circle',
  'text',
  'tspan',
]);

/** A recurrent tagger whose model, ports and layers are all named by payloads. */
function hostileModel(): IrModule {
  const b = new ModuleBuilder(`M${IMG}`);
  const x = b.input(SCRIPT, ['B', 'T', 3]);
  const [seq] = recurrent(b, 'rnn', `rnn${BREAKOUT}`, x, 3, 4);
  const [y] = b.layer({
    op: 'dense',
    name: IMG,
    inputs: [seq as string],
    outputs: [['B', 'T', 2]],
    attrs: { units: 2, bias: true, activation: SCRIPT },
    params: { weight: [2, 4], bias: [2] },
  });
  b.output(BREAKOUT, y as string);
  return b.build();
}

/** Every element is one the figures draw, and no attribute is an event handler. */
function expectInert(root: XmlElement): void {
  for (const e of elements(root)) {
    expect(SVG_ELEMENTS, `<${e.name}>`).toContain(e.name);
    for (const key of Object.keys(e.attrs)) expect(key).not.toMatch(/^on/i);
  }
}

describe('escapeXml', () => {
  it('escapes the five XML specials, ampersand first', () => {
    expect(escapeXml(`<a b="c" d='e'>&amp;</a>`)).toBe(
      '&lt;a b=&quot;c&quot; d=&apos;e&apos;&gt;&amp;amp;&lt;/a&gt;',
    );
  });

  it('leaves other text alone', () => {
    expect(escapeXml('W_hh · [B, T, 64] → h₁')).toBe('W_hh · [B, T, 64] → h₁');
  });
});

describe('hostile names in the SVG figures', () => {
  const m = hostileModel();

  it.each([
    ['dataflow', (): string => toSvg(m)],
    ['dataflow (dark)', (): string => toSvg(m, { theme: 'dark' })],
    ['unrolled', (): string => unrolledSvg(m, 3)],
  ])('%s: well-formed, inert, the names shown as text', (_name, draw) => {
    const svg = draw();
    const root = parseXml(svg);
    expectInert(root);
    const text = textContent(root);
    expect(text).toContain(IMG);
    expect(svg).not.toMatch(/<(img|script)\b/i);
  });

  it('curves and gradient norms: titles and series names are text', () => {
    const curves = curvesSvg(IMG, [
      { title: SCRIPT, series: [{ name: BREAKOUT, points: [[1, 0.5]] }] },
    ]);
    const norms = gradNormsSvg(SCRIPT, [{ name: IMG, values: [1, 0.5] }]);
    for (const svg of [curves, norms]) {
      const root = parseXml(svg);
      expectInert(root);
      expect(textContent(root)).toMatch(/<(img|script)/);
      expect(svg).not.toMatch(/<(img|script)\b/i);
    }
  });
});

describe('hostile names in DOT and Mermaid', () => {
  const m = hostileModel();

  it('Mermaid labels carry no raw angle bracket or quote of a name', () => {
    const out = toMermaid(m);
    expect(out).not.toMatch(/<(img|script|svg)/i);
    // Each quoted label holds no bare quote: the only `"`s are its delimiters.
    for (const label of out.match(/\["[^\n]*"\]/g) ?? []) {
      expect(label.slice(2, -2)).not.toContain('"');
    }
  });

  it('DOT strings stay closed: every quote inside a label is escaped', () => {
    for (const line of toDot(m).split('\n')) {
      // Remove escaped quotes; what is left must pair up.
      const bare = line.replace(/\\"/g, '').match(/"/g) ?? [];
      expect(bare.length % 2, line).toBe(0);
    }
  });
});
