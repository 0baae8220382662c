/**
 * What every part of the AST builder shares: the visitor's contract (which AST each grammar
 * rule builds, and what it is told about where its node sits), typed dispatch through
 * chevrotain's `visit`, diagnostics, and the placeholders that stand in for children error
 * recovery left out.
 */
import type { Diagnostic, Span } from '@seqlab/diagnostics';
import { diagnosticOf } from '@seqlab/diagnostics';
import type { CstElement, CstNode, IToken } from 'chevrotain';
import type {
  Argument,
  CellDecl,
  CellStmt,
  EmitStmt,
  Expr,
  HyperParam,
  Identifier,
  ImportDecl,
  IndexExpr,
  InputDecl,
  ListExpr,
  MemberExpr,
  ModelDecl,
  ModelStmt,
  NameExpr,
  OutputDecl,
  ParamDecl,
  Setting,
  SliceExpr,
  StateDecl,
  StringLiteral,
  TensorTypeExpr,
  TopItem,
  TrainDecl,
} from './ast.js';
import { SYNTAX_DIAGNOSTICS, type SyntaxDiagnostic } from './codes.js';
import type {
  AddExprCstNode,
  ExprCstNode,
  ICstNodeVisitor,
  MulExprCstNode,
  PostfixExprCstNode,
  PrimaryCstNode,
  UnaryExprCstNode,
} from './cst-types.js';
import { unescapeString } from './lexer.js';
import { seqParser } from './parser.js';
import { isRealToken, offsetSpan, tokenSpan } from './spans.js';

/** The kind of block a statement is in: each allows different statements. */
export type BlockKind = 'model' | 'cell' | 'train';

/** A statement of any kind of block. */
export type BlockStmt = ModelStmt | CellStmt | Setting;

/**
 * Where a node sits, as its builder method is told: its span (chevrotain's location, or one
 * its parent chose), and `at`, where a placeholder goes when a piece of it is missing.
 */
export interface Place {
  readonly at: number;
  readonly span: Span;
}

/** The place of a block or statement, which also says what kind of block it is in. */
export interface InBlock extends Place {
  readonly block: BlockKind;
}

/** The place of a `.name` or `[slice]` suffix, which also carries what it applies to. */
export interface AfterObject extends Place {
  readonly object: Expr;
}

/** The AST each grammar rule builds: its visitor method's result. */
export interface Built {
  topItem: TopItem | undefined;
  importDecl: ImportDecl;
  modelDecl: ModelDecl;
  cellDecl: CellDecl;
  trainDecl: TrainDecl;
  hyperParams: HyperParam[];
  hyperParam: HyperParam;
  block: BlockStmt[];
  // Statements are undefined where they are misplaced or recovery cut them short.
  statement: BlockStmt | undefined;
  inputDecl: InputDecl | undefined;
  outputDecl: OutputDecl | undefined;
  paramDecl: ParamDecl | undefined;
  stateDecl: StateDecl | undefined;
  emitStmt: EmitStmt | undefined;
  exprStmt: BlockStmt | undefined;
  tensorType: TensorTypeExpr;
  expr: Expr;
  addExpr: Expr;
  mulExpr: Expr;
  unaryExpr: Expr;
  postfixExpr: Expr;
  suffix: MemberExpr | IndexExpr;
  slice: SliceExpr;
  primary: Expr;
  callOrName: Expr;
  argument: Argument;
  parenExpr: Expr;
  listExpr: ListExpr;
}

/** A grammar rule's name. */
export type RuleName = keyof Built;

/** What each rule's visitor method is told about its node (a `Place` unless it needs more). */
export interface PlaceFor extends Record<RuleName, Place> {
  block: InBlock;
  statement: InBlock;
  inputDecl: InBlock;
  outputDecl: InBlock;
  paramDecl: InBlock;
  stateDecl: InBlock;
  emitStmt: InBlock;
  exprStmt: InBlock;
  suffix: AfterObject;
}

