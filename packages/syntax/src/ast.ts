/**
 * The `.seq` abstract syntax tree: a discriminated union on `kind`, every node with its span.
 * The parser builds it from the chevrotain CST; the formatter prints it back; the compiler
 * resolves and elaborates it. Nothing here knows about shapes or tensors.
 */
import type { Span } from '@seqlab/diagnostics';

/** A name as written, with where it was written. */
export interface Identifier {
  readonly kind: 'Identifier';
  readonly name: string;
  readonly span: Span;
}

/** A comment (`# ...` to end of line), kept so the formatter can put it back. */
export interface Comment {
  readonly text: string; // including the leading '#'
  readonly span: Span;
}

/** A whole file. */
export interface Program {
  readonly kind: 'Program';
  readonly items: readonly TopItem[];
  readonly comments: readonly Comment[];
  readonly span: Span;
}

export type TopItem = ImportDecl | ModelDecl | CellDecl | TrainDecl;

/** `import "other.seq"`: brings the other file's models and cells into scope. */
export interface ImportDecl {
  readonly kind: 'ImportDecl';
  readonly path: StringLiteral;
  readonly span: Span;
}

/** A hyperparameter of a model or cell: `hidden = 64`, or `hidden` with no default. */
export interface HyperParam {
  readonly kind: 'HyperParam';
  readonly name: Identifier;
  readonly default?: Expr;
  readonly span: Span;
}

/** `model Name(hyper, ...) { statements }` */
export interface ModelDecl {
  readonly kind: 'ModelDecl';
  readonly name: Identifier;
  readonly params: readonly HyperParam[];
  readonly body: readonly ModelStmt[];
  readonly span: Span;
}

export type ModelStmt = InputDecl | OutputDecl | AssignStmt | ArrowStmt;

/** `input x: [B, T, 4]` or `input name: [B, T] int < 30` */
export interface InputDecl {
  readonly kind: 'InputDecl';
  readonly name: Identifier;
  readonly type: TensorTypeExpr;
  readonly span: Span;
}

/** `output a, b` */
export interface OutputDecl {
  readonly kind: 'OutputDecl';
  readonly names: readonly Identifier[];
  readonly span: Span;
}

/**
 * A tensor type as written: `[B, T, 4]`, `[B, T] int < vocab`, `[hidden, in]`.
 * `dtype` is absent when not written (float is meant). `vocab` only with `int`.
 */
export interface TensorTypeExpr {
  readonly kind: 'TensorType';
  readonly dims: readonly Expr[];
  readonly dtype?: 'float' | 'int';
  readonly vocab?: Expr;
  readonly span: Span;
}

/** `a = expr` or `a, b = expr` (the latter for `split` and multi-output layers). */
export interface AssignStmt {
  readonly kind: 'AssignStmt';
  readonly targets: readonly Identifier[];
  readonly value: Expr;
  readonly span: Span;
}

/** `expr -> a` or `expr -> a, b`: a pipeline that names its result(s) at the end. */
export interface ArrowStmt {
  readonly kind: 'ArrowStmt';
  readonly value: Expr;
  readonly targets: readonly Identifier[];
  readonly span: Span;
}

/** `cell Name(hyper, ...) { param/state declarations, equations, emit }` */
export interface CellDecl {
  readonly kind: 'CellDecl';
  readonly name: Identifier;
  readonly params: readonly HyperParam[];
  readonly body: readonly CellStmt[];
  readonly span: Span;
}

export type CellStmt = ParamDecl | StateDecl | AssignStmt | EmitStmt;

/** `param W: [hidden, in] = uniform(-0.1, 0.1)`; `init` absent means the default. */
export interface ParamDecl {
  readonly kind: 'ParamDecl';
  readonly name: Identifier;
  readonly type: TensorTypeExpr;
  readonly init?: Expr;
  readonly span: Span;
}

/** `state h: [hidden] = zeros` (per-example shape; the batch dimension is implicit). */
export interface StateDecl {
  readonly kind: 'StateDecl';
  readonly name: Identifier;
  readonly type: TensorTypeExpr;
  readonly init?: Expr;
  readonly span: Span;
}

/** `emit h`: the cell's output at each step. */
export interface EmitStmt {
  readonly kind: 'EmitStmt';
  readonly value: Expr;
  readonly span: Span;
}

