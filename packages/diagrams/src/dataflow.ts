/**
 * The dataflow picture as plain data: boxes (inputs, layers, outputs) and edges labelled
 * with the shape flowing along them. DOT, Mermaid and SVG all render this one model, so
 * the three formats always agree on what is drawn.
 */
import type { IrModule, Node } from '@seqlab/ir';
import { formatParams, formatShape, formatType } from './format.js';
import { bodyOpCount, isDataOp, layerParamCount, producers, valueType } from './module-facts.js';
import type { Family } from './op-label.js';
import { opFamily, opSummary, outputRole } from './op-label.js';

/** One box of the dataflow graph. */
export interface DiagramBox {
  /** Diagram-safe id: `in0`, `n3`, `out0`. */
  readonly id: string;
  readonly kind: 'input' | 'layer' | 'output';
  readonly family: Family;
  /** Layer name, or for ports `name: [B, T] int<30`. */
  readonly title: string;
  /** The op with its key attributes (`gru(64)`); layers only. */
  readonly op?: string;
  /** Small print: parameter count, scan body size, or `input`/`output`. */
  readonly detail?: string;
}

/** One edge: a value flowing from one box to another. */
export interface DiagramEdge {
  readonly from: string;
  readonly to: string;
  /** The value's shape, prefixed by its role for secondary outputs (`h_n [1, B, 64]`). */
  readonly label: string;
}

/** The whole picture. */
export interface Dataflow {
  readonly title: string;
  readonly boxes: readonly DiagramBox[];
  readonly edges: readonly DiagramEdge[];
}

function layerDetail(node: Node, count: number): string | undefined {
  const parts: string[] = [];
  if (count > 0) parts.push(formatParams(count));
  if (node.op === 'scan') {
    const ops = bodyOpCount(node);
    parts.push(`${ops}-op body`);
  }
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

/** Build the dataflow picture of a module. Never throws: unknown values draw as `[?]`. */
export function buildDataflow(m: IrModule): Dataflow {
  const graph = m.graph;
  const made = producers(graph);
  const boxes: DiagramBox[] = [];
  const edges: DiagramEdge[] = [];
  // Value id -> the box emitting it, and the edge label prefix for non-primary outputs.
  const source = new Map<string, { box: string; role?: string }>();

  const shapeOf = (id: string): string => {
    const t = valueType(graph, id);
    return t ? formatShape(t.shape) : '[?]';
  };
  const typeOf = (id: string): string => {
    const t = valueType(graph, id);
    return t ? formatType(t) : '[?]';
  };

  m.inputs.forEach((port, i) => {
    const id = `in${i}`;
    boxes.push({
      id,
      kind: 'input',
      family: 'io',
      title: `${port.name}: ${typeOf(port.value)}`,
      detail: 'input',
    });
    source.set(port.value, { box: id });
  });

  const edgeFrom = (valueId: string, to: string): void => {
    let src = source.get(valueId);
    if (!src) {
      // A graph input that is no named port (and not a lengths mask): draw it anyway.
      if (made.has(valueId)) return; // produced by a param/constant read: not drawn
      const id = `in${boxes.filter((b) => b.kind === 'input').length}`;
      const name = graph.values[valueId]?.name ?? valueId;
      boxes.push({
        id,
        kind: 'input',
        family: 'io',
        title: `${name}: ${typeOf(valueId)}`,
        detail: 'input',
      });
      src = { box: id };
      source.set(valueId, src);
    }
    const shape = shapeOf(valueId);
    edges.push({ from: src.box, to, label: src.role ? `${src.role} ${shape}` : shape });
  };

  graph.nodes.forEach((node, i) => {
    if (isDataOp(node)) return;
    const id = `n${i}`;
    const count = layerParamCount(m, node, made);
    const detail = layerDetail(node, count);
    const box: DiagramBox = {
      id,
      kind: 'layer',
      family: opFamily(node),
      title: node.name,
      op: opSummary(node, graph),
      ...(detail !== undefined ? { detail } : {}),
    };
    boxes.push(box);
    for (const input of node.inputs) edgeFrom(input, id);
    node.outputs.forEach((out, index) => {
      const role = outputRole(node, index);
      source.set(out, role === undefined ? { box: id } : { box: id, role });
    });
  });

  m.outputs.forEach((port, i) => {
    const id = `out${i}`;
    boxes.push({
      id,
      kind: 'output',
      family: 'io',
      title: `${port.name}: ${typeOf(port.value)}`,
      detail: 'output',
    });
    edgeFrom(port.value, id);
  });

  return { title: m.model, boxes, edges };
}
