/**
 * CST → AST, as a chevrotain CST visitor: one method per grammar rule, each given its rule's
 * children (typed from the grammar, see cst-types.ts) and its place. Works on partial trees
 * too: error recovery can leave out any child, so every access is optional and a missing
 * piece becomes a placeholder (a `NameExpr` or `Identifier` with the empty name, zero width)
 * after chevrotain has already reported why. The checks the grammar leaves to us (pipe right
 * sides, assignment targets, statements in the wrong kind of block) are reported by the
 * methods, which live in ast-builder-{base,expressions,statements}.ts; this file holds the
 * top-level items.
 */
import { tokenMatcher } from 'chevrotain';
import type { IToken } from 'chevrotain';
import type {
  CellDecl,
  CellStmt,
  HyperParam,
  ImportDecl,
  ModelDecl,
  ModelStmt,
  Setting,
  TopItem,
  TrainDecl,
} from './ast.js';
import { isNode, tokEnd, type AstVisitor, type Place } from './ast-builder-base.js';
import { StatementBuilder } from './ast-builder-statements.js';
import type {
  CallOrNameCstNode,
  CellDeclCstChildren,
  HyperParamCstChildren,
  HyperParamsCstChildren,
  HyperParamsCstNode,
  ICstNodeVisitor,
  ImportDeclCstChildren,
  ModelDeclCstChildren,
  TopItemCstChildren,
  TopItemCstNode,
  TrainDeclCstChildren,
} from './cst-types.js';
import { Tok } from './tokens.js';

/** Builds the AST of one top-level item, collecting diagnostics in `diagnostics`. */
export class AstBuilder
  extends StatementBuilder
  implements ICstNodeVisitor<Place, unknown>, AstVisitor
{
  constructor(file: string) {
    super(file);
    // A grammar rule without a builder method throws here rather than building nothing.
    this.validateVisitor();
  }

  /** The item of a `topItem` CST, or undefined when recovery left nothing to build. */
  buildTopItem(cst: TopItemCstNode): TopItem | undefined {
    return this.build(cst, this.placeOf(cst, 0));
  }

  topItem(ctx: Partial<TopItemCstChildren>): TopItem | undefined {
    const item =
      ctx.importDecl?.[0] ?? ctx.modelDecl?.[0] ?? ctx.cellDecl?.[0] ?? ctx.trainDecl?.[0];
    return item && this.build(item, this.placeOf(item, 0));
  }

  importDecl(ctx: Partial<ImportDeclCstChildren>, { span }: Place): ImportDecl {
    return { kind: 'ImportDecl', path: this.stringLit(ctx.path?.[0], span.end), span };
  }

  modelDecl(ctx: Partial<ModelDeclCstChildren>, { span }: Place): ModelDecl {
    const name = this.ident(ctx.name?.[0], tokEnd(ctx.Model?.[0], span.start));
    const body = this.blockOf(ctx.block?.[0], 'model', span.end) as ModelStmt[];
    const params = this.hyperParamsOf(ctx.hyperParams?.[0]);
    return { kind: 'ModelDecl', name, params, body, span };
  }

  cellDecl(ctx: Partial<CellDeclCstChildren>, { span }: Place): CellDecl {
    const name = this.ident(ctx.name?.[0], tokEnd(ctx.Cell?.[0], span.start));
    const body = this.blockOf(ctx.block?.[0], 'cell', span.end) as CellStmt[];
    const params = this.hyperParamsOf(ctx.hyperParams?.[0]);
    return { kind: 'CellDecl', name, params, body, span };
  }

  trainDecl(ctx: Partial<TrainDeclCstChildren>, { span }: Place): TrainDecl {
    const model = this.ident(ctx.model?.[0], tokEnd(ctx.Train?.[0], span.start));
    const dataset = ctx.dataset ?? [];
    const at = tokEnd(ctx.On?.[0], model.span.end);
    const ds = dataset.find((e): e is IToken => !isNode(e));
    const call = dataset.find((e): e is CallOrNameCstNode => isNode(e));
    const data = this.datasetOf(ds, call, at);
    const settings = this.blockOf(ctx.block?.[0], 'train', span.end) as Setting[];
    return { kind: 'TrainDecl', model, dataset: data, settings, span };
  }

  /** A train block's data: a path, a built-in name or a reader call. */
  private datasetOf(
    ds: IToken | undefined,
    call: CallOrNameCstNode | undefined,
    at: number,
  ): TrainDecl['dataset'] {
    if (ds && tokenMatcher(ds, Tok.StringLiteral)) return this.stringLit(ds, at);
    const e = call && this.build(call, this.placeOf(call, at));
    // A bare name stays an Identifier, as before reader calls existed.
    return e?.kind === 'CallExpr' ? e : e?.kind === 'NameExpr' ? e.name : this.ident(undefined, at);
  }

  /** The hyperparameters of a model or cell (none when it has no parentheses). */
  private hyperParamsOf(node: HyperParamsCstNode | undefined): HyperParam[] {
    return this.build(node, this.placeOf(node, 0)) ?? [];
  }

  hyperParams(ctx: Partial<HyperParamsCstChildren>): HyperParam[] {
    return (ctx.hyperParam ?? []).map((h) => this.build(h, this.placeOf(h, 0)));
  }

  hyperParam(ctx: Partial<HyperParamCstChildren>, { span }: Place): HyperParam {
    const name = this.ident(ctx.name?.[0], span.start);
    const eq = ctx.Equals?.[0];
    if (!eq) return { kind: 'HyperParam', name, span };
    const value = this.exprAt(ctx.default?.[0], tokEnd(eq, span.end));
    return { kind: 'HyperParam', name, default: value, span };
  }
}
