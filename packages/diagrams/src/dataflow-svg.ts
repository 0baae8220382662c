/** The dataflow figure as an SVG string: coloured layer boxes, shape-labelled arrows. */
import type { IrModule } from '@seqlab/ir';
import { buildDataflow } from './dataflow.js';
import type { DataflowLayout, PlacedBox, PlacedEdge } from './dataflow-layout.js';
import { EDGE_LABEL_SIZE, layoutDataflow } from './dataflow-layout.js';
import { formatParams } from './format.js';
import { totalParamCount } from './module-facts.js';
import type { Family } from './op-label.js';
import { FAMILY_LABELS } from './op-label.js';
import type { Point } from './svg-parts.js';
import { arrowMarker, idPrefix, smoothPath, svgDocument, textLine } from './svg-parts.js';
import { textWidth } from './text-width.js';
import type { Theme, ThemeName } from './theme.js';
import { MONO, SANS, themeFor } from './theme.js';
import { el, text } from './xml.js';

const MARGIN = 24;
const TITLE_SIZE = 18;
const SUBTITLE_SIZE = 12;
const LEGEND_SIZE = 11;
const LEGEND_SWATCH = 12;
const LEGEND_GAP = 18;
const HEADER_HEIGHT = 78;

function renderBox(p: PlacedBox, dx: number, dy: number, theme: Theme): string {
  const swatch = theme.families[p.box.family];
  const x = p.x - p.width / 2 + dx;
  const y = p.y - p.height / 2 + dy;
  const isPort = p.box.kind !== 'layer';
  const parts = [
    el('title', {}, [text([p.box.title, p.box.op, p.box.detail].filter(Boolean).join(' · '))]),
    el('rect', {
      class: 'node',
      x,
      y,
      width: p.width,
      height: p.height,
      // Ports are pills, layers rounded rectangles: inputs/outputs stand out at a glance.
      rx: isPort ? p.height / 2 : 10,
      fill: swatch.fill,
      stroke: swatch.stroke,
      'stroke-width': 1.6,
    }),
  ];
  const textHeight = p.lines.reduce((h, l) => h + l.height, 0);
  let baseline = p.y + dy - textHeight / 2;
  for (const line of p.lines) {
    baseline += line.height;
    parts.push(
      textLine(p.x + dx, baseline - (line.height - line.size) / 2 - 2, line.text, {
        size: line.size,
        fill: line.muted ? theme.muted : swatch.text,
        family: line.font === 'mono' ? MONO : SANS,
        weight: line.bold ? 'bold' : 'normal',
        anchor: 'middle',
      }),
    );
  }
  return el('g', { class: `box ${p.box.kind} ${p.box.family}`, 'data-id': p.box.id }, parts);
}

function renderEdge(p: PlacedEdge, dx: number, dy: number, theme: Theme, marker: string): string {
  const points: Point[] = p.points.map((q) => ({ x: q.x + dx, y: q.y + dy }));
  const lx = p.label.x + dx;
  const ly = p.label.y + dy;
  return el('g', { class: 'edge', 'data-from': p.edge.from, 'data-to': p.edge.to }, [
    el('path', {
      d: smoothPath(points),
      fill: 'none',
      stroke: theme.edge,
      'stroke-width': 1.5,
      'marker-end': `url(#${marker})`,
    }),
    el('rect', {
      class: 'edge-label',
      x: lx - p.label.width / 2,
      y: ly - p.label.height / 2,
      width: p.label.width,
      height: p.label.height,
      rx: 4,
      fill: theme.edgeLabelBg,
      'fill-opacity': 0.9,
    }),
    textLine(lx, ly + EDGE_LABEL_SIZE * 0.36, p.edge.label, {
      size: EDGE_LABEL_SIZE,
      fill: theme.muted,
      family: MONO,
      anchor: 'middle',
    }),
  ]);
}

function legendItems(
  families: readonly Family[],
): { family: Family; label: string; width: number }[] {
  const order = Object.keys(FAMILY_LABELS) as Family[];
  return order
    .filter((f) => families.includes(f))
    .map((family) => {
      const label = FAMILY_LABELS[family];
      return { family, label, width: LEGEND_SWATCH + 6 + textWidth(label, LEGEND_SIZE) };
    });
}

