/**
 * Evaluating a cell's equations into its body graph. Equations are written per example
 * (`W @ x` with W `[hidden, in]` and x `[in]`); the body carries the batch dim, so every
 * value remembers whether it is batched (depends on x or a state) or not (params,
 * constants). Shapes in messages are shown per example, as the user wrote them.
 */
import type { Span } from '@seqlab/diagnostics';
import { formatShape, type Dim, type GraphBuilder, type OpAttrs, type OpName } from '@seqlab/ir';
import type { Expr } from '@seqlab/syntax';
import { evalConst, type ConstScope } from '../eval/constant.js';
import { didYouMean } from '../eval/suggest.js';
import { addNodeTo, type LayerContext } from '../model/context.js';

/** A value inside the cell body. */
export interface CellVal {
  readonly id: string;
  /** True when the value has the batch dim (derived from x or a state). */
  readonly batched: boolean;
}

const UNARY_FUNCS: Readonly<Record<string, OpName>> = {
  tanh: 'tanh',
  sigmoid: 'sigmoid',
  relu: 'relu',
  gelu: 'gelu',
  silu: 'silu',
  exp: 'exp',
  log: 'log',
  softmax: 'softmax',
};

/** Names a cell may not declare: `x` is the step input, `in` its width. */
const RESERVED = new Set(['x', 'in']);

/** The evaluator of cell equations over one body graph. */
export class CellBody {
  readonly env = new Map<string, CellVal>();
  /** Names whose equation or declaration failed; their uses stay silent (one mistake, one error). */
  readonly poisoned = new Set<string>();
  readonly params = new Map<string, string>();
  private readonly paramNodes = new Map<string, CellVal>();
  private readonly declared = new Set<string>(RESERVED);
  private counter = 0;

  constructor(
    private readonly ctx: LayerContext,
    private readonly bg: GraphBuilder,
    private readonly scope: ConstScope,
    private readonly layer: string,
    private readonly suffix: string,
  ) {}

  /** Claim a param/state name; reports duplicates and reserved names. */
  declare(name: string, span: Span): boolean {
    if (RESERVED.has(name)) {
      this.ctx.rep.error(
        'reservedName',
        span,
        `\`${name}\` is reserved in cells (x is the step input, in its width)`,
      );
      return false;
    }
    if (this.declared.has(name) || this.scope.lookup(name) !== undefined) {
      this.ctx.rep.error(
        'duplicateDefinition',
        span,
        `\`${name}\` is already defined in this cell`,
      );
      return false;
    }
    this.declared.add(name);
    return true;
  }

  /** The per-example shape (batch dim dropped) for messages. */
  perExample(v: CellVal): readonly Dim[] {
    const s = this.bg.type(v.id).shape;
    return v.batched ? s.slice(1) : s;
  }

  assign(
    targets: readonly { name: string; span: Span }[],
    value: Expr,
    span: Span,
    assigned: Set<string>,
  ): void {
    const rep = this.ctx.rep;
    let vals: CellVal[] | undefined;
    if (targets.length > 1) {
      if (value.kind !== 'CallExpr' || value.callee.name !== 'split') {
        rep.error(
          'targetCount',
          span,
          `${targets.length} names need \`split(v, ${targets.length})\` on the right`,
        );
        return;
      }
      vals = this.split(value, targets.length);
    } else {
      const v = this.eval(value);
      vals = v ? [v] : undefined;
    }
    if (!vals) {
      for (const t of targets) {
        this.poisoned.add(t.name);
        assigned.add(t.name);
      }
      return;
    }
    targets.forEach((t, i) => {
      const v = vals[i];
      if (!v) return;
      if (this.params.has(t.name) || t.name === 'x' || this.scope.lookup(t.name) !== undefined) {
        rep.error(
          'reservedName',
          t.span,
          `\`${t.name}\` cannot be assigned (it is a parameter, the input or a constant)`,
        );
        return;
      }
      assigned.add(t.name);
      this.env.set(t.name, v);
    });
  }

