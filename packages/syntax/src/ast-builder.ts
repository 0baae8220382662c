/**
 * CST → AST. Works on partial trees too: error recovery can leave out any child, so every
 * access is optional and a missing piece becomes a placeholder (a `NameExpr` or `Identifier`
 * with the empty name, zero width) after chevrotain has already reported why. The checks
 * the grammar leaves to us (pipe right sides, assignment targets, statements in the wrong
 * kind of block) are reported here.
 */
import type { Diagnostic, Span } from '@seqlab/diagnostics';
import { diagnosticOf, joinSpans } from '@seqlab/diagnostics';
import { tokenMatcher } from 'chevrotain';
import type { CstElement, CstNode, IToken } from 'chevrotain';
import type {
  Argument,
  ArrowStmt,
  AssignStmt,
  BinaryOp,
  CellDecl,
  CellStmt,
  Expr,
  HyperParam,
  Identifier,
  ImportDecl,
  ModelDecl,
  ModelStmt,
  NameExpr,
  Setting,
  SliceExpr,
  StringLiteral,
  TensorTypeExpr,
  TopItem,
  TrainDecl,
} from './ast.js';
import { SYNTAX_DIAGNOSTICS, type SyntaxDiagnostic } from './codes.js';
import { unescapeString } from './lexer.js';
import { printExpr } from './print-expr.js';
import { isRealToken, offsetSpan, tokenSpan } from './spans.js';
import { Tok } from './tokens.js';

type BlockKind = 'model' | 'cell' | 'train';

function isNode(e: CstElement): e is CstNode {
  return 'children' in e;
}

function nodes(n: CstNode | undefined, key: string): CstNode[] {
  return (n?.children[key] ?? []).filter(isNode);
}

function node(n: CstNode | undefined, key: string): CstNode | undefined {
  return nodes(n, key)[0];
}

function toks(n: CstNode | undefined, key: string): IToken[] {
  return (n?.children[key] ?? []).filter((e): e is IToken => !isNode(e));
}

function tok(n: CstNode | undefined, key: string): IToken | undefined {
  return toks(n, key)[0];
}

/** End offset (exclusive) of a real token, or `fallback`. */
function tokEnd(t: IToken | undefined, fallback: number): number {
  return t && isRealToken(t) ? t.startOffset + t.image.length : fallback;
}

/** Builds the AST of one top-level item, collecting diagnostics in `diagnostics`. */
export class AstBuilder {
  readonly diagnostics: Diagnostic[] = [];

  constructor(private readonly file: string) {}

  private report(name: SyntaxDiagnostic, message: string, span: Span, hint?: string): void {
    this.diagnostics.push(diagnosticOf(SYNTAX_DIAGNOSTICS[name], message, span, { hint }));
  }

  /** A CST node's span from chevrotain's (inclusive) location; zero width at `at` if unknown. */
  private spanOf(n: CstNode | undefined, at: number): Span {
    const loc = n?.location;
    return loc
      ? offsetSpan(this.file, loc.startOffset, loc.endOffset, at)
      : offsetSpan(this.file, NaN, NaN, at);
  }

  private ident(t: IToken | undefined, at: number): Identifier {
    if (!t || !isRealToken(t))
      return { kind: 'Identifier', name: '', span: offsetSpan(this.file, NaN, NaN, at) };
    return { kind: 'Identifier', name: t.image, span: tokenSpan(this.file, t) };
  }

  private hole(at: number): NameExpr {
    const span = offsetSpan(this.file, NaN, NaN, at);
    return { kind: 'NameExpr', name: { kind: 'Identifier', name: '', span }, span };
  }

  // ---------------------------------------------------------------- top level

  /** The item of a `topItem` CST, or undefined when recovery left nothing to build. */
  topItem(cst: CstNode): TopItem | undefined {
    const imp = node(cst, 'importDecl');
    if (imp) return this.importDecl(imp);
    const model = node(cst, 'modelDecl');
    if (model) return this.modelDecl(model);
    const cell = node(cst, 'cellDecl');
    if (cell) return this.cellDecl(cell);
    const train = node(cst, 'trainDecl');
    if (train) return this.trainDecl(train);
    return undefined;
  }

  private importDecl(n: CstNode): ImportDecl {
    const span = this.spanOf(n, 0);
    return { kind: 'ImportDecl', path: this.stringLit(tok(n, 'path'), span.end), span };
  }

