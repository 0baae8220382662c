/**
 * Model-level operators written as expressions: `a + b`, `x * 0.5`, `-x`, `h[0:8]`. Numbers
 * and hyperparameters become scalar `constant` nodes that broadcast.
 */
import type { Span } from '@seqlab/diagnostics';
import type { Expr } from '@seqlab/syntax';
import { evalConst } from '../eval/constant.js';
import type { LayerContext } from './context.js';
import { firstOutput, type ModelVal } from './values.js';

/** `left op right` on tensors (or a tensor and a number). */
export function binaryOp(
  ctx: LayerContext,
  evalTensor: (e: Expr) => string | undefined,
  op: '+' | '-' | '*' | '/' | '@',
  left: Expr,
  right: Expr,
  span: Span,
): ModelVal | undefined {
  if (op === '@') {
    ctx.rep.error('notAValue', span, '`@` is for cell equations; in a model, use dense(units)');
    return undefined;
  }
  const ids: string[] = [];
  for (const side of [left, right]) {
    const isNumber =
      side.kind === 'NumberLiteral' ||
      (side.kind === 'NameExpr' && ctx.hyper.lookup(side.name.name) !== undefined);
    if (isNumber) {
      const c = evalConst(side, ctx.hyper, ctx.rep);
      if (typeof c !== 'number') {
        if (c !== undefined)
          ctx.rep.error('notAValue', side.span, 'only numbers combine with tensors');
        return undefined;
      }
      const out = ctx.addNode('constant', { value: c }, [], side.span, {
        name: ctx.layerName('constant', undefined, side.span),
      });
      if (!out?.[0]) return undefined;
      ids.push(out[0]);
    } else {
      const id = evalTensor(side);
      if (id === undefined) return undefined;
      ids.push(id);
    }
  }
  const irOp = ({ '+': 'add', '-': 'sub', '*': 'mul', '/': 'div' } as const)[op];
  const out = ctx.addNode(irOp, {}, ids, span, {
    name: ctx.layerName(irOp, undefined, span),
  });
  return firstOutput(out);
}

/** `x[start:end]` or `x[i]` on the last axis. */
export function sliceOp(
  ctx: LayerContext,
  evalTensor: (e: Expr) => string | undefined,
  e: Extract<Expr, { kind: 'IndexExpr' }>,
): ModelVal | undefined {
  const id = evalTensor(e.object);
  if (id === undefined) return undefined;
  const shape = ctx.type(id).shape;
  const width = shape[shape.length - 1];
  const bound = (x: Expr | undefined, dflt: number): number | undefined => {
    if (x === undefined) return dflt;
    const v = evalConst(x, ctx.hyper, ctx.rep);
    if (typeof v === 'number' && Number.isInteger(v)) return v;
    if (v !== undefined) ctx.rep.error('argumentType', x.span, 'slice bounds must be integers');
    return undefined;
  };
  if (typeof width !== 'number') {
    ctx.rep.error('symbolicDim', e.span, 'slicing needs a known feature width');
    return undefined;
  }
  const start = bound(e.index.start, 0);
  const end = e.index.isRange
    ? bound(e.index.end, width)
    : start === undefined
      ? undefined
      : start + 1;
  if (start === undefined || end === undefined) return undefined;
  const out = ctx.addNode('slice', { start, end }, [id], e.span, {
    name: ctx.layerName('slice', undefined, e.span),
  });
  return firstOutput(out);
}
