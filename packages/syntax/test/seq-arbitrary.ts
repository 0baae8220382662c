/**
 * fast-check arbitraries for valid `.seq` source text, straight from the grammar: random
 * whitespace, line breaks, comments and redundant parentheses wherever the language allows
 * them. Expressions carry their precedence so a child gets the parentheses it needs (and
 * sometimes more), which keeps every generated program valid.
 */
import fc from 'fast-check';

interface Code {
  readonly text: string;
  readonly prec: number; // 1 pipe, 2 additive, 3 multiplicative, 4 unary, 5 postfix, 6 atom
}

const PIPE = 1;
const ADD = 2;
const MUL = 3;
const UNARY = 4;
const POSTFIX = 5;
const ATOM = 6;

const names = fc.constantFrom('x', 'h', 'enc', 'B', 'T', 'hidden', 'in', 'a_1', 'W', 'zeros');
const numbers = fc.constantFrom('0', '64', '0.5', '3e-3', '1.0e+2', '12', '2E5');
const strings = fc.constantFrom('"a"', '"x\\"y"', '"p\\\\q"', '"n\\n"', '""', '"brown-pos"');
const members = fc.constantFrom('h', 'c', 'state', 'out');

/** Space after an operator or comma: may break the line, with or without a comment. */
const gap = fc.constantFrom(' ', '', '  ', '\n    ', ' # note\n    ', '\t');
/** Space where a line break is not allowed (before `(` of a call, `[` of an index). */
const tight = fc.constantFrom('', ' ');

const atom: fc.Arbitrary<Code> = fc.oneof(
  names.map((text) => ({ text, prec: ATOM })),
  numbers.map((text) => ({ text, prec: ATOM })),
  strings.map((text) => ({ text, prec: ATOM })),
  fc.constantFrom('true', 'false').map((text) => ({ text, prec: ATOM })),
);

/** `child` as text fit for a slot needing at least `min`; sometimes extra parentheses. */
function fit(child: Code, min: number, extra: boolean): string {
  return child.prec < min || extra ? `(${child.text})` : child.text;
}

const { expr } = fc.letrec<{ expr: Code; call: Code }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    atom,
    tie('call'),
    fc
      .tuple(tie('expr'), fc.constantFrom('+', '-', '*', '/', '@'), tie('expr'), gap, fc.boolean())
      .map(([l, op, r, g, extra]) => {
        const p = op === '+' || op === '-' ? ADD : MUL;
        return { text: `${fit(l, p, extra)} ${op}${g}${fit(r, p + 1, false)}`, prec: p };
      }),
    fc.tuple(tie('expr'), gap, tie('call')).map(([l, g, r]) => ({
      text: `${fit(l, PIPE, false)} |>${g}${r.text}`,
      prec: PIPE,
    })),
    tie('expr').map((e) => ({ text: `-${fit(e, UNARY, false)}`, prec: UNARY })),
    fc.tuple(tie('expr'), members).map(([e, m]) => ({
      // A number before `.` would lex as one bad number: always parenthesise it.
      text: `${fit(e, POSTFIX, /^\d/.test(e.text))}.${m}`,
      prec: POSTFIX,
    })),
    fc
      .tuple(tie('expr'), tight, fc.option(tie('expr')), fc.boolean(), fc.option(tie('expr')))
      .map(([e, t, start, colon, end]) => {
        const slice = colon || !start ? `${start?.text ?? ''}:${end?.text ?? ''}` : start.text;
        return { text: `${fit(e, POSTFIX, false)}${t}[${slice}]`, prec: POSTFIX };
      }),
    fc.array(tie('expr'), { maxLength: 3 }).map((es) => ({
      text: `[${es.map((e) => e.text).join(', ')}]`,
      prec: ATOM,
    })),
  ),
  call: fc.oneof(
    names.map((text) => ({ text, prec: ATOM })),
    fc
      .tuple(names, tight, fc.array(fc.tuple(fc.option(names), tie('expr'), gap), { maxLength: 3 }))
      .map(([f, t, args]) => ({
        text: `${f}${t}(${args.map(([n, v, g]) => `${g}${n ? `${n} = ` : ''}${v.text}`).join(',')})`,
        prec: ATOM,
      })),
  ),
}));