  private stringLit(t: IToken | undefined, at: number): StringLiteral {
    if (!t || !isRealToken(t))
      return { kind: 'StringLiteral', value: '', span: offsetSpan(this.file, NaN, NaN, at) };
    return { kind: 'StringLiteral', value: unescapeString(t.image), span: tokenSpan(this.file, t) };
  }

  private modelDecl(n: CstNode): ModelDecl {
    const span = this.spanOf(n, 0);
    const name = this.ident(tok(n, 'name'), tokEnd(tok(n, 'Model'), span.start));
    const body = this.block(node(n, 'block'), 'model', span.end) as ModelStmt[];
    return {
      kind: 'ModelDecl',
      name,
      params: this.hyperParams(node(n, 'hyperParams')),
      body,
      span,
    };
  }

  private cellDecl(n: CstNode): CellDecl {
    const span = this.spanOf(n, 0);
    const name = this.ident(tok(n, 'name'), tokEnd(tok(n, 'Cell'), span.start));
    const body = this.block(node(n, 'block'), 'cell', span.end) as CellStmt[];
    return { kind: 'CellDecl', name, params: this.hyperParams(node(n, 'hyperParams')), body, span };
  }

  private trainDecl(n: CstNode): TrainDecl {
    const span = this.spanOf(n, 0);
    const model = this.ident(tok(n, 'model'), tokEnd(tok(n, 'Train'), span.start));
    const ds = tok(n, 'dataset');
    const call = node(n, 'dataset');
    const at = tokEnd(tok(n, 'On'), model.span.end);
    const dataset = this.datasetOf(ds, call, at);
    const settings = this.block(node(n, 'block'), 'train', span.end) as Setting[];
    return { kind: 'TrainDecl', model, dataset, settings, span };
  }

  private datasetOf(
    ds: IToken | undefined,
    call: CstNode | undefined,
    at: number,
  ): TrainDecl['dataset'] {
    if (ds && tokenMatcher(ds, Tok.StringLiteral)) return this.stringLit(ds, at);
    if (!call) return this.ident(undefined, at);
    const e = this.callOrName(call, this.spanOf(call, at));
    // A bare name stays an Identifier, as before reader calls existed.
    return e.kind === 'CallExpr' ? e : e.kind === 'NameExpr' ? e.name : this.ident(undefined, at);
  }

  private hyperParams(n: CstNode | undefined): HyperParam[] {
    return nodes(n, 'hyperParam').map((h) => {
      const span = this.spanOf(h, 0);
      const name = this.ident(tok(h, 'name'), span.start);
      const eq = tok(h, 'Equals');
      if (!eq) return { kind: 'HyperParam', name, span };
      return {
        kind: 'HyperParam',
        name,
        default: this.expr(node(h, 'default'), tokEnd(eq, span.end)),
        span,
      };
    });
  }

  // ---------------------------------------------------------------- blocks and statements

  private block(
    n: CstNode | undefined,
    kind: BlockKind,
    at: number,
  ): (ModelStmt | CellStmt | Setting)[] {
    const out: (ModelStmt | CellStmt | Setting)[] = [];
    const stmts = nodes(n, 'statement');
    this.reportStrays(toks(n, 'stray'), stmts);
    for (const s of stmts) {
      const built = this.statement(s, kind, at);
      if (built) out.push(built);
    }
    return out;
  }

