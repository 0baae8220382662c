/** Mermaid `flowchart TD` for the dataflow graph (Markdown docs, GitHub, the playground). */
import type { IrModule } from '@seqlab/ir';
import type { DiagramBox } from './dataflow.js';
import { buildDataflow } from './dataflow.js';
import { themeFor } from './theme.js';

/**
 * Text inside a quoted Mermaid label. Mermaid reads `#name;` entity codes and turns them
 * into HTML entities; quotes and angle brackets would otherwise end the label or be parsed
 * as HTML (`int<30`), and a bare `&` would start an entity of its own (`a&lt;b` would show
 * `a<b`). `#` goes first: the codes added after it contain one.
 */
export function mermaidLabel(s: string): string {
  return s
    .replace(/#/g, '#35;')
    .replace(/&/g, '#amp;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;');
}

function nodeLine(box: DiagramBox): string {
  if (box.kind !== 'layer') {
    // Stadium shape `([...])`: ports look like the rounded pills of the SVG.
    return `  ${box.id}(["${mermaidLabel(box.title)}"])`;
  }
  const lines = [box.title, box.op, box.detail].filter((f): f is string => f !== undefined);
  return `  ${box.id}["${lines.map(mermaidLabel).join('<br/>')}"]`;
}

/**
 * The dataflow graph as Mermaid `flowchart TD`: a node per layer (name, op, params),
 * stadium nodes for inputs and outputs, edges labelled with shapes, a class per op family.
 */
export function toMermaid(m: IrModule): string {
  const flow = buildDataflow(m);
  const theme = themeFor('light');
  const lines = ['flowchart TD'];
  for (const box of flow.boxes) lines.push(nodeLine(box));
  for (const e of flow.edges) lines.push(`  ${e.from} -->|"${mermaidLabel(e.label)}"| ${e.to}`);
  const used = [...new Set(flow.boxes.map((b) => b.family))];
  for (const family of used) {
    const s = theme.families[family];
    lines.push(`  classDef ${family} fill:${s.fill},stroke:${s.stroke},color:${s.text}`);
  }
  for (const family of used) {
    const ids = flow.boxes.filter((b) => b.family === family).map((b) => b.id);
    lines.push(`  class ${ids.join(',')} ${family}`);
  }
  return `${lines.join('\n')}\n`;
}
