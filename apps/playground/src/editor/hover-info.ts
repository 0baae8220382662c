/**
 * What hovering shows: the shape of a named value (`enc: [B, S, 128]`) or of a layer call's
 * output (`gru0 (gru) → [B, T, 128] · 99,072 params`), read from the compiled module.
 */
import { formatShape, type IrModule, type LayerReport, type TensorType } from '@seqlab/ir';
import { tokenize } from '@seqlab/syntax';

/** A hover: the document range it is about and its one-line text. */
export interface HoverInfo {
  readonly from: number;
  readonly to: number;
  readonly text: string;
}

function typeText(t: TensorType): string {
  const shape = formatShape(t.shape);
  return t.dtype === 'int32'
    ? `${shape} int${t.vocab !== undefined ? ` < ${t.vocab}` : ''}`
    : shape;
}

/**
 * The hover at `offset` of `text` (the entry file `file`), given the compiled module and
 * its layer report; undefined when the cursor is not on a value or a call.
 */
export function hoverInfoAt(
  text: string,
  offset: number,
  file: string,
  module: IrModule,
  layers: readonly LayerReport[],
): HoverInfo | undefined {
  const token = tokenize(text).tokens.find(
    (t) => t.type === 'identifier' && t.start <= offset && offset <= t.end,
  );
  if (!token) return undefined;
  const { graph } = module;
  const rest = text.slice(token.end);
  const isCall = /^\s*\(/.test(rest) || /\|>\s*$/.test(text.slice(0, token.start));
  if (isCall) {
    // The innermost layer whose call span holds the name (`bidirectional(gru(..))` nests).
    const node = graph.nodes
      .filter(
        (n) => n.span?.file === file && n.span.start <= token.start && token.end <= n.span.end,
      )
      .filter((n) => n.op !== 'param' && n.op !== 'constant')
      .sort(
        (a, b) =>
          (a.span?.end ?? 0) - (a.span?.start ?? 0) - ((b.span?.end ?? 0) - (b.span?.start ?? 0)),
      )[0];
    const out = node?.outputs[0];
    const type = out === undefined ? undefined : graph.values[out]?.type;
    if (node && type) {
      const params = layers.find((l) => l.name === node.name)?.params ?? 0;
      return {
        from: token.start,
        to: token.end,
        text: `${node.name} (${node.op}) → ${typeText(type)} · ${params.toLocaleString('en-US')} params`,
      };
    }
  }
  const value = Object.values(graph.values).find((v) => v.name === token.text);
  if (value)
    return { from: token.start, to: token.end, text: `${token.text}: ${typeText(value.type)}` };
  return undefined;
}