  private add<K extends OpName>(
    op: K,
    attrs: OpAttrs[K],
    inputs: CellVal[],
    span: Span,
  ): CellVal | undefined {
    const out = addNodeTo(
      this.bg,
      this.ctx,
      op,
      attrs,
      inputs.map((v) => v.id),
      span,
      {
        name: `${this.layer}${this.suffix}.${op}${this.counter++}`,
      },
    );
    const id = out?.[0];
    return id === undefined ? undefined : { id, batched: inputs.some((v) => v.batched) };
  }

  private constant(value: number, span: Span): CellVal | undefined {
    return this.add('constant', { value }, [], span);
  }

  eval(e: Expr): CellVal | undefined {
    const rep = this.ctx.rep;
    switch (e.kind) {
      case 'NumberLiteral':
        return this.constant(e.value, e.span);
      case 'NameExpr': {
        const name = e.name.name;
        const local = this.env.get(name);
        if (local) return local;
        const param = this.params.get(name);
        if (param) {
          const hit = this.paramNodes.get(name);
          if (hit) return hit;
          const v = this.add('param', { name: param }, [], e.span);
          if (v) this.paramNodes.set(name, v);
          return v;
        }
        const c = this.scope.lookup(name);
        if (typeof c === 'number') return this.constant(c, e.span);
        if (c !== undefined) {
          rep.error(
            'notAValue',
            e.span,
            `\`${name}\` is not a number, so it cannot be used in an equation`,
          );
          return undefined;
        }
        if (this.poisoned.has(name)) return undefined;
        const known = [...this.env.keys(), ...this.params.keys()];
        rep.error(
          'unknownName',
          e.span,
          `unknown name \`${name}\` in the cell${didYouMean(name, known)}`,
        );
        return undefined;
      }
      case 'BinaryExpr': {
        const l = this.eval(e.left);
        const r = this.eval(e.right);
        if (!l || !r) return undefined;
        if (e.op === '@') return this.matmul(l, r, e);
        const op = ({ '+': 'add', '-': 'sub', '*': 'mul', '/': 'div' } as const)[e.op];
        return this.add(op, {}, [l, r], e.span);
      }
      case 'UnaryExpr': {
        const v = this.eval(e.operand);
        return v ? this.add('neg', {}, [v], e.span) : undefined;
      }
      case 'CallExpr':
        return this.call(e);
      case 'IndexExpr': {
        const v = this.eval(e.object);
        if (!v) return undefined;
        const shape = this.bg.type(v.id).shape;
        const width = shape[shape.length - 1];
        const bound = (x: Expr | undefined, dflt: number | undefined): number | undefined => {
          if (x === undefined) return dflt;
          const c = evalConst(x, this.scope, rep);
          if (typeof c === 'number' && Number.isInteger(c)) return c;
          if (c !== undefined) rep.error('argumentType', x.span, 'slice bounds must be integers');
          return undefined;
        };
        const start = bound(e.index.start, 0);
        const end = e.index.isRange
          ? bound(e.index.end, typeof width === 'number' ? width : undefined)
          : start === undefined
            ? undefined
            : start + 1;
        if (start === undefined || end === undefined) return undefined;
        return this.add('slice', { start, end }, [v], e.span);
      }
      default:
        rep.error(
          'notAValue',
          e.span,
          'cell equations use names, numbers, operators and functions such as tanh(...)',
        );
        return undefined;
    }
  }

