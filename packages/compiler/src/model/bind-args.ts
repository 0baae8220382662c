/**
 * Binding a call's arguments to a layer's signature: the piped value and the first
 * positional arguments fill the data inputs, the rest fill the declared arguments in order,
 * named arguments go by name. Each argument is checked against its declared kind.
 */
import type { Span } from '@seqlab/diagnostics';
import type { Argument, CallExpr, Expr } from '@seqlab/syntax';
import { evalConst, kindOf, showConst, type ConstValue } from '../eval/constant.js';
import { didYouMean } from '../eval/suggest.js';
import type { ArgDef, BoundArgs, LayerDef } from '../layers/layer-def.js';
import { signatureOf } from '../layers/layer-def.js';
import { MAX_SIZE, showCount } from '../limits.js';
import type { LayerContext } from './context.js';
import type { ModelVal } from './values.js';

/** Evaluates an expression to a model value (supplied by the model elaborator). */
export type ValueEvaluator = (e: Expr) => ModelVal | undefined;

/** The result of binding: data inputs, checked arguments, and the user's layer name. */
export interface Binding {
  readonly inputs: string[];
  readonly args: BoundArgs;
  readonly explicitName?: string;
}

/** Bind `call` (absent for a bare layer name) with `piped` inputs to `def`. */
export function bindArgs(
  def: LayerDef,
  call: CallExpr | undefined,
  piped: readonly string[],
  siteSpan: Span,
  ctx: LayerContext,
  evalValue: ValueEvaluator,
): Binding | undefined {
  const args = call?.args ?? [];
  const positional = args.filter((a) => a.name === undefined);
  const named = args.filter((a): a is NamedArgument => a.name !== undefined);
  const data = bindInputs(def, positional, piped, siteSpan, ctx, evalValue);
  if (!data) return undefined;
  const declared = givenArguments(def, positional.slice(data.next), named, siteSpan, ctx);
  if (!declared) return undefined;
  const checked = checkDeclaredArgs(def, declared.given, siteSpan, ctx, evalValue);
  if (!data.ok || !declared.ok || !checked) return undefined;
  const name = checked.consts['name'];
  return {
    inputs: data.inputs,
    args: checked,
    ...(typeof name === 'string' ? { explicitName: name } : {}),
  };
}

/** An argument written `name = value`. */
type NamedArgument = Argument & { name: NonNullable<Argument['name']> };

/**
 * Data inputs: piped first, then as many positional arguments as the layer needs. `next` is
 * the first positional left for the declared arguments; `ok` is false after a reported
 * error. Undefined when the input count is wrong (reported).
 */
function bindInputs(
  def: LayerDef,
  positional: readonly Argument[],
  piped: readonly string[],
  siteSpan: Span,
  ctx: LayerContext,
  evalValue: ValueEvaluator,
): { inputs: string[]; next: number; ok: boolean } | undefined {
  const rep = ctx.rep;
  let ok = true;
  const inputs = [...piped];
  const variadic = def.inputs.max === Infinity;
  let next = 0;
  while (next < positional.length && (variadic || inputs.length < def.inputs.min)) {
    const arg = positional[next++];
    if (!arg) break;
    const v = evalValue(arg.value);
    if (v === undefined) {
      ok = false;
      continue;
    }
    if (v.kind === 'tensor') inputs.push(v.id);
    else if (v.kind === 'list' && variadic) {
      for (const item of v.items) {
        if (item.kind === 'tensor') inputs.push(item.id);
        else {
          rep.error(
            'notAValue',
            arg.value.span,
            `${def.name} takes tensors; this list holds a state`,
          );
          ok = false;
        }
      }
    } else {
      rep.error('notAValue', arg.value.span, `${def.name} needs a tensor here`);
      ok = false;
    }
  }
  if (ok && (inputs.length < def.inputs.min || inputs.length > def.inputs.max)) {
    const want =
      def.inputs.max === Infinity
        ? `at least ${def.inputs.min}`
        : def.inputs.min === def.inputs.max
          ? `${def.inputs.min}`
          : `${def.inputs.min} to ${def.inputs.max}`;
    rep.error(
      'arityMismatch',
      siteSpan,
      `${def.name} takes ${want} input value${want === '1' ? '' : 's'}; got ${inputs.length}`,
      piped.length === 0 && def.inputs.min > 0
        ? `pipe a value into it: x |> ${def.name}(...)`
        : undefined,
    );
    return undefined;
  }

  return { inputs, next, ok };
}

/**
 * Declared arguments: the positionals left over, in order, then the named ones. Undefined
 * when there are too many positionals (reported); `ok` is false after other reported errors.
 */
function givenArguments(
  def: LayerDef,
  remaining: readonly Argument[],
  named: readonly NamedArgument[],
  siteSpan: Span,
  ctx: LayerContext,
): { given: Map<string, Expr>; ok: boolean } | undefined {
  const rep = ctx.rep;
  let ok = true;
  const given = new Map<string, Expr>();
  const positionalArgs = def.args.filter((d) => !d.namedOnly);
  if (remaining.length > positionalArgs.length) {
    const extra = remaining[positionalArgs.length];
    rep.error(
      'tooManyArguments',
      extra?.span ?? siteSpan,
      `too many arguments for ${def.name}; it is ${signatureOf(def)}`,
    );
    return undefined;
  }
  remaining.forEach((a, i) => {
    const d = positionalArgs[i];
    if (d) given.set(d.name, a.value);
  });
  for (const a of named) {
    const key = a.name.name;
    if (!def.args.some((d) => d.name === key)) {
      rep.error(
        'unknownArgument',
        a.name.span,
        `${def.name} has no argument \`${key}\`${didYouMean(
          key,
          def.args.map((d) => d.name),
        )}`,
        `${def.name} is ${signatureOf(def)}`,
      );
      ok = false;
      continue;
    }
    if (given.has(key)) {
      rep.error('duplicateArgument', a.span, `argument \`${key}\` is given twice`);
      ok = false;
      continue;
    }
    given.set(key, a.value);
  }

  return { given, ok };
}

