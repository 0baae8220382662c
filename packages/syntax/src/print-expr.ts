/**
 * Printing expressions and tensor types back to canonical `.seq` text with the fewest
 * parentheses the precedence rules allow. Shared by the formatter and by messages that
 * quote an expression.
 */
import type { Argument, Expr, PipeExpr, SliceExpr, TensorTypeExpr } from './ast.js';

/**
 * How the formatter lays out a statement's pipeline: a long chain reads best one stage per
 * line, so a break the user put before a `|>` is kept (and none is invented).
 */
export interface PipeLayout {
  /** Whether to start a new line before this pipe's `|>`. */
  readonly breakBefore: (pipe: PipeExpr) => boolean;
  /** Indentation of a continuation line, relative to the statement. */
  readonly indent: string;
}

/** Binding strength; a child printed where a stronger one is required gets parentheses. */
const Prec = { Pipe: 1, Add: 2, Mul: 3, Unary: 4, Postfix: 5, Atom: 6 } as const;
type Prec = (typeof Prec)[keyof typeof Prec];

function precOf(e: Expr): Prec {
  switch (e.kind) {
    case 'PipeExpr':
      return Prec.Pipe;
    case 'BinaryExpr':
      return e.op === '+' || e.op === '-' ? Prec.Add : Prec.Mul;
    case 'UnaryExpr':
      return Prec.Unary;
    case 'MemberExpr':
    case 'IndexExpr':
      return Prec.Postfix;
    default:
      return Prec.Atom;
  }
}

/** `"..."` with `\\`, `\"` and `\n` escaped (the only escapes the language has). */
export function printString(value: string): string {
  return `"${value.replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`))}"`;
}

function at(e: Expr, min: Prec): string {
  const s = printBare(e);
  return precOf(e) < min ? `(${s})` : s;
}

function printArg(a: Argument): string {
  return a.name ? `${a.name.name} = ${printExpr(a.value)}` : printExpr(a.value);
}

function printSlice(s: SliceExpr): string {
  const start = s.start ? printExpr(s.start) : '';
  if (!s.isRange) return start;
  return `${start}:${s.end ? printExpr(s.end) : ''}`;
}

function printBare(e: Expr, layout?: PipeLayout): string {
  switch (e.kind) {
    case 'NumberLiteral':
      return e.raw;
    case 'StringLiteral':
      return printString(e.value);
    case 'BoolLiteral':
      return e.value ? 'true' : 'false';
    case 'NameExpr':
      return e.name.name;
    case 'CallExpr':
      return `${e.callee.name}(${e.args.map(printArg).join(', ')})`;
    case 'ListExpr':
      return `[${e.elements.map((x) => printExpr(x)).join(', ')}]`;
    case 'PipeExpr': {
      // Only the statement's own chain (left spine) is laid out; nested pipes stay inline.
      const left =
        layout && e.left.kind === 'PipeExpr' ? printBare(e.left, layout) : at(e.left, Prec.Pipe);
      const sep = layout?.breakBefore(e) ? `\n${layout.indent}|> ` : ' |> ';
      return `${left}${sep}${at(e.right, Prec.Add)}`;
    }
    case 'BinaryExpr': {
      const p = precOf(e);
      return `${at(e.left, p)} ${e.op} ${at(e.right, p === Prec.Add ? Prec.Mul : Prec.Unary)}`;
    }
    case 'UnaryExpr':
      return `-${at(e.operand, Prec.Unary)}`;
    case 'MemberExpr':
      // `3.h` would lex as one (bad) number, so a number object keeps its parentheses.
      return `${e.object.kind === 'NumberLiteral' ? `(${e.object.raw})` : at(e.object, Prec.Postfix)}.${e.property.name}`;
    case 'IndexExpr':
      return `${at(e.object, Prec.Postfix)}[${printSlice(e.index)}]`;
  }
}

/**
 * Canonical text of an expression: `a + b * c`, `x |> f(1, n = 2)`, `g[0:h]`. With a
 * `layout`, a pipeline may span several lines (joined by `\n`).
 */
export function printExpr(e: Expr, layout?: PipeLayout): string {
  return printBare(e, layout);
}

/** Canonical text of a tensor type: `[B, T, 4]`, `[B, T] int < 30`. */
export function printType(t: TensorTypeExpr): string {
  const dims = `[${t.dims.map((d) => printExpr(d)).join(', ')}]`;
  if (t.dtype === 'float') return `${dims} float`;
  if (t.dtype === 'int') return t.vocab ? `${dims} int < ${at(t.vocab, Prec.Add)}` : `${dims} int`;
  return dims;
}
