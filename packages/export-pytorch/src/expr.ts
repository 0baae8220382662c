/**
 * Python expressions with their precedence, so that inlined sub-expressions get exactly the
 * parentheses they need. The right operand of a binary operator is parenthesised at equal
 * precedence too: `a + (b + c)` keeps the IR's order of evaluation (and float rounding).
 */

/** A Python expression and how tightly it binds. */
export interface Expr {
  readonly text: string;
  readonly prec: number;
}

/** Binding strengths, loosest first (Python's own order). */
export const PREC = { add: 40, mul: 50, unary: 60, atom: 100 } as const;

/** An atom: a name, a call, an attribute, a subscript or a literal. */
export function atom(text: string): Expr {
  return { text, prec: PREC.atom };
}

function wrap(e: Expr, min: number): string {
  return e.prec < min ? `(${e.text})` : e.text;
}

/** `a op b` for `+ - * / @`. */
export function binary(op: '+' | '-' | '*' | '/' | '@', a: Expr, b: Expr): Expr {
  const prec = op === '+' || op === '-' ? PREC.add : PREC.mul;
  return { text: `${wrap(a, prec)} ${op} ${wrap(b, prec + 1)}`, prec };
}

/** `-a`. */
export function negate(a: Expr): Expr {
  return { text: `-${wrap(a, PREC.unary)}`, prec: PREC.unary };
}

/** `f(a, b, ...)`: arguments are separate, so they never need parentheses. */
export function call(fn: string, ...args: (Expr | string)[]): Expr {
  return atom(`${fn}(${args.map((a) => (typeof a === 'string' ? a : a.text)).join(', ')})`);
}

/** `a.suffix` or `a[...]`: the operand must be an atom. */
export function postfix(a: Expr, suffix: string): Expr {
  return atom(`${wrap(a, PREC.atom)}${suffix}`);
}

/** A float literal that Python reads back as the same double (`1.0`, `0.5`, `1e-05`). */
export function floatLiteral(value: number): Expr {
  if (Number.isNaN(value)) return atom("float('nan')");
  if (!Number.isFinite(value)) return atom(value > 0 ? "float('inf')" : "-float('inf')");
  let text = String(value);
  if (/^-?\d+$/.test(text)) text += '.0';
  return value < 0 ? { text, prec: PREC.unary } : atom(text);
}
