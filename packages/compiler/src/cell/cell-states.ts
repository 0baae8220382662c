/**
 * A cell's states: declared as inputs of the body graph, started at `zeros` or `ones`, and
 * checked after the equations (assigned at all, and back in their declared shape).
 */
import { formatShape, type Dim, type GraphBuilder } from '@seqlab/ir';
import type { CellDecl, StateDecl } from '@seqlab/syntax';
import type { ConstScope } from '../eval/constant.js';
import { evalDims } from '../eval/dims.js';
import type { Reporter } from '../reporter.js';
import type { CellBody } from './cell-body.js';

/** A state the cell declares, with its per-example shape. */
export interface CellState {
  readonly decl: StateDecl;
  readonly shape: Dim[];
}

/** How a state starts: the scan op knows only these two. */
export type StateInit = 'zeros' | 'ones';

/** Declare the cell's states as inputs of the body graph. */
export function declareStates(
  decl: CellDecl,
  body: CellBody,
  bg: GraphBuilder,
  scope: ConstScope,
  rep: Reporter,
): CellState[] {
  const states: CellState[] = [];
  for (const stmt of decl.body) {
    if (stmt.kind !== 'StateDecl') continue;
    if (!body.declare(stmt.name.name, stmt.name.span)) continue;
    const shape = evalDims(stmt.type.dims, scope, rep, false);
    if (!shape) {
      body.poisoned.add(stmt.name.name);
      continue;
    }
    const id = bg.input({ dtype: 'float32', shape: ['B', ...shape] }, stmt.name.name);
    body.env.set(stmt.name.name, { id, batched: true });
    states.push({ decl: stmt, shape });
  }
  return states;
}

/** Each state's starting value; anything but `zeros` or `ones` is reported. */
export function stateInits(states: readonly CellState[], rep: Reporter): StateInit[] {
  return states.map(({ decl: s }) => {
    if (!s.init) return 'zeros';
    if (
      s.init.kind === 'NameExpr' &&
      (s.init.name.name === 'zeros' || s.init.name.name === 'ones')
    ) {
      return s.init.name.name;
    }
    rep.error('argumentType', s.init.span, 'a state starts at `zeros` or `ones`');
    return 'zeros';
  });
}

/** Warn about states no equation assigns: they keep their initial value. */
export function warnUnassignedStates(
  states: readonly CellState[],
  assigned: ReadonlySet<string>,
  rep: Reporter,
): void {
  for (const { decl: s } of states) {
    if (!assigned.has(s.name.name)) {
      rep.warning(
        'stateNeverUpdated',
        s.name.span,
        `state \`${s.name.name}\` is never assigned, so it never changes`,
      );
    }
  }
}

/** The body values of the states after one step, or undefined when one has the wrong shape (reported). */
export function finalStateIds(
  body: CellBody,
  bg: GraphBuilder,
  states: readonly CellState[],
  rep: Reporter,
): string[] | undefined {
  const outs: string[] = [];
  for (const { decl: s, shape } of states) {
    const v = body.env.get(s.name.name);
    if (!v) return undefined;
    const got = bg.type(v.id).shape;
    const want = ['B', ...shape];
    if (!v.batched || got.length !== want.length || got.some((d, i) => d !== want[i])) {
      rep.error(
        'stateShape',
        s.name.span,
        `state \`${s.name.name}\` is ${formatShape(shape)} but is assigned a value of shape ${formatShape(body.perExample(v))}`,
      );
      return undefined;
    }
    outs.push(v.id);
  }
  return outs;
}
