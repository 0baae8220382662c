/** Parameter initialisers as written in cells: `zeros`, `uniform(-0.1, 0.1)`, ... */
import type { Init } from '@seqlab/ir';
import type { Expr } from '@seqlab/syntax';
import { evalConst, type ConstScope } from '../eval/constant.js';
import { didYouMean } from '../eval/suggest.js';
import type { Reporter } from '../reporter.js';

interface InitDef {
  readonly params: readonly { name: string; default?: number }[];
  readonly make: (v: readonly number[]) => Init;
}

const INITS: Readonly<Record<string, InitDef>> = {
  zeros: { params: [], make: () => ({ kind: 'zeros' }) },
  ones: { params: [], make: () => ({ kind: 'ones' }) },
  constant: { params: [{ name: 'value' }], make: ([v]) => ({ kind: 'constant', value: v ?? 0 }) },
  uniform: {
    params: [{ name: 'low' }, { name: 'high' }],
    make: ([low, high]) => ({ kind: 'uniform', low: low ?? 0, high: high ?? 0 }),
  },
  normal: {
    params: [
      { name: 'mean', default: 0 },
      { name: 'std', default: 1 },
    ],
    make: ([mean, std]) => ({ kind: 'normal', mean: mean ?? 0, std: std ?? 1 }),
  },
  xavier_uniform: {
    params: [{ name: 'gain', default: 1 }],
    make: ([g]) => ({ kind: 'xavier_uniform', gain: g ?? 1 }),
  },
  orthogonal: {
    params: [{ name: 'gain', default: 1 }],
    make: ([g]) => ({ kind: 'orthogonal', gain: g ?? 1 }),
  },
};

/** The names of the initialisers, for completion and messages. */
export const INITIALISER_NAMES: readonly string[] = Object.keys(INITS);

/** Evaluate an initialiser expression; reports and returns `undefined` on error. */
export function evalInit(e: Expr, scope: ConstScope, rep: Reporter): Init | undefined {
  const name =
    e.kind === 'NameExpr' ? e.name.name : e.kind === 'CallExpr' ? e.callee.name : undefined;
  const def = name === undefined ? undefined : INITS[name];
  if (!def || name === undefined) {
    rep.error(
      'unknownLayer',
      e.span,
      `unknown initialiser${name ? ` \`${name}\`${didYouMean(name, INITIALISER_NAMES)}` : ''}; use one of ${INITIALISER_NAMES.join(', ')}`,
    );
    return undefined;
  }
  const args = e.kind === 'CallExpr' ? e.args : [];
  const values: number[] = [];
  let ok = true;
  def.params.forEach((p, i) => {
    const arg = args.find((a) => a.name?.name === p.name) ?? args.filter((a) => !a.name)[i];
    if (!arg) {
      if (p.default === undefined) {
        rep.error('missingArgument', e.span, `${name} needs \`${p.name}\``);
        ok = false;
      }
      values.push(p.default ?? 0);
      return;
    }
    const v = evalConst(arg.value, scope, rep);
    if (typeof v !== 'number') {
      if (v !== undefined)
        rep.error('argumentType', arg.span, `${name}(${p.name}) must be a number`);
      ok = false;
      values.push(0);
      return;
    }
    values.push(v);
  });
  if (args.length > def.params.length) {
    rep.error('tooManyArguments', e.span, `${name} takes ${def.params.length} argument(s)`);
    ok = false;
  }
  return ok ? def.make(values) : undefined;
}
