/**
 * The AST builder's expression methods, one per grammar rule from the pipe level down to
 * primaries. Operands and operators come from the CST in order and are folded left here;
 * the one check the grammar leaves to us is what may stand right of `|>`.
 */
import { joinSpans } from '@seqlab/diagnostics';
import type { IToken } from 'chevrotain';
import type {
  Argument,
  BinaryOp,
  Expr,
  IndexExpr,
  ListExpr,
  MemberExpr,
  SliceExpr,
} from './ast.js';
import {
  AstBuilderBase,
  tokEnd,
  type AfterObject,
  type ExprNode,
  type Place,
} from './ast-builder-base.js';
import type {
  AddExprCstChildren,
  ArgumentCstChildren,
  CallOrNameCstChildren,
  ExprCstChildren,
  ListExprCstChildren,
  MulExprCstChildren,
  ParenExprCstChildren,
  PostfixExprCstChildren,
  PrimaryCstChildren,
  SliceCstChildren,
  SliceCstNode,
  SuffixCstChildren,
  UnaryExprCstChildren,
} from './cst-types.js';
import { printExpr } from './print-expr.js';
import { tokenSpan } from './spans.js';

/** Builds expressions; statements and declarations build on it. */
export abstract class ExpressionBuilder extends AstBuilderBase {
  /** The pipe level: `a |> f |> g`, each right side checked to be a call or a name. */
  expr(ctx: Partial<ExprCstChildren>, { span }: Place): Expr {
    const operands = ctx.operand ?? [];
    let left = this.exprAt(operands[0], span.start);
    (ctx.Pipe ?? []).forEach((pipe, i) => {
      const right = this.exprAt(operands[i + 1], tokEnd(pipe, left.span.end));
      if (right.kind !== 'CallExpr' && right.kind !== 'NameExpr') this.reportPipeTarget(right);
      left = { kind: 'PipeExpr', left, right, span: joinSpans(left.span, right.span) };
    });
    return left;
  }

  private reportPipeTarget(right: Expr): void {
    this.report(
      'badPipeTarget',
      `the right side of \`|>\` must be a layer call or a name, like \`dense(2)\` or \`relu\`; found \`${printExpr(right)}\``,
      right.span,
      right.kind === 'BinaryExpr'
        ? '`|>` binds loosest: wrap the pipeline in parentheses, e.g. `(x |> f) + y`'
        : undefined,
    );
  }

  addExpr(ctx: Partial<AddExprCstChildren>, { span }: Place): Expr {
    return this.foldBinary(ctx.operand ?? [], ctx.op ?? [], span.start);
  }

  mulExpr(ctx: Partial<MulExprCstChildren>, { span }: Place): Expr {
    return this.foldBinary(ctx.operand ?? [], ctx.op ?? [], span.start);
  }

  /** Operands folded left with the operators between them; the first operand is at `start`. */
  private foldBinary(operands: readonly ExprNode[], ops: readonly IToken[], start: number): Expr {
    let left = this.exprAt(operands[0], start);
    ops.forEach((op, i) => {
      const right = this.exprAt(operands[i + 1], tokEnd(op, left.span.end));
      left = {
        kind: 'BinaryExpr',
        op: op.image as BinaryOp,
        left,
        right,
        span: joinSpans(left.span, right.span),
      };
    });
    return left;
  }

  unaryExpr(ctx: Partial<UnaryExprCstChildren>, { at, span }: Place): Expr {
    const op = ctx.op?.[0];
    const operand = ctx.operand?.[0];
    if (!op) return this.exprAt(operand, span.start);
    const inner = this.exprAt(operand, tokEnd(op, at));
    return {
      kind: 'UnaryExpr',
      op: '-',
      operand: inner,
      span: joinSpans(tokenSpan(this.file, op, at), inner.span),
    };
  }