/**
 * `train Model on dataset { key = value ... }`; the dataset is a built-in name, a path
 * string, or a reader call with options (`csv("spam.csv", unit = "words")`, `names(limit = 9)`).
 */
export interface TrainDecl {
  readonly kind: 'TrainDecl';
  readonly model: Identifier;
  readonly dataset: Identifier | StringLiteral | CallExpr;
  readonly settings: readonly Setting[];
  readonly span: Span;
}

/** One `key = value` line of a train block. */
export interface Setting {
  readonly kind: 'Setting';
  readonly key: Identifier;
  readonly value: Expr;
  readonly span: Span;
}

// ---------------------------------------------------------------- expressions

export type Expr =
  | NumberLiteral
  | StringLiteral
  | BoolLiteral
  | NameExpr
  | CallExpr
  | PipeExpr
  | BinaryExpr
  | UnaryExpr
  | MemberExpr
  | IndexExpr
  | ListExpr;

/** `64`, `3e-3`, `0.5`; `raw` is the text as written (the formatter keeps it). */
export interface NumberLiteral {
  readonly kind: 'NumberLiteral';
  readonly value: number;
  readonly raw: string;
  readonly span: Span;
}

/** `"text"`; `value` is unescaped. */
export interface StringLiteral {
  readonly kind: 'StringLiteral';
  readonly value: string;
  readonly span: Span;
}

export interface BoolLiteral {
  readonly kind: 'BoolLiteral';
  readonly value: boolean;
  readonly span: Span;
}

/** A bare name: a value, hyperparameter, symbolic dim, or a layer used without arguments. */
export interface NameExpr {
  readonly kind: 'NameExpr';
  readonly name: Identifier;
  readonly span: Span;
}

/** `f(a, b, name = c)`; `callee` is a layer, cell, function or initialiser name. */
export interface CallExpr {
  readonly kind: 'CallExpr';
  readonly callee: Identifier;
  readonly args: readonly Argument[];
  readonly span: Span;
}

/** A call argument, positional (`name` absent) or named. */
export interface Argument {
  readonly kind: 'Argument';
  readonly name?: Identifier;
  readonly value: Expr;
  readonly span: Span;
}

/** `left |> right`: `right` (a CallExpr or NameExpr) applied with `left` as first input. */
export interface PipeExpr {
  readonly kind: 'PipeExpr';
  readonly left: Expr;
  readonly right: Expr;
  readonly span: Span;
}

export type BinaryOp = '+' | '-' | '*' | '/' | '@';

/** `a + b`, `W @ x`, ... (`*`, `/`, `@` bind tighter than `+`, `-`; all left-assoc). */
export interface BinaryExpr {
  readonly kind: 'BinaryExpr';
  readonly op: BinaryOp;
  readonly left: Expr;
  readonly right: Expr;
  readonly span: Span;
}

/** `-a` */
export interface UnaryExpr {
  readonly kind: 'UnaryExpr';
  readonly op: '-';
  readonly operand: Expr;
  readonly span: Span;
}

/** `enc.h`: a named secondary output of a layer (a final state). */
export interface MemberExpr {
  readonly kind: 'MemberExpr';
  readonly object: Expr;
  readonly property: Identifier;
  readonly span: Span;
}

/** `g[0:hidden]`, `g[hidden:2*hidden]`, `x[3]`: slicing the last (feature) axis for gates. */
export interface IndexExpr {
  readonly kind: 'IndexExpr';
  readonly object: Expr;
  readonly index: SliceExpr;
  readonly span: Span;
}

/** `start:end` (either may be absent) or a single index when `isRange` is false. */
export interface SliceExpr {
  readonly kind: 'Slice';
  readonly start?: Expr;
  readonly end?: Expr;
  readonly isRange: boolean;
  readonly span: Span;
}

/** `[a, b, c]`: lists of numbers (e.g. `hidden = [8, 16, 32]`) or of values (`concat`). */
export interface ListExpr {
  readonly kind: 'ListExpr';
  readonly elements: readonly Expr[];
  readonly span: Span;
}

/** Any AST node. */
export type AstNode =
  | Program
  | TopItem
  | HyperParam
  | ModelStmt
  | CellStmt
  | TensorTypeExpr
  | Setting
  | Expr
  | Argument
  | SliceExpr
  | Identifier;
