/**
 * Evaluating written tensor types: dims are numbers, hyperparameter names (their values)
 * or, where allowed, symbols such as `B` and `T`.
 */
import type { Dim, TensorType } from '@seqlab/ir';
import type { Expr, TensorTypeExpr } from '@seqlab/syntax';
import { MAX_SIZE, showCount } from '../limits.js';
import type { Reporter } from '../reporter.js';
import { evalConst, kindOf, showConst, type ConstScope } from './constant.js';

/** Evaluate one dim; `allowSymbols` lets unknown names become symbolic dims. */
export function evalDim(
  e: Expr,
  scope: ConstScope,
  rep: Reporter,
  allowSymbols: boolean,
): Dim | undefined {
  if (e.kind === 'NameExpr' && scope.lookup(e.name.name) === undefined && allowSymbols) {
    return e.name.name;
  }
  const v = evalConst(e, scope, rep);
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
    rep.error(
      'badType',
      e.span,
      `a dimension must be a positive integer${allowSymbols ? ' or a symbol such as T' : ''}; got ${kindOf(v)} ${showConst(v)}`,
    );
    return undefined;
  }
  if (v > MAX_SIZE) {
    rep.error(
      'sizeLimit',
      e.span,
      `a dimension of ${showCount(v)} is above seqlab's limit of ${showCount(MAX_SIZE)}`,
    );
    return undefined;
  }
  return v;
}

/** Evaluate every dim of a shape; `undefined` if any failed (each reported). */
export function evalDims(
  dims: readonly Expr[],
  scope: ConstScope,
  rep: Reporter,
  allowSymbols: boolean,
): Dim[] | undefined {
  const out: Dim[] = [];
  let ok = true;
  for (const d of dims) {
    const v = evalDim(d, scope, rep, allowSymbols);
    if (v === undefined) ok = false;
    else out.push(v);
  }
  return ok ? out : undefined;
}

/** The type of a model input: float by default, `int < V` for token ids. */
export function evalInputType(
  t: TensorTypeExpr,
  scope: ConstScope,
  rep: Reporter,
): TensorType | undefined {
  const shape = evalDims(t.dims, scope, rep, true);
  if (!shape) return undefined;
  if (shape.length === 0) {
    rep.error('badType', t.span, 'an input needs at least a batch dimension, e.g. [B, T, 4]');
    return undefined;
  }
  if (t.dtype !== 'int') return { dtype: 'float32', shape };
  if (t.vocab === undefined) {
    rep.error(
      'badVocab',
      t.span,
      'token ids need a vocabulary bound: write `int < V` with V the number of distinct tokens',
    );
    return undefined;
  }
  const v = evalConst(t.vocab, scope, rep);
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
    rep.error(
      'badVocab',
      t.vocab.span,
      `the vocabulary bound must be a positive integer; got ${showConst(v)}`,
    );
    return undefined;
  }
  if (v > MAX_SIZE) {
    rep.error(
      'sizeLimit',
      t.vocab.span,
      `a vocabulary of ${showCount(v)} is above seqlab's limit of ${showCount(MAX_SIZE)}`,
    );
    return undefined;
  }
  return { dtype: 'int32', shape, vocab: v };
}