  postfixExpr(ctx: Partial<PostfixExprCstChildren>, { span }: Place): Expr {
    let object = this.exprAt(ctx.primary?.[0], span.start);
    for (const s of ctx.suffix ?? []) {
      object = this.build(s, { ...this.placeOf(s, object.span.end), object });
    }
    return object;
  }

  /** `.name` or `[slice]` applied to the object before it. */
  suffix(
    ctx: Partial<SuffixCstChildren>,
    { span: own, object }: AfterObject,
  ): MemberExpr | IndexExpr {
    const span = joinSpans(object.span, own);
    if (ctx.Dot) {
      return {
        kind: 'MemberExpr',
        object,
        property: this.ident(ctx.property?.[0], span.end),
        span,
      };
    }
    return { kind: 'IndexExpr', object, index: this.sliceAt(ctx.slice?.[0], span.end), span };
  }

  /** The slice `node` builds; an empty one at `at` when recovery dropped it. */
  private sliceAt(node: SliceCstNode | undefined, at: number): SliceExpr {
    const place = this.placeOf(node, at);
    return node ? this.build(node, place) : this.slice({}, place);
  }

  slice(ctx: Partial<SliceCstChildren>, { span }: Place): SliceExpr {
    const startNode = ctx.start?.[0];
    const endNode = ctx.end?.[0];
    return {
      kind: 'Slice',
      ...(startNode ? { start: this.exprAt(startNode, span.start) } : {}),
      ...(endNode ? { end: this.exprAt(endNode, span.end) } : {}),
      isRange: ctx.Colon !== undefined,
      span,
    };
  }

  primary(ctx: Partial<PrimaryCstChildren>, place: Place): Expr {
    const literal = this.literal(ctx, place);
    if (literal) return literal;
    // A call, parentheses or a list take the primary's place as their own.
    const compound = ctx.callOrName?.[0] ?? ctx.parenExpr?.[0] ?? ctx.listExpr?.[0];
    return this.build(compound, place) ?? this.hole(place.span.start);
  }

  /** A number, string or boolean primary; undefined for any other. */
  private literal(ctx: Partial<PrimaryCstChildren>, { at, span }: Place): Expr | undefined {
    const num = ctx.NumberLiteral?.[0];
    if (num) {
      const value = Number(num.image);
      return {
        kind: 'NumberLiteral',
        value: Number.isNaN(value) ? parseFloat(num.image) : value,
        raw: num.image,
        span,
      };
    }
    const str = ctx.StringLiteral?.[0];
    if (str) return this.stringLit(str, at);
    if (ctx.True) return { kind: 'BoolLiteral', value: true, span };
    if (ctx.False) return { kind: 'BoolLiteral', value: false, span };
    return undefined;
  }

  /** `name` or `name(args)`; a bare name's span is the name's own. */
  callOrName(ctx: Partial<CallOrNameCstChildren>, { span }: Place): Expr {
    const name = this.ident(ctx.name?.[0], span.start);
    if (!ctx.LParenInline) return { kind: 'NameExpr', name, span: name.span };
    const args = (ctx.argument ?? []).map((a) => this.build(a, this.placeOf(a, span.end)));
    return { kind: 'CallExpr', callee: name, args, span };
  }

  argument(ctx: Partial<ArgumentCstChildren>, { span }: Place): Argument {
    const argName = ctx.name?.[0];
    const value = this.exprAt(ctx.value?.[0], span.end);
    return argName
      ? { kind: 'Argument', name: this.ident(argName, span.start), value, span }
      : { kind: 'Argument', value, span };
  }

  /** Parentheses make no node: the inner expression, its span widened over them. */
  parenExpr(ctx: Partial<ParenExprCstChildren>, { span }: Place): Expr {
    const inner = this.exprAt(ctx.inner?.[0], span.start + 1);
    return { ...inner, span: joinSpans(inner.span, span) };
  }

  listExpr(ctx: Partial<ListExprCstChildren>, { span }: Place): ListExpr {
    const elements = (ctx.element ?? []).map((e) => this.exprAt(e, span.start));
    return { kind: 'ListExpr', elements, span };
  }
}
