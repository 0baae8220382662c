/** Graphviz DOT for the dataflow graph: rounded record labels, shape-labelled edges. */
import type { IrModule } from '@seqlab/ir';
import type { DiagramBox } from './dataflow.js';
import { buildDataflow } from './dataflow.js';
import { themeFor } from './theme.js';

/**
 * A double-quoted DOT string. The DOT lexer unescapes only `\"`; every other backslash
 * reaches the label parser untouched, so record escapes like `\{` must not be doubled.
 * A trailing backslash would swallow the closing quote, hence the space.
 */
function quote(s: string): string {
  const body = s.replace(/"/g, '\\"');
  return `"${body.endsWith('\\') ? `${body} ` : body}"`;
}

/** One field of a record label: braces, bars and angle brackets are record syntax. */
function field(s: string): string {
  return s.replace(/[\\{}|<>]/g, (c) => `\\${c}`);
}

function nodeLine(box: DiagramBox): string {
  const swatch = themeFor('light').families[box.family];
  const colours = `fillcolor=${quote(swatch.fill)}, color=${quote(swatch.stroke)}`;
  if (box.kind !== 'layer') {
    // Ports are plain rounded boxes: record syntax would show its escapes here.
    return `  ${box.id} [shape=box, style="rounded,filled", penwidth=1.5, label=${quote(box.title)}, ${colours}];`;
  }
  // Mrecord = a record with rounded corners; `{a|b|c}` stacks the fields vertically.
  const fields = [box.title, box.op, box.detail].filter((f): f is string => f !== undefined);
  return `  ${box.id} [label=${quote(`{${fields.map(field).join('|')}}`)}, ${colours}];`;
}

/**
 * The dataflow graph as a Graphviz `digraph` (render with `dot -Tsvg`). Layers are
 * rounded records `{name|op|params}`, ports rounded boxes with their type, and every
 * edge is labelled with the shape of the value flowing along it.
 */
export function toDot(m: IrModule, opts?: { title?: string }): string {
  const flow = buildDataflow(m);
  const title = opts?.title ?? flow.title;
  const lines = [
    `digraph ${quote(flow.title)} {`,
    `  graph [rankdir=TB, label=${quote(title)}, labelloc=t, fontname="Helvetica", fontsize=16, nodesep=0.4, ranksep=0.45];`,
    '  node [shape=Mrecord, style=filled, fontname="Helvetica", fontsize=11, penwidth=1.2];',
    '  edge [fontname="Courier", fontsize=9, color="#64748b", fontcolor="#475569", arrowsize=0.7];',
  ];
  for (const box of flow.boxes) lines.push(nodeLine(box));
  for (const e of flow.edges) lines.push(`  ${e.from} -> ${e.to} [label=${quote(e.label)}];`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