function renderLegend(x: number, y: number, families: readonly Family[], theme: Theme): string {
  const parts: string[] = [];
  let cx = x;
  for (const item of legendItems(families)) {
    const swatch = theme.families[item.family];
    parts.push(
      el('rect', {
        x: cx,
        y: y - LEGEND_SWATCH + 2,
        width: LEGEND_SWATCH,
        height: LEGEND_SWATCH,
        rx: 3,
        fill: swatch.fill,
        stroke: swatch.stroke,
        'stroke-width': 1.4,
      }),
      textLine(cx + LEGEND_SWATCH + 6, y, item.label, { size: LEGEND_SIZE, fill: theme.muted }),
    );
    cx += item.width + LEGEND_GAP;
  }
  return el('g', { class: 'legend' }, parts);
}

/** Min/max of everything dagre placed: boxes, label pills and edge routes. */
function bounds(l: DataflowLayout): { minX: number; minY: number; maxX: number; maxY: number } {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const add = (x0: number, y0: number, x1: number, y1: number): void => {
    minX = Math.min(minX, x0);
    minY = Math.min(minY, y0);
    maxX = Math.max(maxX, x1);
    maxY = Math.max(maxY, y1);
  };
  for (const b of l.boxes)
    add(b.x - b.width / 2, b.y - b.height / 2, b.x + b.width / 2, b.y + b.height / 2);
  for (const e of l.edges) {
    add(
      e.label.x - e.label.width / 2,
      e.label.y - e.label.height / 2,
      e.label.x + e.label.width / 2,
      e.label.y + e.label.height / 2,
    );
    for (const p of e.points) add(p.x, p.y, p.x, p.y);
  }
  if (minX === Infinity) return { minX: 0, minY: 0, maxX: 0, maxY: 0 };
  return { minX, minY, maxX, maxY };
}

/**
 * The dataflow graph of a model as a standalone SVG string: one rounded box per layer
 * (name, op with key attributes, parameter count), pills for inputs and outputs, arrows
 * labelled with the shape flowing, colour by op family, and a legend.
 */
export function toSvg(m: IrModule, opts?: { theme?: ThemeName }): string {
  const themeName = opts?.theme ?? 'light';
  const theme = themeFor(themeName);
  const flow = buildDataflow(m);
  const layout = layoutDataflow(flow);
  const b = bounds(layout);
  const contentW = b.maxX - b.minX;
  const contentH = b.maxY - b.minY;

  const layers = flow.boxes.filter((x) => x.kind === 'layer').length;
  const subtitle = `dataflow · ${layers} ${layers === 1 ? 'layer' : 'layers'} · ${formatParams(totalParamCount(m))}`;
  const families = [...new Set(flow.boxes.map((x) => x.family))];
  const legendW = legendItems(families).reduce((w, i) => w + i.width + LEGEND_GAP, -LEGEND_GAP);
  const headerW = Math.max(
    textWidth(flow.title, TITLE_SIZE, 'sans', true),
    textWidth(subtitle, SUBTITLE_SIZE),
    legendW,
  );
  const width = Math.max(contentW, headerW) + 2 * MARGIN;
  const height = HEADER_HEIGHT + contentH + 2 * MARGIN;
  // Centre the graph under a wider header.
  const dx = MARGIN + (width - 2 * MARGIN - contentW) / 2 - b.minX;
  const dy = MARGIN + HEADER_HEIGHT - b.minY;
  const marker = `${idPrefix(m.model, 'dataflow', themeName)}-arrow`;

  const header = [
    textLine(MARGIN, MARGIN + TITLE_SIZE, flow.title, {
      size: TITLE_SIZE,
      fill: theme.text,
      weight: 'bold',
    }),
    textLine(MARGIN, MARGIN + TITLE_SIZE + 20, subtitle, {
      size: SUBTITLE_SIZE,
      fill: theme.muted,
    }),
    renderLegend(MARGIN, MARGIN + TITLE_SIZE + 44, families, theme),
  ];
  return svgDocument({
    width,
    height,
    title: `${flow.title}: dataflow graph`,
    theme,
    defs: [arrowMarker(marker, theme.edge)],
    body: [
      el('g', { class: 'header' }, header),
      el(
        'g',
        { class: 'edges' },
        layout.edges.map((e) => renderEdge(e, dx, dy, theme, marker)),
      ),
      el(
        'g',
        { class: 'nodes' },
        layout.boxes.map((p) => renderBox(p, dx, dy, theme)),
      ),
    ],
  });
}