/** Check each declared argument against its kind, filling defaults; undefined after errors (reported). */
function checkDeclaredArgs(
  def: LayerDef,
  given: ReadonlyMap<string, Expr>,
  siteSpan: Span,
  ctx: LayerContext,
  evalValue: ValueEvaluator,
): BoundArgs | undefined {
  const rep = ctx.rep;
  let ok = true;
  const consts: Record<string, ConstValue> = {};
  const states: Record<string, readonly string[]> = {};
  const layers: Record<string, CallExpr> = {};
  for (const d of def.args) {
    const expr = given.get(d.name);
    if (expr === undefined) {
      if (d.default === undefined) {
        rep.error(
          'missingArgument',
          siteSpan,
          `${def.name} needs \`${d.name}\`${d.doc ? ` (${d.doc})` : ''}`,
          `${def.name} is ${signatureOf(def)}`,
        );
        ok = false;
      } else if (d.kind !== 'state' && d.kind !== 'layer') consts[d.name] = d.default;
      continue;
    }
    if (d.kind === 'layer') {
      const inner = asCall(expr);
      if (!inner) {
        rep.error(
          'notALayer',
          expr.span,
          `${def.name} wraps a layer call, e.g. ${def.name}(gru(32))`,
        );
        ok = false;
      } else layers[d.name] = inner;
      continue;
    }
    if (d.kind === 'state') {
      if (expr.kind === 'NameExpr' && expr.name.name === 'none') continue;
      const v = evalValue(expr);
      if (v === undefined) ok = false;
      else if (v.kind === 'state') states[d.name] = v.ids;
      else if (v.kind === 'tensor') states[d.name] = [v.id];
      else {
        rep.error('notAValue', expr.span, `\`${d.name}\` takes a state such as enc.state`);
        ok = false;
      }
      continue;
    }
    const v = evalConst(expr, ctx.hyper, rep);
    if (v === undefined) {
      ok = false;
      continue;
    }
    if (!checkConstArg(def, d, v, expr.span, ctx)) ok = false;
    else consts[d.name] = v;
  }
  return ok ? { consts, states, layers } : undefined;
}

/** A bare layer name used as an argument is a call with no arguments. */
function asCall(e: Expr): CallExpr | undefined {
  if (e.kind === 'CallExpr') return e;
  if (e.kind === 'NameExpr') return { kind: 'CallExpr', callee: e.name, args: [], span: e.span };
  return undefined;
}

function checkConstArg(
  def: LayerDef,
  d: ArgDef,
  v: ConstValue,
  span: Span,
  ctx: LayerContext,
): boolean {
  const rep = ctx.rep;
  const what = `${def.name}(${d.name} = ...)`;
  if (v === null) {
    if (d.nullable) return true;
    rep.error('argumentType', span, `${what} needs a value; \`none\` is not allowed`);
    return false;
  }
  switch (d.kind) {
    case 'int':
    case 'number': {
      if (typeof v !== 'number' || (d.kind === 'int' && !Number.isInteger(v))) {
        rep.error(
          'argumentType',
          span,
          `${what} must be ${d.kind === 'int' ? 'an integer' : 'a number'}; got ${kindOf(v)} ${showConst(v)}`,
        );
        return false;
      }
      if ((d.min !== undefined && v < d.min) || (d.below !== undefined && v >= d.below)) {
        const range =
          d.below !== undefined ? `in [${d.min ?? '-inf'}, ${d.below})` : `at least ${d.min}`;
        rep.error('argumentRange', span, `${what} must be ${range}; got ${v}`);
        return false;
      }
      const max = d.max ?? MAX_SIZE;
      if (d.kind === 'int' && v > max) {
        rep.error(
          'sizeLimit',
          span,
          `${what} is ${showCount(v)}; seqlab allows at most ${showCount(max)}`,
          'see "Limits" in docs/language.md',
        );
        return false;
      }
      return true;
    }
    case 'string':
      if (typeof v !== 'string') {
        rep.error(
          'argumentType',
          span,
          `${what} must be a string; got ${kindOf(v)} ${showConst(v)}`,
        );
        return false;
      }
      if (d.choices && !d.choices.includes(v)) {
        rep.error(
          'argumentRange',
          span,
          `${what} must be one of ${d.choices.map((c) => `"${c}"`).join(', ')}; got "${v}"${didYouMean(v, d.choices)}`,
        );
        return false;
      }
      return true;
    case 'bool':
      if (typeof v !== 'boolean') {
        rep.error(
          'argumentType',
          span,
          `${what} must be true or false; got ${kindOf(v)} ${showConst(v)}`,
        );
        return false;
      }
      return true;
    default:
      return true;
  }
}
