/** Assertions shared by the SVG tests, written against the parsed XML only. */
import { expect } from 'vitest';
import type { Dim, IrModule } from '@seqlab/ir';
import type { XmlElement } from './xml-check.js';
import { elements, numAttr, pathPoints, viewBox } from './xml-check.js';

/** A shape as the figures must print it; written here independently of the package. */
export function shapeText(shape: readonly Dim[]): string {
  return `[${shape.join(', ')}]`;
}

/** Names of the layers a reader must find: every node except parameter/constant reads. */
export function layerNames(m: IrModule): string[] {
  return m.graph.nodes.filter((n) => n.op !== 'param' && n.op !== 'constant').map((n) => n.name);
}

/** Every rect, path and text anchor lies inside the viewBox. */
export function expectInsideViewBox(svg: XmlElement): void {
  const vb = viewBox(svg);
  expect(vb.width).toBeGreaterThan(0);
  expect(vb.height).toBeGreaterThan(0);
  const inside = (x: number, y: number, what: string): void => {
    expect(x, what).toBeGreaterThanOrEqual(vb.x - 0.01);
    expect(y, what).toBeGreaterThanOrEqual(vb.y - 0.01);
    expect(x, what).toBeLessThanOrEqual(vb.x + vb.width + 0.01);
    expect(y, what).toBeLessThanOrEqual(vb.y + vb.height + 0.01);
  };
  for (const r of elements(svg, 'rect')) {
    const x = numAttr(r, 'x');
    const y = numAttr(r, 'y');
    inside(x, y, `rect at ${x},${y}`);
    inside(x + numAttr(r, 'width'), y + numAttr(r, 'height'), `rect at ${x},${y} (far corner)`);
  }
  for (const p of elements(svg, 'path')) {
    if (p.attrs['marker-end'] === undefined) continue; // marker shapes use their own box
    for (const q of pathPoints(p.attrs['d'] ?? '')) inside(q.x, q.y, `path point ${q.x},${q.y}`);
  }
  for (const t of elements(svg, 'text')) inside(numAttr(t, 'x'), numAttr(t, 'y'), 'text anchor');
}

/** Rects of one class do not overlap each other (a 1px tolerance). */
export function expectNoOverlap(rects: readonly XmlElement[]): void {
  const boxes = rects.map((r) => ({
    x0: numAttr(r, 'x'),
    y0: numAttr(r, 'y'),
    x1: numAttr(r, 'x') + numAttr(r, 'width'),
    y1: numAttr(r, 'y') + numAttr(r, 'height'),
  }));
  boxes.forEach((a, i) => {
    boxes.slice(i + 1).forEach((b) => {
      const overlap = a.x0 < b.x1 - 1 && b.x0 < a.x1 - 1 && a.y0 < b.y1 - 1 && b.y0 < a.y1 - 1;
      expect(overlap, `boxes ${JSON.stringify(a)} and ${JSON.stringify(b)} overlap`).toBe(false);
    });
  });
}

/** Every `url(#id)` reference points at an element with that id. */
export function expectReferencesResolve(svg: XmlElement): void {
  const ids = new Set(
    elements(svg)
      .map((e) => e.attrs['id'])
      .filter((x): x is string => x !== undefined),
  );
  for (const e of elements(svg)) {
    for (const v of Object.values(e.attrs)) {
      const m = /url\(#([^)]+)\)/.exec(v);
      if (m) expect(ids.has(m[1] as string), `missing #${m[1]}`).toBe(true);
    }
  }
}