const targets = fc.array(names, { minLength: 1, maxLength: 3 }).map((ns) => ns.join(', '));

const tensorType = fc
  .tuple(
    fc.array(expr, { maxLength: 3 }),
    fc.oneof(
      fc.constant(''),
      fc.constant(' float'),
      fc.constant(' int'),
      expr.map((v) => ` int < ${fit(v, ADD, false)}`),
    ),
  )
  .map(([dims, dt]) => `[${dims.map((d) => d.text).join(', ')}]${dt}`);

/** A statement, and whether it must follow a `;` (it starts with `-`). */
type Stmt = string;
const startsWithMinus = (s: string): boolean => s.startsWith('-');

const modelStmt: fc.Arbitrary<Stmt> = fc.oneof(
  fc.tuple(names, tensorType).map(([n, t]) => `input ${n}: ${t}`),
  targets.map((t) => `output ${t}`),
  fc.tuple(targets, expr).map(([t, e]) => `${t} = ${e.text}`),
  fc.tuple(expr, targets).map(([e, t]) => `${e.text} -> ${t}`),
);

const cellStmt: fc.Arbitrary<Stmt> = fc.oneof(
  fc
    .tuple(fc.constantFrom('param', 'state'), names, tensorType, fc.option(expr))
    .map(([kw, n, t, init]) => `${kw} ${n}: ${t}${init ? ` = ${init.text}` : ''}`),
  fc.tuple(targets, expr).map(([t, e]) => `${t} = ${e.text}`),
  expr.map((e) => `emit ${e.text}`),
);

const setting: fc.Arbitrary<Stmt> = fc.tuple(names, expr).map(([k, e]) => `${k} = ${e.text}`);

const comment = fc.constantFrom('# a comment', '#', '# x |> f -> y', '#  spaced  out');

/** Statements joined by newlines, `;`, blank lines and comments. */
function block(stmt: fc.Arbitrary<Stmt>): fc.Arbitrary<string> {
  const sep = fc.constantFrom('\n  ', '; ', ';\n  ', '\n\n  ', '\n\n\n  ');
  return fc
    .array(fc.tuple(stmt, sep, fc.option(comment), fc.option(comment)), { maxLength: 5 })
    .map((parts) => {
      let out = '{';
      for (const [s, sp, own, eol] of parts) {
        const safeSep = startsWithMinus(s) ? '; ' : sp;
        out += `${own ? `\n  ${own}\n  ` : ''}${safeSep}${s}${eol ? ` ${eol}\n ` : ''}`;
      }
      return `${out}\n}`;
    });
}

const hyper = fc.option(
  fc
    .array(fc.tuple(names, fc.option(expr)), { maxLength: 3 })
    .map((ps) => `(${ps.map(([n, d]) => (d ? `${n} = ${d.text}` : n)).join(', ')})`),
);

const topItem: fc.Arbitrary<string> = fc.oneof(
  strings.map((s) => `import ${s}`),
  fc.tuple(names, hyper, block(modelStmt)).map(([n, h, b]) => `model ${n}${h ?? ''} ${b}`),
  fc.tuple(names, hyper, block(cellStmt)).map(([n, h, b]) => `cell ${n}${h ?? ''} ${b}`),
  fc
    .tuple(names, fc.oneof(names, strings), block(setting))
    .map(([m, d, b]) => `train ${m} on ${d} ${b}`),
);

/** A whole valid `.seq` file. */
export const seqProgram: fc.Arbitrary<string> = fc
  .array(fc.tuple(topItem, fc.option(comment), fc.constantFrom('\n', '\n\n', ' ', ';\n')), {
    maxLength: 4,
  })
  .map((items) => items.map(([it, c, sep]) => `${c ? `${c}\n` : ''}${it}${sep}`).join(''));
