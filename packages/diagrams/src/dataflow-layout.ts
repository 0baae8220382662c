/**
 * Geometry of the dataflow figure: box sizes from estimated text widths, then dagre
 * places boxes, routes edges and positions edge labels (top to bottom, like reading code).
 */
import { graphlib, layout } from '@dagrejs/dagre';
import type { EdgeLabel, GraphLabel, NodeLabel } from '@dagrejs/dagre';
import type { Dataflow, DiagramBox, DiagramEdge } from './dataflow.js';
import type { Point } from './svg-parts.js';
import type { FontKind } from './text-width.js';
import { textWidth } from './text-width.js';

/** One line of text inside a box. */
export interface BoxLine {
  readonly text: string;
  readonly size: number;
  readonly font: FontKind;
  readonly bold: boolean;
  readonly muted: boolean;
  /** Vertical space the line takes. */
  readonly height: number;
}

/** A box with its centre and size. */
export interface PlacedBox {
  readonly box: DiagramBox;
  readonly lines: readonly BoxLine[];
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** An edge with its route and label box (centre and size). */
export interface PlacedEdge {
  readonly edge: DiagramEdge;
  readonly points: readonly Point[];
  readonly label: {
    readonly x: number;
    readonly y: number;
    readonly width: number;
    readonly height: number;
  };
}

/** The laid-out graph; coordinates start at (0, 0). */
export interface DataflowLayout {
  readonly boxes: readonly PlacedBox[];
  readonly edges: readonly PlacedEdge[];
  readonly width: number;
  readonly height: number;
}

const PAD_X = 14;
const PAD_Y = 9;
const MIN_WIDTH = 96;
/** Edge labels use this monospace size; exported so the renderer matches the estimate. */
export const EDGE_LABEL_SIZE = 11;
const EDGE_LABEL_PAD = 6;
const EDGE_LABEL_HEIGHT = 17;

/** The text lines of a box, top to bottom. */
export function boxLines(box: DiagramBox): BoxLine[] {
  if (box.kind !== 'layer') {
    return [
      { text: box.detail ?? box.kind, size: 10, font: 'sans', bold: true, muted: true, height: 14 },
      { text: box.title, size: 12.5, font: 'mono', bold: false, muted: false, height: 18 },
    ];
  }
  const lines: BoxLine[] = [
    { text: box.title, size: 13.5, font: 'sans', bold: true, muted: false, height: 19 },
  ];
  if (box.op !== undefined) {
    lines.push({ text: box.op, size: 12, font: 'mono', bold: false, muted: false, height: 17 });
  }
  if (box.detail !== undefined) {
    lines.push({ text: box.detail, size: 11, font: 'sans', bold: false, muted: true, height: 15 });
  }
  return lines;
}

function boxSize(lines: readonly BoxLine[]): { width: number; height: number } {
  const textW = Math.max(...lines.map((l) => textWidth(l.text, l.size, l.font, l.bold)));
  const height = lines.reduce((h, l) => h + l.height, 0) + 2 * PAD_Y;
  return { width: Math.max(MIN_WIDTH, Math.ceil(textW + 2 * PAD_X)), height };
}

/** Lay out the dataflow picture with dagre. */
export function layoutDataflow(flow: Dataflow): DataflowLayout {
  const g = new graphlib.Graph<GraphLabel, NodeLabel, EdgeLabel>({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 32, edgesep: 14, ranksep: 44, marginx: 0, marginy: 0 });
  const linesOf = new Map<string, BoxLine[]>();
  for (const box of flow.boxes) {
    const lines = boxLines(box);
    linesOf.set(box.id, lines);
    g.setNode(box.id, { ...boxSize(lines) });
  }
  flow.edges.forEach((edge, i) => {
    g.setEdge(
      edge.from,
      edge.to,
      {
        width: Math.ceil(textWidth(edge.label, EDGE_LABEL_SIZE, 'mono') + 2 * EDGE_LABEL_PAD),
        height: EDGE_LABEL_HEIGHT,
        labelpos: 'c',
      },
      `e${i}`,
    );
  });
  layout(g);

  const boxes: PlacedBox[] = flow.boxes.map((box) => {
    const n = g.node(box.id);
    return {
      box,
      lines: linesOf.get(box.id) ?? [],
      x: n.x ?? 0,
      y: n.y ?? 0,
      width: n.width,
      height: n.height,
    };
  });
  const edges: PlacedEdge[] = flow.edges.map((edge, i) => {
    const e = g.edge({ v: edge.from, w: edge.to, name: `e${i}` });
    return {
      edge,
      points: e.points ?? [],
      label: { x: e.x ?? 0, y: e.y ?? 0, width: e.width ?? 0, height: e.height ?? 0 },
    };
  });
  const label = g.graph();
  return { boxes, edges, width: label.width ?? 0, height: label.height ?? 0 };
}
