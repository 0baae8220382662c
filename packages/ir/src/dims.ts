/**
 * Symbolic dimension arithmetic. A symbolic dim is a canonical expression string: a sum of
 * integer multiples of atoms (symbols like `T`, `floor(E/n)`, `ceil(E/n)`, products) plus a
 * constant. Every helper parses its operands into that linear form, folds numbers and
 * formats the result back, so equal constructions give equal strings (`T-2+2` is `T`).
 */
import type { Dim } from './types.js';

/** A linear form: atom string -> integer coefficient, plus a constant. */
interface Lin {
  readonly terms: ReadonlyMap<string, number>;
  readonly c: number;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

function constLin(c: number): Lin {
  return { terms: new Map(), c };
}

function atomLin(atom: string, coef = 1): Lin {
  return { terms: new Map([[atom, coef]]), c: 0 };
}

function addLin(a: Lin, b: Lin, sign: 1 | -1): Lin {
  const terms = new Map(a.terms);
  for (const [atom, coef] of b.terms) {
    const sum = (terms.get(atom) ?? 0) + sign * coef;
    if (sum === 0) terms.delete(atom);
    else terms.set(atom, sum);
  }
  return { terms, c: a.c + sign * b.c };
}

function scaleLin(a: Lin, k: number): Lin {
  if (k === 0) return constLin(0);
  const terms = new Map<string, number>();
  for (const [atom, coef] of a.terms) terms.set(atom, coef * k);
  return { terms, c: a.c * k };
}

function isConst(a: Lin): boolean {
  return a.terms.size === 0;
}

/** The atom of a form that is exactly `1*atom` (no constant), if it is one. */
function soleAtom(a: Lin): string | undefined {
  if (a.c !== 0 || a.terms.size !== 1) return undefined;
  const [entry] = a.terms;
  return entry && entry[1] === 1 ? entry[0] : undefined;
}

function formatLin(a: Lin): string {
  const atoms = [...a.terms.keys()].sort();
  let out = '';
  for (const atom of atoms) {
    const coef = a.terms.get(atom) ?? 0;
    const mag = Math.abs(coef);
    const body = mag === 1 ? atom : `${mag}*${atom}`;
    out += coef < 0 ? `-${body}` : out === '' ? body : `+${body}`;
  }
  if (a.c !== 0 || out === '') out += a.c < 0 || out === '' ? `${a.c}` : `+${a.c}`;
  return out;
}

function linToDim(a: Lin): Dim {
  return isConst(a) ? a.c : formatLin(a);
}

/** Wraps a form in parentheses unless it is a single atom. */
function operand(a: Lin): string {
  return soleAtom(a) ?? `(${formatLin(a)})`;
}

function mulLin(a: Lin, b: Lin): Lin {
  if (isConst(a)) return scaleLin(b, a.c);
  if (isConst(b)) return scaleLin(a, b.c);
  // Products of symbols are opaque atoms; pull single coefficients out so 2*B*T is stable.
  const single = (l: Lin): [string, number] | undefined => {
    if (l.c !== 0 || l.terms.size !== 1) return undefined;
    const [entry] = l.terms;
    return entry;
  };
  const sa = single(a);
  const sb = single(b);
  if (sa && sb) return atomLin([sa[0], sb[0]].sort().join('*'), sa[1] * sb[1]);
  return atomLin([operand(a), operand(b)].sort().join('*'));
}

function divLin(a: Lin, n: number, mode: 'floor' | 'ceil'): Lin {
  if (!Number.isInteger(n) || n <= 0) throw new Error(`dim division by ${n}`);
  if (isConst(a)) return constLin(mode === 'floor' ? Math.floor(a.c / n) : Math.ceil(a.c / n));
  if (n === 1) return a;
  const exact = [...a.terms.values()].every((coef) => coef % n === 0);
  if (exact) {
    // floor((n*A + c)/n) = A + floor(c/n) since A is an integer.
    const q = mode === 'floor' ? Math.floor(a.c / n) : Math.ceil(a.c / n);
    return addLin(scaleLin({ terms: a.terms, c: 0 }, 1 / n), constLin(q), 1);
  }
  return atomLin(`${mode}(${operand(a)}/${n})`);
}

// ---- parsing canonical strings back into linear forms ----

type Tok = string;

function tokenize(s: string): Tok[] | undefined {
  const toks: Tok[] = [];
  const re = /\s*([A-Za-z_][A-Za-z0-9_]*|\d+|[-+*/()])/y;
  let pos = 0;
  while (pos < s.length) {
    re.lastIndex = pos;
    const m = re.exec(s);
    if (!m || m[1] === undefined) {
      if (s.slice(pos).trim() === '') break;
      return undefined;
    }
    toks.push(m[1]);
    pos = re.lastIndex;
  }
  return toks;
}

class Parser {
  private i = 0;
  constructor(private readonly toks: readonly Tok[]) {}

