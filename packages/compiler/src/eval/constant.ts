/**
 * Compile-time evaluation of constant expressions: hyperparameter defaults, layer
 * arguments, dims in types, train settings. Everything here is a plain JS value.
 */
import type { Expr } from '@seqlab/syntax';
import type { Reporter } from '../reporter.js';
import { didYouMean } from './suggest.js';

/** A compile-time value. `null` is written `none`. */
export type ConstValue = number | string | boolean | null | readonly ConstValue[];

/** Names visible to constant expressions (hyperparameters, mostly). */
export interface ConstScope {
  lookup(name: string): ConstValue | undefined;
  names(): Iterable<string>;
}

/** A scope from a plain record. */
export function recordScope(values: Readonly<Record<string, ConstValue>>): ConstScope {
  return {
    lookup: (name) => (Object.hasOwn(values, name) ? values[name] : undefined),
    names: () => Object.keys(values),
  };
}

/** Human name of a constant's kind, for messages. */
export function kindOf(v: ConstValue): string {
  if (v === null) return 'none';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'number') return Number.isInteger(v) ? 'an integer' : 'a number';
  if (typeof v === 'string') return 'a string';
  return 'a boolean';
}

/** Show a constant the way it would be written in a `.seq` file. */
export function showConst(v: ConstValue): string {
  if (v === null) return 'none';
  if (Array.isArray(v)) return `[${v.map(showConst).join(', ')}]`;
  if (typeof v === 'string') return JSON.stringify(v);
  return String(v);
}

/**
 * Evaluate `expr` as a constant. Reports and returns `undefined` on failure. Bare names that
 * are not in scope are reported unless `bareNamesAsStrings` is set (train settings write
 * `loss = cross_entropy`, a symbol rather than a variable).
 */
export function evalConst(
  expr: Expr,
  scope: ConstScope,
  rep: Reporter,
  opts: { bareNamesAsStrings?: boolean } = {},
): ConstValue | undefined {
  switch (expr.kind) {
    case 'NumberLiteral':
      return expr.value;
    case 'StringLiteral':
      return expr.value;
    case 'BoolLiteral':
      return expr.value;
    case 'NameExpr': {
      const name = expr.name.name;
      if (name === 'none') return null;
      const v = scope.lookup(name);
      if (v !== undefined) return v;
      if (opts.bareNamesAsStrings) return name;
      rep.error(
        'unknownName',
        expr.span,
        `unknown name \`${name}\`${didYouMean(name, scope.names())}`,
      );
      return undefined;
    }
    case 'ListExpr': {
      const out: ConstValue[] = [];
      for (const e of expr.elements) {
        const v = evalConst(e, scope, rep, opts);
        if (v === undefined) return undefined;
        out.push(v);
      }
      return out;
    }
    case 'UnaryExpr': {
      const v = evalConst(expr.operand, scope, rep, opts);
      if (v === undefined) return undefined;
      if (typeof v !== 'number') {
        rep.error('notConstant', expr.span, `cannot negate ${kindOf(v)}`);
        return undefined;
      }
      return -v;
    }
    case 'BinaryExpr': {
      const l = evalConst(expr.left, scope, rep, opts);
      const r = evalConst(expr.right, scope, rep, opts);
      if (l === undefined || r === undefined) return undefined;
      if (typeof l !== 'number' || typeof r !== 'number' || expr.op === '@') {
        rep.error(
          'notConstant',
          expr.span,
          `\`${expr.op}\` on ${kindOf(l)} and ${kindOf(r)} is not a constant number expression`,
        );
        return undefined;
      }
      return arith(expr.op, l, r);
    }
    default:
      rep.error(
        'notConstant',
        expr.span,
        'a constant (number, string, boolean or list) is needed here',
      );
      return undefined;
  }
}

/** Apply a binary arithmetic operator to two numbers. */
export function arith(op: '+' | '-' | '*' | '/', l: number, r: number): number {
  switch (op) {
    case '+':
      return l + r;
    case '-':
      return l - r;
    case '*':
      return l * r;
    case '/':
      return l / r;
  }
}
