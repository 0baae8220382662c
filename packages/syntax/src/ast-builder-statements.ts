/**
 * The AST builder's block and statement methods. One block rule serves models, cells and
 * train blocks, so the checks the grammar leaves to us are made here: statements in the
 * wrong kind of block, assignment targets that are not names, several values into `->`,
 * and stray tokens between statements.
 */
import type { Span } from '@seqlab/diagnostics';
import type { CstNode, IToken } from 'chevrotain';
import type {
  ArrowStmt,
  AssignStmt,
  EmitStmt,
  Expr,
  Identifier,
  InputDecl,
  OutputDecl,
  ParamDecl,
  StateDecl,
  TensorTypeExpr,
} from './ast.js';
import {
  tokEnd,
  type BlockKind,
  type BlockStmt,
  type InBlock,
  type Place,
} from './ast-builder-base.js';
import { ExpressionBuilder } from './ast-builder-expressions.js';
import type {
  BlockCstChildren,
  BlockCstNode,
  EmitStmtCstChildren,
  ExprStmtCstChildren,
  InputDeclCstChildren,
  OutputDeclCstChildren,
  ParamDeclCstChildren,
  StateDeclCstChildren,
  StatementCstChildren,
  TensorTypeCstChildren,
  TensorTypeCstNode,
} from './cst-types.js';
import { printExpr } from './print-expr.js';
import { isRealToken, tokenSpan } from './spans.js';

const BLOCK_NAMES: Record<BlockKind, string> = {
  model: 'a model',
  cell: 'a cell',
  train: 'a train block',
};

const BLOCK_HINTS: Record<BlockKind, string> = {
  model: 'a model holds `input`, `output`, `name = expr` and `expr -> name`',
  cell: 'a cell holds `param`, `state`, equations `name = expr` and `emit`',
  train: 'a train block holds settings like `epochs = 10`',
};

/** Builds blocks and their statements on top of the expression builder. */
export abstract class StatementBuilder extends ExpressionBuilder {
  /** The statements of a `kind` block (none when recovery dropped it), built at `at`. */
  protected blockOf(node: BlockCstNode | undefined, block: BlockKind, at: number): BlockStmt[] {
    return this.build(node, { ...this.placeOf(node, at), block }) ?? [];
  }

  block(ctx: Partial<BlockCstChildren>, { at, block }: InBlock): BlockStmt[] {
    const stmts = ctx.statement ?? [];
    this.reportStrays(ctx.stray ?? [], stmts);
    const out: BlockStmt[] = [];
    for (const s of stmts) {
      const built = this.build(s, { ...this.placeOf(s, at), block });
      if (built) out.push(built);
    }
    return out;
  }

  /** One diagnostic per run of stray tokens (a run ends at the next statement). */
  private reportStrays(strays: readonly IToken[], stmts: readonly CstNode[]): void {
    const starts = stmts.map((s) => s.location?.startOffset ?? NaN).filter(Number.isFinite);
    let lastEnd = -1;
    for (const t of strays) {
      const runContinues = lastEnd >= 0 && !starts.some((s) => s >= lastEnd && s < t.startOffset);
      lastEnd = t.startOffset + t.image.length;
      if (runContinues) continue;
      const closer = t.image === ')' || t.image === ']' || t.image === '}';
      this.report(
        'unexpectedToken',
        closer
          ? `unexpected \`${t.image}\`: nothing is open here for it to close`
          : `unexpected \`${t.image}\`: expected a statement`,
        tokenSpan(this.file, t),
      );
    }
  }

  private misplaced(what: string, block: BlockKind, span: Span): undefined {
    const message = `${what} is not allowed in ${BLOCK_NAMES[block]}`;
    this.report('misplacedStatement', message, span, BLOCK_HINTS[block]);
    return undefined;
  }

  /** Whichever statement the CST holds, in the statement's place (its span and block). */
  statement(ctx: Partial<StatementCstChildren>, place: InBlock): BlockStmt | undefined {
    const stmt =
      ctx.inputDecl?.[0] ??
      ctx.outputDecl?.[0] ??
      ctx.paramDecl?.[0] ??
      ctx.stateDecl?.[0] ??
      ctx.emitStmt?.[0] ??
      ctx.exprStmt?.[0];
    return this.build(stmt, place);
  }

  inputDecl(ctx: Partial<InputDeclCstChildren>, { block, span }: InBlock): InputDecl | undefined {
    if (block !== 'model') return this.misplaced('`input`', block, span);
    return {
      kind: 'InputDecl',
      name: this.ident(ctx.name?.[0], span.start),
      type: this.tensorTypeAt(ctx.tensorType?.[0], span.end),
      span,
    };
  }

  outputDecl(
    ctx: Partial<OutputDeclCstChildren>,
    { block, span }: InBlock,
  ): OutputDecl | undefined {
    if (block !== 'model') return this.misplaced('`output`', block, span);
    const names = (ctx.name ?? []).filter(isRealToken).map((t) => this.ident(t, span.end));
    return { kind: 'OutputDecl', names, span };
  }