  private peek(): Tok | undefined {
    return this.toks[this.i];
  }

  private next(): Tok {
    const t = this.toks[this.i++];
    if (t === undefined) throw new SyntaxError('unexpected end');
    return t;
  }

  private expect(t: Tok): void {
    if (this.next() !== t) throw new SyntaxError(`expected ${t}`);
  }

  done(): boolean {
    return this.i === this.toks.length;
  }

  expr(): Lin {
    let sign: 1 | -1 = 1;
    if (this.peek() === '-') {
      this.next();
      sign = -1;
    }
    let acc = scaleLin(this.term(), sign);
    for (;;) {
      const t = this.peek();
      if (t !== '+' && t !== '-') return acc;
      this.next();
      acc = addLin(acc, this.term(), t === '+' ? 1 : -1);
    }
  }

  private term(): Lin {
    let acc = this.factor();
    while (this.peek() === '*') {
      this.next();
      acc = mulLin(acc, this.factor());
    }
    return acc;
  }

  private factor(): Lin {
    const t = this.next();
    if (/^\d+$/.test(t)) return constLin(Number(t));
    if ((t === 'floor' || t === 'ceil') && this.peek() === '(') {
      this.next();
      const inner = this.expr();
      this.expect('/');
      const n = Number(this.next());
      this.expect(')');
      return divLin(inner, n, t);
    }
    if (IDENT.test(t)) return atomLin(t);
    if (t === '(') {
      const inner = this.expr();
      this.expect(')');
      return inner;
    }
    throw new SyntaxError(`unexpected ${t}`);
  }
}

function toLin(d: Dim): Lin {
  if (typeof d === 'number') return constLin(d);
  const toks = tokenize(d);
  if (toks) {
    try {
      const p = new Parser(toks);
      const lin = p.expr();
      if (p.done()) return lin;
    } catch {
      // not in the canonical grammar: fall through and treat it as one opaque symbol
    }
  }
  return atomLin(d);
}

// ---- public helpers ----

/** Formats a dim for messages: `64` -> `"64"`, `"T"` -> `"T"`. */
export function formatDim(d: Dim): string {
  return typeof d === 'number' ? String(d) : d;
}

/** Formats a shape for messages: `["B", "T", 64]` -> `"[B, T, 64]"`. */
export function formatShape(s: readonly Dim[]): string {
  return `[${s.map(formatDim).join(', ')}]`;
}

/** Whether two dims are equal (same number, or same canonical expression). */
export function sameDim(a: Dim, b: Dim): boolean {
  if (typeof a === 'number' || typeof b === 'number') return a === b;
  return a === b || formatLin(toLin(a)) === formatLin(toLin(b));
}

/** Whether two shapes have equal rank and equal dims. */
export function sameShape(a: readonly Dim[], b: readonly Dim[]): boolean {
  return a.length === b.length && a.every((d, i) => sameDim(d, b[i] ?? NaN));
}

/** `a + b`, folded: `dimAdd("T", 0)` is `"T"`, `dimAdd(3, 4)` is `7`. */
export function dimAdd(a: Dim, b: Dim): Dim {
  return linToDim(addLin(toLin(a), toLin(b), 1));
}

/** `a - b`, folded: `dimSub("T", 2)` is `"T-2"`, `dimSub("T", "T")` is `0`. */
export function dimSub(a: Dim, b: Dim): Dim {
  return linToDim(addLin(toLin(a), toLin(b), -1));
}

/** `a * b`, folded: `dimMul(2, "H")` is `"2*H"`. */
export function dimMul(a: Dim, b: Dim): Dim {
  return linToDim(mulLin(toLin(a), toLin(b)));
}

/** `floor(a / b)` for a positive integer `b`: `dimFloorDiv("T-3", 2)` is `"floor((T-3)/2)"`. */
export function dimFloorDiv(a: Dim, b: number): Dim {
  return linToDim(divLin(toLin(a), b, 'floor'));
}

/** `ceil(a / b)` for a positive integer `b`: `dimCeilDiv("T", 2)` is `"ceil(T/2)"`. */
export function dimCeilDiv(a: Dim, b: number): Dim {
  return linToDim(divLin(toLin(a), b, 'ceil'));
}

/** The product of the numeric dims of a shape (symbolic dims such as B and T skipped). */
export function numericVolume(s: readonly Dim[]): number {
  let n = 1;
  for (const d of s) if (typeof d === 'number') n *= d;
  return n;
}
