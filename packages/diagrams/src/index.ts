/**
 * @seqlab/diagrams: pictures of a compiled model. The dataflow graph as DOT, Mermaid or a
 * dagre-laid-out SVG, and the classic unrolled-RNN figure. Everything is a string built
 * from an `IrModule` alone (no DOM), so the CLI and the browser playground share it.
 */
export { toDot } from './dot.js';
export { toMermaid } from './mermaid.js';
export { toSvg } from './dataflow-svg.js';
export { unrolledSvg } from './unrolled-svg.js';
export { recurrentRows } from './recurrent-rows.js';
export type { RecurrentRow } from './recurrent-rows.js';
export { buildDataflow } from './dataflow.js';
export type { Dataflow, DiagramBox, DiagramEdge } from './dataflow.js';
export type { Family } from './op-label.js';
export type { ThemeName } from './theme.js';
export { curvesSvg } from './curves-svg.js';
export type { CurvePanel, CurveSeries } from './curves-svg.js';
export { gradNormsSvg } from './grad-norms-svg.js';
// The one escape for markup built from user text (model, layer and port names, labels):
// the playground's own SVG figures use it too.
export { escapeXml } from './xml.js';
export type { NormSeries } from './grad-norms-svg.js';