  paramDecl(ctx: Partial<ParamDeclCstChildren>, { block, span }: InBlock): ParamDecl | undefined {
    if (block !== 'cell') return this.misplaced('`param`', block, span);
    return { kind: 'ParamDecl', ...this.tensorVar(ctx, span) };
  }

  stateDecl(ctx: Partial<StateDeclCstChildren>, { block, span }: InBlock): StateDecl | undefined {
    if (block !== 'cell') return this.misplaced('`state`', block, span);
    return { kind: 'StateDecl', ...this.tensorVar(ctx, span) };
  }

  /** What `param` and `state` share: `name: type`, optionally `= init`. */
  private tensorVar(
    ctx: Partial<ParamDeclCstChildren | StateDeclCstChildren>,
    span: Span,
  ): { name: Identifier; type: TensorTypeExpr; span: Span; init?: Expr } {
    const name = this.ident(ctx.name?.[0], span.start);
    const type = this.tensorTypeAt(ctx.tensorType?.[0], span.end);
    const eq = ctx.Equals?.[0];
    const init = eq ? this.exprAt(ctx.init?.[0], tokEnd(eq, span.end)) : undefined;
    return { name, type, span, ...(init ? { init } : {}) };
  }

  emitStmt(ctx: Partial<EmitStmtCstChildren>, { block, span }: InBlock): EmitStmt | undefined {
    if (block !== 'cell') return this.misplaced('`emit`', block, span);
    const value = this.exprAt(ctx.value?.[0], tokEnd(ctx.Emit?.[0], span.end));
    return { kind: 'EmitStmt', value, span };
  }

  /** `a, b = expr` (an equation, or a setting in a train block) or `expr -> a, b`. */
  exprStmt(ctx: Partial<ExprStmtCstChildren>, { block, span }: InBlock): BlockStmt | undefined {
    const lhs = (ctx.lhs ?? []).map((e) => this.exprAt(e, span.start));
    const eq = ctx.Equals?.[0];
    if (eq) return this.assignment(lhs, ctx, eq, block, span);
    if (ctx.Arrow?.[0]) return this.arrow(lhs, ctx, block, span);
    // Neither `=` nor `->`: recovery cut the statement short and chevrotain has said so.
    return undefined;
  }

  private assignment(
    lhs: readonly Expr[],
    ctx: Partial<ExprStmtCstChildren>,
    eq: IToken,
    block: BlockKind,
    span: Span,
  ): BlockStmt | undefined {
    const targets = this.assignmentTargets(lhs);
    const value = this.exprAt(ctx.value?.[0], tokEnd(eq, span.end));
    if (block === 'train') {
      const key = targets[0];
      if (targets.length !== 1 || !key)
        return this.misplaced('assigning several names', block, span);
      return { kind: 'Setting', key, value, span };
    }
    const assign: AssignStmt = { kind: 'AssignStmt', targets, value, span };
    return assign;
  }

  /** The names left of `=`; anything else is reported and left out. */
  private assignmentTargets(lhs: readonly Expr[]): Identifier[] {
    const targets: Identifier[] = [];
    for (const e of lhs) {
      if (e.kind === 'NameExpr') targets.push(e.name);
      else
        this.report(
          'badAssignmentTarget',
          `cannot assign to \`${printExpr(e)}\`: the left side of \`=\` must be a name`,
          e.span,
          'write `a = expr`, or `a, b = expr` for several results',
        );
    }
    return targets;
  }

  private arrow(
    lhs: readonly Expr[],
    ctx: Partial<ExprStmtCstChildren>,
    block: BlockKind,
    span: Span,
  ): ArrowStmt | undefined {
    if (block !== 'model') return this.misplaced('`->`', block, span);
    const [value, extra] = lhs;
    if (extra)
      this.report(
        'manyIntoArrow',
        'only one expression can flow into `->`',
        extra.span,
        'to bind several results write `expr -> a, b`',
      );
    const targets = (ctx.target ?? []).filter(isRealToken).map((t) => this.ident(t, span.end));
    return { kind: 'ArrowStmt', value: value ?? this.hole(span.start), targets, span };
  }

  /** The tensor type `node` builds; one with no dims at `at` when recovery dropped it. */
  private tensorTypeAt(node: TensorTypeCstNode | undefined, at: number): TensorTypeExpr {
    const place = this.placeOf(node, at);
    return node ? this.build(node, place) : this.tensorType({}, place);
  }

  /** `[dims]`, then optionally `float`, `int` or `int < vocab`. */
  tensorType(ctx: Partial<TensorTypeCstChildren>, { span }: Place): TensorTypeExpr {
    const dims = (ctx.dim ?? []).map((d) => this.exprAt(d, span.start));
    const dt = ctx.dtype?.[0];
    if (!dt || !isRealToken(dt)) return { kind: 'TensorType', dims, span };
    if (dt.image === 'float') return { kind: 'TensorType', dims, dtype: 'float', span };
    const less = ctx.Less?.[0];
    if (!less) return { kind: 'TensorType', dims, dtype: 'int', span };
    const vocab = this.exprAt(ctx.vocab?.[0], tokEnd(less, span.end));
    return { kind: 'TensorType', dims, dtype: 'int', vocab, span };
  }
}
