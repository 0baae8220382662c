/** SVG building blocks shared by the dataflow and unrolled figures. */
import type { Theme } from './theme.js';
import { SANS } from './theme.js';
import { el, num, text } from './xml.js';

/** A point in SVG user units. */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/**
 * A fragment-safe id prefix. Several figures may be inlined in one page (the playground),
 * so marker ids carry the model, the figure kind and the theme.
 */
export function idPrefix(model: string, kind: string, theme: string): string {
  const slug = model.replace(/[^A-Za-z0-9_-]/g, '_') || 'model';
  return `seqlab-${slug}-${kind}-${theme}`;
}

/** An arrowhead marker to reference with `marker-end="url(#id)"`. */
export function arrowMarker(id: string, color: string): string {
  return el(
    'marker',
    {
      id,
      viewBox: '0 0 10 10',
      refX: 9,
      refY: 5,
      markerWidth: 9,
      markerHeight: 9,
      markerUnits: 'userSpaceOnUse',
      orient: 'auto',
    },
    [el('path', { d: 'M0,0 L10,5 L0,10 L2.5,5 z', fill: color })],
  );
}

/**
 * A smooth path through dagre's edge points: straight to the first midpoint, then a
 * quadratic curve around every inner point. Ends exactly at the last point (the arrow tip).
 */
export function smoothPath(points: readonly Point[]): string {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return '';
  if (points.length === 2) return `M${num(first.x)},${num(first.y)} L${num(last.x)},${num(last.y)}`;
  let d = `M${num(first.x)},${num(first.y)}`;
  for (let i = 1; i < points.length - 1; i++) {
    const p = points[i];
    const next = points[i + 1];
    if (!p || !next) continue;
    const prev = points[i - 1] ?? first;
    if (i === 1) d += ` L${num((prev.x + p.x) / 2)},${num((prev.y + p.y) / 2)}`;
    const mx = i === points.length - 2 ? next.x : (p.x + next.x) / 2;
    const my = i === points.length - 2 ? next.y : (p.y + next.y) / 2;
    d += ` Q${num(p.x)},${num(p.y)} ${num(mx)},${num(my)}`;
  }
  return d;
}

/** Options of a single-line <text>. */
export interface TextStyle {
  readonly size: number;
  readonly fill: string;
  readonly family?: string;
  readonly weight?: 'bold' | 'normal';
  readonly anchor?: 'start' | 'middle' | 'end';
  readonly opacity?: number;
}

/** One line of text with its baseline at (x, y). */
export function textLine(x: number, y: number, content: string, style: TextStyle): string {
  return el(
    'text',
    {
      x,
      y,
      'font-size': style.size,
      // Omitted for the default: the root <svg> sets the sans stack once.
      'font-family': style.family === SANS ? undefined : style.family,
      'font-weight': style.weight === 'bold' ? 'bold' : undefined,
      'text-anchor': style.anchor ?? 'start',
      fill: style.fill,
      'fill-opacity': style.opacity,
    },
    [text(content)],
  );
}

/** The outer <svg> element: sized to its content, with a background and a11y title. */
export function svgDocument(args: {
  readonly width: number;
  readonly height: number;
  readonly title: string;
  readonly theme: Theme;
  readonly defs: readonly string[];
  readonly body: readonly string[];
}): string {
  const w = Math.ceil(args.width);
  const h = Math.ceil(args.height);
  return el(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      viewBox: `0 0 ${w} ${h}`,
      width: w,
      height: h,
      role: 'img',
      'font-family': SANS,
    },
    [
      el('title', {}, [text(args.title)]),
      el('defs', {}, args.defs.length > 0 ? [...args.defs] : []),
      el('rect', {
        class: 'background',
        x: 0,
        y: 0,
        width: w,
        height: h,
        fill: args.theme.background,
      }),
      ...args.body,
    ],
  );
}