  /** One diagnostic per run of stray tokens (a run ends at the next statement). */
  private reportStrays(strays: IToken[], stmts: CstNode[]): void {
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

  private misplaced(what: string, kind: BlockKind, span: Span): undefined {
    const where = { model: 'a model', cell: 'a cell', train: 'a train block' }[kind];
    const hint =
      kind === 'train'
        ? 'a train block holds settings like `epochs = 10`'
        : kind === 'cell'
          ? 'a cell holds `param`, `state`, equations `name = expr` and `emit`'
          : 'a model holds `input`, `output`, `name = expr` and `expr -> name`';
    this.report('misplacedStatement', `${what} is not allowed in ${where}`, span, hint);
    return undefined;
  }

  private statement(
    s: CstNode,
    kind: BlockKind,
    at: number,
  ): ModelStmt | CellStmt | Setting | undefined {
    const span = this.spanOf(s, at);
    const input = node(s, 'inputDecl');
    if (input) {
      if (kind !== 'model') return this.misplaced('`input`', kind, span);
      return {
        kind: 'InputDecl',
        name: this.ident(tok(input, 'name'), span.start),
        type: this.tensorType(node(input, 'tensorType'), span.end),
        span,
      };
    }
    const output = node(s, 'outputDecl');
    if (output) {
      if (kind !== 'model') return this.misplaced('`output`', kind, span);
      return {
        kind: 'OutputDecl',
        names: toks(output, 'name')
          .filter(isRealToken)
          .map((t) => this.ident(t, span.end)),
        span,
      };
    }
    const decl = node(s, 'paramDecl') ?? node(s, 'stateDecl');
    if (decl) {
      const isParam = decl.name === 'paramDecl';
      if (kind !== 'cell') return this.misplaced(isParam ? '`param`' : '`state`', kind, span);
      const name = this.ident(tok(decl, 'name'), span.start);
      const type = this.tensorType(node(decl, 'tensorType'), span.end);
      const eq = tok(decl, 'Equals');
      const init = eq ? this.expr(node(decl, 'init'), tokEnd(eq, span.end)) : undefined;
      const base = { name, type, span, ...(init ? { init } : {}) };
      return isParam ? { kind: 'ParamDecl', ...base } : { kind: 'StateDecl', ...base };
    }
    const emit = node(s, 'emitStmt');
    if (emit) {
      if (kind !== 'cell') return this.misplaced('`emit`', kind, span);
      return {
        kind: 'EmitStmt',
        value: this.expr(node(emit, 'value'), tokEnd(tok(emit, 'Emit'), span.end)),
        span,
      };
    }
    const es = node(s, 'exprStmt');
    return es ? this.exprStmt(es, kind, span) : undefined;
  }

  private exprStmt(
    n: CstNode,
    kind: BlockKind,
    span: Span,
  ): ModelStmt | CellStmt | Setting | undefined {
    const lhs = nodes(n, 'lhs').map((e) => this.expr(e, span.start));
    const eq = tok(n, 'Equals');
    const arrow = tok(n, 'Arrow');
    if (eq) {
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
      const value = this.expr(node(n, 'value'), tokEnd(eq, span.end));
      if (kind === 'train') {
        const key = targets[0];
        if (targets.length !== 1 || !key)
          return this.misplaced('assigning several names', kind, span);
        return { kind: 'Setting', key, value, span };
      }
      const assign: AssignStmt = { kind: 'AssignStmt', targets, value, span };
      return assign;
    }
    if (arrow) {
      if (kind !== 'model') return this.misplaced('`->`', kind, span);
      const [value, extra] = lhs;
      if (extra)
        this.report(
          'manyIntoArrow',
          'only one expression can flow into `->`',
          extra.span,
          'to bind several results write `expr -> a, b`',
        );
      const targets = toks(n, 'target')
        .filter(isRealToken)
        .map((t) => this.ident(t, span.end));
      const stmt: ArrowStmt = {
        kind: 'ArrowStmt',
        value: value ?? this.hole(span.start),
        targets,
        span,
      };
      return stmt;
    }
    // Neither `=` nor `->`: recovery cut the statement short and chevrotain has said so.
    return undefined;
  }

  private tensorType(n: CstNode | undefined, at: number): TensorTypeExpr {
    const span = this.spanOf(n, at);
    const dims = nodes(n, 'dim').map((d) => this.expr(d, span.start));
    const dt = tok(n, 'dtype');
    if (!dt || !isRealToken(dt)) return { kind: 'TensorType', dims, span };
    if (dt.image === 'float') return { kind: 'TensorType', dims, dtype: 'float', span };
    const less = tok(n, 'Less');
    if (!less) return { kind: 'TensorType', dims, dtype: 'int', span };
    const vocab = this.binary(node(n, 'vocab'), tokEnd(less, span.end));
    return { kind: 'TensorType', dims, dtype: 'int', vocab, span };
  }

  // ---------------------------------------------------------------- expressions

  /** An `expr` (pipe level) CST node; a hole at `at` when recovery dropped it. */
  private expr(n: CstNode | undefined, at: number): Expr {
    if (!n) return this.hole(at);
    const operands = nodes(n, 'operand');
    const pipes = toks(n, 'Pipe');
    let left = this.binary(operands[0], this.spanOf(n, at).start);
    pipes.forEach((pipe, i) => {
      const right = this.binary(operands[i + 1], tokEnd(pipe, left.span.end));
      if (right.kind !== 'CallExpr' && right.kind !== 'NameExpr') {
        this.report(
          'badPipeTarget',
          `the right side of \`|>\` must be a layer call or a name, like \`dense(2)\` or \`relu\`; found \`${printExpr(right)}\``,
          right.span,
          right.kind === 'BinaryExpr'
            ? '`|>` binds loosest: wrap the pipeline in parentheses, e.g. `(x |> f) + y`'
            : undefined,
        );
      }
      left = { kind: 'PipeExpr', left, right, span: joinSpans(left.span, right.span) };
    });
    return left;
  }

  /** `addExpr` or `mulExpr`: operands folded left with their operators. */
  private binary(n: CstNode | undefined, at: number): Expr {
    if (!n) return this.hole(at);
    const operands = nodes(n, 'operand');
    const ops = toks(n, 'op');
    const sub = (c: CstNode | undefined, a: number): Expr =>
      n.name === 'addExpr' ? this.binary(c, a) : this.unary(c, a);
    let left = sub(operands[0], this.spanOf(n, at).start);
    ops.forEach((op, i) => {
      const right = sub(operands[i + 1], tokEnd(op, left.span.end));
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

  private unary(n: CstNode | undefined, at: number): Expr {
    if (!n) return this.hole(at);
    const op = tok(n, 'op');
    const operand = node(n, 'operand');
    if (!op) return this.postfix(operand, this.spanOf(n, at).start);
    const inner = this.unary(operand, tokEnd(op, at));
    return {
      kind: 'UnaryExpr',
      op: '-',
      operand: inner,
      span: joinSpans(tokenSpan(this.file, op, at), inner.span),
    };
  }

  private postfix(n: CstNode | undefined, at: number): Expr {
    if (!n) return this.hole(at);
    let object = this.primary(node(n, 'primary'), this.spanOf(n, at).start);
    for (const s of nodes(n, 'suffix')) {
      const span = joinSpans(object.span, this.spanOf(s, object.span.end));
      const slice = node(s, 'slice');
      if (tok(s, 'Dot')) {
        object = {
          kind: 'MemberExpr',
          object,
          property: this.ident(tok(s, 'property'), span.end),
          span,
        };
      } else {
        object = { kind: 'IndexExpr', object, index: this.slice(slice, span.end), span };
      }
    }
    return object;
  }

  private slice(n: CstNode | undefined, at: number): SliceExpr {
    const span = this.spanOf(n, at);
    const startNode = node(n, 'start');
    const endNode = node(n, 'end');
    const isRange = toks(n, 'Colon').length > 0;
    return {
      kind: 'Slice',
      ...(startNode ? { start: this.expr(startNode, span.start) } : {}),
      ...(endNode ? { end: this.expr(endNode, span.end) } : {}),
      isRange,
      span,
    };
  }

  private primary(n: CstNode | undefined, at: number): Expr {
    if (!n) return this.hole(at);
    const span = this.spanOf(n, at);
    const num = tok(n, 'NumberLiteral');
    if (num) {
      const value = Number(num.image);
      return {
        kind: 'NumberLiteral',
        value: Number.isNaN(value) ? parseFloat(num.image) : value,
        raw: num.image,
        span,
      };
    }
    const str = tok(n, 'StringLiteral');
    if (str) return this.stringLit(str, at);
    if (tok(n, 'True')) return { kind: 'BoolLiteral', value: true, span };
    if (tok(n, 'False')) return { kind: 'BoolLiteral', value: false, span };
    const call = node(n, 'callOrName');
    if (call) return this.callOrName(call, span);
    const paren = node(n, 'parenExpr');
    if (paren) {
      // Parentheses make no node: the inner expression, its span widened over them.
      const inner = this.expr(node(paren, 'inner'), span.start + 1);
      return { ...inner, span: joinSpans(inner.span, span) };
    }
    const list = node(n, 'listExpr');
    if (list)
      return {
        kind: 'ListExpr',
        elements: nodes(list, 'element').map((e) => this.expr(e, span.start)),
        span,
      };
    return this.hole(span.start);
  }

  private callOrName(n: CstNode, span: Span): Expr {
    const name = this.ident(tok(n, 'name'), span.start);
    if (!tok(n, 'LParenInline')) return { kind: 'NameExpr', name, span: name.span };
    const args: Argument[] = nodes(n, 'argument').map((a) => {
      const aspan = this.spanOf(a, span.end);
      const argName = tok(a, 'name');
      const value = this.expr(node(a, 'value'), aspan.end);
      return argName
        ? { kind: 'Argument', name: this.ident(argName, aspan.start), value, span: aspan }
        : { kind: 'Argument', value, span: aspan };
    });
    return { kind: 'CallExpr', callee: name, args, span };
  }
}