/** A rule's CST children, as generated from the grammar. */
type ChildrenOf<K extends RuleName> = Parameters<ICstNodeVisitor<never, never>[K]>[0];

/**
 * The builder's visitor methods: a rule's children (any of which recovery may have left out),
 * its place, and its AST out.
 */
export type AstVisitor = {
  [K in RuleName]: (ctx: Partial<ChildrenOf<K>>, place: PlaceFor[K]) => Built[K];
};

/** A CST node of one of the grammar's rules. */
type RuleNode = CstNode & { readonly name: RuleName };

/** The nodes of the expression levels, each of which builds an `Expr`. */
export type ExprNode =
  | ExprCstNode
  | AddExprCstNode
  | MulExprCstNode
  | UnaryExprCstNode
  | PostfixExprCstNode
  | PrimaryCstNode;

/** True for a CST node, false for a token. */
export function isNode(e: CstElement): e is CstNode {
  return 'children' in e;
}

/** End offset (exclusive) of a real token, or `fallback`. */
export function tokEnd(t: IToken | undefined, fallback: number): number {
  return t && isRealToken(t) ? t.startOffset + t.image.length : fallback;
}

const VisitorBase = seqParser.getBaseCstVisitorConstructor<Place, unknown>();

/** Diagnostics, placeholders and typed dispatch for the builder's visitor methods. */
export abstract class AstBuilderBase extends VisitorBase {
  readonly diagnostics: Diagnostic[] = [];

  constructor(protected readonly file: string) {
    super();
  }

  protected report(name: SyntaxDiagnostic, message: string, span: Span, hint?: string): void {
    this.diagnostics.push(diagnosticOf(SYNTAX_DIAGNOSTICS[name], message, span, { hint }));
  }

  /** Builds `node` through chevrotain's `visit`, which calls the method named after its rule. */
  protected build<N extends RuleNode>(node: N, place: PlaceFor[N['name']]): Built[N['name']];
  protected build<N extends RuleNode>(
    node: N | undefined,
    place: PlaceFor[N['name']],
  ): Built[N['name']] | undefined;
  protected build<N extends RuleNode>(
    node: N | undefined,
    place: PlaceFor[N['name']],
  ): Built[N['name']] | undefined {
    // `implements AstVisitor` checks that the method `visit` calls returns this type.
    return node === undefined ? undefined : (this.visit(node, place) as Built[N['name']]);
  }

  /** A node's own place: chevrotain's (inclusive) location; zero width at `at` if unknown. */
  protected placeOf(node: CstNode | undefined, at: number): Place {
    const loc = node?.location;
    const span = loc
      ? offsetSpan(this.file, loc.startOffset, loc.endOffset, at)
      : offsetSpan(this.file, NaN, NaN, at);
    return { at, span };
  }

  /** The expression `node` builds, or a hole at `at` when recovery dropped it. */
  protected exprAt(node: ExprNode | undefined, at: number): Expr {
    return node ? this.build(node, this.placeOf(node, at)) : this.hole(at);
  }

  protected ident(t: IToken | undefined, at: number): Identifier {
    if (!t || !isRealToken(t))
      return { kind: 'Identifier', name: '', span: offsetSpan(this.file, NaN, NaN, at) };
    return { kind: 'Identifier', name: t.image, span: tokenSpan(this.file, t) };
  }

  protected hole(at: number): NameExpr {
    const span = offsetSpan(this.file, NaN, NaN, at);
    return { kind: 'NameExpr', name: { kind: 'Identifier', name: '', span }, span };
  }

  protected stringLit(t: IToken | undefined, at: number): StringLiteral {
    if (!t || !isRealToken(t))
      return { kind: 'StringLiteral', value: '', span: offsetSpan(this.file, NaN, NaN, at) };
    return { kind: 'StringLiteral', value: unescapeString(t.image), span: tokenSpan(this.file, t) };
  }
}
