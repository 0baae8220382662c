/**
 * One time step of a user cell as Python statements. Single-use values are inlined into
 * the expression that reads them, so `h = tanh(W_xh @ x + W_hh @ h + b_h)` comes back as one
 * line; values read several times get a variable. A state's new value takes the state's
 * own name (`h = ...`) unless the old value is still read afterwards, then `h_next`.
 */
import type { Graph, Node } from '@seqlab/ir';
import { ExportError } from './errors.js';
import { atom, type Expr } from './expr.js';
import { NameAllocator } from './python-names.js';
import { isTensorOp, tensorExpr } from './tensor-ops.js';

/** The generated step: parameter names, statements, and the returned expressions. */
export interface StepCode {
  readonly args: readonly string[];
  readonly lines: readonly string[];
  readonly returns: readonly string[];
}

const ATOMS = new Set(['param', 'constant']);

function outputOf(node: Node): string {
  const out = node.outputs[0];
  if (out === undefined || node.outputs.length !== 1) {
    throw new ExportError(`${node.op} '${node.name}' inside a cell must have one output`);
  }
  return out;
}

/**
 * Generates the step of `body` (inputs: `numSequences` x_t, then one value per state;
 * outputs: every next state, then the emitted value). `paramRef` spells a parameter.
 */
export function stepBody(
  body: Graph,
  numSequences: number,
  stateNames: readonly string[],
  paramRef: (full: string) => string,
): StepCode {
  const names = new NameAllocator();
  const args = body.inputs.map((id, i) =>
    i < numSequences
      ? names.fresh(body.values[id]?.name ?? (numSequences === 1 ? 'x' : `x${i}`))
      : names.fresh(stateNames[i - numSequences] ?? `s${i}`),
  );
  const exprs = new Map<string, Expr>(body.inputs.map((id, i) => [id, atom(args[i] ?? '')]));

  const uses = new Map<string, number>();
  const consumer = new Map<string, number>();
  body.nodes.forEach((n, i) => {
    for (const id of n.inputs) {
      uses.set(id, (uses.get(id) ?? 0) + 1);
      consumer.set(id, i);
    }
  });
  const returned = new Set(body.outputs);
  const inline = body.nodes.map((n) => {
    if (!isTensorOp(n.op)) throw new ExportError(`a cell cannot contain ${n.op} '${n.name}'`);
    const out = outputOf(n);
    return ATOMS.has(n.op) || (uses.get(out) === 1 && !returned.has(out));
  });
  // Where each node's expression is evaluated: its own line, or the line it is inlined into.
  const RETURN = body.nodes.length;
  const pos = new Array<number>(body.nodes.length);
  for (let i = body.nodes.length - 1; i >= 0; i--) {
    const n = body.nodes[i] as Node;
    pos[i] =
      !inline[i] || ATOMS.has(n.op) ? i : (pos[consumer.get(outputOf(n)) ?? RETURN] ?? RETURN);
  }
  const lastRead = (id: string): number => {
    let last = body.outputs.includes(id) ? RETURN : -1;
    body.nodes.forEach((n, i) => {
      if (n.inputs.includes(id)) last = Math.max(last, pos[i] ?? RETURN);
    });
    return last;
  };

  // Variable names of materialised values: states' new values first, then the rest.
  const varOf = new Map<string, string>();
  const producer = new Map(body.nodes.map((n, i) => [outputOf(n), i]));
  stateNames.forEach((s, j) => {
    const next = body.outputs[j];
    const prev = body.inputs[numSequences + j];
    const at = next === undefined ? undefined : producer.get(next);
    if (next === undefined || prev === undefined || at === undefined || varOf.has(next)) return;
    if (inline[at]) return;
    const free = lastRead(prev) <= at;
    varOf.set(next, free ? (args[numSequences + j] ?? s) : names.fresh(`${s}_next`));
  });

  const lines: string[] = [];
  body.nodes.forEach((n, i) => {
    const out = outputOf(n);
    const e = tensorExpr(
      n,
      n.inputs.map((id) => {
        const got = exprs.get(id);
        if (got === undefined) throw new ExportError(`cell value ${id} is read before it is set`);
        return got;
      }),
      paramRef,
    );
    if (inline[i]) {
      exprs.set(out, e);
      return;
    }
    const emitted = out === body.outputs[body.outputs.length - 1];
    const name = varOf.get(out) ?? names.fresh(body.values[out]?.name ?? (emitted ? 'y' : 't'));
    lines.push(`${name} = ${e.text}`);
    exprs.set(out, atom(name));
  });
  const returns = body.outputs.map((id) => {
    const e = exprs.get(id);
    if (e === undefined) throw new ExportError(`cell output ${id} is never computed`);
    return e.text;
  });
  return { args, lines, returns };
}
