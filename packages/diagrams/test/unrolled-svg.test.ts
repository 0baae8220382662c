import { describe, expect, it } from 'vitest';
import { unrolledSvg } from '../src/index.js';
import {
  bilstmModel,
  convModel,
  encDecModel,
  meanModel,
  namesModel,
  scanModel,
  stackModel,
} from './fixtures.js';
import { expectInsideViewBox, expectNoOverlap, expectReferencesResolve } from './helpers.js';
import type { XmlElement } from './xml-check.js';
import { elements, numAttr, parseXml, texts } from './xml-check.js';

const byKind = (root: XmlElement, tag: string, kind: string): XmlElement[] =>
  elements(root, tag).filter((e) => e.attrs['data-kind'] === kind);

/** Text of the figure with sub/superscripts flattened: `h_t^(2)` reads `ht(2)`. */
const flat = (root: XmlElement): string => texts(root).join('\n');

describe('unrolledSvg', () => {
  const N = 5;

  describe('the 4 → 8 → 16 → 32 rnn stack', () => {
    const root = parseXml(unrolledSvg(stackModel(), N));
    const rows = 3;

    it('has rows × steps cells, an input row and a per-step output row', () => {
      expect(byKind(root, 'rect', 'cell')).toHaveLength(rows * N);
      expect(byKind(root, 'rect', 'input')).toHaveLength(N);
      expect(byKind(root, 'rect', 'output')).toHaveLength(N);
      expectNoOverlap(elements(root, 'rect').filter((r) => r.attrs['data-kind'] !== undefined));
    });

    it('widens cells with the hidden size', () => {
      const widthOfRow = (row: number): number[] =>
        byKind(root, 'rect', 'cell')
          .filter((r) => r.attrs['data-row'] === String(row))
          .map((r) => numAttr(r, 'width'));
      const [w8, w16, w32] = [widthOfRow(1), widthOfRow(2), widthOfRow(3)];
      for (const ws of [w8, w16, w32]) expect(new Set(ws).size).toBe(1); // one width per row
      const [a = 0, b = 0, c = 0] = [w8[0], w16[0], w32[0]];
      expect(a).toBeLessThan(b);
      expect(b).toBeLessThan(c);
      expect(c / a).toBeGreaterThan(1.4); // visibly different, not a pixel apart
    });

    it('counts vertical and horizontal edges', () => {
      // x -> h^(1), h^(1) -> h^(2), h^(2) -> h^(3) in every column.
      expect(byKind(root, 'path', 'vertical')).toHaveLength(rows * N);
      // h_0 -> h_1, ..., h_(N-1) -> h_N in every row.
      expect(byKind(root, 'path', 'horizontal')).toHaveLength(rows * N);
      expect(byKind(root, 'path', 'output')).toHaveLength(N);
      expect(byKind(root, 'path', 'horizontal-reverse')).toHaveLength(0);
    });

    it('labels weights with their shapes, h_0 and the shared-parameter caption', () => {
      const text = flat(root);
      for (const shape of ['[8×4]', '[16×8]', '[32×16]', '[8×8]', '[16×16]', '[32×32]']) {
        expect(text).toContain(shape);
      }
      for (const k of [1, 2, 3]) {
        expect(text).toContain(`Wxh(${k})`);
        expect(text).toContain(`Whh(${k})`);
        // Each column is its own step: h_1^(k), h_2^(k), … (and x_t, y_t likewise).
        for (let t = 1; t <= N; t++) expect(text).toContain(`h${t}(${k})`);
      }
      for (let t = 1; t <= N; t++) expect(text.split('\n')).toContain(`x${t}`);
      expect(text.split('\n').filter((t) => t === 'h0')).toHaveLength(rows);
      expect(text).toContain('same parameters at every step');
      for (let t = 1; t <= N; t++) expect(text).toContain(`t = ${t}`);
      for (const name of ['rnn0', 'rnn1', 'rnn2']) expect(texts(root)).toContain(name);
    });

    it('gives every cell a hover with its equation and shape', () => {
      const svg = unrolledSvg(stackModel(), N);
      const titles = [...svg.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => m[1] ?? '');
      expect(titles).toContain(
        'h_3^(2) = rnn(16)(h_3^(1), h_2^(2)), [B, 16]; W_xh [16×8], W_hh [16×16]',
      );
      expect(titles).toContain('h_1^(1) = rnn(8)(x_1, h_0^(1)), [B, 8]; W_xh [8×4], W_hh [8×8]');
      // The input cell names the port and its type at one step (x is [B, T, 4]).
      expect(titles).toContain('x_2: x at step 2, [B, 4]');
      expect(titles.filter((t) => t.startsWith('y_'))).toHaveLength(N);
    });

    it('stays inside its viewBox and resolves its markers', () => {
      expectInsideViewBox(root);
      expectReferencesResolve(root);
    });

    it('puts the input row at the bottom and the output on top', () => {
      const y = (kind: string): number => numAttr(byKind(root, 'rect', kind)[0] as XmlElement, 'y');
      expect(y('input')).toBeGreaterThan(y('cell'));
      expect(y('cell')).toBeGreaterThan(y('output'));
    });
  });

  it('unrolls a 2-layer bidirectional lstm with both directions', () => {
    const root = parseXml(unrolledSvg(bilstmModel(), 3));
    expect(byKind(root, 'rect', 'cell')).toHaveLength(2 * 3);
    expect(byKind(root, 'path', 'horizontal')).toHaveLength(2 * 3);
    expect(byKind(root, 'path', 'horizontal-reverse')).toHaveLength(2 * 3);
    expect(byKind(root, 'path', 'vertical')).toHaveLength(2 * 3);
    expect(byKind(root, 'rect', 'output')).toHaveLength(1); // the classifier reads h_n once
    const text = flat(root);
    expect(text).toContain('←→');
    expect(text).toContain('[512×10]');
    expect(text).toContain('[512×256]');
    expectInsideViewBox(root);
  });

  it('hovers an embedded input with the port type, then the embedding (names model)', () => {
    const svg = unrolledSvg(namesModel(), 3);
    const titles = [...svg.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => m[1] ?? '');
    const inputs = titles.filter((t) => t.startsWith('x_'));
    expect(inputs).toHaveLength(3);
    // `name` is [B, T] token ids: one step is [B] ids; x_t is their 32-wide embedding.
    expect(inputs).toContain('x_2: name at step 2 ([B] int&lt;30) → embed(32) → [B, 32]');
    // Never the port's name next to the embedding's width alone, as if name were 32 wide.
    for (const t of inputs) expect(t).not.toMatch(/name(,| at step \d+,) \[B, 32\]/);
  });

  it('draws a per-sequence output from the last step (names model)', () => {
    const root = parseXml(unrolledSvg(namesModel(), 4));
    const [out] = byKind(root, 'rect', 'output');
    expect(out?.attrs['data-t']).toBe('4');
    const [edge] = byKind(root, 'path', 'output');
    expect(edge?.attrs['data-t']).toBe('4');
    expect(flat(root)).toContain('dense(2)');
    expect(flat(root)).toContain('name → embed(32)');
    expectInsideViewBox(root);
  });

  it('draws mean over time as edges from every step', () => {
    const root = parseXml(unrolledSvg(meanModel(), 4));
    expect(byKind(root, 'rect', 'output')).toHaveLength(1);
    expect(byKind(root, 'path', 'output')).toHaveLength(4);
    expectInsideViewBox(root);
  });

  it('shows a user cell as one row', () => {
    const root = parseXml(unrolledSvg(scanModel(), 2));
    expect(byKind(root, 'rect', 'cell')).toHaveLength(3 * 2);
    expect(texts(root)).toContain('Elman0');
    expect(flat(root)).toContain('user cell Elman(8)');
  });

  it('routes a decoder around the encoder row and starts it from the encoder', () => {
    const root = parseXml(unrolledSvg(encDecModel(), 3));
    expect(byKind(root, 'path', 'vertical')).toHaveLength(2 * 3);
    expect(flat(root)).toContain('= enc');
    expectInsideViewBox(root);
  });

  it('says so when there is no recurrence, and never throws', () => {
    const root = parseXml(unrolledSvg(convModel(), 4));
    expect(flat(root)).toContain('no recurrence to unroll');
    expect(byKind(root, 'rect', 'cell')).toHaveLength(0);
    expectInsideViewBox(root);
    for (const steps of [0, -3, Number.NaN, 2.7]) {
      const r = parseXml(unrolledSvg(stackModel(), steps));
      expect(byKind(r, 'rect', 'cell').length).toBeGreaterThanOrEqual(3);
    }
  });

  it('caps very long unrolls and says how many steps are shown', () => {
    const root = parseXml(unrolledSvg(stackModel(), 1000));
    const cells = byKind(root, 'rect', 'cell').length;
    expect(cells).toBeLessThan(3 * 1000);
    expect(flat(root)).toContain(`${cells / 3} of 1000 steps`);
  });

  it('has a dark theme', () => {
    const light = unrolledSvg(stackModel(), 2);
    const dark = unrolledSvg(stackModel(), 2, { theme: 'dark' });
    expect(dark).not.toBe(light);
    expectReferencesResolve(parseXml(dark));
  });
});