  private call(e: Extract<Expr, { kind: 'CallExpr' }>): CellVal | undefined {
    const rep = this.ctx.rep;
    const name = e.callee.name;
    if (e.args.some((a) => a.name !== undefined)) {
      rep.error('unknownArgument', e.span, `${name}(...) takes positional arguments only here`);
      return undefined;
    }
    const op = UNARY_FUNCS[name];
    if (op) {
      if (e.args.length !== 1) {
        rep.error('arityMismatch', e.span, `${name} takes one argument; got ${e.args.length}`);
        return undefined;
      }
      const arg = e.args[0];
      const v = arg ? this.eval(arg.value) : undefined;
      return v ? this.add(op as 'tanh', {}, [v], e.span) : undefined;
    }
    if (name === 'concat') {
      const vals: CellVal[] = [];
      for (const a of e.args) {
        const v = this.eval(a.value);
        if (!v) return undefined;
        vals.push(v);
      }
      if (vals.length < 2) {
        rep.error('arityMismatch', e.span, 'concat joins at least two values');
        return undefined;
      }
      return this.add('concat', {}, vals, e.span);
    }
    if (name === 'split') {
      rep.error('targetCount', e.span, 'split gives several values; name them: a, b = split(v, 2)');
      return undefined;
    }
    rep.error(
      'unknownLayer',
      e.callee.span,
      `unknown function \`${name}\` in a cell${didYouMean(name, [...Object.keys(UNARY_FUNCS), 'concat', 'split'])}`,
    );
    return undefined;
  }

  private split(e: Extract<Expr, { kind: 'CallExpr' }>, parts: number): CellVal[] | undefined {
    const rep = this.ctx.rep;
    const [vArg, nArg] = e.args;
    if (!vArg || !nArg || e.args.length !== 2) {
      rep.error('arityMismatch', e.span, 'split takes a value and a count: split(v, 4)');
      return undefined;
    }
    const n = evalConst(nArg.value, this.scope, rep);
    if (n === undefined) return undefined;
    if (n !== parts) {
      rep.error(
        'targetCount',
        nArg.span,
        `split into ${String(n)} parts but ${parts} names are assigned`,
      );
      return undefined;
    }
    const v = this.eval(vArg.value);
    if (!v) return undefined;
    const shape = this.bg.type(v.id).shape;
    const width = shape[shape.length - 1];
    if (typeof width !== 'number' || width % parts !== 0) {
      rep.error(
        'splitShape',
        e.span,
        `cannot split width ${String(width)} into ${parts} equal parts (value is ${formatShape(this.perExample(v))})`,
      );
      return undefined;
    }
    const size = width / parts;
    const out: CellVal[] = [];
    for (let i = 0; i < parts; i++) {
      const s = this.add('slice', { start: i * size, end: (i + 1) * size }, [v], e.span);
      if (!s) return undefined;
      out.push(s);
    }
    return out;
  }

  /** `@`: matrix times (per-example) vector, vector times matrix, or matrix times matrix. */
  private matmul(
    l: CellVal,
    r: CellVal,
    e: Extract<Expr, { kind: 'BinaryExpr' }>,
  ): CellVal | undefined {
    const ls = this.perExample(l);
    const rs = this.perExample(r);
    const show = `${formatShape(ls)} @ ${formatShape(rs)}`;
    const fail = (why: string): undefined => {
      this.ctx.rep.error('matmulShape', e.span, `cannot multiply ${show}: ${why}`);
      return undefined;
    };
    if (!l.batched && ls.length === 2 && rs.length === 1) {
      if (ls[1] !== rs[0])
        return fail(
          `the matrix has ${String(ls[1])} columns but the vector has ${String(rs[0])} entries`,
        );
      return this.add('matmul', { transpose_b: true }, [r, l], e.span);
    }
    if (ls.length === 1 && !r.batched && rs.length === 2) {
      if (ls[0] !== rs[0])
        return fail(
          `the vector has ${String(ls[0])} entries but the matrix has ${String(rs[0])} rows`,
        );
      return this.add('matmul', { transpose_b: false }, [l, r], e.span);
    }
    if (!l.batched && !r.batched && ls.length === 2 && rs.length === 2) {
      if (ls[1] !== rs[0])
        return fail(`inner dimensions ${String(ls[1])} and ${String(rs[0])} differ`);
      return this.add('matmul', { transpose_b: false }, [l, r], e.span);
    }
    return fail(
      '`@` multiplies a parameter matrix with a vector (W @ x) or two parameter matrices',
    );
  }
}
